#pragma once
// The parts of a workflow's README that come from its spec and machine: the
// state diagram, the transition table, each state (its meaning for the user,
// where it is entered from, where it leaves to, who may act) and the deadline
// rules, as Markdown. Each workflow's README holds them between
// <!-- generated:begin --> and <!-- generated:end -->; `casereview describe
// KIND` prints them, and a test keeps every README's copy equal to this text.

#include <string>

#include "casereview/engine/workflow.h"

namespace casereview::workflows {

// The generated sections of `spec`'s README, from "## Diagram" to the end of
// the deadline rules table. Pure: no I/O, thread-safe.
std::string readme_sections(const WorkflowSpec& spec);

}  // namespace casereview::workflows
