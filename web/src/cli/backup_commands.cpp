// Backup and restore of the whole database. The server key (pseudonyms and
// checkpoint signatures) is a separate file and is backed up separately: a
// backup restored beside a different key fails its checkpoint verification.
#include <filesystem>
#include <iostream>

#include "casereview/db/backup.h"
#include "casereview/engine/audit.h"
#include "cli/cli.h"
#include "serving_lock.h"

namespace casereview::web {
namespace {

namespace fs = std::filesystem;

// Why the database at `path` may not be restored, or "" when it verifies.
std::string restore_refusal(const std::string& path, const Settings& live) {
  const std::vector<std::string> damage = db::integrity_problems(path);
  if (!damage.empty()) return "the file is damaged or not a database: " + damage.front();
  Settings candidate = live;
  candidate.db_path = path;
  candidate.threads = 1;
  candidate.key_file = live.key_file.empty() ? live.db_path + ".key" : live.key_file;
  try {
    App app(candidate, db::SchemaMode::ExistingCurrent, KeyFile::LoadIfPresent);
    if (app.server_key().empty()) {
      return "the server key " + candidate.key_file +
             " is missing: put the key this backup was made with there (or name it with --key-file) first";
    }
    auto session = app.store().session();
    // Said plainly, rather than as every checkpoint failing to verify below.
    if (!key_signed_newest_checkpoint(*session, app.server_key())) {
      return "the server key " + candidate.key_file +
             " did not sign the copy's newest checkpoint: it is not the key this backup was made with (or that "
             "checkpoint was altered); put that key there (or name it with --key-file) first";
    }
    const AuditReport report = verify_all(*session, app.server_key());
    if (!report.intact()) {
      return "its audit trail does not verify (" + std::to_string(report.broken.size()) + " broken chains, " +
             std::to_string(report.checkpoint_findings.size()) + " checkpoint problems; run audit verify on it)";
    }
    std::cout << "verified: " << report.cases_checked << " cases, " << report.events_checked << " events, "
              << report.checkpoints_checked << " checkpoints\n";
  } catch (const db::SchemaError& e) {
    return e.what();
  }
  return "";
}

void remove_quietly(const std::string& path) {
  std::error_code ignored;
  fs::remove(path, ignored);
  fs::remove(path + "-wal", ignored);
  fs::remove(path + "-shm", ignored);
}

// backup and restore copy a SQLite file; PostgreSQL has its own tools.
void refuse_postgres(const CliArgs& args, const char* command, const char* tool) {
  if (!args.settings.postgres.empty()) {
    throw UsageError{std::string(command) + " copies a SQLite database file; for a PostgreSQL database use " + tool +
                     " (keep the server key apart, as for a file)"};
  }
}

}  // namespace

int command_backup(const CliArgs& args) {
  refuse_postgres(args, "backup", "pg_dump");
  if (args.words.size() != 2) throw UsageError{"backup takes one FILE"};
  const std::string& target = args.words[1];
  if (!fs::exists(args.settings.db_path)) throw UsageError{"there is no database at " + args.settings.db_path};
  if (fs::exists(target)) throw UsageError{target + " exists; choose a new file name"};
  db::backup_database(args.settings.db_path, target);
  std::cout << "backed up " << args.settings.db_path << " to " << target << " (" << fs::file_size(target)
            << " bytes)\n";
  const std::string key = args.settings.key_file.empty() ? args.settings.db_path + ".key" : args.settings.key_file;
  std::cout << "The server key is not in the copy: it is " << key
            << ". Keep a copy of it apart from the database copies; a copy is fully verifiable (its signed "
               "checkpoints) and its pseudonyms the same only with its key: casereview audit verify --db "
            << target << " --key-file KEY\n";
  return kExitOk;
}

int command_restore(const CliArgs& args) {
  refuse_postgres(args, "restore", "pg_restore");
  if (args.words.size() != 2) throw UsageError{"restore takes one FILE"};
  const std::string& source = args.words[1];
  const std::string& live = args.settings.db_path;
  if (!fs::is_regular_file(source)) throw UsageError{"there is no backup file " + source};
  ServingLock lock(live);
  if (!lock.held()) throw UsageError{"a server is serving " + live + "; stop it before restoring"};

  // Check a private copy, so that the backup file itself is never changed.
  const std::string candidate = live + ".restoring";
  remove_quietly(candidate);
  std::string refusal;
  try {
    db::backup_database(source, candidate);
    refusal = restore_refusal(candidate, args.settings);
  } catch (const StorageError& e) {
    refusal = std::string("the file is damaged or not a database: ") + e.what();
  }
  if (!refusal.empty()) {
    remove_quietly(candidate);
    std::cerr << "casereview: restore refused, nothing changed: " << refusal << "\n";
    return kExitCheckFailed;
  }
  // Keep what is being replaced: nothing acknowledged is thrown away.
  if (fs::exists(live)) {
    const std::string kept = live + ".before-restore-" + std::to_string(Instant::now().seconds());
    db::backup_database(live, kept);
    std::cout << "kept the replaced database as " << kept << "\n";
  }
  remove_quietly(live);
  fs::rename(candidate, live);
  std::cout << "restored " << live << " from " << source << "\n";
  return kExitOk;
}

}  // namespace casereview::web
