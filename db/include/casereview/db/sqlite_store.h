#pragma once
// The SQLite implementation of the engine's storage ports (SOCI, sqlite3 backend).
//
// Every connection runs in WAL mode with foreign keys on, synchronous=FULL (an
// acknowledged commit survives power loss) and a busy timeout. Connections live in
// two fixed pools opened at start-up; each StoreSession borrows one for the length
// of one request, for its reads. A scan_session() borrows from the smaller pool
// for reads across the partnership, so that a few long scans cannot take every
// connection. The request pool's connections read the file's pages through the
// process's one memory map of it (src/sqlite_shared_map.cpp); the scans' and the
// writer's copy them (PageReads, src/sqlite_connection.h). Its write transactions run on the store's one
// writer connection, which commits the transactions of many requests together
// (group commit) with BEGIN IMMEDIATE, so that a read-then-write never fails
// half-way with "database is locked".

#include <chrono>
#include <memory>
#include <string>

#include "casereview/db/schema.h"
#include "casereview/engine/repositories.h"

namespace casereview::db {

class GroupCommitWriter;

// Takes the pages of the database files read through the process's maps out
// of its resident set. They stay in the kernel's page cache, shared and taken
// back under memory pressure as any file's; but mapped, each page a report
// read counts in the server's resident size, up to the whole file (a ten-year
// national record: over 400 MB) while the process's own memory is a fifth of
// that. A read after it maps again the pages it reads, from the page cache
// unless the kernel has reclaimed them meanwhile.
// Safe at any time, while connections read; does nothing on PostgreSQL.
void release_mapped_file_pages();

struct SqliteOptions {
  std::string path;     // file name; created when absent (see SchemaMode)
  int connections = 8;  // pool size: at least the number of request threads
  int busy_timeout_ms = 5000;
  // The pool for scan_session(): about the number of cores. A request waits
  // for a connection here while this many scans run.
  int scan_connections = 2;
  // How long after its BEGIN a batch of the group commit, its work run, still
  // takes in write transactions queued meanwhile (db/src/group_commit.h). The tests set it
  // to see each side of it; a server has no reason to.
  std::chrono::microseconds group_commit_takes_in_for{1000};
};

class SqliteStore final : public Store {
 public:
  // Opens (and creates, per `mode`) the database. Throws SchemaError (wrong or no
  // schema) or StorageError (no path, no connection, cannot open, a migration
  // failed).
  static std::unique_ptr<SqliteStore> open(const SqliteOptions& options, SchemaMode mode);
  ~SqliteStore() override;

  // Thread-safe. Blocks while every connection is lent; the session must be
  // destroyed before the store. A store opened on a file it could not write
  // (its connections are read-only: writes throw StorageError with
  // StorageFault::ReadOnly) reopens them here once the file can be written.
  std::unique_ptr<StoreSession> session() override;
  // The same, from the pool for reads across the partnership.
  std::unique_ptr<StoreSession> scan_session() override;
  // The group-commit writer's tally: batches committed, the write
  // transactions committed in them, and the transactions queued now.
  struct WriteCounts {
    long long batches = 0;
    long long transactions = 0;
    long long waiting = 0;
  };
  WriteCounts write_counts() const;
  int schema_version() const { return schema_version_; }
  int migrations_applied() const { return migrations_applied_; }  // by open(), this run

  struct Pool;  // the connections and their repositories (in the .cpp)

 private:
  SqliteStore() = default;
  void reopen_when_writable();
  std::unique_ptr<Pool> pool_;
  // Every write transaction runs here (src/group_commit.h); made after the
  // pool and stopped before it.
  std::unique_ptr<GroupCommitWriter> writer_;
  int schema_version_ = 0;
  int migrations_applied_ = 0;
};

}  // namespace casereview::db
