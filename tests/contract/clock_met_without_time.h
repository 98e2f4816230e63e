#pragma once
// A clock met without the time it was met, in a case of its own: what
// migration 0021 found in databases from before it, and marked. The SQLite and
// PostgreSQL tests of that mark start from it.

#include <vector>

#include "casereview/engine/repositories.h"

namespace casereview::testing_support {

// A working-day clock of a death's review, met on 7 June 2024, time not given.
inline Clock clock_met_without_time() {
  Clock met;
  met.rule_id = "cdr.reporting_form";
  met.terms = {5, DeadlineUnit::WorkingDays, "death"};
  met.anchor = {*Date::parse("2024-06-03"), std::nullopt};
  met.due = DueDate{*Date::parse("2024-06-10"), std::nullopt, false};
  met.met_on = Date::parse("2024-06-07");
  return met;
}

// A new child death review of partnership 1 with `clocks` stored; its id.
inline long long case_with_clocks(StoreSession& session, const std::vector<Clock>& clocks) {
  long long id = 0;
  session.write_transaction([&] {
    id = session.cases()
             .create(NewCase{"child_death_review", "CDR", 1, *Date::parse("2024-06-03"), ""},
                     *Instant::parse("2024-06-03T15:00:00Z"))
             .id;
    session.deadlines().replace_for_case(id, clocks);
  });
  return id;
}

}  // namespace casereview::testing_support
