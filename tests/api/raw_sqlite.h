#pragma once
// Direct access to a database file, bypassing casereview: how the tests play
// someone who has the file and edits it behind the server's back.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace casereview::testing_support {

inline void raw_exec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK) << path;
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "") << "\n" << sql;
  sqlite3_free(error);
  sqlite3_close(db);
}

// Every row of a query, as text (NULL as ""). Throws std::runtime_error with
// SQLite's message when the file cannot be opened or the query fails, so that a
// broken query can never pass for an empty result.
inline std::vector<std::vector<std::string>> raw_rows(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  const auto fail = [&](const std::string& what) {
    const std::string message = what + " (" + path + "): " + (db ? sqlite3_errmsg(db) : "out of memory") + "\n" + sql;
    sqlite3_close(db);
    throw std::runtime_error(message);
  };
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) fail("cannot open");
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) fail("cannot prepare");
  std::vector<std::vector<std::string>> rows;
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int i = 0; i < sqlite3_column_count(st); ++i) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
      row.emplace_back(text ? text : "");
    }
    rows.push_back(row);
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) fail("query failed");
  sqlite3_close(db);
  return rows;
}

// The first row of a query, as text; empty when there is none.
inline std::vector<std::string> raw_row(const std::string& path, const std::string& sql) {
  auto rows = raw_rows(path, sql);
  return rows.empty() ? std::vector<std::string>{} : rows.front();
}

// SQL text literal.
inline std::string sql_text(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

}  // namespace casereview::testing_support
