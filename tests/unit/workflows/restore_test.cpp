#include <gtest/gtest.h>

#include <set>

#include "casereview/workflows/all_workflows.h"

namespace casereview {
namespace {

WorkflowRegistry all() {
  WorkflowRegistry registry;
  workflows::register_all(registry);
  return registry;
}

// Persisted state names survive a restore: the machine, put into a state by its
// stored name, reports the same name back. For every state of every workflow.
TEST(Restore, EveryPersistedStateRoundTrips) {
  const WorkflowRegistry registry = all();
  for (const Workflow* workflow : registry.all()) {
    for (const StateSpec& state : workflow->spec().states) {
      EXPECT_EQ(workflow->restore_round_trip(state.name), state.name) << workflow->spec().kind;
    }
  }
}

TEST(Restore, RefusesAStateNameTheMachineDoesNotHave) {
  const WorkflowRegistry registry = all();
  for (const Workflow* workflow : registry.all()) {
    EXPECT_THROW(workflow->restore_round_trip("no_such_state"), std::invalid_argument);
  }
}

// The described states and the machine's states are the same set.
TEST(Restore, DescribedStatesAreExactlyTheMachinesStates) {
  const WorkflowRegistry registry = all();
  for (const Workflow* workflow : registry.all()) {
    const WorkflowSpec& spec = workflow->spec();
    std::set<std::string> described, in_table;
    for (const auto& s : spec.states) described.insert(s.name);
    for (const auto& t : spec.transitions) {
      if (!t.from.empty()) in_table.insert(t.from);
      in_table.insert(t.to);
    }
    EXPECT_EQ(described, in_table) << spec.kind;
    for (const auto& t : spec.transitions) EXPECT_TRUE(spec.command(t.command)) << t.command;
  }
}

TEST(Registry, RefusesADuplicateKind) {
  WorkflowRegistry registry;
  workflows::register_all(registry);
  EXPECT_THROW(workflows::register_all(registry), std::logic_error);
}

TEST(Registry, EveryRuleIdIsUniqueAndBelongsToItsWorkflow) {
  const WorkflowRegistry registry = all();
  std::set<std::string> ids;
  for (const Workflow* workflow : registry.all()) {
    for (const DeadlineRule& rule : workflow->spec().rules) {
      EXPECT_TRUE(ids.insert(rule.id).second) << rule.id;
      EXPECT_EQ(rule.case_kind, workflow->spec().kind);
      EXPECT_FALSE(rule.anchors.empty()) << rule.id;
      EXPECT_FALSE(rule.source.empty()) << rule.id;
    }
  }
}

}  // namespace
}  // namespace casereview
