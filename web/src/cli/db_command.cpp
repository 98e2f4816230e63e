#include <iostream>

#include "cli/cli.h"

namespace casereview::web {

int command_db_migrate(const CliArgs& args) {
  if (args.words.size() != 2) throw UsageError{"db migrate takes no operands"};
  App app = open_for_command(args, db::SchemaMode::Migrate);
  std::cout << "Database " << app.database_name() << " is at schema version " << app.schema_version() << " ("
            << app.migrations_applied() << " migration(s) applied now).\n";
  return kExitOk;
}

}  // namespace casereview::web
