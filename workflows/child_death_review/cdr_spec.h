#pragma once
// The child death review described as data.

#include "casereview/engine/workflow.h"

namespace casereview::workflows::cdr {

std::vector<StateSpec> states();
std::vector<CommandSpec> commands();
std::vector<DeadlineRule> deadline_rules();
// The triggers of a Joint Agency Response (stable codes).
const std::vector<std::string>& jar_triggers();

}  // namespace casereview::workflows::cdr
