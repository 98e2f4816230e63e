#include "api/case_periods.h"

#include <algorithm>

#include "casereview/workflows/report_figures.h"

namespace casereview::web {

std::map<long long, Date> closed_last_steps(StoreSession& session, const WorkflowRegistry& workflows,
                                            long long partnership_id, const std::string& kind) {
  std::vector<std::pair<std::string, std::string>> closed = workflows.closed_states();
  if (!kind.empty()) {
    closed.erase(std::remove_if(closed.begin(), closed.end(), [&](const auto& c) { return c.first != kind; }),
                 closed.end());
    if (closed.empty()) return {};
  }
  std::map<long long, Date> out;
  for (const CaseForRetention& c : session.retention().closed_cases(partnership_id, closed)) {
    out.emplace(c.case_id, c.last_recorded);
  }
  return out;
}

bool case_active_in(const CaseRecord& r, const std::map<long long, Date>& closed_last_steps,
                    const ReportPeriod& period) {
  const auto closed = closed_last_steps.find(r.id);
  if (closed == closed_last_steps.end()) return active_in(period, r.opened_on, false, r.opened_on);
  return active_in(period, r.opened_on, true, closed->second);
}

std::set<long long> cases_active_in(StoreSession& session, App& app, long long partnership_id,
                                    const ReportPeriod& period) {
  std::set<long long> ids;
  session.read_transaction([&] {
    const std::map<long long, Date> last_steps = closed_last_steps(session, app.workflows(), partnership_id);
    for (const CaseRecord& r : workflows::partnership_cases(session, partnership_id)) {
      if (case_active_in(r, last_steps, period)) ids.insert(r.id);
    }
  });
  return ids;
}

}  // namespace casereview::web
