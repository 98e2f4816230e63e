#include "casereview/db/backup.h"

#include <sqlite3.h>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "casereview/engine/repositories.h"

namespace casereview::db {
namespace {

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Db = std::unique_ptr<sqlite3, CloseDb>;

Db open_db(const std::string& path, int flags, int busy_timeout_ms) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK) {
    throw StorageError("cannot open " + path + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  sqlite3_busy_timeout(db.get(), busy_timeout_ms);
  return db;
}

}  // namespace

void backup_database(const std::string& source, const std::string& target) {
  if (std::filesystem::exists(target)) throw StorageError(target + " exists; choose a new file name");
  Db from = open_db(source, SQLITE_OPEN_READONLY, 10000);
  auto fail = [&](const std::string& why) {
    std::error_code ignored;
    std::filesystem::remove(target, ignored);
    throw StorageError("backup to " + target + " failed: " + why);
  };
  {
    Db to = open_db(target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, 10000);
    sqlite3_backup* backup = sqlite3_backup_init(to.get(), "main", from.get(), "main");
    if (!backup) fail(sqlite3_errmsg(to.get()));
    // -1: every page in one step, under one read transaction: one snapshot.
    int rc = sqlite3_backup_step(backup, -1);
    while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      sqlite3_sleep(50);
      rc = sqlite3_backup_step(backup, -1);
    }
    const int finished = sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) fail(sqlite3_errstr(rc));
    if (finished != SQLITE_OK) fail(sqlite3_errmsg(to.get()));
    // A backup is one self-contained file: no write-ahead log beside it.
    char* error = nullptr;
    if (sqlite3_exec(to.get(), "PRAGMA journal_mode = DELETE", nullptr, nullptr, &error) != SQLITE_OK) {
      const std::string why = error ? error : "journal mode";
      sqlite3_free(error);
      fail(why);
    }
  }
}

std::vector<std::string> integrity_problems(const std::string& path) {
  Db db = open_db(path, SQLITE_OPEN_READONLY, 10000);
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db.get(), "PRAGMA integrity_check(20)", -1, &raw, nullptr) != SQLITE_OK) {
    // Not even readable as a database (a file of another kind, or torn).
    return {sqlite3_errmsg(db.get())};
  }
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement(raw, sqlite3_finalize);
  std::vector<std::string> problems;
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), 0));
    const std::string line = text ? text : "";
    if (line != "ok") problems.push_back(line);
  }
  if (rc != SQLITE_DONE) problems.emplace_back(sqlite3_errmsg(db.get()));
  return problems;
}

}  // namespace casereview::db
