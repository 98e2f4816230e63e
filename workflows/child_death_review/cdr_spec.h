#pragma once
// The child death review described as data.

#include <map>
#include <string>

#include "casereview/engine/workflow.h"

namespace casereview::workflows::cdr {

std::vector<StateSpec> states();
std::vector<CommandSpec> commands();
std::vector<DeadlineRule> deadline_rules();
// How the timeline says each of this workflow's events (event_sentence.h).
std::map<std::string, std::string> event_sentences();
// The supplementary reporting forms (stable codes), each for a kind of death.
struct SupplementaryForm {
  const char* code;
  const char* title;
  const char* for_deaths;  // the kind of death it is sent for
};
const std::vector<SupplementaryForm>& supplementary_forms();
// The triggers of a Joint Agency Response (stable codes).
const std::vector<std::string>& jar_triggers();

}  // namespace casereview::workflows::cdr
