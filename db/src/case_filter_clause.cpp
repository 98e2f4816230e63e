#include "case_filter_clause.h"

#include "sql_repositories.h"

namespace casereview::db {
namespace {

// The day from which a case counts as stepped: its latest step's, or its
// opening's when it has no step yet.
constexpr const char* kLatestStepOrOpening = "COALESCE(c.latest_step_on, c.opened_on)";

}  // namespace

CaseFilterClause::CaseFilterClause(const CaseFilter& filter)
    : filter_(filter),
      reference_pattern_(filter.reference_contains ? "%" + like_escaped(*filter.reference_contains) + "%" : "") {
  if (filter.active_in) {
    period_from_ = filter.active_in->period.from.iso();
    period_to_ = filter.active_in->period.to.iso();
  }
}

std::string CaseFilterClause::where() const {
  std::string where = " WHERE c.partnership_id = :p";
  if (filter_.kind) where += " AND c.kind = :k";
  if (filter_.state) where += " AND c.state = :s";
  if (filter_.reference_contains)  // Without regard to letter case, as SQLite's LIKE is and PostgreSQL's is not.
    where += " AND lower(c.reference) LIKE lower(:r) ESCAPE '\\'";
  if (!filter_.ids.empty()) {
    // Ids are numbers we produced: safe to write into the statement.
    std::string list;
    for (long long id : filter_.ids) list += (list.empty() ? "" : ",") + std::to_string(id);
    where += " AND c.id IN (" + list + ")";
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
  st.exchange(soci::use(filter_.partnership_id));
  if (filter_.kind) st.exchange(soci::use(*filter_.kind));
  if (filter_.state) st.exchange(soci::use(*filter_.state));
  if (filter_.reference_contains) st.exchange(soci::use(reference_pattern_));
  if (filter_.active_in) {
    st.exchange(soci::use(period_to_));
    if (filter_.active_in->only_stepped) {
      st.exchange(soci::use(period_from_));
      return;
    }
    for (const auto& [kind, state] : filter_.active_in->closed_states) {
      st.exchange(soci::use(kind));
      st.exchange(soci::use(state));
    }
    if (!filter_.active_in->closed_states.empty()) st.exchange(soci::use(period_from_));
  }
}

}  // namespace casereview::db
