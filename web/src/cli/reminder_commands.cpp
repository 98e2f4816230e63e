// `casereview reminders send`: one pass of reminder e-mails, then exit, for a
// cron job or a systemd timer beside (or instead of) the server's own schedule.
// The claims in the database make any number of passes at once send each e-mail
// once (engine/include/casereview/engine/reminder_sender.h).
#include <iostream>

#include "cli/cli.h"
#include "reminders/reminder_pass.h"
#include "reminders/smtp_mailer.h"

namespace casereview::web {

int command_reminders_send(const CliArgs& args) {
  if (args.words.size() != 2) throw UsageError{"reminders send takes no operands"};
  const Settings& s = args.settings;
  if (s.smtp.host.empty()) {
    throw UsageError{
        "reminders send needs an SMTP relay: --smtp-host and --smtp-from (or CASEREVIEW_SMTP_HOST and "
        "CASEREVIEW_SMTP_FROM)"};
  }
  App app = open_for_command(args);
  const std::string own =
      std::string(s.tls_certificate.empty() ? "http://" : "https://") + s.bind + ":" + std::to_string(s.port);
  SmtpMailer mailer(s.smtp);
  const ReminderPassSummary done = run_reminder_pass(app, mailer, reminder_links_base(s, own));
  std::cout << "reminders for " << app.today().iso() << ": " << done.due << " due, " << done.sent << " sent, "
            << done.failed << " failed, " << done.skipped << " already sent or being sent elsewhere\n";
  return done.failed > 0 ? kExitFailure : kExitOk;
}

}  // namespace casereview::web
