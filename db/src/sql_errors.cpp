#include "sql_errors.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

namespace casereview::db {

namespace {

// The fault behind a SQLite result code, primary or extended.
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

// PostgreSQL's SQLSTATE: 53100 disk_full; 25006 read_only_sql_transaction (a
// standby, or default_transaction_read_only).
StorageFault fault_of_sqlstate(const std::string& state) {
  if (state == "53100") return StorageFault::Full;
  if (state == "25006") return StorageFault::ReadOnly;
  return StorageFault::Other;
}

}  // namespace

void throw_sqlite_error(const char* what, int result, const char* message) {
  throw StorageError(std::string(what) + ": " + (message ? message : "SQLite failed"), fault_of_sqlite_result(result));
}

void throw_storage_error(const char* what, const soci::soci_error& error) {
  const std::string message = std::string(what) + ": " + error.what();
  if (const auto* from_sqlite = dynamic_cast<const soci::sqlite3_soci_error*>(&error)) {
    throw StorageError(message, fault_of_sqlite_result(from_sqlite->result()));
  }
  if (const auto* from_postgresql = dynamic_cast<const soci::postgresql_soci_error*>(&error)) {
    const std::string state = from_postgresql->sqlstate();
    if (state == "40001" || state == "40P01") {
      throw RetryableStorageError(message, RetryableStorageError::Cause::Contention);
    }
    if (state.rfind("08", 0) == 0 || state == "57P01" || state == "57P02" || state == "57P03") {
      // connection_exception, and the server shutting down or restarting
      throw RetryableStorageError(message, RetryableStorageError::Cause::ConnectionLost);
    }
    throw StorageError(message, fault_of_sqlstate(state));
  }
  // SOCI reports a connection libpq found broken without a SQLSTATE.
  if (error.get_error_category() == soci::soci_error::connection_error) {
    throw RetryableStorageError(message, RetryableStorageError::Cause::ConnectionLost);
  }
  throw StorageError(message);
}

}  // namespace casereview::db
