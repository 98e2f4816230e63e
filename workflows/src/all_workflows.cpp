#include "casereview/workflows/all_workflows.h"

#include "casereview/workflows/factories.h"

namespace casereview::workflows {

void register_all(WorkflowRegistry& registry) {
  registry.add(make_child_death_review_workflow());
  registry.add(make_serious_incident_workflow());
  registry.add(make_rapid_review_workflow());
  registry.add(make_lcspr_workflow());
  registry.add(make_national_review_workflow());
}

}  // namespace casereview::workflows
