#pragma once
// The WHERE clause a CaseFilter makes and the binding of its values, in one
// place for every query that picks cases by it: the case list and count, and
// the events and clocks read across cases. The cases table goes by the alias
// `c` in each of them.

#include <soci/soci.h>

#include <string>

#include "casereview/engine/repositories.h"

namespace casereview::db {

class CaseFilterClause {
 public:
  // `sql` is the connection the clause is for: the backends match a
  // reference without regard to letter case in different words.
  CaseFilterClause(const CaseFilter& filter, soci::session& sql);

  // " WHERE c.partnership_id = :p AND ...", the placeholders in the order bind
  // gives their values.
  std::string where() const;
  // The same clause for a count, where no order is asked: when the filter
  // names its cases, SQLite is steered to look each of them up rather than go
  // through the partnership's index and test every case against the list.
  std::string where_for_count() const;
  // Binds the values of where()'s placeholders, in order.
  void bind(soci::statement& st) const;
  // Gives `bind` each of those values in the same order (a long long or a
  // std::string, each living as long as the clause), for a statement not
  // bound through SOCI.
  template <class Bind>
  void bind_each(Bind&& bind) const;

 private:
  // " AND ..." for each condition after the partnership's.
  std::string conditions() const;

  const CaseFilter& filter_;
  bool postgresql_;
  std::string reference_pattern_;
  // What the period's ends are compared as: the stored text of a date.
  std::string period_from_, period_to_;
};

template <class Bind>
void CaseFilterClause::bind_each(Bind&& bind) const {
  bind(filter_.partnership_id);
  if (filter_.kind) bind(*filter_.kind);
  if (filter_.state) bind(*filter_.state);
  if (filter_.reference_contains) {
    bind(filter_.partnership_id);
    bind(reference_pattern_);
  }
  if (filter_.active_in) {
    bind(period_to_);
    if (filter_.active_in->only_stepped) {
      bind(period_from_);
      return;
    }
    for (const auto& [kind, state] : filter_.active_in->closed_states) {
      bind(kind);
      bind(state);
    }
    if (!filter_.active_in->closed_states.empty()) bind(period_from_);
  }
}

}  // namespace casereview::db
