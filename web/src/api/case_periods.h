#pragma once
// Which cases a period picks, for the lists and reports that take one: a case
// is active in a period when it was opened by its end and is still open or had
// a step on or after its first day (report_period.h), so that what is still
// open is always listed. The query is workflows::cases_active_in's filter.

#include <set>

#include "app.h"
#include "casereview/engine/report_period.h"

namespace casereview::web {

// The ids of the partnership's cases active in `period`: one query, in the
// caller's transaction when it is in one.
std::set<long long> active_case_ids(StoreSession& session, App& app, long long partnership_id,
                                    const ReportPeriod& period);

}  // namespace casereview::web
