#pragma once
// One factory per statutory workflow (each in its own folder with a README).
// Each returns a new, stateless, thread-safe Workflow owned by the caller.

#include <memory>

#include "casereview/engine/workflow.h"

namespace casereview::workflows {

std::unique_ptr<Workflow> make_serious_incident_workflow();    // serious_incident/
std::unique_ptr<Workflow> make_rapid_review_workflow();        // rapid_review/
std::unique_ptr<Workflow> make_lcspr_workflow();               // lcspr/
std::unique_ptr<Workflow> make_child_death_review_workflow();  // child_death_review/
std::unique_ptr<Workflow> make_national_review_workflow();     // national_review/

}  // namespace casereview::workflows
