#include "workflow_driver.h"

#include <gtest/gtest.h>

#include "casereview/engine/bank_holidays.h"

namespace casereview::testing_support {

WorkflowDriver::WorkflowDriver(const Workflow& workflow, Date today)
    : workflow_(workflow), today_(today), calendar_(parse_bank_holiday_feed(shipped_bank_holiday_feed())) {}

Decision WorkflowDriver::run(const std::string& command, const Json& facts) {
  const DecisionContext context{history_, today_, calendar_};
  Decision decision = workflow_.decide(state_, Command{command, facts}, context);
  if (const auto* accepted = std::get_if<Accepted>(&decision)) {
    for (const NewEvent& n : accepted->events) {
      Event e;
      e.seq = static_cast<long long>(history_.size()) + 1;
      e.type = n.type;
      e.actor = "test";
      e.effective_date = n.effective_date;
      e.payload = n.payload.canonical();
      history_.push_back(e);
    }
    state_ = accepted->next_state;
  }
  return decision;
}

void WorkflowDriver::must_run(const std::string& command, const Json& facts) {
  const Decision decision = run(command, facts);
  if (const auto* refusal = std::get_if<Refusal>(&decision)) {
    ADD_FAILURE() << command << " was refused: " << refusal->reason;
  }
}

Json facts(std::initializer_list<std::pair<const char*, Json>> members) {
  Json out = Json::object();
  for (const auto& [name, value] : members) out.set(name, value);
  return out;
}

}  // namespace casereview::testing_support
