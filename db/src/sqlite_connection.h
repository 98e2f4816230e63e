#pragma once
// SQLite specifics that SOCI does not cover: connection settings and running a
// multi-statement script. Everything else in db/ is plain SOCI and SQL that
// PostgreSQL also accepts, but for the large reads of sqlite_native_query.h.

#include <soci/soci.h>

#include <string>
#include <string_view>

#include "casereview/engine/repositories.h"
#include "sql_errors.h"

namespace sqlite_api {
struct sqlite3;
}  // namespace sqlite_api

namespace casereview::db {

// SQLite's own handle of `session`'s connection, for what SOCI does not
// offer; null when the session is closed or is not SQLite's.
sqlite_api::sqlite3* sqlite_handle(soci::session& session);

// How a connection reads the database file's pages.
enum class PageReads {
  // Through the process's one map of the file (sqlite_shared_map.h), with no
  // copy: for connections that read a few pages a request, whose own page
  // cache every commit would empty.
  Mapped,
  // Copied into the connection's page cache: for the connections of long
  // reads (reports, exports, lists). A ten-year report on the national data
  // set reads some 4,600 pages; through the map the kernel maps sixteen
  // around each page faulted in, so the process's resident size grew by
  // 300 MB of page cache for 18 MB read, until the release a minute later
  // (web/src/memory_release.h). Copying costs such a report about a tenth
  // more time (README, *Requests against the machine's ceilings*).
  Copied,
};

// Opens `path` on `session` and applies the per-connection settings:
// WAL, foreign keys, synchronous=FULL, busy timeout, and how pages are read.
// Creates a missing file. Throws StorageError, also when the database cannot
// be put in WAL mode.
void open_sqlite_connection(soci::session& session, const std::string& path, int busy_timeout_ms, PageReads reads);

// Runs a script of several statements (a migration) through SQLite directly;
// SOCI would run only the first statement. `session` must be an open sqlite3
// session. Throws StorageError with SQLite's message; statements before the
// failing one are not undone (run it inside a transaction).
void execute_script(soci::session& session, std::string_view script);

// True when `session`'s connection was opened read-only: SQLite falls back to
// read-only when the file cannot be opened for writing, and the connection
// stays so until it is closed.
bool opened_read_only(soci::session& session);

// True while `session` is inside a transaction (SQLite is not in autocommit).
bool in_transaction(soci::session& session);

// Rolls back the transaction `session` is in, if any; a failure to do so is
// ignored (the caller is already handling the failure that led here).
void roll_back_quietly(soci::session& session);

// True when this process can write the database file and the WAL files SQLite
// keeps beside it (`-wal`, `-shm`; absent ones count as writable).
bool database_files_writable(const std::string& path);

// SQLite creates the WAL files with the mode the database file has at that
// moment, so a database opened while read-only leaves a read-only `-shm` behind,
// and connections stay read-only after the database is made writable again.
// Adds to a WAL file this process owns the write permission the database file
// has and it lacks (which changes nothing for connections that have it open).
void align_wal_file_modes(const std::string& path);

}  // namespace casereview::db
