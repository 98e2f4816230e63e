#pragma once
// Table-driven transition tests, shared by every workflow. Each row brings a case
// to a state through the real workflow, issues one command and states what must
// happen: accepted (to which state, recording which events, opening which linked
// case), not allowed in that state (409), or refused by a guard with the fact at
// fault (422). Refused and not-allowed rows must leave the case untouched.

#include <gtest/gtest.h>

#include <functional>
#include <ostream>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "workflow_driver.h"

namespace casereview::testing_support {

using Setup = std::function<void(WorkflowDriver&)>;

// A setup that runs these commands in order, each of which must be accepted.
struct Stepping {
  std::string command;
  Json facts;
};
Setup path(const std::vector<Stepping>& steps);
// `first`, then `more`.
Setup then(const Setup& first, const std::vector<Stepping>& more);
// `first`, then `rewrite` of the history it made: a case as recorded under
// older rules.
Setup rewritten(const Setup& first, const std::function<void(WorkflowDriver&)>& rewrite);

enum class Expect { Accepted, NotAllowed, Refused };

struct TransitionRow {
  std::string name;
  Setup setup;
  std::string command;
  Json facts;
  Expect expect;
  std::string next_state_or_field;  // the next state when accepted; the fact at fault when refused
  std::vector<std::string> event_types = {};
  std::string opens_kind = "";  // the kind of case the step opens, if it does
};
inline void PrintTo(const TransitionRow& row, std::ostream* os) { *os << row.name; }

// Runs `row` and checks its expectation; returns the transition taken, if accepted.
std::optional<TransitionSpec> check_row(const Workflow& workflow, Date today, const TransitionRow& row,
                                        const std::function<void(WorkflowDriver&)>& prepare = {});

// The machine's transitions that no accepted row takes (should be none).
std::vector<TransitionSpec> untested_transitions(const Workflow& workflow, Date today,
                                                 const std::vector<TransitionRow>& rows,
                                                 const std::function<void(WorkflowDriver&)>& prepare = {});

// Every (state, command) without a row in the table is refused as not allowed.
void expect_commands_without_rows_refused(const Workflow& workflow, Date today);

// The facts of every accepted row pass the command's own field validation, so a
// row cannot reach the machine with facts the API would refuse with 400.
// `prepare` sets the register and vocabularies as the rows' setups see them.
void expect_accepted_rows_send_valid_facts(const Workflow& workflow, Date today, const std::vector<TransitionRow>& rows,
                                           const std::function<void(WorkflowDriver&)>& prepare = {});

}  // namespace casereview::testing_support
