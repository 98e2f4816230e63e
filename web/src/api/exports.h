#pragma once
// The CSV exports (export_handlers.cpp), shared by their route, the evidence
// pack and the evidence report.

#include <functional>
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
  ReviewRecords records;
  std::vector<Event> events;      // read only when asked for (ExportReads)
  std::vector<ClockView> clocks;  // the same; with their status on the request's today
};

// What an export reads of each case beyond its record and review records.
struct ExportReads {
  bool events = false;
  bool clocks = false;
};

// Each case active in `period` (report_period.h) that the caller may see, in
// case id order, read in one read transaction of `session`, handed to `visit`
// and let go: a year of a national record is about 11,000 cases, and their
// events held at once took the server from 98 MB to 221 MB for one export.
void for_each_exported_case(StoreSession& session, App& app, const RequestContext& context, const ReportPeriod& period,
                            ExportReads reads, const std::function<void(const ExportedCase&)>& visit);

// Each of `cases` (of the partnership `partnership_id`), in order, with its
// clocks, read 2,000 cases at a time inside the caller's read transaction:
// ten years' are some 250,000, and read at once they held more than the rest
// of an export or report.
void for_each_with_clocks(StoreSession& session, long long partnership_id, const std::vector<CaseRecord>& cases,
                          const std::function<void(const CaseRecord&, const std::vector<Clock>&)>& visit);

// `dataset` (cases, clocks, actions, factors, themes) of the cases active in
// `period`, read in one transaction of `session`; nullopt for another name.
// `after_each_case`, when given, is called with the table after each case's
// rows are added (to send what is written so far: CsvTable::take_written);
// never for cases (each row waits for its parent's reference) nor for
// decisions, safeguarding and deaths (made whole elsewhere).
std::optional<CsvTable> export_table(StoreSession& session, App& app, const RequestContext& context,
                                     const ReportPeriod& period, const std::string& dataset,
                                     const std::function<void(CsvTable&)>& after_each_case = {});

}  // namespace casereview::web
