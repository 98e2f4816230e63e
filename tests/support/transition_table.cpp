#include "transition_table.h"

#include <algorithm>

namespace casereview::testing_support {

Setup path(const std::vector<Stepping>& steps) {
  return [steps](WorkflowDriver& driver) {
    for (const Stepping& s : steps) driver.must_run(s.command, s.facts);
  };
}

Setup then(const Setup& first, const std::vector<Stepping>& more) {
  return [first, more](WorkflowDriver& driver) {
    first(driver);
    for (const Stepping& s : more) driver.must_run(s.command, s.facts);
  };
}

Setup rewritten(const Setup& first, const std::function<void(WorkflowDriver&)>& rewrite) {
  return [first, rewrite](WorkflowDriver& driver) {
    first(driver);
    rewrite(driver);
  };
}

std::optional<TransitionSpec> check_row(const Workflow& workflow, Date today, const TransitionRow& row,
                                        const std::function<void(WorkflowDriver&)>& prepare) {
  WorkflowDriver driver(workflow, today);
  if (prepare) prepare(driver);
  row.setup(driver);
  const std::string before = driver.state();
  const std::size_t events_before = driver.history().size();
  const Decision decision = driver.run(row.command, row.facts);

  switch (row.expect) {
    case Expect::Accepted: {
      const auto* accepted = std::get_if<Accepted>(&decision);
      if (!accepted) {
        ADD_FAILURE() << row.name << ": refused: " << std::get<Refusal>(decision).reason;
        return std::nullopt;
      }
      EXPECT_EQ(accepted->next_state, row.next_state_or_field) << row.name;
      std::vector<std::string> types;
      for (const auto& e : accepted->events) types.push_back(e.type);
      EXPECT_EQ(types, row.event_types) << row.name;
      if (row.opens_kind.empty()) {
        EXPECT_TRUE(accepted->opens.empty()) << row.name;
      } else {
        EXPECT_EQ(accepted->opens.size(), 1u) << row.name;
        if (!accepted->opens.empty()) {
          EXPECT_EQ(accepted->opens[0].kind, row.opens_kind) << row.name;
        }
      }
      return TransitionSpec{before, row.command, accepted->next_state};
    }
    case Expect::NotAllowed: {
      const auto* refusal = std::get_if<Refusal>(&decision);
      EXPECT_TRUE(refusal && refusal->kind == Refusal::Kind::NotAllowedInState) << row.name;
      break;
    }
    case Expect::Refused: {
      const auto* refusal = std::get_if<Refusal>(&decision);
      EXPECT_TRUE(refusal && refusal->kind == Refusal::Kind::GuardRefused) << row.name;
      if (refusal) {
        EXPECT_EQ(refusal->field, row.next_state_or_field) << row.name << ": " << refusal->reason;
        EXPECT_FALSE(refusal->reason.empty()) << row.name;
      }
      break;
    }
  }
  EXPECT_EQ(driver.state(), before) << row.name;
  EXPECT_EQ(driver.history().size(), events_before) << row.name;
  return std::nullopt;
}

std::vector<TransitionSpec> untested_transitions(const Workflow& workflow, Date today,
                                                 const std::vector<TransitionRow>& rows,
                                                 const std::function<void(WorkflowDriver&)>& prepare) {
  std::set<std::tuple<std::string, std::string, std::string>> taken;
  for (const TransitionRow& row : rows) {
    if (row.expect != Expect::Accepted) continue;
    if (auto t = check_row(workflow, today, row, prepare)) taken.insert({t->from, t->command, t->to});
  }
  std::vector<TransitionSpec> missing;
  for (const TransitionSpec& t : workflow.spec().transitions) {
    if (!taken.count({t.from, t.command, t.to})) missing.push_back(t);
  }
  return missing;
}

void expect_commands_without_rows_refused(const Workflow& workflow, Date today) {
  const WorkflowSpec& spec = workflow.spec();
  WorkflowDriver driver(workflow, today);
  const std::vector<Event> history;
  for (const StateSpec& state : spec.states) {
    const auto allowed = spec.commands_from(state.name);
    for (const CommandSpec& command : spec.commands) {
      if (std::find(allowed.begin(), allowed.end(), command.name) != allowed.end()) continue;
      const Decision decision = workflow.decide(
          state.name, Command{command.name, Json::object()},
          DecisionContext{history, today, driver.calendar(), driver.terms, driver.vocabularies, driver.reviewers});
      const auto* refusal = std::get_if<Refusal>(&decision);
      EXPECT_TRUE(refusal && refusal->kind == Refusal::Kind::NotAllowedInState)
          << spec.kind << ": " << state.name << " / " << command.name;
    }
  }
}

void expect_accepted_rows_send_valid_facts(const Workflow& workflow, Date today, const std::vector<TransitionRow>& rows,
                                           const std::function<void(WorkflowDriver&)>& prepare) {
  WorkflowDriver references(workflow, today);
  if (prepare) prepare(references);
  for (const TransitionRow& row : rows) {
    if (row.expect != Expect::Accepted) continue;
    const CommandSpec* spec = workflow.spec().command(row.command);
    ASSERT_TRUE(spec) << row.name;
    for (const FactProblem& p :
         validate_facts(*spec, row.facts, today, FactReferences{references.vocabularies, references.reviewers})) {
      ADD_FAILURE() << row.name << ": " << p.field << " " << p.message;
    }
  }
}

}  // namespace casereview::testing_support
