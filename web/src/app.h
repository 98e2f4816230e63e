#pragma once
// What a running casereview holds: its settings, the workflows, the store and the
// current working-day calendar. One App per database opened (a server, or a
// command), shared by every request thread: its members are thread-safe, but a
// StoreSession taken from store() is not (one per request). What it hands out
// by reference (store, registry, service, gate) lives as long as the App;
// sessions must end first.

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "api/json_views.h"
#include "api/kept_answers.h"
#include "api/kept_pages.h"
#include "casereview/db/schema.h"
#include "casereview/engine/case_service.h"
#include "casereview/engine/workflow.h"
#include "casereview/workflows/cdop_annual_report.h"
#include "casereview/workflows/yearly_report.h"
#include "guarded.h"
#include "http/auth.h"
#include "http/session_cache.h"
#include "http/sign_in_decoys.h"
#include "reminders/smtp_mailer.h"
#include "scan_workers.h"

namespace casereview::web {

struct Settings {
  std::string db_path = "casereview.db";
  // libpq's connection string of a PostgreSQL database ("host=… dbname=…" or
  // a postgresql:// address): when set, the store is PostgreSQL and db_path
  // is not used; several servers may serve one database.
  std::string postgres;
  std::string key_file;  // the server key; "" means db_path + ".key" (required with postgres)
  std::string bind = "127.0.0.1";
  int port = 8080;
  int threads = 16;                                    // request threads; the connection pool matches
  std::size_t max_body_bytes = std::size_t{64} << 10;  // 64 KiB
  std::size_t max_document_bytes = 20 << 20;           // a document upload's body
  std::string ui_dir = CASEREVIEW_UI_DIR;              // the built browser pages and assets
  int request_timeout_seconds = 15;                    // a request's head must arrive within this; its body 4x
  int connections_per_address = 12;                    // open at once from one client address; more get 503
  int stop_grace_seconds = 10;                         // at a stop, requests in progress get this long
  std::optional<Date> today;                           // fixed "today" (training, tests); England's date otherwise
  int session_idle_minutes = 30;                       // a session unused this long ends
  int session_hours = 12;                              // and every session ends this long after sign-in
  // What this server read of a session is trusted this long (http/session_cache.h):
  // a sign-out or a disabled user on another server or the command line holds
  // here at most this long after; on this server at once. 0: read on every request.
  int session_recheck_ms = 1000;
  // What this server keeps of case timelines and clocks is trusted this long
  // (api/kept_answers.h): what another process changes outside a case's version
  // shows here at most this long after. 0: nothing is kept.
  int answers_recheck_ms = 1000;
  // What this server keeps of pages whole for each reader (the case list and
  // its search, the dashboard, a case's page: api/kept_pages.h) is trusted
  // this long. No key names what they read, so a change another process
  // makes shows here only once this has passed and the page is made again
  // (one request makes it; the others get the page before it meanwhile, for
  // at most 2 s more: api/kept_page_for_request.cpp): unset, 1000 on SQLite, whose
  // one server makes every change but the command line's, and 0 (made for
  // every request) on PostgreSQL, where the next request may go to another
  // server.
  std::optional<int> lists_recheck_ms;
  // A long answer (an export, the evidence report, timeliness in full) is
  // written in pieces of about this size and sent as each is written
  // (http/answer_stream.h): a server holds a few of them, not the whole.
  std::size_t answer_piece_kib = 1024;
  // How long in all the writing of one long answer waits for a client that
  // reads it slowly, holding a scan connection meanwhile; after that it
  // writes the rest and holds it until sent.
  int slow_client_wait_ms = 10000;
  std::string tls_certificate;  // PEM files; set: serve HTTPS only (the CLI demands both)
  std::string tls_private_key;
  // Small-number suppression in reports marked for publication: counts from 1 to
  // this are withheld (the national statistics withhold 1 to 5); 0 withholds none.
  int suppress_up_to = 5;
  // Reminder e-mails (engine/reminders.h) go through this relay; none when
  // smtp.host is "" (the command line demands smtp.from with a host).
  SmtpSettings smtp;
  int reminder_minutes = 15;  // how often a server looks for reminders to send
  // The address people open casereview at, for the links in e-mails; "" means the
  // server's own address (serve), or http://BIND:PORT (reminders send).
  std::string public_url;
  // The address of a reverse proxy in front (web/deploy/nginx): on connections
  // from it, and only those, the client's address is the last one in
  // X-Forwarded-For (the sign-in limits per address count it); "" trusts none.
  std::string trusted_proxy;
};

// How opening an App reads the server key. A server and the commands that
// change the database create it when there is none (LoadOrCreate; never for a
// database that has checkpoints); the servers of a shared PostgreSQL database
// never create one (LoadExisting). Either way a key must have signed the
// newest checkpoint. A command that only checks (audit verify, restore's check
// of a copy) neither creates a file nor refuses a key, and works without the
// key where it can (LoadIfPresent).
enum class KeyFile { LoadOrCreate, LoadExisting, LoadIfPresent };

class App {
 public:
  // Opens the database (creating or migrating it per `mode`) and makes sure it
  // holds a bank-holiday calendar (the shipped feed on first use), then reads the
  // server key (key_path()), creating it when there is none unless `key` says
  // not to. With KeyFile::LoadOrCreate the key must be the one that signed the
  // newest checkpoint, and none is made for a database that has checkpoints
  // (KeyFile says which modes check and create).
  // Throws db::SchemaError or StorageError (database), std::runtime_error
  // (key).
  App(Settings settings, db::SchemaMode mode, KeyFile key = KeyFile::LoadOrCreate);

  const Settings& settings() const { return settings_; }
  const WorkflowRegistry& workflows() const { return workflows_; }
  // The JSON of the workflows' commands, made once.
  const CommandViews& command_views() const { return command_views_; }
  const CaseService& cases() const { return case_service_; }
  // What the deaths read by the CDOP annual report recorded, by case version
  // (cdop_annual_report.h): for the report's read transactions alone.
  workflows::DeathFactsCache& death_facts() { return death_facts_; }
  // What the cases read by the yearly report recorded, by case version and
  // calendar revision (yearly_report.h): for the report's read transactions alone.
  workflows::YearlyFactsCache& yearly_facts() { return yearly_facts_; }
  Store& store() { return *store_; }
  int schema_version() const { return schema_version_; }
  int migrations_applied() const { return migrations_applied_; }  // on opening
  // The database as logs and messages name it: the SQLite file, or
  // "PostgreSQL" with the connection string's host, port and database.
  std::string database_name() const;

  // Settings::today when set, else today in England.
  Date today() const;
  // The instant a command is recorded at and hour clocks are read against. With
  // a fixed "today" it is the current time of day on that day, so that what is
  // recorded and every clock agree with the day the server pretends it is.
  // Sessions, the access log and checkpoints keep the real instant.
  Instant now() const;
  // The calendar as stored now: re-read when the latest load's revision has
  // changed (a load through the API or the command line, by any process), else
  // shared. Never null; valid while held. Throws StorageError.
  std::shared_ptr<const WorkingDayCalendar> calendar(StoreSession& session);
  // The same calendar with the load it came from (nullopt before any load), in
  // one read of the latest load.
  struct CalendarInForce {
    std::optional<CalendarLoad> load;
    std::shared_ptr<const WorkingDayCalendar> calendar;
  };
  CalendarInForce calendar_in_force(StoreSession& session);
  // Everything a command needs: who acts, in which partnership, today, now, calendar
  // (read through `session`: StorageError), and the server key.
  RequestContext context(StoreSession& session, const Principal& principal);
  // The same, with the revision of the calendar it holds (0 before any load),
  // for what is kept by it (kept_answers.h).
  RequestContext context(StoreSession& session, const Principal& principal, long long& calendar_revision);
  // The same for a page kept whole for its reader (kept_pages.h: the case
  // list, the dashboard, a case's page), asked before the request begins any
  // read transaction: the calendar in force is kept as long as such pages
  // are (lists_trusted_ms), so that a page answered from what is kept does
  // not begin with a read of the latest load (a tenth of a case page's
  // processor time). A load through this server shows at once
  // (forget_kept_reads); one by another process once that time has passed,
  // as any change of theirs does on these pages. Commands and everything
  // else read the latest load every time, through the overloads above.
  RequestContext page_context(StoreSession& session, const Principal& principal, long long& calendar_revision);
  // The calendar in force as page_context keeps it, for what shows it beside
  // such pages: the health check, which read the latest load on every
  // request (a fifth of its processor time). Asked outside a transaction.
  CalendarInForce kept_calendar_in_force(StoreSession& session);
  // The secret key for pseudonyms and checkpoint signatures (server_key.h);
  // "" when it was opened with KeyFile::LoadIfPresent and there is none.
  const std::string& server_key() const { return server_key_; }
  // Where the key is read from: --key-file, or the database path + ".key".
  std::string key_path() const;
  LoginGate& login_gate() { return login_gate_; }
  SessionCache& session_cache() { return session_cache_; }
  KeptAnswers& kept_answers() { return kept_answers_; }
  KeptPages& kept_pages() { return kept_pages_; }
  // The threads that build the answers of routes marked Work::Scan (reports,
  // exports): one a core, two at least, never more than the request
  // threads (on SQLite as many as the store's scan connections). Started on
  // first use, so a command line that draws no report starts none; `serve`
  // starts them before it answers anything.
  ScanWorkers& scan_workers();
  // After a request that may have changed state: everything kept is read again.
  void forget_kept_reads() {
    session_cache_.forget_all();
    kept_answers_.forget_all();
    kept_pages_.forget_all();
    kept_calendar_.forget_all();
  }
  // What a failed sign-in is checked against besides the account's own hash,
  // so that a wrong username takes as long as a wrong password.
  SignInDecoys& sign_in_decoys() { return sign_in_decoys_; }

 private:
  // The context of a request read against `in_force`, and its revision.
  RequestContext context_in(CalendarInForce in_force, const Principal& principal, long long& calendar_revision);

  struct CalendarState {
    long long revision = -1;
    std::shared_ptr<const WorkingDayCalendar> calendar;
  };

  Settings settings_;
  WorkflowRegistry workflows_;
  CommandViews command_views_;
  CaseService case_service_;
  workflows::DeathFactsCache death_facts_;
  workflows::YearlyFactsCache yearly_facts_;
  std::unique_ptr<Store> store_;  // db::SqliteStore, or db::PostgresStore
  int schema_version_ = 0;
  int migrations_applied_ = 0;
  Guarded<CalendarState> calendar_;
  std::string server_key_;
  LoginGate login_gate_;
  SessionCache session_cache_;
  KeptAnswers kept_answers_;
  KeptPages kept_pages_;
  KeptReads<CalendarInForce> kept_calendar_;  // one entry: the calendar in force (kept_calendar_in_force)
  SignInDecoys sign_in_decoys_;
  int scan_threads_ = 1;
  std::once_flag scan_workers_once_;
  std::unique_ptr<ScanWorkers> scan_workers_;  // last: its threads stop before anything they use goes
};

// How long pages read across a partnership are kept (Settings::lists_recheck_ms
// as set, else by the store: 1000 ms on SQLite, 0 on PostgreSQL).
int lists_trusted_ms(const Settings& settings);

// Who command-line tools and demonstration data act as: a manager of
// `partnership` named `actor` (user id 0: no account).
Principal system_principal(const std::string& actor, const Partnership& partnership);

// Loads the shipped bank-holiday feed into a database that has none yet, in a
// write transaction of its own. Returns true when there was none as it looked,
// even if another process loaded one first; false when there was one. Throws
// StorageError.
bool ensure_calendar(StoreSession& session, const std::string& actor);

}  // namespace casereview::web
