#include "reminders/reminder_pass.h"

#include <Poco/Net/DNS.h>
#include <unistd.h>

#include "app.h"
#include "log.h"

namespace casereview::web {

std::string reminder_sender_name() {
  std::string host = "localhost";
  try {
    host = Poco::Net::DNS::hostName();
  } catch (const Poco::Exception&) {
    // The process id alone still tells this process from another on the machine.
  }
  return host + ":" + std::to_string(getpid());
}

std::string reminder_links_base(const Settings& settings, const std::string& own_url) {
  std::string base = settings.public_url.empty() ? own_url : settings.public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

ReminderPassSummary run_reminder_pass(App& app, Mailer& mailer, const std::string& public_url) {
  auto session = app.store().scan_session();
  ReminderDay day;
  day.today = app.today();
  day.now = app.now();
  day.calendar = app.calendar(*session);
  day.public_url = public_url;
  const std::string sender = reminder_sender_name();
  const auto report = [&](const ReminderOutcome& o) {
    const std::string what = std::string(reminder_kind_name(o.mail->kind)) + " " + o.mail->item_key + " to " +
                             o.mail->to + " (" + o.mail->username + ")";
    if (o.what == ReminderOutcome::What::Sent) {
      log_line(LogLevel::Info, "REMINDER_SENT", what + ", attempt " + std::to_string(o.attempt));
    } else if (o.what == ReminderOutcome::What::Failed) {
      log_line(LogLevel::Warning, "REMINDER_FAILED", what + ", attempt " + std::to_string(o.attempt) + ": " + o.error);
    }
  };
  ReminderPassSummary total;
  for (const Partnership& partnership : session->partnerships().list()) {
    const auto mails = reminders_due(*session, app.workflows(), partnership, day);
    const ReminderPassSummary done = send_reminders(
        *session, mailer, mails, day.today, sender, [] { return Instant::now(); }, report);
    total.due += done.due;
    total.sent += done.sent;
    total.failed += done.failed;
    total.skipped += done.skipped;
  }
  const bool working = day.calendar->is_working_day(day.today);
  log_line(total.failed ? LogLevel::Warning : LogLevel::Info, "REMINDER_PASS",
           day.today.iso() + (working ? "" : " is not a working day, nothing is due") + ": " +
               std::to_string(total.due) + " due, " + std::to_string(total.sent) + " sent, " +
               std::to_string(total.failed) + " failed, " + std::to_string(total.skipped) +
               " already sent or being sent elsewhere (" + sender + ")");
  return total;
}

}  // namespace casereview::web
