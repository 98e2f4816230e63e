#pragma once
// What the reports read of the cases stepped in a period (all_matching_brief:
// its columns and filter, as db/src/sql_case_repository.cpp and
// case_filter_clause.cpp write them), for the tests that read its plan on each
// backend (migration 0023).

namespace casereview::testing_support {

inline constexpr const char* kSteppedCasesQuery =
    "SELECT id, reference, kind, partnership_id, state, version, opened_on, parent_case_id FROM cases c "
    "WHERE c.partnership_id = 1 AND c.kind = 'child_death_review' AND c.opened_on <= '2027-03-31' "
    "AND COALESCE(c.latest_step_on, c.opened_on) >= '2026-04-01'";

}  // namespace casereview::testing_support
