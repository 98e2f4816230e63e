#pragma once
// The local child safeguarding practice review described as data.

#include "casereview/engine/workflow.h"

namespace casereview::workflows::lcspr {

std::vector<StateSpec> states();
std::vector<CommandSpec> commands();
std::vector<DeadlineRule> deadline_rules();

}  // namespace casereview::workflows::lcspr
