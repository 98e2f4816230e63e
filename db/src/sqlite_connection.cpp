#include "sqlite_connection.h"

#include <soci/sqlite3/soci-sqlite3.h>

namespace casereview::db {

void open_sqlite_connection(soci::session& session, const std::string& path, int busy_timeout_ms) {
  guarded("open the database", [&] {
    session.open(soci::sqlite3, "db=" + path);
    session << "PRAGMA busy_timeout = " + std::to_string(busy_timeout_ms);
    std::string mode;
    session << "PRAGMA journal_mode = WAL", soci::into(mode);
    if (mode != "wal")
      throw StorageError("the database could not be switched to WAL mode (it is in " + mode + " mode)");
    session << "PRAGMA foreign_keys = ON";
    session << "PRAGMA synchronous = FULL";
  });
}

void execute_script(soci::session& session, std::string_view script) {
  auto* backend = static_cast<soci::sqlite3_session_backend*>(session.get_backend());
  char* error = nullptr;
  const std::string text(script);
  if (sqlite_api::sqlite3_exec(backend->conn_, text.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error ? error : "unknown error";
    sqlite_api::sqlite3_free(error);
    throw StorageError("script failed: " + message);
  }
}

}  // namespace casereview::db
