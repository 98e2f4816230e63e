#pragma once
// The national review described as data: states, commands with their facts, and
// deadline rules. The transitions come from the state machine itself.

#include <map>
#include <string>

#include "casereview/engine/workflow.h"

namespace casereview::workflows::nr {

std::vector<StateSpec> states();
std::vector<CommandSpec> commands();
std::vector<DeadlineRule> deadline_rules();
// How the timeline says each of this workflow's events (event_sentence.h).
std::map<std::string, std::string> event_sentences();

}  // namespace casereview::workflows::nr
