#pragma once
// The command line: `casereview <command> [options]`. Each command is a function
// in its own file; they share option parsing and the way a database is opened.
//
// Exit codes: 0 success; 1 the check found a problem (audit verify); 2 bad usage
// or bad input (nothing changed); 3 the operation failed (database, network).

#include <optional>
#include <string>
#include <vector>

#include "app.h"

namespace casereview::web {

inline constexpr int kExitOk = 0;
inline constexpr int kExitCheckFailed = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitFailure = 3;
// audit verify: every chain intact, but the checkpoints could not be checked
// because the server key is not there (a copy without its key).
inline constexpr int kExitKeyMissing = 4;

struct CliArgs {
  std::vector<std::string> words;  // command words and operands, in order
  Settings settings;
  std::string actor;          // who a writing command acts for
  std::optional<int> amount;  // rules set
  std::optional<std::string> anchor;
  std::string reason;  // rules set: why the partnership changes the rule
  // user add / user reset / partnership add
  std::string role;
  std::string partnership;  // a partnership's code; "" = the only partnership (see chosen_partnership)
  std::string agency;
  long long reviewer_id = 0;
  std::string display_name;
  bool password_stdin = false;  // read the password from standard input, not generate one
  bool dry_run = false;         // import: try every row, write nothing
  // demo load: "" for the demonstration cases, "national" for the national-size
  // data set over `years` years from `seed` (demo/national.h)
  std::string scale;
  int years = 10;
  long long seed = 2026;
};

// Thrown for bad usage or input; the message is printed and the exit code is 2.
// An empty message (--help) prints the usage alone and exits 0.
struct UsageError {
  std::string message;
};

// Runs one command and returns its exit code; never throws (UsageError gives 2,
// any other exception 3, its message on standard error).
int run_cli(int argc, char** argv);

// The partnership a command acts in: the one --partnership names, or the only
// one the database holds. Throws UsageError when there is no such partnership,
// or there are several and none was named.
Partnership chosen_partnership(StoreSession& session, const CliArgs& args);

int command_serve(const CliArgs& args);
int command_deadline(const CliArgs& args);
int command_audit_verify(const CliArgs& args);
int command_calendar_load(const CliArgs& args);
int command_calendar_show(const CliArgs& args);
int command_rules_list(const CliArgs& args);
int command_rules_set(const CliArgs& args);
int command_db_migrate(const CliArgs& args);
int command_demo_load(const CliArgs& args);
int command_describe(const CliArgs& args);
int command_audit_checkpoint(const CliArgs& args);
int command_user_add(const CliArgs& args);
int command_user_reset(const CliArgs& args);
int command_user_list(const CliArgs& args);
int command_user_email(const CliArgs& args);
int command_reminders_send(const CliArgs& args);
int command_retention_list(const CliArgs& args);
int command_import(const CliArgs& args);
int command_partnership_add(const CliArgs& args);
int command_partnership_list(const CliArgs& args);
int command_backup(const CliArgs& args);
int command_restore(const CliArgs& args);

// Opens the database for a one-shot command (one connection). Throws as App's
// constructor does.
App open_for_command(const CliArgs& args, db::SchemaMode mode = db::SchemaMode::CreateIfEmpty);

}  // namespace casereview::web
