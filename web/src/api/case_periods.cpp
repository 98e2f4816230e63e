#include "api/case_periods.h"

#include "casereview/workflows/report_figures.h"

namespace casereview::web {

std::set<long long> active_case_ids(StoreSession& session, App& app, long long partnership_id,
                                    const ReportPeriod& period) {
  std::set<long long> ids;
  for (const CaseRecord& r :
       session.cases().all_matching(workflows::cases_active_in(app.workflows(), partnership_id, period))) {
    ids.insert(r.id);
  }
  return ids;
}

}  // namespace casereview::web
