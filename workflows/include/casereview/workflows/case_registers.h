#pragma once
// Registers: one CSV row per case, in the shape partnerships keep their
// spreadsheets, read from what the workflows recorded. Pseudonymised by
// construction (references, dates, codes and what people typed about the work;
// never the subject table).
//
//   safeguarding  one serious incident notification per row with its rapid
//                 review and the local review its decision opened: exactly the
//                 columns the import's safeguarding sheet reads (case_import.h),
//                 so an export imported elsewhere gives the same register
//   deaths        one child death per row: when and where the child died, age
//                 band, expectedness, the panel review's category, scores,
//                 judgement, factors and themes, days from death to review; the
//                 CDOP annual report's figures can be counted from it
//
// A row is in the period when its case (for a notification: it or its rapid
// review) is active in it (report_period.h): opened by the period's end and
// open at its start or with a step in it.

#include "casereview/engine/case_service.h"
#include "casereview/engine/csv.h"
#include "casereview/engine/report_period.h"

namespace casereview::workflows {

CsvTable safeguarding_register(StoreSession& session, const WorkflowRegistry& workflows, const ReportPeriod& period,
                               const RequestContext& context);
CsvTable deaths_register(StoreSession& session, const WorkflowRegistry& workflows, const ReportPeriod& period,
                         const RequestContext& context);

}  // namespace casereview::workflows
