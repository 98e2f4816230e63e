#include <iostream>

#include "casereview/engine/audit.h"
#include "cli/cli.h"

namespace casereview::web {

int command_audit_verify(const CliArgs& args) {
  if (args.words.size() != 2) throw UsageError{"audit verify takes no operands"};
  App app = open_for_command(args);
  auto session = app.store().session();
  const AuditReport report = verify_all_chains(session->cases());
  for (const AuditFinding& f : report.broken) {
    std::cout << "BROKEN case " << f.record.reference << " (id " << f.record.id << ") at event " << f.at.seq
              << ": " << f.at.problem << "\n";
  }
  std::cout << (report.intact() ? "OK" : "FAILED") << ": " << report.cases_checked << " cases, "
            << report.events_checked << " events checked, " << report.broken.size() << " broken\n";
  return report.intact() ? kExitOk : kExitCheckFailed;
}

}  // namespace casereview::web
