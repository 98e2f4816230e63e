#include "casereview/db/sqlite_store.h"

#include <soci/sqlite3/soci-sqlite3.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <vector>

#include "group_commit.h"
#include "migrations.h"
#include "pooled_connections.h"
#include "sqlite_connection.h"

namespace casereview::db {

struct SqliteStore::Pool {
  explicit Pool(const SqliteOptions& settings) : options(settings), pooled(settings.connections) {}

  SqliteOptions options;
  PooledConnections pooled;
  // Set while the connections were opened read-only (the file could not be
  // written when they were opened); see reopen_when_writable.
  std::atomic<bool> read_only{false};
  std::mutex reopening;
  std::chrono::steady_clock::time_point next_reopen_attempt{};  // guarded by `reopening`
};

namespace {

// A connection whose reopening failed (reopen_when_writable) is left closed
// and opened again when next lent.
void open_if_closed(soci::session& sql, const SqliteOptions& options) {
  if (sql.get_backend() == nullptr) open_sqlite_connection(sql, options.path, options.busy_timeout_ms);
}

class SqliteSession final : public RepositorySetSession {
 public:
  SqliteSession(SqliteStore::Pool& pool, GroupCommitWriter& writer)
      : lent_(pool.pooled), sql_(lent_.session()), own_(lent_.repositories()), writer_(writer) {
    open_if_closed(sql_, pool.options);
  }

  // A connection goes back to the pool only outside a transaction, whatever
  // happened while it was lent.
  ~SqliteSession() override { roll_back_quietly(sql_); }

  // Runs on the store's group-commit writer (group_commit.h): while `work`
  // runs there, this session's repositories are the writer's, so every read
  // and write in it is part of the writer's transaction.
  void write_transaction(const std::function<void()>& work) override {
    refuse_nesting();
    writing_ = true;
    const Reset done_writing{[this] { writing_ = false; }};
    writer_.run([&](SqlRepositorySet& writers) {
      active_ = &writers;
      const Reset back_to_own{[this] { active_ = &own_; }};
      work();
    });
  }

  // A deferred BEGIN on the session's own connection: in WAL mode the first
  // read fixes the snapshot, and readers never wait for the writer.
  void read_transaction(const std::function<void()>& work) override {
    refuse_nesting();
    // Kept statements: every read of a page begins and ends one of these.
    guarded("begin a transaction", [&] { run_kept(own_.statements, "BEGIN"); });
    own_.transaction_began();
    try {
      // Also a SOCI failure that a repository let through gets its fault here.
      guarded("run a transaction", work);
      guarded("commit", [&] { run_kept(own_.statements, "COMMIT"); });
    } catch (...) {
      roll_back_quietly(sql_);
      throw;
    }
  }

 private:
  // Runs its function when it goes out of scope, however that happens.
  struct Reset {
    std::function<void()> undo;
    ~Reset() { undo(); }
  };

  void refuse_nesting() {
    if (writing_ || in_transaction(sql_)) {
      throw StorageError("a transaction cannot start inside another transaction of the same session");
    }
  }

  SqlRepositorySet& active() override { return *active_; }

  LentConnection lent_;
  soci::session& sql_;
  SqlRepositorySet& own_;
  SqlRepositorySet* active_ = &own_;
  GroupCommitWriter& writer_;
  bool writing_ = false;
};

}  // namespace

std::unique_ptr<SqliteStore> SqliteStore::open(const SqliteOptions& options, SchemaMode mode) {
  if (options.path.empty()) throw StorageError("no database path given");
  if (options.connections < 1) throw StorageError("the connection pool needs at least one connection");
  std::unique_ptr<SqliteStore> store(new SqliteStore());
  store->pool_ = std::make_unique<Pool>(options);

  // The first connection checks (and, if allowed, brings up) the schema before
  // any other connection is opened: connections are opened one at a time.
  soci::session& first = store->pool_->pooled.connections.at(0);
  open_sqlite_connection(first, options.path, options.busy_timeout_ms);
  store->migrations_applied_ =
      bring_schema_up(first, mode,
                      {"the database " + options.path, "the file " + options.path + " holds no casereview database",
                       "the file", "--db " + options.path});
  store->schema_version_ = recorded_schema_version(first);

  for (int i = 1; i < options.connections; ++i) {
    open_sqlite_connection(store->pool_->pooled.connections.at(static_cast<std::size_t>(i)), options.path,
                           options.busy_timeout_ms);
  }
  // Opened last, so that it is read-only exactly when the pool is.
  store->writer_ =
      std::make_unique<GroupCommitWriter>(options.path, options.busy_timeout_ms, store->pool_->pooled.vocabulary_cache);
  store->pool_->read_only = opened_read_only(first) || !database_files_writable(options.path);
  return store;
}

SqliteStore::~SqliteStore() = default;

SqliteStore::WriteCounts SqliteStore::write_counts() const { return writer_->counts(); }

std::unique_ptr<StoreSession> SqliteStore::session() {
  if (pool_->read_only.load()) reopen_when_writable();
  return std::make_unique<SqliteSession>(*pool_, *writer_);
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
  soci::connection_pool& pool = pool_->pooled.connections;
  std::vector<std::size_t> held;
  std::size_t position = 0;
  while (held.size() < static_cast<std::size_t>(pool_->options.connections) &&
         pool.try_lease(position, kWaitForEachMs)) {
    held.push_back(position);
  }
  const bool all_held = held.size() == static_cast<std::size_t>(pool_->options.connections);
  try {
    // The writer's connection is closed and opened with the others, between
    // two of its batches: while it stays open, new connections stay read-only.
    const auto reopen_all = [&](soci::session& writer) {
      for (std::size_t i : held) {
        pool_->pooled.repositories[i]->statements.clear();  // before its connection closes
        pool.at(i).close();
      }
      writer.close();
      for (std::size_t i : held) {
        open_sqlite_connection(pool.at(i), pool_->options.path, pool_->options.busy_timeout_ms);
      }
      open_sqlite_connection(writer, pool_->options.path, pool_->options.busy_timeout_ms);
      pool_->read_only = opened_read_only(pool.at(held.front())) || opened_read_only(writer) ||
                         !database_files_writable(pool_->options.path);
    };
    if (all_held) writer_->between_batches(std::chrono::milliseconds(kWaitForEachMs), reopen_all);
  } catch (...) {
    for (std::size_t i : held) pool.give_back(i);
    pool_->next_reopen_attempt = now + kRetryEvery;
    throw;
  }
  for (std::size_t i : held) pool.give_back(i);
  if (pool_->read_only.load()) pool_->next_reopen_attempt = now + kRetryEvery;  // not cured: wait
}

}  // namespace casereview::db
