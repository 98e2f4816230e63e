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
#include "sqlite_native_query.h"

namespace casereview::db {

struct SqliteStore::Pool {
  explicit Pool(const SqliteOptions& settings)
      : options(settings),
        requests(settings.connections, vocabulary_cache),
        scans(settings.scan_connections, vocabulary_cache) {}

  SqliteOptions options;
  VocabularyCache vocabulary_cache;  // before the connections' repositories, which keep it
  // Requests that read a case or a few rows.
  PooledConnections requests;
  // Requests that read across the partnership (Store::scan_session), kept
  // apart so that a few long scans cannot take every connection.
  PooledConnections scans;
  // Set while the connections were opened read-only (the file could not be
  // written when they were opened); see reopen_when_writable.
  std::atomic<bool> read_only{false};
  std::mutex reopening;
  std::chrono::steady_clock::time_point next_reopen_attempt{};  // guarded by `reopening`
};

namespace {

// How each pool's connections read pages (sqlite_connection.h): a request's
// few through the shared map, a scan's many copied.
constexpr PageReads kRequestReads = PageReads::Mapped;
constexpr PageReads kScanReads = PageReads::Copied;

// A connection whose reopening failed (reopen_when_writable) is left closed
// and opened again when next lent.
void open_if_closed(soci::session& sql, const SqliteOptions& options, PageReads reads) {
  if (sql.get_backend() == nullptr) open_sqlite_connection(sql, options.path, options.busy_timeout_ms, reads);
}

class SqliteSession final : public RepositorySetSession {
 public:
  SqliteSession(PooledConnections& from, PageReads reads, const SqliteOptions& options, GroupCommitWriter& writer)
      : lent_(from), sql_(lent_.session()), own_(lent_.repositories()), writer_(writer) {
    open_if_closed(sql_, options, reads);
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
    run_native(own_.statements, "BEGIN", "begin a transaction");
    own_.transaction_began();
    try {
      // Also a SOCI failure that a repository let through gets its fault here.
      guarded("run a transaction", work);
      run_native(own_.statements, "COMMIT", "commit");
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
  if (options.scan_connections < 1) throw StorageError("the pool for long reads needs at least one connection");
  std::unique_ptr<SqliteStore> store(new SqliteStore());
  store->pool_ = std::make_unique<Pool>(options);

  // The first connection checks (and, if allowed, brings up) the schema before
  // any other connection is opened: connections are opened one at a time.
  Pool& pool = *store->pool_;
  soci::session& first = pool.requests.connections.at(0);
  open_sqlite_connection(first, options.path, options.busy_timeout_ms, kRequestReads);
  store->migrations_applied_ =
      bring_schema_up(first, mode,
                      {"the database " + options.path, "the file " + options.path + " holds no casereview database",
                       "the file", "--db " + options.path});
  store->schema_version_ = recorded_schema_version(first);

  const auto open_from = [&](PooledConnections& pooled, int start, PageReads reads) {
    for (int i = start; i < pooled.size(); ++i) {
      open_sqlite_connection(pooled.connections.at(static_cast<std::size_t>(i)), options.path, options.busy_timeout_ms,
                             reads);
    }
  };
  open_from(pool.requests, 1, kRequestReads);
  open_from(pool.scans, 0, kScanReads);
  // Opened last, so that it is read-only exactly when the pools are.
  store->writer_ = std::make_unique<GroupCommitWriter>(options.path, options.busy_timeout_ms,
                                                       options.group_commit_takes_in_for, pool.vocabulary_cache);
  pool.read_only = opened_read_only(first) || !database_files_writable(options.path);
  return store;
}

SqliteStore::~SqliteStore() = default;

SqliteStore::WriteCounts SqliteStore::write_counts() const { return writer_->counts(); }

std::unique_ptr<StoreSession> SqliteStore::session() {
  if (pool_->read_only.load()) reopen_when_writable();
  return std::make_unique<SqliteSession>(pool_->requests, kRequestReads, pool_->options, *writer_);
}

std::unique_ptr<StoreSession> SqliteStore::scan_session() {
  if (pool_->read_only.load()) reopen_when_writable();
  return std::make_unique<SqliteSession>(pool_->scans, kScanReads, pool_->options, *writer_);
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

  // Every connection of both pools, taken back: the scans' first, the ones
  // lent longest, so that requests are held up only once those are in hand.
  struct Held {
    PooledConnections& pooled;
    PageReads reads;
    std::vector<std::size_t> positions;
  };
  std::vector<Held> held{{pool_->scans, kScanReads, {}}, {pool_->requests, kRequestReads, {}}};
  bool all_held = true;
  for (Held& each : held) {
    std::size_t position = 0;
    while (static_cast<int>(each.positions.size()) < each.pooled.size() &&
           each.pooled.connections.try_lease(position, kWaitForEachMs)) {
      each.positions.push_back(position);
    }
    all_held = static_cast<int>(each.positions.size()) == each.pooled.size();
    if (!all_held) break;
  }
  const auto give_back = [&] {
    for (Held& each : held) {
      for (std::size_t i : each.positions) each.pooled.connections.give_back(i);
    }
  };
  try {
    // The writer's connection is closed and opened with the others, between
    // two of its batches: while it stays open, new connections stay read-only.
    const auto reopen_all = [&](soci::session& writer) {
      for (Held& each : held) {
        for (std::size_t i : each.positions) {
          each.pooled.repositories[i]->statements.clear();  // before its connection closes
          each.pooled.connections.at(i).close();
        }
      }
      writer.close();
      bool still_read_only = false;
      for (Held& each : held) {
        for (std::size_t i : each.positions) {
          soci::session& sql = each.pooled.connections.at(i);
          open_sqlite_connection(sql, pool_->options.path, pool_->options.busy_timeout_ms, each.reads);
          still_read_only = still_read_only || opened_read_only(sql);
        }
      }
      open_sqlite_connection(writer, pool_->options.path, pool_->options.busy_timeout_ms,
                             GroupCommitWriter::kPageReads);
      pool_->read_only = still_read_only || opened_read_only(writer) || !database_files_writable(pool_->options.path);
    };
    if (all_held) writer_->between_batches(std::chrono::milliseconds(kWaitForEachMs), reopen_all);
  } catch (...) {
    give_back();
    pool_->next_reopen_attempt = now + kRetryEvery;
    throw;
  }
  give_back();
  if (pool_->read_only.load()) pool_->next_reopen_attempt = now + kRetryEvery;  // not cured: wait
}

}  // namespace casereview::db
