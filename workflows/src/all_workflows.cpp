#include "casereview/workflows/all_workflows.h"

#include "casereview/workflows/serious_incident.h"

namespace casereview::workflows {

void register_all(WorkflowRegistry& registry) {
  registry.add(make_serious_incident_workflow());
}

}  // namespace casereview::workflows
