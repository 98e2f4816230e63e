// `casereview describe KIND`: the parts of a workflow's README that come from the
// machine itself (diagram, transition table, states, deadline rules), as
// Markdown (casereview/workflows/readme_sections.h).
#include <iostream>

#include "casereview/workflows/all_workflows.h"
#include "casereview/workflows/readme_sections.h"
#include "cli/cli.h"

namespace casereview::web {

int command_describe(const CliArgs& args) {
  if (args.words.size() != 2) throw UsageError{"usage: casereview describe KIND"};
  WorkflowRegistry registry;
  workflows::register_all(registry);
  const Workflow* workflow = registry.find(args.words[1]);
  if (!workflow) {
    std::string known;
    for (const Workflow* w : registry.all()) known += " " + w->spec().kind;
    throw UsageError{"there is no workflow \"" + args.words[1] + "\"; known:" + known};
  }
  std::cout << workflows::readme_sections(workflow->spec());
  return kExitOk;
}

}  // namespace casereview::web
