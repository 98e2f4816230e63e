#pragma once
// Every workflow this build knows. main() calls this once at start-up.

#include "casereview/engine/workflow.h"

namespace casereview::workflows {

void register_all(WorkflowRegistry& registry);

}  // namespace casereview::workflows
