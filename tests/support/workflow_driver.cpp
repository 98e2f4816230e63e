#include "workflow_driver.h"

#include <gtest/gtest.h>

#include "casereview/engine/bank_holidays.h"

namespace casereview::testing_support {

WorkflowDriver::WorkflowDriver(const Workflow& workflow, Date today)
    : vocabularies(test_vocabularies()),
      workflow_(workflow),
      today_(today),
      calendar_(parse_bank_holiday_feed(shipped_bank_holiday_feed())) {
  for (const DeadlineRule& rule : workflow.spec().rules) terms[rule.id] = default_terms(rule);
}

Vocabularies test_vocabularies() {
  return Vocabularies{{{"social.co_sleeping", "social_environment", "Co-sleeping", true},
                       {"social.smoking_in_pregnancy", "social_environment", "Smoking by mother in pregnancy", true},
                       {"physical.unsafe_sleep_environment", "physical_environment", "Unsafe sleep environment", true},
                       {"service.safer_sleep_advice", "service_provision", "Safer sleep advice", true}},
                      {{"safer_sleeping", "Safer sleeping and SUDI", true},
                       {"professional_curiosity", "Professional curiosity", true},
                       {"working_with_fathers", "Working with fathers", true}}};
}

Decision WorkflowDriver::run(const std::string& command, const Json& facts) {
  const DecisionContext context{history_, today_, calendar_, terms, vocabularies, reviewers};
  Decision decision = workflow_.decide(state_, Command{command, facts}, context);
  if (const auto* accepted = std::get_if<Accepted>(&decision)) {
    for (const NewEvent& n : accepted->events) {
      Event e;
      e.seq = static_cast<long long>(history_.size()) + 1;
      e.recorded_at = Instant(1000000 + e.seq);
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

std::vector<std::string> WorkflowDriver::offered() const {
  const DecisionContext context{history_, today_, calendar_, terms, vocabularies, reviewers};
  return workflow_.offered_commands(state_, context);
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
