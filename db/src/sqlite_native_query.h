#pragma once
// A query read through SQLite's own interface instead of SOCI's, for the few
// reads of tens of thousands of rows (the cases a ten-year report counts).
// SOCI's SQLite backend copies every value of every row into a buffer of its
// own, as text, and then again into the variable bound to it, parsing numbers
// back from that text: over the 37,000 deaths of a ten-year CDOP report this
// was most of reading them. PostgreSQL connections read the same rows
// through SOCI; the contract suites check both give the same.
//
// It runs on the session's connection, inside whatever transaction the
// session has open, and is prepared for each use: kept only for reads of
// thousands of rows, where preparing is a small part (a read of a few rows
// uses the connection's kept SOCI statement instead).

#include <soci/soci.h>

#include <string>
#include <string_view>

namespace sqlite_api {
struct sqlite3;
struct sqlite3_stmt;
}  // namespace sqlite_api

namespace casereview::db {

class SqliteNativeQuery {
 public:
  // Prepares `sql` on `session`, which must be a SQLite connection. `what`
  // names the read in the StorageError any failure throws.
  SqliteNativeQuery(soci::session& session, const std::string& sql, const char* what);
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

  sqlite_api::sqlite3* connection_;
  sqlite_api::sqlite3_stmt* statement_ = nullptr;
  const char* what_;
  int bound_ = 0;
  bool stepped_ = false;
};

}  // namespace casereview::db
