#include "sqlite_native_query.h"

#include <soci/sqlite3/soci-sqlite3.h>

#include <cstdint>
#include <string>

#include "sql_errors.h"
#include "sqlite_connection.h"

namespace casereview::db {

namespace {

sqlite_api::sqlite3* sqlite_connection_of(soci::session& session) {
  sqlite_api::sqlite3* handle = sqlite_handle(session);
  if (handle == nullptr) throw StorageError("a SQLite read was asked of a connection that is not SQLite's");
  return handle;
}

// SQLITE_TRANSIENT, which names its type outside the namespace SOCI puts
// SQLite's interface in.
const sqlite_api::sqlite3_destructor_type kCopyTheText =
    reinterpret_cast<sqlite_api::sqlite3_destructor_type>(static_cast<std::intptr_t>(-1));

}  // namespace

SqliteNativeQuery::SqliteNativeQuery(StatementCache& kept, const std::string& sql, const char* what)
    : connection_(sqlite_connection_of(kept.session())), what_(what) {
  StatementCache::NativeSlot* slot = kept.native_slot(sql);
  if (slot == nullptr || slot->in_use) {
    prepare(sql, &statement_);
    return;
  }
  if (slot->statement == nullptr) prepare(sql, &slot->statement);
  slot->in_use = true;
  slot_ = slot;
  statement_ = slot->statement;
}

SqliteNativeQuery::~SqliteNativeQuery() {
  if (slot_ == nullptr) {
    sqlite_api::sqlite3_finalize(statement_);
    return;
  }
  // Ends a read stopped part-way (a query of one row), and with it the
  // snapshot it held; what the last step reported was seen already.
  sqlite_api::sqlite3_reset(statement_);
  sqlite_api::sqlite3_clear_bindings(statement_);
  slot_->in_use = false;
}

void SqliteNativeQuery::prepare(const std::string& sql, sqlite_api::sqlite3_stmt** into) {
  const int result =
      sqlite_api::sqlite3_prepare_v2(connection_, sql.c_str(), static_cast<int>(sql.size() + 1), into, nullptr);
  if (result != SQLITE_OK) {
    sqlite_api::sqlite3_finalize(*into);  // null after a failure, but SQLite allows it
    *into = nullptr;
    fail(result);
  }
}

void SqliteNativeQuery::bind(long long value) {
  const int result = sqlite_api::sqlite3_bind_int64(statement_, ++bound_, value);
  if (result != SQLITE_OK) fail(result);
}

void SqliteNativeQuery::bind(const std::string& value) {
  const int result =
      sqlite_api::sqlite3_bind_text(statement_, ++bound_, value.data(), static_cast<int>(value.size()), kCopyTheText);
  if (result != SQLITE_OK) fail(result);
}

bool SqliteNativeQuery::next() {
  if (!stepped_) {
    // SQLite reads a placeholder left unbound as NULL, which matches nothing.
    const int placeholders = sqlite_api::sqlite3_bind_parameter_count(statement_);
    if (bound_ != placeholders) {
      throw StorageError(std::string(what_) + ": " + std::to_string(bound_) + " of " + std::to_string(placeholders) +
                         " placeholders were given a value");
    }
    stepped_ = true;
  }
  const int result = sqlite_api::sqlite3_step(statement_);
  if (result == SQLITE_ROW) return true;
  if (result == SQLITE_DONE) return false;
  fail(result);
}

bool SqliteNativeQuery::null(int column) const {
  return sqlite_api::sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

long long SqliteNativeQuery::integer(int column) const {
  // SOCI refused what it could not read as a number; SQLite would give 0.
  if (sqlite_api::sqlite3_column_type(statement_, column) != SQLITE_INTEGER) {
    throw StorageError(std::string(what_) + ": stored value is not an integer (column " + std::to_string(column) + ")");
  }
  return sqlite_api::sqlite3_column_int64(statement_, column);
}

std::string_view SqliteNativeQuery::text(int column) const {
  // The text first, then its length: the order SQLite documents as safe.
  const auto* characters = sqlite_api::sqlite3_column_text(statement_, column);
  const int length = sqlite_api::sqlite3_column_bytes(statement_, column);
  if (characters == nullptr) return {};
  return {reinterpret_cast<const char*>(characters), static_cast<std::size_t>(length)};
}

void SqliteNativeQuery::fail(int result) const {
  throw_sqlite_error(what_, result, sqlite_api::sqlite3_errmsg(connection_));
}

void run_native(StatementCache& kept, const std::string& sql, const char* what) {
  SqliteNativeQuery statement(kept, sql, what);
  while (statement.next()) {
  }
}

}  // namespace casereview::db
