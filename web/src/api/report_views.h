#pragma once
// Reports as the API shows them, shared by their own routes and the evidence
// pack, which bundles them.

#include <vector>

#include "api/report_csv.h"
#include "casereview/workflows/yearly_report.h"

namespace casereview::web {

// The yearly report as JSON: every figure {count, cases: [{id, reference, href}]}.
Json yearly_report_json(const workflows::YearlyReport& report);
// Its tables besides "figures" (report_csv.h), as the printed report lays them out.
const std::vector<ReportTable>& yearly_report_tables();

}  // namespace casereview::web
