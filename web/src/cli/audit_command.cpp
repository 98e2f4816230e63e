#include <filesystem>
#include <iostream>

#include "casereview/engine/audit.h"
#include "cli/cli.h"

namespace casereview::web {

// Only reads: neither the database nor the key is created when missing, and
// without the key the chains are still verified and the checkpoints are said
// to be unchecked (exit kExitKeyMissing), never reported as forged.
int command_audit_verify(const CliArgs& args) {
  if (args.words.size() != 2) throw UsageError{"audit verify takes no operands"};
  if (args.settings.postgres.empty() && !std::filesystem::is_regular_file(args.settings.db_path)) {
    throw UsageError{"there is no database at " + args.settings.db_path};
  }
  Settings settings = args.settings;
  settings.threads = 1;
  App app(settings, db::SchemaMode::ExistingCurrent, KeyFile::LoadIfPresent);
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
  if (report.checkpoints_unchecked > 0) {
    std::cout << "NOT CHECKED: " << report.checkpoints_unchecked
              << " signed checkpoints, because the server key is not at " << app.key_path()
              << ". The chains above are verified; to check the checkpoints too, give the key this database was "
                 "signed with: --key-file PATH\n";
  }
  if (!report.intact()) return kExitCheckFailed;
  return report.checkpoints_unchecked > 0 ? kExitKeyMissing : kExitOk;
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
