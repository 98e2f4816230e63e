// The independent scrutineer's evidence pack for a period, as one ZIP of CSV
// files (RFC 4180, UTF-8, formula-safe), pseudonymised by construction: case
// references, dates, codes and what people recorded about the work, never the
// subject table. GET /api/v1/reports/evidence gives the same decisions, holds,
// learning and timelines as JSON, which the Reports page prints.
//
//   README.txt        what each file holds, the period and the day it was made
//   figures.csv       every count of the yearly report with its cases
//   timelines.csv     every clock of the cases active in the period against its
//                     statutory date (the clocks export)
//   decisions.csv     each decision in the period with its rationale, the
//                     agencies at the meeting and the partners agreeing
//   holds.csv         each hold overlapping the period, with its reason and
//                     length (the holds export)
//   learning_actions.csv  learning, the action taken, its evidence and the
//                     difference it made (the actions export)
//   rapid_review_timings.csv, commissioning.csv: the yearly report's tables
#include <Poco/DateTime.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>

#include <sstream>

#include "api/exports.h"
#include "api/handlers.h"
#include "api/json_views.h"
#include "api/report_views.h"
#include "api/request_helpers.h"
#include "casereview/workflows/evidence_pack.h"
#include "http/content_disposition.h"

namespace casereview::web {
namespace {

std::string readme(const ReportPeriod& period, Date today) {
  return "casereview evidence pack\r\n"
         "Period: " +
         period.from.iso() + " to " + period.to.iso() + " (both days included); made on " + today.iso() +
         ".\r\n"
         "Pseudonymised: cases are named by their references; no child's identity is in any file.\r\n\r\n"
         "figures.csv           every count of the yearly report, with the references of the cases behind it\r\n"
         "timelines.csv         every clock of the cases active in the period: started, due (the statutory "
         "date), met, status, working days taken, days on hold\r\n"
         "decisions.csv         each decision in the period: rapid review decisions and decisions after the "
         "Panel's response, the Panel's responses, CDOP panel reviews; rationale, agencies at the meeting, "
         "partners agreeing\r\n"
         "holds.csv             each hold of a local review or a child death review overlapping the period: "
         "reason, from, to, days held\r\n"
         "learning_actions.csv  learning (the recommendation), the action, owner, due date, status, evidence of "
         "completion and the difference it made\r\n"
         "rapid_review_timings.csv, commissioning.csv  tables of the yearly report\r\n";
}

// The files in the order the README lists them.
std::string zip_of(const std::vector<std::pair<std::string, std::string>>& files, Date today) {
  std::ostringstream out;
  Poco::Zip::Compress zip(out, true);
  const Poco::DateTime stamp(today.year(), today.month(), today.day());
  for (const auto& [name, content] : files) {
    std::istringstream in(content);
    zip.addFile(in, stamp, Poco::Path(name), Poco::Zip::ZipCommon::CM_DEFLATE, Poco::Zip::ZipCommon::CL_NORMAL);
  }
  zip.close();
  return out.str();
}

}  // namespace

namespace {

// A case's id, reference and kind on an item of the evidence report.
Json on_case(Json item, const CaseRecord& record) {
  item.set("case_id", record.id);
  item.set("case_reference", record.reference);
  item.set("case_kind", record.kind);
  return item;
}

}  // namespace

HttpResponse report_evidence(const HttpRequest& request, App& app) {
  only_query(request, {"from", "to"});
  auto session = app.store().session();
  const RequestContext context = app.context(*session, request.who());
  const ReportPeriod period = query_period(request, context.today);
  const workflows::EvidencePack pack = workflows::evidence_pack(*session, period, context);
  Json decisions = Json::array();
  for (const workflows::DecisionRecord& d : pack.decisions) {
    Json item = Json::object();
    item.set("case_id", d.review.id);
    item.set("case_reference", d.review.reference);
    item.set("case_kind", d.case_kind);
    item.set("stage", d.stage);
    item.set("decided_on", d.decided_on.iso());
    item.set("decision", d.decision);
    item.set("rationale", d.rationale);
    item.set("attendance", string_list(d.attendance));
    item.set("partners_agreeing", string_list(d.agreeing));
    decisions.push(std::move(item));
  }
  Json holds = Json::array(), learning = Json::array(), timelines = Json::array();
  for (const ExportedCase& c : exported_cases(*session, app, context, period)) {
    for (const workflows::HoldRecord& h : workflows::holds_of(c.record, c.events, period, context.today)) {
      Json item = Json::object();
      item.set("from", h.from.iso());
      item.set("to", h.to ? Json(h.to->iso()) : Json());
      item.set("reason", h.reason);
      item.set("details", h.details);
      item.set("days_held", static_cast<long long>(h.days_held));
      holds.push(on_case(std::move(item), c.record));
    }
    for (const ActionItem& a : c.records.actions) learning.push(on_case(action_json(a, context.today), c.record));
    for (const ClockView& v : c.clocks) timelines.push(on_case(clock_json(v), c.record));
  }
  Json body = Json::object();
  body.set("period", period_json(period));
  body.set("today", context.today.iso());
  body.set("decisions", decisions);
  body.set("holds", holds);
  body.set("learning", learning);
  body.set("timelines", timelines);
  return HttpResponse::json(200, body);
}

HttpResponse get_evidence_pack(const HttpRequest& request, App& app) {
  only_query(request, {"from", "to"});
  auto session = app.store().session();
  const RequestContext context = app.context(*session, request.who());
  const ReportPeriod period = query_period(request, context.today);
  const Json yearly = yearly_report_json(workflows::yearly_report(*session, app.cases(), period, context));
  const std::vector<std::pair<std::string, std::string>> files = {
      {"README.txt", readme(period, context.today)},
      {"figures.csv", report_table(yearly, yearly_report_tables(), "figures").str()},
      {"timelines.csv", export_table(*session, app, context, period, "clocks")->str()},
      {"decisions.csv", export_table(*session, app, context, period, "decisions")->str()},
      {"holds.csv", export_table(*session, app, context, period, "holds")->str()},
      {"learning_actions.csv", export_table(*session, app, context, period, "actions")->str()},
      {"rapid_review_timings.csv", report_table(yearly, yearly_report_tables(), "rapid_review_timings").str()},
      {"commissioning.csv", report_table(yearly, yearly_report_tables(), "commissioning").str()},
  };
  HttpResponse response;
  response.content_type = "application/zip";
  response.headers.emplace_back("Content-Disposition", attachment_disposition("evidence-pack-" + period.from.iso() +
                                                                              "-to-" + period.to.iso() + ".zip"));
  response.body = zip_of(files, context.today);
  return response;
}

}  // namespace casereview::web
