#include <iostream>

#include "cli/cli.h"

namespace casereview::web {

int command_db_migrate(const CliArgs& args) {
  if (args.words.size() != 2) throw UsageError{"db migrate takes no operands"};
  App app = open_for_command(args, db::SchemaMode::Migrate);
  std::cout << "Database " << app.database_name() << " is at schema version " << app.schema_version() << " ("
            << app.migrations_applied() << " migration(s) applied now).\n";
  // Clocks stored before migration 0021 kept the time a clock was met are
  // given it from their cases' events: an hour-based clock met after its due
  // hour on its due day read as met on time without it. Each is marked when
  // given, so this finds nothing once it has run to the end.
  int looked_at = 0;
  auto session = app.store().session();
  session->write_transaction([&] {
    const WorkingDayCalendar calendar(session->calendar().holidays());
    looked_at = app.cases().fill_met_times(*session, calendar);
  });
  if (looked_at > 0) std::cout << "Times clocks were met recorded from the events of " << looked_at << " case(s).\n";
  return kExitOk;
}

}  // namespace casereview::web
