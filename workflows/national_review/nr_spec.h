#pragma once
// The national review described as data: states, commands with their facts, and
// deadline rules. The transitions come from the state machine itself.

#include "casereview/engine/workflow.h"

namespace casereview::workflows::nr {

std::vector<StateSpec> states();
std::vector<CommandSpec> commands();
std::vector<DeadlineRule> deadline_rules();

}  // namespace casereview::workflows::nr
