#pragma once
// Which cases a period picks, for the lists and reports that take one: a case
// is active in a period when it was opened by its end and is still open or had
// a step on or after its first day (report_period.h), so that what is still
// open is always listed.

#include <map>
#include <set>

#include "app.h"
#include "casereview/engine/report_period.h"

namespace casereview::web {

// When each closed case of the partnership had its last step (as retention
// reads it: owner and retention events do not count), by case id, in one query;
// a case absent from it is open. With `kind`, only the cases of that kind.
std::map<long long, Date> closed_last_steps(StoreSession& session, const WorkflowRegistry& workflows,
                                            long long partnership_id, const std::string& kind = "");

// Whether `r` was active in `period`, given closed_last_steps of its partnership.
bool case_active_in(const CaseRecord& r, const std::map<long long, Date>& closed_last_steps,
                    const ReportPeriod& period);

// The ids of the partnership's cases active in `period`.
std::set<long long> cases_active_in(StoreSession& session, App& app, long long partnership_id,
                                    const ReportPeriod& period);

}  // namespace casereview::web
