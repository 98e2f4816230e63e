#include "app.h"

#include <algorithm>

#include "casereview/db/postgres_store.h"
#include "casereview/db/sqlite_store.h"
#include "casereview/engine/audit.h"
#include "casereview/engine/bank_holidays.h"
#include "casereview/engine/passwords.h"
#include "casereview/workflows/all_workflows.h"
#include "server_key.h"
#include "usable_cores.h"

namespace casereview::web {

App::App(Settings settings, db::SchemaMode mode, KeyFile key)
    : settings_(std::move(settings)),
      case_service_(workflows_),
      session_cache_(std::chrono::milliseconds(settings_.session_recheck_ms), kMostSessionsKept,
                     [](const std::string&, const SessionRead&) { return std::size_t{1}; }),
      kept_answers_(std::chrono::milliseconds(settings_.answers_recheck_ms), kMostAnswerBytesKept,
                    [](const std::string& kept_key, const std::shared_ptr<const std::string>& text) {
                      return kept_key.size() + text->size() + 64;  // 64: the entry's own bookkeeping
                    }),
      kept_pages_(std::chrono::milliseconds(lists_trusted_ms(settings_)), kMostPageBytesKept,
                  [](const std::string& kept_key, const std::shared_ptr<const KeptPage>& page) {
                    return kept_key.size() + page->text.size() + 8 * page->identities_shown.size() + 64;
                  }),
      kept_calendar_(std::chrono::milliseconds(lists_trusted_ms(settings_)), 1,
                     [](const std::string&, const CalendarInForce&) { return std::size_t{1}; }) {
  workflows::register_all(workflows_);
  command_views_ = CommandViews(workflows_);
  // Reports and lists are work for the processor, not waits on the disk:
  // more of them at once than there are cores only share it. Never more
  // than the request threads (a one-off command line runs one).
  scan_threads_ = std::min(settings_.threads, std::max(2, static_cast<int>(usable_cores())));
  if (settings_.postgres.empty()) {
    db::SqliteOptions options;
    options.path = settings_.db_path;
    options.connections = settings_.threads;
    options.scan_connections = scan_threads_;
    auto sqlite = db::SqliteStore::open(options, mode);
    schema_version_ = sqlite->schema_version();
    migrations_applied_ = sqlite->migrations_applied();
    store_ = std::move(sqlite);
  } else {
    db::PostgresOptions options;
    options.connection = settings_.postgres;
    options.connections = settings_.threads;
    auto postgres = db::PostgresStore::open(options, mode);
    schema_version_ = postgres->schema_version();
    migrations_applied_ = postgres->migrations_applied();
    store_ = std::move(postgres);
  }
  auto session = store_->session();
  ensure_calendar(*session, "casereview");
  const std::optional<std::string> found = load_server_key(key_path());
  if (key == KeyFile::LoadIfPresent || (key == KeyFile::LoadExisting && !found)) {
    server_key_ = found.value_or("");  // "" when none: the caller says what that means
    return;
  }
  // A database already signed has its key: a new one would change every
  // pseudonym, and the checkpoints it signed could not follow the ones before.
  if (!found && session->checkpoints().count() > 0) {
    throw std::runtime_error("there is no server key at " + key_path() +
                             ", but this database's checkpoints were signed with one: put that key there, or name "
                             "it with --key-file. No new key is made for a database already signed");
  }
  server_key_ = found ? *found : load_or_create_server_key(key_path());
  if (!key_signed_newest_checkpoint(*session, server_key_)) {
    throw std::runtime_error("the server key at " + key_path() +
                             " did not sign this database's newest checkpoint: it is not the key of this "
                             "database, or that checkpoint was altered. Give the database's key (--key-file), "
                             "and check the record with casereview audit verify --key-file KEY");
  }
}

std::string App::database_name() const {
  if (settings_.postgres.empty()) return settings_.db_path;
  return "PostgreSQL (" + db::describe_postgres_connection(settings_.postgres) + ")";
}

std::string App::key_path() const {
  return settings_.key_file.empty() ? settings_.db_path + ".key" : settings_.key_file;
}

ScanWorkers& App::scan_workers() {
  std::call_once(scan_workers_once_, [&] { scan_workers_ = std::make_unique<ScanWorkers>(scan_threads_); });
  return *scan_workers_;
}

HttpResponse run_on_scan_workers(App& app, HttpRequest& request, std::function<HttpResponse()> work) {
  AnswerStream::Limits limits;
  limits.piece_bytes = app.settings().answer_piece_kib * std::size_t{1024};
  limits.client_wait = std::chrono::milliseconds(app.settings().slow_client_wait_ms);
  request.answer_stream = std::make_shared<AnswerStream>(limits);
  return app.scan_workers().run(std::move(work), request.answer_stream);
}

int lists_trusted_ms(const Settings& settings) {
  return settings.lists_recheck_ms.value_or(settings.postgres.empty() ? 1000 : 0);
}

Principal system_principal(const std::string& actor, const Partnership& partnership) {
  Principal p;
  p.username = actor;
  p.display_name = actor;
  p.partnership_id = partnership.id;
  p.partnership_code = partnership.code;
  p.role = Role::Manager;
  return p;
}

Date App::today() const { return settings_.today ? *settings_.today : london_date(Instant::now()); }

Instant App::now() const {
  const Instant real = Instant::now();
  if (!settings_.today) return real;
  const Date real_day = london_date(real);
  const Instant on_fixed_day =
      london_start_of_day(*settings_.today).plus_seconds(real.seconds() - london_start_of_day(real_day).seconds());
  // The real day may be 25 hours long (clocks going back) and the fixed one 24:
  // never step past the fixed day's last second.
  if (london_date(on_fixed_day) == *settings_.today) return on_fixed_day;
  // The next day's start, less a second; 31 December is never in summer time.
  const Date today = *settings_.today;
  if (today == Date::last_supported()) return Instant(today.serial() * 86400LL + 86399);
  return london_start_of_day(today.plus_days(1)).plus_seconds(-1);
}

std::shared_ptr<const WorkingDayCalendar> App::calendar(StoreSession& session) {
  return calendar_in_force(session).calendar;
}

App::CalendarInForce App::calendar_in_force(StoreSession& session) {
  CalendarInForce in_force;
  in_force.load = session.calendar().latest_load();
  const long long revision = in_force.load ? in_force.load->revision : 0;
  in_force.calendar = calendar_.with([&](CalendarState& state) {
    if (!state.calendar || state.revision != revision) {
      state.calendar = std::make_shared<const WorkingDayCalendar>(session.calendar().holidays());
      state.revision = revision;
    }
    return state.calendar;
  });
  return in_force;
}

RequestContext App::context(StoreSession& session, const Principal& principal) {
  return RequestContext{principal, today(), now(), calendar(session), server_key_};
}

RequestContext App::context(StoreSession& session, const Principal& principal, long long& calendar_revision) {
  return context_in(calendar_in_force(session), principal, calendar_revision);
}

RequestContext App::context_in(CalendarInForce in_force, const Principal& principal, long long& calendar_revision) {
  calendar_revision = in_force.load ? in_force.load->revision : 0;
  return RequestContext{principal, today(), now(), std::move(in_force.calendar), server_key_};
}

RequestContext App::page_context(StoreSession& session, const Principal& principal, long long& calendar_revision) {
  return context_in(kept_calendar_in_force(session), principal, calendar_revision);
}

App::CalendarInForce App::kept_calendar_in_force(StoreSession& session) {
  static const std::string kKey = "in force";
  // Asked before the calendar is read, as kept_reads.h requires: outside a
  // transaction the read below sees at least what was committed before a
  // forget_kept_reads that this generation follows.
  const auto asked_at = KeptReads<CalendarInForce>::Clock::now();
  std::optional<CalendarInForce> kept = kept_calendar_.find(kKey, asked_at);
  if (!kept) {
    const long long generation = kept_calendar_.generation();
    kept = calendar_in_force(session);
    kept_calendar_.hold(kKey, *kept, generation, asked_at);
  }
  return std::move(*kept);
}

bool ensure_calendar(StoreSession& session, const std::string& actor) {
  if (session.calendar().latest_load()) return false;
  const std::vector<BankHoliday> shipped = parse_bank_holiday_feed(shipped_bank_holiday_feed());
  session.write_transaction([&] {
    if (session.calendar().latest_load()) return;  // another process got there first
    session.calendar().replace_years(shipped, CalendarLoad{0, "shipped with casereview", actor, Instant::now()});
  });
  return true;
}

}  // namespace casereview::web
