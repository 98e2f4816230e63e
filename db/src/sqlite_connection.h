#pragma once
// SQLite specifics that SOCI does not cover: connection settings and running a
// multi-statement script. Everything else in db/ is plain SOCI and SQL that
// PostgreSQL also accepts.

#include <soci/soci.h>

#include <string>
#include <string_view>

namespace casereview::db {

// Opens `path` on `session` and applies the per-connection settings:
// WAL, foreign keys, synchronous=FULL, busy timeout. Creates a missing file.
// Throws StorageError, also when the database cannot be put in WAL mode.
void open_sqlite_connection(soci::session& session, const std::string& path, int busy_timeout_ms);

// Runs a script of several statements (a migration) through SQLite directly;
// SOCI would run only the first statement. `session` must be an open sqlite3
// session. Throws StorageError with SQLite's message; statements before the
// failing one are not undone (run it inside a transaction).
void execute_script(soci::session& session, std::string_view script);

// Translates SOCI failures into the engine's StorageError, naming what was being done.
// Any other exception passes through unchanged.
template <class F>
auto guarded(const char* what, F&& work) -> decltype(work());

}  // namespace casereview::db

#include "casereview/engine/repositories.h"

namespace casereview::db {

template <class F>
auto guarded(const char* what, F&& work) -> decltype(work()) {
  try {
    return work();
  } catch (const soci::soci_error& e) {
    throw StorageError(std::string(what) + ": " + e.what());
  }
}

}  // namespace casereview::db
