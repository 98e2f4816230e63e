#include "api/case_periods.h"

#include "casereview/workflows/report_figures.h"

namespace casereview::web {

bool case_active_in(StoreSession& session, const CaseRecord& r, const Workflow* workflow, const ReportPeriod& period) {
  const StateSpec* state = workflow ? workflow->spec().state(r.state) : nullptr;
  if (!(state && state->closed)) return active_in(period, r.opened_on, false, r.opened_on);
  const std::vector<Event> events = session.cases().events(r.id);
  return active_in(period, r.opened_on, true, last_step_on(events, r.opened_on));
}

std::set<long long> cases_active_in(StoreSession& session, App& app, long long partnership_id,
                                    const ReportPeriod& period) {
  std::set<long long> ids;
  session.read_transaction([&] {
    for (const CaseRecord& r : workflows::partnership_cases(session, partnership_id)) {
      if (case_active_in(session, r, app.workflows().find(r.kind), period)) ids.insert(r.id);
    }
  });
  return ids;
}

}  // namespace casereview::web
