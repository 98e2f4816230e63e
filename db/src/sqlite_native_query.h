#pragma once
// A query read through SQLite's own interface instead of SOCI's, for the
// reads of tens of thousands of rows (the cases a ten-year report counts) and
// those asked at every request. SOCI's SQLite backend copies every value of every row into a buffer of its
// own, as text, and then again into the variable bound to it, parsing numbers
// back from that text: over the 37,000 deaths of a ten-year CDOP report this
// was most of reading them. PostgreSQL connections read the same rows
// through SOCI; the contract suites check both give the same.
//
// It runs on the connection of a StatementCache, inside whatever transaction
// that connection has open, and its statement is kept there for the next use
// of the same text (as the cache keeps SOCI's): the reads that take this way
// are the long ones, and the short ones asked at every request (a case by its
// id, its events, a transaction's BEGIN), where SOCI's own binding and
// copying around a few rows were a tenth of the request.

#include <soci/soci.h>

#include <string>
#include <string_view>

#include "statement_cache.h"

namespace sqlite_api {
struct sqlite3;
struct sqlite3_stmt;
}  // namespace sqlite_api

namespace casereview::db {

class SqliteNativeQuery {
 public:
  // Prepares `sql` on the connection of `kept`, which must be SQLite's, or
  // takes the statement kept there for it: that one is reset and its values
  // dropped when this query goes. Prepared for this use alone when the kept
  // one is in use (a query run inside the loop of the same one) or `sql` is
  // not to be kept (StatementCache::take). `what` names the read in the
  // StorageError any failure throws.
  SqliteNativeQuery(StatementCache& kept, const std::string& sql, const char* what);
  ~SqliteNativeQuery();
  SqliteNativeQuery(const SqliteNativeQuery&) = delete;
  SqliteNativeQuery& operator=(const SqliteNativeQuery&) = delete;

  // Binds the next placeholder, in the order the SQL names them. A text is
  // copied: it need not outlive the call.
  void bind(long long value);
  void bind(const std::string& value);

  // Steps to the next row: false once there is none. Throws StorageError
  // when a placeholder was left unbound.
  bool next();

  // The current row's values, by column from 0. A text is valid until the
  // next step. integer() throws StorageError for a value stored as anything
  // but an integer (NULL included: ask null() first where one may be).
  bool null(int column) const;
  long long integer(int column) const;
  std::string_view text(int column) const;

 private:
  [[noreturn]] void fail(int result) const;
  void prepare(const std::string& sql, sqlite_api::sqlite3_stmt** into);

  sqlite_api::sqlite3* connection_;
  sqlite_api::sqlite3_stmt* statement_ = nullptr;
  StatementCache::NativeSlot* slot_ = nullptr;  // where statement_ is kept; null for one of this use alone
  const char* what_;
  int bound_ = 0;
  bool stepped_ = false;
};

// Runs `sql`, which takes no values and gives no rows (BEGIN, COMMIT, a
// savepoint), through the statement kept for it on the connection of `kept`.
void run_native(StatementCache& kept, const std::string& sql, const char* what);

}  // namespace casereview::db
