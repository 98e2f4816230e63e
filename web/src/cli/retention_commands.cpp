// `casereview retention list`: a partnership's closed cases and where each
// stands against its retention (engine/include/casereview/engine/retention.h),
// for an information governance lead's review or a cron job. It reads only:
// erasure is an administrator's, case by case, after confirming.
#include <iostream>

#include "app.h"
#include "casereview/engine/retention_service.h"
#include "cli/cli.h"

namespace casereview::web {

int command_retention_list(const CliArgs& args) {
  if (args.words.size() != 2) throw UsageError{"retention list takes no operands"};
  App app = open_for_command(args);
  auto session = app.store().session();
  const Partnership partnership = chosen_partnership(*session, args);
  const Date today = app.today();
  int due = 0;
  std::cout << "reference\tkind\tclosed on\tdue on\tstatus\n";
  for (const RetentionItem& r : retention_schedule(*session, app.workflows(), partnership.id, today)) {
    due += r.status == RetentionStatus::Due ? 1 : 0;
    std::cout << r.item.reference << "\t" << r.item.kind << "\t" << r.closed_on.iso() << "\t" << r.due_on.iso() << "\t"
              << retention_status_name(r.status) << "\n";
  }
  std::cout << due << " case" << (due == 1 ? "" : "s") << " of " << partnership.code << " past retention on "
            << today.iso() << (due ? ": an administrator erases each after confirming (Administration, Retention)" : "")
            << "\n";
  return kExitOk;
}

}  // namespace casereview::web
