#include "statement_cache.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "sql_dialect.h"

namespace casereview::db {

PreparedStatement::PreparedStatement(PreparedStatement&& other) noexcept
    : cache_(other.cache_), statement_(other.statement_), in_use_(other.in_use_), owned_(std::move(other.owned_)) {
  other.statement_ = nullptr;
  other.in_use_ = nullptr;
}

PreparedStatement::~PreparedStatement() {
  if (statement_ == nullptr || in_use_ == nullptr) return;  // moved from, or made for one use
  cache_->give_back(*statement_, *in_use_);
}

void StatementCache::give_back(soci::statement& statement, bool& in_use) noexcept {
  try {
    if (postgresql_) {
      // Frees the result the statement last read (libpq holds all its rows),
      // which would otherwise stay until the statement next runs.
      auto* backend = static_cast<soci::postgresql_statement_backend*>(statement.get_backend());
      if (backend != nullptr) backend->result_.reset();
    } else {
      // Ends a read the caller stopped part-way (a query of one row, an
      // INSERT … RETURNING). What the last step reported was seen already.
      auto* backend = static_cast<soci::sqlite3_statement_backend*>(statement.get_backend());
      if (backend != nullptr && backend->stmt_ != nullptr) sqlite_api::sqlite3_reset(backend->stmt_);
    }
    statement.bind_clean_up();
  } catch (...) {
    // A statement whose bindings could not be dropped is not lent again: the
    // flag stays set, and the next use of its text prepares one of its own.
    return;
  }
  in_use = false;
}

std::unique_ptr<soci::statement> StatementCache::prepare(const std::string& sql) {
  // Read here rather than on every give_back: the backend's name is a string
  // made afresh on each call, and the connection's backend cannot change while
  // a statement prepared on it is kept (clear() comes first).
  postgresql_ = on_postgresql(session_);
  auto statement = std::make_unique<soci::statement>(session_);
  statement->alloc();
  statement->prepare(sql);
  return statement;
}

StatementCache::~StatementCache() { clear(); }

void StatementCache::clear() {
  kept_.clear();
  for (auto& [sql, slot] : native_) sqlite_api::sqlite3_finalize(slot.statement);
  native_.clear();
}

bool StatementCache::keeps(const std::string& sql, std::size_t kept_already) const {
  return kept_already < kMostKept && sql.size() <= kLongestKept && sql.find(kListedIds) == std::string::npos;
}

StatementCache::NativeSlot* StatementCache::native_slot(const std::string& sql) {
  auto found = native_.find(sql);
  if (found != native_.end()) return &found->second;
  if (!keeps(sql, native_.size())) return nullptr;
  return &native_.emplace(sql, NativeSlot{}).first->second;
}

PreparedStatement StatementCache::take(const std::string& sql) {
  auto found = kept_.find(sql);
  const bool keep = found == kept_.end() ? keeps(sql, kept_.size()) : !found->second.in_use;
  if (!keep) {
    std::unique_ptr<soci::statement> once = prepare(sql);
    soci::statement* raw = once.get();
    return PreparedStatement(this, raw, nullptr, std::move(once));
  }
  if (found == kept_.end()) {
    Kept kept;
    kept.statement = prepare(sql);
    found = kept_.emplace(sql, std::move(kept)).first;
  }
  found->second.in_use = true;
  return PreparedStatement(this, found->second.statement.get(), &found->second.in_use, nullptr);
}

}  // namespace casereview::db
