#pragma once
// The PostgreSQL implementation of the engine's storage ports (SOCI,
// postgresql backend): the store for a service run by several servers on one
// database. The same repositories as SQLite's, on a fixed pool of
// connections; each StoreSession borrows one for one request.
//
// Write transactions are SERIALIZABLE: two servers sending the same command
// at the same version cannot both succeed. One PostgreSQL gives up on to keep
// that promise (SQLSTATE 40001, or 40P01 for a deadlock) is rolled back and
// run again from its start, a few times with a growing random pause, so the
// work given to write_transaction must be safe to run again: what it keeps
// outside the database it sets afresh on each run. Read transactions are
// REPEATABLE READ READ ONLY: one snapshot for all their reads; their work is
// never run twice. A connection the server closed (a
// restart, a failover, an administrator) is opened again when next lent, and
// a transaction that lost its connection before COMMIT was sent is run again
// on a new one; one that lost it during COMMIT fails with a StorageError that
// says its outcome is unknown (never retried: it may have been stored).

#include <memory>
#include <string>

#include "casereview/db/schema.h"
#include "casereview/engine/repositories.h"

namespace casereview::db {

struct PostgresOptions {
  // libpq's connection string: "host=… port=… dbname=… user=…" or a
  // postgresql:// address. The database should use the C collation, so that
  // text sorts by bytes as it does on SQLite (`createdb --locale=C`).
  std::string connection;
  int connections = 8;  // pool size: at least the number of request threads
  // Runs of a transaction PostgreSQL keeps abandoning, in all. Every case
  // opened in a partnership in one year takes the next number from one row,
  // so writers opening cases at once collide there and all but one run again.
  int transaction_attempts = 30;
};

// The database a connection string names, for logs and messages: its host,
// port and database as libpq reads them ("host=db.internal port=5432
// dbname=casereview"), never a password or another option; "(a connection
// string libpq cannot read)" when it cannot.
std::string describe_postgres_connection(const std::string& connection);

class PostgresStore final : public Store {
 public:
  // Connects, and checks (and, per `mode`, creates or migrates) the schema;
  // servers starting together on one database take turns at that (an
  // advisory lock). Throws SchemaError or StorageError.
  static std::unique_ptr<PostgresStore> open(const PostgresOptions& options, SchemaMode mode);
  ~PostgresStore() override;

  // Thread-safe. Blocks while every connection is lent; the session must be
  // destroyed before the store.
  std::unique_ptr<StoreSession> session() override;

  int schema_version() const { return schema_version_; }
  int migrations_applied() const { return migrations_applied_; }  // by open(), this run

  // How often transactions were run again, and connections opened again,
  // since the store was opened.
  struct RetryCounts {
    long long transactions_run_again = 0;
    long long connections_reopened = 0;
  };
  RetryCounts retry_counts() const;

  struct Pool;  // the connections and counters, shared with the sessions (in the .cpp)

 private:
  PostgresStore() = default;
  std::unique_ptr<Pool> pool_;
  int schema_version_ = 0;
  int migrations_applied_ = 0;
};

}  // namespace casereview::db
