#pragma once
// What a SOCI failure means to the engine, whichever backend raised it: a
// StorageError naming what was being done, with the fault the database
// reported (a full disk, a database that cannot be written), and for
// PostgreSQL whether running the whole transaction again may succeed.

#include <soci/soci.h>

#include "casereview/engine/repositories.h"

namespace casereview::db {

// A failure after which the same transaction, run again from its start, may
// succeed: PostgreSQL gave up on it to keep transactions serializable or to
// break a deadlock (SQLSTATE 40001, 40P01), or the connection was lost (class
// 08, or libpq found the connection broken). Only a store that runs the
// transaction again sees this type; to everyone else it is a StorageError.
class RetryableStorageError : public StorageError {
 public:
  enum class Cause { Contention, ConnectionLost };
  RetryableStorageError(const std::string& what, Cause cause) : StorageError(what), cause_(cause) {}
  Cause cause() const { return cause_; }

 private:
  Cause cause_;
};

// Throws the StorageError (or RetryableStorageError) for a SOCI failure while
// doing `what`.
[[noreturn]] void throw_storage_error(const char* what, const soci::soci_error& error);

// Throws the StorageError for a SQLite result code met outside SOCI
// (SqliteNativeQuery), with SQLite's message for it.
[[noreturn]] void throw_sqlite_error(const char* what, int result, const char* message);

// Translates SOCI failures into the engine's StorageError, naming what was being
// done. Any other exception passes through unchanged.
template <class F>
auto guarded(const char* what, F&& work) -> decltype(work()) {
  try {
    return work();
  } catch (const soci::soci_error& e) {
    throw_storage_error(what, e);
  }
}

}  // namespace casereview::db
