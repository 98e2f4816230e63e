#pragma once
// What a running casereview holds: its settings, the workflows, the store and the
// current working-day calendar. One App per process, shared by every request
// thread; everything reachable from it is thread-safe.

#include <memory>
#include <optional>
#include <string>

#include "casereview/db/sqlite_store.h"
#include "casereview/engine/case_service.h"
#include "casereview/engine/workflow.h"
#include "guarded.h"

namespace casereview::web {

// Until accounts and partnerships arrive, every case belongs to the partnership
// that the first migration creates.
inline constexpr long long kDefaultPartnership = 1;

struct Settings {
  std::string db_path = "casereview.db";
  std::string bind = "127.0.0.1";
  int port = 8080;
  int threads = 16;                 // request threads; the connection pool matches
  std::size_t max_body_bytes = 64 * 1024;
  int request_timeout_seconds = 15;  // socket read/write timeout per request
  std::optional<Date> today;         // fixed "today" (training, tests); England's date otherwise
};

class App {
 public:
  // Opens the database (creating or migrating it per `mode`) and makes sure it
  // holds a bank-holiday calendar (the shipped feed on first use).
  App(Settings settings, db::SchemaMode mode);

  const Settings& settings() const { return settings_; }
  const WorkflowRegistry& workflows() const { return workflows_; }
  const CaseService& cases() const { return case_service_; }
  db::SqliteStore& store() { return *store_; }

  Date today() const;
  // The calendar as stored now (re-read only when an administrator loaded a new one).
  std::shared_ptr<const WorkingDayCalendar> calendar(StoreSession& session);
  // Everything a command needs: actor, partnership, today, now, calendar.
  RequestContext context(StoreSession& session, const std::string& actor);

 private:
  struct CalendarState {
    long long revision = -1;
    std::shared_ptr<const WorkingDayCalendar> calendar;
  };

  Settings settings_;
  WorkflowRegistry workflows_;
  CaseService case_service_;
  std::unique_ptr<db::SqliteStore> store_;
  Guarded<CalendarState> calendar_;
};

// Loads the shipped bank-holiday feed into a database that has none yet.
// Returns true when it did.
bool ensure_calendar(StoreSession& session, const std::string& actor);

}  // namespace casereview::web
