#pragma once
// Test helper: drives a real Workflow through commands the way the engine does
// (history accumulates, state follows the decision), without storage.

#include <map>
#include <string>
#include <vector>

#include "casereview/engine/calendar.h"
#include "casereview/engine/workflow.h"

namespace casereview::testing_support {

class WorkflowDriver {
 public:
  // Decides with the rules' default terms, the test vocabulary below and no
  // reviewers; tests change them through the public members.
  WorkflowDriver(const Workflow& workflow, Date today);

  // Decides `command` on the current state; an accepted decision moves the case on.
  Decision run(const std::string& command, const Json& facts);
  // Like run, but fails the test unless accepted.
  void must_run(const std::string& command, const Json& facts);

  // The commands the workflow offers for the case as it stands (offered_commands).
  std::vector<std::string> offered() const;

  const std::string& state() const { return state_; }
  const std::vector<Event>& history() const { return history_; }
  // For a test that starts from a case recorded under older rules: edit its
  // history as those rules recorded it (events and payloads they did not have).
  std::vector<Event>& history_as_recorded() { return history_; }
  const WorkingDayCalendar& calendar() const { return calendar_; }

  RuleTermsByRule terms;
  Vocabularies vocabularies;
  std::map<long long, Reviewer> reviewers;

 private:
  const Workflow& workflow_;
  Date today_;
  WorkingDayCalendar calendar_;
  std::string state_;
  std::vector<Event> history_;
};

// A few codes of each vocabulary, as the starter set has them.
Vocabularies test_vocabularies();

// Builds a JSON object from name/value pairs: facts({{"a", "x"}, {"b", true}}).
Json facts(std::initializer_list<std::pair<const char*, Json>> members);

}  // namespace casereview::testing_support
