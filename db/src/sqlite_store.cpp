#include "casereview/db/sqlite_store.h"

#include <soci/connection-pool.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <vector>

#include "migrations.h"
#include "sql_repositories.h"
#include "sqlite_connection.h"

namespace casereview::db {

struct SqliteStore::Pool {
  explicit Pool(const SqliteOptions& settings)
      : options(settings), connections(static_cast<std::size_t>(settings.connections)) {}
  SqliteOptions options;
  soci::connection_pool connections;
  // Set while the connections were opened read-only (the file could not be
  // written when they were opened); see reopen_when_writable.
  std::atomic<bool> read_only{false};
  std::mutex reopening;
  std::chrono::steady_clock::time_point next_reopen_attempt{};  // guarded by `reopening`
};

namespace {

bool in_transaction(soci::session& sql) {
  auto* backend = static_cast<soci::sqlite3_session_backend*>(sql.get_backend());
  return backend != nullptr && sqlite_api::sqlite3_get_autocommit(backend->conn_) == 0;
}

// A connection whose reopening failed (reopen_when_writable) is left closed
// and opened again when next lent.
void open_if_closed(soci::session& sql, const SqliteOptions& options) {
  if (sql.get_backend() == nullptr) open_sqlite_connection(sql, options.path, options.busy_timeout_ms);
}

class SqliteSession final : public StoreSession {
 public:
  explicit SqliteSession(soci::connection_pool& pool, const SqliteOptions& options)
      : sql_(pool),
        cases_(sql_),
        deadlines_(sql_),
        calendar_(sql_),
        rule_settings_(sql_),
        subjects_(sql_),
        vocabularies_(sql_),
        reviewers_(sql_),
        review_records_(sql_),
        partnerships_(sql_),
        users_(sql_),
        sessions_(sql_),
        access_log_(sql_),
        checkpoints_(sql_),
        documents_(sql_),
        calendar_feeds_(sql_),
        reminders_(sql_),
        imports_(sql_),
        retention_(sql_),
        case_owners_(sql_) {
    open_if_closed(sql_, options);
  }

  // A connection goes back to the pool only outside a transaction, whatever
  // happened while it was lent.
  ~SqliteSession() override {
    try {
      if (in_transaction(sql_)) sql_ << "ROLLBACK";
    } catch (...) {
    }
  }

  CaseRepository& cases() override { return cases_; }
  DeadlineRepository& deadlines() override { return deadlines_; }
  CalendarRepository& calendar() override { return calendar_; }
  RuleSettingsRepository& rule_settings() override { return rule_settings_; }
  SubjectRepository& subjects() override { return subjects_; }
  VocabularyRepository& vocabularies() override { return vocabularies_; }
  ReviewerRepository& reviewers() override { return reviewers_; }
  ReviewRecordRepository& review_records() override { return review_records_; }
  PartnershipRepository& partnerships() override { return partnerships_; }
  UserRepository& users() override { return users_; }
  SessionRepository& sessions() override { return sessions_; }
  AccessLogRepository& access_log() override { return access_log_; }
  DocumentRepository& documents() override { return documents_; }
  CalendarFeedRepository& calendar_feeds() override { return calendar_feeds_; }
  ImportRepository& imports() override { return imports_; }
  RetentionRepository& retention() override { return retention_; }
  CaseOwnerRepository& case_owners() override { return case_owners_; }
  CheckpointRepository& checkpoints() override { return checkpoints_; }
  ReminderRepository& reminders() override { return reminders_; }

  // BEGIN IMMEDIATE takes the write lock at once, so a read-then-write never
  // fails half-way with "database is locked".
  void write_transaction(const std::function<void()>& work) override { run_in_transaction("BEGIN IMMEDIATE", work); }
  // A deferred BEGIN: in WAL mode the first read fixes the snapshot, and readers
  // never wait for the writer.
  void read_transaction(const std::function<void()>& work) override { run_in_transaction("BEGIN", work); }

 private:
  // Runs `work` between `begin` and COMMIT; rolls back and rethrows when it throws.
  void run_in_transaction(const char* begin, const std::function<void()>& work) {
    guarded("begin a transaction", [&] { sql_ << begin; });
    try {
      // Also a SOCI failure that a repository let through gets its fault here.
      guarded("run a transaction", work);
      guarded("commit", [&] { sql_ << "COMMIT"; });
    } catch (...) {
      try {
        if (in_transaction(sql_)) sql_ << "ROLLBACK";
      } catch (...) {
      }
      throw;
    }
  }

  soci::session sql_;
  SqlCaseRepository cases_;
  SqlDeadlineRepository deadlines_;
  SqlCalendarRepository calendar_;
  SqlRuleSettingsRepository rule_settings_;
  SqlSubjectRepository subjects_;
  SqlVocabularyRepository vocabularies_;
  SqlReviewerRepository reviewers_;
  SqlReviewRecordRepository review_records_;
  SqlPartnershipRepository partnerships_;
  SqlUserRepository users_;
  SqlSessionRepository sessions_;
  SqlAccessLogRepository access_log_;
  SqlCheckpointRepository checkpoints_;
  SqlDocumentRepository documents_;
  SqlCalendarFeedRepository calendar_feeds_;
  SqlReminderRepository reminders_;
  SqlImportRepository imports_;
  SqlRetentionRepository retention_;
  SqlCaseOwnerRepository case_owners_;
};

}  // namespace

std::unique_ptr<SqliteStore> SqliteStore::open(const SqliteOptions& options, SchemaMode mode) {
  if (options.path.empty()) throw StorageError("no database path given");
  if (options.connections < 1) throw StorageError("the connection pool needs at least one connection");
  std::unique_ptr<SqliteStore> store(new SqliteStore());
  store->pool_ = std::make_unique<Pool>(options);

  // The first connection checks (and, if allowed, brings up) the schema before
  // any other connection is opened: connections are opened one at a time.
  soci::session& first = store->pool_->connections.at(0);
  open_sqlite_connection(first, options.path, options.busy_timeout_ms);
  const int found = recorded_schema_version(first);
  const int expected = expected_schema_version();
  if (found > expected) {
    throw SchemaError("the database " + options.path + " has schema version " + std::to_string(found) +
                      ", written by a newer casereview (this one knows up to " + std::to_string(expected) +
                      "); it was left untouched");
  }
  // A migration may be missing below the recorded version too (numbers taken by
  // changes made in parallel land in any order): any unrecorded one is pending.
  if (pending_migration_count(first) > 0) {
    if (mode == SchemaMode::ExistingCurrent) {
      throw SchemaError(found == 0 ? "the file " + options.path + " holds no casereview database"
                                   : "the database " + options.path + " has schema version " + std::to_string(found) +
                                         " without every migration this casereview needs (up to " +
                                         std::to_string(expected) + ")");
    }
    if (mode == SchemaMode::CreateIfEmpty && found != 0) {
      throw SchemaError("the database " + options.path + " has schema version " + std::to_string(found) +
                        " and this casereview needs " + std::to_string(expected) +
                        " with every migration before it. Back the file up, then run: casereview db migrate --db " +
                        options.path);
    }
    store->migrations_applied_ = apply_pending_migrations(first);
  }
  store->schema_version_ = recorded_schema_version(first);

  for (int i = 1; i < options.connections; ++i) {
    open_sqlite_connection(store->pool_->connections.at(static_cast<std::size_t>(i)), options.path,
                           options.busy_timeout_ms);
  }
  store->pool_->read_only = opened_read_only(first) || !database_files_writable(options.path);
  return store;
}

SqliteStore::~SqliteStore() = default;

std::unique_ptr<StoreSession> SqliteStore::session() {
  if (pool_->read_only.load()) reopen_when_writable();
  return std::make_unique<SqliteSession>(pool_->connections, pool_->options);
}

// Connections SQLite opened read-only stay read-only, and so does a new one
// while any of them is open: the connections of one process share the WAL
// index, mapped read-only by the first, whose file was created read-only too
// (align_wal_file_modes). So once the file can be written again,
// every connection is taken back from the pool (waiting a little for those
// lent to return), closed, and opened again. Requests wait meanwhile; it
// happens once. When some connection stays lent (a long export, the reminder
// pass) or the reopened connections are still read-only, no request tries
// again for a few seconds; a request that finds another trying goes on with
// its read-only connection.
void SqliteStore::reopen_when_writable() {
  constexpr int kWaitForEachMs = 500;
  constexpr auto kRetryEvery = std::chrono::seconds(5);
  std::unique_lock<std::mutex> one_at_a_time(pool_->reopening, std::try_to_lock);
  if (!one_at_a_time.owns_lock() || !pool_->read_only.load()) return;
  // A few system calls: the WAL files' modes follow the database's (SQLite gave
  // them its read-only mode), then whether all can be written.
  align_wal_file_modes(pool_->options.path);
  if (!database_files_writable(pool_->options.path)) return;
  const auto now = std::chrono::steady_clock::now();
  if (now < pool_->next_reopen_attempt) return;
  soci::connection_pool& pool = pool_->connections;
  std::vector<std::size_t> held;
  std::size_t position = 0;
  while (held.size() < static_cast<std::size_t>(pool_->options.connections) &&
         pool.try_lease(position, kWaitForEachMs)) {
    held.push_back(position);
  }
  const bool all_held = held.size() == static_cast<std::size_t>(pool_->options.connections);
  try {
    if (all_held) {
      for (std::size_t i : held) pool.at(i).close();
      for (std::size_t i : held) {
        open_sqlite_connection(pool.at(i), pool_->options.path, pool_->options.busy_timeout_ms);
      }
      pool_->read_only = opened_read_only(pool.at(held.front())) || !database_files_writable(pool_->options.path);
    }
  } catch (...) {
    for (std::size_t i : held) pool.give_back(i);
    pool_->next_reopen_attempt = now + kRetryEvery;
    throw;
  }
  for (std::size_t i : held) pool.give_back(i);
  if (pool_->read_only.load()) pool_->next_reopen_attempt = now + kRetryEvery;  // not cured: wait
}

}  // namespace casereview::db
