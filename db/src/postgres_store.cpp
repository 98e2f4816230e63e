#include "casereview/db/postgres_store.h"

#include <soci/postgresql/soci-postgresql.h>

#include <atomic>
#include <chrono>
#include <random>
#include <thread>

#include "migrations.h"
#include "pooled_connections.h"
#include "postgres_connection.h"
#include "sql_errors.h"

namespace casereview::db {

struct PostgresStore::Pool {
  explicit Pool(const PostgresOptions& settings) : options(settings), pooled(settings.connections, vocabulary_cache) {}
  PostgresOptions options;
  VocabularyCache vocabulary_cache;  // before the connections' repositories, which keep it
  PooledConnections pooled;
  std::atomic<long long> transactions_run_again{0};
  std::atomic<long long> connections_reopened{0};
};

namespace {

// Every server running casereview on one database takes this advisory lock
// while it checks and migrates the schema, so that two starting together do
// not both apply a migration. (An arbitrary number: "casereview" in ASCII.)
constexpr long long kSchemaLock = 0x6361736572657669LL;

// A pause before running a transaction again: random, so that two servers
// that collided do not collide again in step, and growing with each attempt
// (about 1, 2, 4 … ms, at most about 50 ms).
void pause_before_attempt(int attempt) {
  thread_local std::minstd_rand random{std::random_device{}()};
  const int ceiling_us = std::min(1000 << std::min(attempt, 6), 50'000);
  std::uniform_int_distribution<int> pause(ceiling_us / 2, ceiling_us);
  std::this_thread::sleep_for(std::chrono::microseconds(pause(random)));
}

class PostgresSession final : public RepositorySetSession {
 public:
  explicit PostgresSession(PostgresStore::Pool& shared)
      : lent_(shared.pooled), sql_(lent_.session()), repositories_(lent_.repositories()), shared_(shared) {
    if (postgres_connection_broken(sql_)) reconnect();
  }

  // A connection goes back to the pool only outside a transaction.
  ~PostgresSession() override { roll_back_quietly(); }

  void write_transaction(const std::function<void()>& work) override {
    run_transaction("BEGIN ISOLATION LEVEL SERIALIZABLE", work, Rerun::Work);
  }

  // A read-only snapshot can neither be abandoned for serializability nor
  // deadlock. Its work is not run twice (the reports gather what they read
  // as they go): only a connection lost before the work began is opened
  // again and the transaction begun again.
  void read_transaction(const std::function<void()>& work) override {
    run_transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", work, Rerun::OnlyBeforeWork);
  }

 private:
  enum class Rerun { Work, OnlyBeforeWork };

  // Runs `work` between `begin` and COMMIT, and runs it all again after a
  // failure that another run may not meet (sql_errors.h), as `rerun` allows.
  void run_transaction(const char* begin, const std::function<void()>& work, Rerun rerun) {
    if (postgres_in_transaction(sql_)) {
      throw StorageError("a transaction cannot start inside another transaction of the same session");
    }
    const int attempts = std::max(1, shared_.options.transaction_attempts);
    for (int attempt = 1;; ++attempt) {
      bool work_began = false, committing = false;
      try {
        guarded("begin a transaction", [&] { sql_ << begin; });
        repositories_.transaction_began();
        work_began = true;
        // Also a SOCI failure that a repository let through is translated here.
        guarded("run a transaction", work);
        committing = true;
        guarded("commit", [&] { sql_ << "COMMIT"; });
        return;
      } catch (const StorageError& failure) {
        const auto* retryable = dynamic_cast<const RetryableStorageError*>(&failure);
        const bool lost = postgres_connection_broken(sql_) ||
                          (retryable != nullptr && retryable->cause() == RetryableStorageError::Cause::ConnectionLost);
        if (!lost && retryable == nullptr) {
          roll_back_quietly();
          throw;
        }
        if (lost && committing) {
          reconnect_quietly();
          throw StorageError(std::string("the connection to PostgreSQL was lost while committing, so whether the "
                                         "change was stored is not known (read it again before repeating it): ") +
                             failure.what());
        }
        if (lost) {
          reconnect_quietly();
        } else {
          roll_back_quietly();
        }
        if (attempt >= attempts || (work_began && rerun == Rerun::OnlyBeforeWork)) throw;
        ++shared_.transactions_run_again;
        pause_before_attempt(attempt);
      } catch (...) {
        roll_back_quietly();
        throw;
      }
    }
  }

  void reconnect() {
    repositories_.statements.clear();  // they belong to the connection being replaced
    reopen_postgres_connection(sql_);
    ++shared_.connections_reopened;
  }

  // After a lost connection, while another failure is being handled: a
  // reconnection that fails now is tried again when the connection is next
  // lent or used.
  void reconnect_quietly() {
    try {
      reconnect();
    } catch (const StorageError&) {
    }
  }

  void roll_back_quietly() {
    try {
      if (postgres_in_transaction(sql_)) sql_ << "ROLLBACK";
    } catch (...) {
    }
  }

  SqlRepositorySet& active() override { return repositories_; }

  LentConnection lent_;
  soci::session& sql_;
  SqlRepositorySet& repositories_;
  PostgresStore::Pool& shared_;
};

}  // namespace

std::unique_ptr<PostgresStore> PostgresStore::open(const PostgresOptions& options, SchemaMode mode) {
  if (options.connection.empty()) throw StorageError("no PostgreSQL connection string given");
  if (options.connections < 1) throw StorageError("the connection pool needs at least one connection");
  std::unique_ptr<PostgresStore> store(new PostgresStore());
  store->pool_ = std::make_unique<Pool>(options);
  soci::session& first = store->pool_->pooled.connections.at(0);
  open_postgres_connection(first, options.connection);
  guarded("take the schema lock", [&] { first << "SELECT pg_advisory_lock(" + std::to_string(kSchemaLock) + ")"; });
  try {
    store->migrations_applied_ = bring_schema_up(
        first, mode,
        {"the PostgreSQL database", "the PostgreSQL database holds no casereview tables", "the database",
         "--postgres '<its connection string>' (" + describe_postgres_connection(options.connection) + ")"});
    store->schema_version_ = recorded_schema_version(first);
  } catch (...) {
    try {
      first << "SELECT pg_advisory_unlock(" + std::to_string(kSchemaLock) + ")";
    } catch (...) {
    }
    throw;
  }
  guarded("release the schema lock",
          [&] { first << "SELECT pg_advisory_unlock(" + std::to_string(kSchemaLock) + ")"; });
  for (int i = 1; i < options.connections; ++i) {
    open_postgres_connection(store->pool_->pooled.connections.at(static_cast<std::size_t>(i)), options.connection);
  }
  return store;
}

PostgresStore::~PostgresStore() = default;

std::unique_ptr<StoreSession> PostgresStore::session() { return std::make_unique<PostgresSession>(*pool_); }

PostgresStore::RetryCounts PostgresStore::retry_counts() const {
  return {pool_->transactions_run_again.load(), pool_->connections_reopened.load()};
}

}  // namespace casereview::db
