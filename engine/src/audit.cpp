#include "casereview/engine/audit.h"

namespace casereview {

AuditReport verify_all_chains(CaseRepository& cases) {
  AuditReport report;
  for (long long id : cases.all_ids()) {
    const auto record = cases.find(id);
    if (!record) continue;  // deleted between the two reads: nothing to verify
    const std::vector<Event> events = cases.events(id);
    ++report.cases_checked;
    report.events_checked += static_cast<long long>(events.size());
    if (auto broken = verify_chain(*record, events)) report.broken.push_back({*record, *broken});
  }
  return report;
}

}  // namespace casereview
