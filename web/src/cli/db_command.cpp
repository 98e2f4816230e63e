#include <iostream>

#include "cli/cli.h"

namespace casereview::web {

int command_db_migrate(const CliArgs& args) {
  if (args.words.size() != 2) throw UsageError{"db migrate takes no operands"};
  App app = open_for_command(args, db::SchemaMode::Migrate);
  std::cout << "Database " << app.database_name() << " is at schema version " << app.schema_version() << " ("
            << app.migrations_applied() << " migration(s) applied now).\n";
  if (app.migrations_applied() > 0) {
    // Hour-based clocks stored before 0021 kept the time they were met read
    // "met" when met after their due hour on their due day; their cases'
    // clocks are recomputed from the events, which hold that time.
    int recomputed = 0;
    auto session = app.store().session();
    session->write_transaction([&] {
      const WorkingDayCalendar calendar(session->calendar().holidays());
      recomputed = app.cases().reproject_untimed_met_clocks(*session, calendar);
    });
    if (recomputed > 0) std::cout << "Clocks recomputed on " << recomputed << " case(s).\n";
  }
  return kExitOk;
}

}  // namespace casereview::web
