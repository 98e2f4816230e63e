#pragma once
// The CSV exports (export_handlers.cpp), shared by their route, the evidence
// pack and the evidence report.

#include <optional>
#include <string>

#include "app.h"
#include "casereview/engine/csv.h"
#include "casereview/engine/report_period.h"

namespace casereview::web {

// One case of an export, as read in the export's transaction.
struct ExportedCase {
  CaseRecord record;
  const WorkflowSpec* spec;
  Date last_step_on;
  std::vector<Event> events;
  ReviewRecords records;
  std::vector<ClockView> clocks;  // with their status on the request's today
};

// The cases active in `period` (report_period.h) that the caller may see, in
// case id order, read in one read transaction of `session`.
std::vector<ExportedCase> exported_cases(StoreSession& session, App& app, const RequestContext& context,
                                         const ReportPeriod& period);

// `dataset` (cases, clocks, actions, factors, themes) of the cases active in
// `period`, read in one transaction of `session`; nullopt for another name.
std::optional<CsvTable> export_table(StoreSession& session, App& app, const RequestContext& context,
                                     const ReportPeriod& period, const std::string& dataset);

}  // namespace casereview::web
