#pragma once
// Every workflow this build knows. The web App's constructor calls this once
// for its registry (as do tests and tools that need the workflows).
// Adds them to `registry`, which owns them; throws std::logic_error if one of
// their kinds is registered already (calling it twice).

#include "casereview/engine/workflow.h"

namespace casereview::workflows {

void register_all(WorkflowRegistry& registry);

}  // namespace casereview::workflows
