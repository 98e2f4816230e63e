#pragma once
// The serious incident notification workflow (see workflows/serious_incident/README.md).

#include <memory>

#include "casereview/engine/workflow.h"

namespace casereview::workflows {

std::unique_ptr<Workflow> make_serious_incident_workflow();

}  // namespace casereview::workflows
