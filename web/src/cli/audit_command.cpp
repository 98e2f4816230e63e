#include <iostream>

#include "casereview/engine/audit.h"
#include "cli/cli.h"

namespace casereview::web {

int command_audit_verify(const CliArgs& args) {
  if (args.words.size() != 2) throw UsageError{"audit verify takes no operands"};
  App app = open_for_command(args);
  auto session = app.store().session();
  const AuditReport report = verify_all(*session, app.server_key());
  for (const AuditFinding& f : report.broken) {
    std::cout << "BROKEN case " << f.record.reference << " (id " << f.record.id << ") at event " << f.at.seq << ": "
              << f.at.problem << "\n";
  }
  for (const CheckpointFinding& f : report.checkpoint_findings) {
    std::cout << "CHECKPOINT " << f.checkpoint_id << " of " << f.taken_at.iso();
    if (f.case_id) std::cout << " case id " << f.case_id;
    std::cout << ": " << f.problem << "\n";
  }
  std::cout << (report.intact() ? "OK" : "FAILED") << ": " << report.cases_checked << " cases, "
            << report.events_checked << " events, " << report.checkpoints_checked << " checkpoints checked, "
            << report.broken.size() + report.checkpoint_findings.size() << " problems\n";
  return report.intact() ? kExitOk : kExitCheckFailed;
}

int command_audit_checkpoint(const CliArgs& args) {
  if (args.words.size() != 2) throw UsageError{"audit checkpoint takes no operands"};
  App app = open_for_command(args);
  auto session = app.store().session();
  const Checkpoint checkpoint = record_checkpoint(*session, app.server_key(), args.actor, Instant::now());
  std::cout << "checkpoint signed at " << checkpoint.taken_at.iso() << "\n";
  return kExitOk;
}

}  // namespace casereview::web
