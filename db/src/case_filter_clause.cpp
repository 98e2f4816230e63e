#include "case_filter_clause.h"

#include "sql_dialect.h"
#include "sql_repositories.h"

namespace casereview::db {
namespace {

// The day from which a case counts as stepped: its latest step's, or its
// opening's when it has no step yet.
constexpr const char* kLatestStepOrOpening = "COALESCE(c.latest_step_on, c.opened_on)";

}  // namespace

CaseFilterClause::CaseFilterClause(const CaseFilter& filter, soci::session& sql)
    : filter_(filter),
      postgresql_(on_postgresql(sql)),
      reference_pattern_(filter.reference_contains ? "%" + like_escaped(*filter.reference_contains) + "%" : "") {
  if (filter.active_in) {
    period_from_ = filter.active_in->period.from.iso();
    period_to_ = filter.active_in->period.to.iso();
  }
}

std::string CaseFilterClause::where() const { return " WHERE c.partnership_id = :p" + conditions(); }

std::string CaseFilterClause::where_for_count() const {
  // A unary plus makes the column an expression, which no index serves; both
  // backends read it as the same comparison.
  return (filter_.ids.empty() ? " WHERE c.partnership_id = :p" : " WHERE +c.partnership_id = :p") + conditions();
}

std::string CaseFilterClause::conditions() const {
  std::string where;
  if (filter_.kind) where += " AND c.kind = :k";
  if (filter_.state) where += " AND c.state = :s";
  if (filter_.reference_contains) {
    // The references that match are found in the index of references (the
    // unique one of partnership and reference), which holds all this reads:
    // as a plain condition SQLite would read every case's row to compare its
    // reference. Without regard to letter case: SQLite's LIKE folds ASCII
    // (and lower() on every row would cost more than the rest of the search);
    // PostgreSQL's LIKE does not fold.
    where += " AND c.id IN (SELECT r.id FROM cases r WHERE r.partnership_id = :rp AND ";
    where += postgresql_ ? "lower(r.reference) LIKE lower(:r)" : "r.reference LIKE :r";
    where += " ESCAPE '\\')";
  }
  if (!filter_.ids.empty()) {
    // Ids are numbers we produced: safe to write into the statement.
    std::string list;
    for (long long id : filter_.ids) list += (list.empty() ? "" : ",") + std::to_string(id);
    where += std::string(" AND c.id IN (") + StatementCache::kListedIds + list + ")";
  }
  if (filter_.active_in) {
    // Dates are stored as ISO text, which orders as the dates do. A case with
    // no step yet (no latest_step_on) counts from the day it was opened.
    where += " AND c.opened_on <= :period_to";
    // The same expression as 0019's index, which SQLite uses only for that
    // expression.
    if (filter_.active_in->only_stepped) return where + " AND " + kLatestStepOrOpening + " >= :period_from";
    const auto& closed = filter_.active_in->closed_states;
    if (!closed.empty()) {
      std::string any_closed;
      for (std::size_t i = 0; i < closed.size(); ++i) {
        const std::string n = std::to_string(i);
        if (i) any_closed += " OR ";
        any_closed += "(c.kind = :closed_kind";
        any_closed += n;
        any_closed += " AND c.state = :closed_state";
        any_closed += n;
        any_closed += ")";
      }
      where += " AND (NOT (" + any_closed + ") OR " + kLatestStepOrOpening + " >= :period_from)";
    }
  }
  return where;
}

void CaseFilterClause::bind(soci::statement& st) const {
  bind_each([&st](const auto& value) { st.exchange(soci::use(value)); });
}

}  // namespace casereview::db
