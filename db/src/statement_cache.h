#pragma once
// Statements prepared once per connection and kept. SOCI prepares a statement
// afresh each time one is made (SQLite parses and plans its text again;
// PostgreSQL prepares it on the server again), which was a third of a
// report's time and two fifths of a command's. A repository asks the cache of
// its connection for the statement of a text, binds its values and places to
// read into, runs it, and gives it back when the handle goes: its bindings
// are dropped then, never its preparation.
//
// One cache per connection, used by one thread at a time, as the connection
// is. It must be emptied before its connection is closed or opened again
// (clear()): a kept statement belongs to the connection it was prepared on.
//
// On SQLite it also keeps the statements SqliteNativeQuery runs through
// SQLite's own interface (native_slot), for the reads so frequent that SOCI's
// own work on each was a tenth of their request (a case found by its id).

#include <soci/soci.h>

#include <memory>
#include <string>
#include <unordered_map>

namespace sqlite_api {
struct sqlite3_stmt;
}  // namespace sqlite_api

namespace casereview::db {

class StatementCache;

// A prepared statement lent by the cache, to bind (exchange), define_and_bind,
// execute and fetch as any SOCI statement. When it goes, the cache resets it
// (SQLite would otherwise keep a statement read part-way open, and with it
// the snapshot it reads) and drops its bindings, so that they never outlive
// the variables they point at.
class PreparedStatement {
 public:
  PreparedStatement(PreparedStatement&& other) noexcept;
  PreparedStatement(const PreparedStatement&) = delete;
  PreparedStatement& operator=(const PreparedStatement&) = delete;
  PreparedStatement& operator=(PreparedStatement&&) = delete;
  ~PreparedStatement();

  soci::statement& operator*() { return *statement_; }
  soci::statement* operator->() { return statement_; }

 private:
  friend class StatementCache;
  PreparedStatement(StatementCache* cache, soci::statement* statement, bool* in_use,
                    std::unique_ptr<soci::statement> owned)
      : cache_(cache), statement_(statement), in_use_(in_use), owned_(std::move(owned)) {}
  StatementCache* cache_;
  soci::statement* statement_;
  bool* in_use_;                            // the kept statement's flag; null for one made for this use alone
  std::unique_ptr<soci::statement> owned_;  // a statement made for this use alone
};

class StatementCache {
 public:
  explicit StatementCache(soci::session& session) : session_(session) {}
  ~StatementCache();
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;

  // The connection the statements are prepared on.
  soci::session& session() const { return session_; }

  // The statement of `sql`, prepared on this connection on first use. When
  // that statement is lent already (a statement run inside the loop of the
  // same one), when kMostKept are kept already, or when the text is longer
  // than kLongestKept (texts that list ids differ by the ids, and a list of
  // thousands would keep its text and its program for nothing), or when it
  // holds kListedIds (a short list of ids: each list would take one of the
  // kMostKept places for good, and a report that reads the cases changed
  // since it was last asked lists different ones each time), a new one is
  // prepared for this use alone. Throws soci_error.
  PreparedStatement take(const std::string& sql);

  // A place to keep SQLite's own statement of `sql` (SqliteNativeQuery):
  // `statement` is null until first prepared there, and the query that takes
  // it sets `in_use` while it runs. Null when the text is not to be kept (as
  // for take()); the query then prepares one for its use alone, as it does
  // when the slot is in use.
  struct NativeSlot {
    sqlite_api::sqlite3_stmt* statement = nullptr;
    bool in_use = false;
  };
  NativeSlot* native_slot(const std::string& sql);

  // Finalizes every kept statement: before the connection closes or reconnects.
  void clear();

  // Resets a kept statement and drops its bindings; marks it free to lend
  // unless that fails (PreparedStatement's destructor).
  void give_back(soci::statement& statement, bool& in_use) noexcept;

  static constexpr std::size_t kMostKept = 256;
  // Written before a list of ids in a statement's text (CaseFilter::ids).
  static constexpr const char* kListedIds = "/* listed ids */";
  static constexpr std::size_t kLongestKept = 4096;  // characters of SQL

 private:
  struct Kept {
    std::unique_ptr<soci::statement> statement;
    bool in_use = false;
  };
  std::unique_ptr<soci::statement> prepare(const std::string& sql);

  soci::session& session_;
  bool postgresql_ = false;  // the connection's backend, as of the last statement prepared
  bool keeps(const std::string& sql, std::size_t kept_already) const;

  std::unordered_map<std::string, Kept> kept_;
  std::unordered_map<std::string, NativeSlot> native_;
};

}  // namespace casereview::db

namespace casereview::db {

// Binds `bindings` (soci::into and soci::use, in the order of the statement)
// to a statement taken from the cache, ready to execute.
template <class... Bindings>
void bind_all(PreparedStatement& statement, Bindings&&... bindings) {
  (statement->exchange(std::forward<Bindings>(bindings)), ...);
  statement->define_and_bind();
}

// Runs the kept statement of `sql` once with `bindings`: true when it read a row.
template <class... Bindings>
bool run_kept(StatementCache& cache, const std::string& sql, Bindings&&... bindings) {
  PreparedStatement statement = cache.take(sql);
  bind_all(statement, std::forward<Bindings>(bindings)...);
  return statement->execute(true);
}

}  // namespace casereview::db
