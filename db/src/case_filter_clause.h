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
  explicit CaseFilterClause(const CaseFilter& filter);

  // " WHERE c.partnership_id = :p AND ...", the placeholders in the order bind
  // gives their values.
  std::string where() const;
  // Binds the values of where()'s placeholders, in order.
  void bind(soci::statement& st) const;

 private:
  const CaseFilter& filter_;
  std::string reference_pattern_;
  // What the period's ends are compared as: the stored text of a date.
  std::string period_from_, period_to_;
};

}  // namespace casereview::db
