#pragma once
// A real, throwaway PostgreSQL 15 server for the tests (Debian's postgresql-15),
// in a temporary directory: a fresh cluster made by initdb (user `casereview`,
// trust authentication, UTF8, the C locale so that text orders by bytes as in
// SQLite), then `postgres` itself on 127.0.0.1 at a free port, with its unix
// socket and its log (postgres.log) in the same directory. Settings favour speed
// over durability (fsync, synchronous_commit and full_page_writes off), since no
// test tests PostgreSQL's own durability.
//
// The constructor returns once the server accepts connections, or throws
// std::runtime_error with the log's tail when it exits or is not ready within
// 60 s. stop() or the destructor shut it down (fast shutdown) and wait for it.
// A test process that dies takes the server with it: the kernel sends the server
// SIGINT when the *thread* that started it ends, so start a server (and call
// shared() the first time) from the main thread or another that outlives it.
// The directory, removed by TempDir, outlives a killed test.
//
// The programs come from CASEREVIEW_PG_BINDIR when it is set, otherwise from
// /usr/lib/postgresql/15/bin. As root (CI), initdb and postgres run as Debian's
// `postgres` system user, since PostgreSQL refuses to run as root; otherwise as
// the current user. No libpq here: databases are made and SQL is run by that
// directory's psql.
//
// create_database and run_sql may be called from several threads at once;
// construction and stop() may not overlap anything else.

#include <atomic>
#include <string>

#include "temp_dir.h"

namespace casereview::testing_support {

class PostgresServer {
 public:
  PostgresServer();
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  // One server for the whole test binary, started by the first call and stopped
  // only when the process exits (a function-local static). Tests sharing it keep
  // apart by each using its own database (create_database).
  static PostgresServer& shared();

  int port() const { return port_; }
  std::string host() const { return "127.0.0.1"; }
  std::string socket_directory() const { return dir_.path(); }
  std::string log_file() const { return dir_.file("postgres.log"); }

  // A libpq keyword/value string, as SOCI's postgresql backend takes it:
  // "host=127.0.0.1 port=N dbname=DATABASE user=casereview".
  std::string connection_string(const std::string& database) const;

  // Creates a database named name_prefix + "_" + a number unique to this server
  // and returns that name (taken exactly as written: capitals stay capitals).
  // It is a copy of template_database: give a migrated database to copy its
  // schema quickly (nobody may be connected to it meanwhile, or PostgreSQL
  // refuses).
  std::string create_database(const std::string& name_prefix, const std::string& template_database = "template1");

  // Runs `sql` (any number of statements, each committed as psql would) in
  // `database`, stopping at the first error; throws with psql's output then.
  void run_sql(const std::string& database, const std::string& sql);

  // Fast shutdown, waiting until the server has gone. Does nothing the second time.
  void stop();

 private:
  void start();  // initdb, then postgres; throws on failure

  TempDir dir_;
  std::string bindir_;
  int port_ = 0;
  int pid_ = -1;
  std::atomic<unsigned> next_database_{1};  // the number in the next database's name
  std::atomic<unsigned> next_script_{1};    // run_sql's files
};

}  // namespace casereview::testing_support
