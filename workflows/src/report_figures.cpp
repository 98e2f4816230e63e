// What every report counts in (report_figures.h).
#include "casereview/workflows/report_figures.h"

#include <algorithm>

namespace casereview::workflows {

std::optional<ReviewActions> review_actions(const CaseRecord& record, const ReviewRecords& records, Date last_day,
                                            Date today) {
  ReviewActions counted{{record.id, record.reference}, record.kind};
  bool any = false;
  for (const ActionItem& a : records.actions) {
    if (a.added_on > last_day) continue;
    any = true;
    if (a.status == "completed") ++counted.completed;
    if (!a.is_finished()) ++counted.open;
    if (a.is_overdue(today)) ++counted.overdue;
  }
  if (!any) return std::nullopt;
  return counted;
}

std::vector<CaseRecord> partnership_cases(StoreSession& session, long long partnership_id, const std::string& kind) {
  std::vector<CaseRecord> all;
  CaseFilter filter;
  filter.partnership_id = partnership_id;
  if (!kind.empty()) filter.kind = kind;
  filter.limit = 1000;
  for (;;) {
    std::vector<CaseRecord> page = session.cases().list(filter);
    all.insert(all.end(), page.begin(), page.end());
    if (page.size() < static_cast<std::size_t>(filter.limit)) break;
    filter.offset += filter.limit;
  }
  std::sort(all.begin(), all.end(), [](const CaseRecord& a, const CaseRecord& b) { return a.id < b.id; });
  return all;
}

}  // namespace casereview::workflows
