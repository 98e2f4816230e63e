#include <csignal>
#include <cstdlib>
#include <iostream>
#include <optional>

#include "cli/cli.h"
#include "daily_checkpoint.h"
#include "http/server.h"
#include "log.h"
#include "memory_release.h"
#include "reminders/reminder_pass.h"
#include "reminders/reminder_schedule.h"
#include "report_warm_up.h"
#include "serving_lock.h"
#include "usable_cores.h"

namespace casereview::web {

int command_serve(const CliArgs& args) {
  if (args.words.size() != 1) throw UsageError{"serve takes no operands"};
  // Block the stop signals before any thread starts, so that they are delivered
  // only to sigwait below and every request thread inherits the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  configure_allocator_for_serving();

  // One server per SQLite file; any number on one PostgreSQL database.
  std::optional<ServingLock> lock;
  if (args.settings.postgres.empty()) {
    lock.emplace(args.settings.db_path);
    if (!lock->held()) throw UsageError{"another casereview server is serving " + args.settings.db_path};
  }
  // Every server of one PostgreSQL database must make pseudonyms and sign
  // with the same key: there a server never makes one of its own.
  const bool shared_database = !args.settings.postgres.empty();
  App app(args.settings, db::SchemaMode::CreateIfEmpty,
          shared_database ? KeyFile::LoadExisting : KeyFile::LoadOrCreate);
  if (app.server_key().empty()) {
    throw UsageError{"there is no server key at " + app.key_path() +
                     ": every server of a PostgreSQL database uses the same one. Make it once with casereview db "
                     "migrate --postgres CONNECTION --key-file " +
                     app.key_path() + " (which also makes the schema), then copy it to each server"};
  }
  // The scan workers start with the server, not inside the first report's
  // request: a thread that cannot be made stops the start, not a request.
  app.scan_workers();
  Server server(app);
  server.start();
  // What the server's own work read is given back as after a long request.
  const auto read_much = [&server](std::chrono::milliseconds took) { server.after_background_work(took); };
  DailyCheckpoint checkpoints(app, read_much);
  ReportWarmUp warm_up(app, read_much);
  log_line(LogLevel::Info, "SERVER_STARTED",
           server.url() + " database " + app.database_name() + " schema " + std::to_string(app.schema_version()) +
               " threads " + std::to_string(app.settings().threads) + " cores " + std::to_string(usable_cores()) +
               (app.settings().today ? " today fixed at " + app.settings().today->iso() : ""));
  std::optional<ReminderSchedule> reminders;
  if (app.settings().smtp.host.empty()) {
    log_line(LogLevel::Info, "REMINDERS_OFF", "no SMTP relay is configured (--smtp-host): no reminder e-mail is sent");
  } else {
    const std::string links = reminder_links_base(app.settings(), server.url());
    log_line(LogLevel::Info, "REMINDERS_ON",
             "through " + app.settings().smtp.host + ":" + std::to_string(app.settings().smtp.port) + " every " +
                 std::to_string(app.settings().reminder_minutes) + " minutes, links to " + links);
    reminders.emplace(app, app.settings().smtp, links, app.settings().reminder_minutes);
  }
  std::cout << "casereview is serving " << server.url() << "  (Ctrl+C to stop)" << std::endl;

  int received = 0;
  sigwait(&stop_signals, &received);
  log_line(LogLevel::Info, "SERVER_STOPPING", std::string("signal ") + std::to_string(received));
  reminders.reset();
  warm_up.request_stop();  // no report begun after this; the one under way ends before it is destroyed
  if (!server.stop()) {
    // A request is still computing after the grace period and the abort: its
    // transaction, uncommitted, is rolled back by the database when it is next
    // opened. Nothing acknowledged is lost; the process must not outlive the stop.
    log_line(LogLevel::Error, "SERVER_STOP_FORCED", "a request thread did not finish; exiting without it");
    std::_Exit(kExitFailure);
  }
  log_line(LogLevel::Info, "SERVER_STOPPED", "");
  return kExitOk;
}

}  // namespace casereview::web
