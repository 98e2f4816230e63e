#include "sqlite_connection.h"

#include <soci/sqlite3/soci-sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace casereview::db {

StorageFault fault_of_sqlite_result(int result) {
  switch (result & 0xff) {  // the primary code of an extended one
    case SQLITE_FULL:
      return StorageFault::Full;
    case SQLITE_READONLY:
      return StorageFault::ReadOnly;
    default:
      return StorageFault::Other;
  }
}

StorageError storage_error(const char* what, const soci::soci_error& error) {
  const auto* from_sqlite = dynamic_cast<const soci::sqlite3_soci_error*>(&error);
  const StorageFault fault = from_sqlite ? fault_of_sqlite_result(from_sqlite->result()) : StorageFault::Other;
  return StorageError(std::string(what) + ": " + error.what(), fault);
}

namespace {

constexpr const char* kWalSuffixes[] = {"-wal", "-shm"};

bool writable_or_absent(const std::string& file) { return ::access(file.c_str(), W_OK) == 0 || errno == ENOENT; }

}  // namespace

bool database_files_writable(const std::string& path) {
  if (::access(path.c_str(), W_OK) != 0) return false;
  for (const char* suffix : kWalSuffixes) {
    if (!writable_or_absent(path + suffix)) return false;
  }
  return true;
}

void align_wal_file_modes(const std::string& path) {
  struct stat database {};
  if (::stat(path.c_str(), &database) != 0) return;
  const mode_t permissions = database.st_mode & 0666;
  for (const char* suffix : kWalSuffixes) {
    const std::string file = path + suffix;
    struct stat wal {};
    if (::stat(file.c_str(), &wal) != 0 || wal.st_uid != ::geteuid()) continue;
    if ((wal.st_mode & 0666) != permissions) ::chmod(file.c_str(), permissions);
  }
}

bool opened_read_only(soci::session& session) {
  auto* backend = static_cast<soci::sqlite3_session_backend*>(session.get_backend());
  return backend != nullptr && sqlite_api::sqlite3_db_readonly(backend->conn_, "main") == 1;
}

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
