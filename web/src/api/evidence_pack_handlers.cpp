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

#include <limits>
#include <map>
#include <sstream>

#include "api/answer_text.h"
#include "api/exports.h"
#include "api/handlers.h"
#include "api/json_views.h"
#include "api/report_views.h"
#include "api/request_helpers.h"
#include "casereview/workflows/evidence_pack.h"
#include "casereview/workflows/report_figures.h"
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
  only_query(request, {"from", "to", "rows"});
  // The page shows the first rows of each list: `rows` caps each, and
  // "totals" says how many there are in all (a national year has tens of
  // thousands of clocks; the ZIP and the CSV exports hold every one).
  const std::optional<int> rows = query_int(request, "rows", 1, 100000);
  const std::size_t cap = rows ? static_cast<std::size_t>(*rows) : std::numeric_limits<std::size_t>::max();
  auto session = app.store().scan_session();
  const RequestContext context = app.context(*session, request.who());
  const ReportPeriod period = query_period(request, context.today);
  // The answer is written as its text, each list's items made one at a time
  // and let go: a year of a national service's clocks made as Json values
  // first took the server from 98 MB to 269 MB. The lists are written in the
  // answer's order, a pass over the cases each.
  AnswerText text(request.answer_stream);
  text.out() += R"({"period":)" + period_json(period).dump() + R"(,"today":)" + Json(context.today.iso()).dump();
  Json totals = Json::object();
  // Writes `name`'s list: make(add) calls add(item) for each item, in order;
  // the first `cap` are written, every one counted.
  const auto list = [&](const char* name, const auto& make) {
    text.out().append(",\"").append(name).append("\":[");
    long long total = 0;
    make([&](const auto& item) {
      if (static_cast<std::size_t>(total) < cap) text.element(item(), static_cast<std::size_t>(total));
      ++total;
    });
    text.out() += ']';
    totals.set(name, total);
  };
  session->read_transaction([&] {
    // The cases active in the period, their actions and their holds, read in
    // one query each, once for the decisions and the rest; their clocks for
    // the last list, 2,000 cases at a time.
    const workflows::ActiveCases active =
        workflows::read_active_cases(*session, app.workflows(), context.partnership_id(), period);
    const workflows::EvidencePack pack = workflows::evidence_pack(*session, active, period, context);
    std::map<long long, std::vector<Event>> holds_of_case =
        workflows::events_by_case(session->cases().events_of_types(active.filter, workflows::hold_event_types()));
    const auto seen = [&](const CaseRecord& record) {
      return case_view(context.principal, record, active.records_for(record.id)) != CaseView::None;
    };
    const auto each_case_seen = [&](const auto& visit) {
      for (const CaseRecord& record : active.cases) {
        if (seen(record)) visit(record, active.records_for(record.id));
      }
    };
    list("decisions", [&](const auto& add) {
      for (const workflows::DecisionRecord& d : pack.decisions) {
        add([&] {
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
          return item;
        });
      }
    });
    list("holds", [&](const auto& add) {
      each_case_seen([&](const CaseRecord& record, const ReviewRecords&) {
        for (const workflows::HoldRecord& h :
             workflows::holds_of(record, holds_of_case[record.id], period, context.today)) {
          add([&] {
            Json item = Json::object();
            item.set("from", h.from.iso());
            item.set("to", h.to ? Json(h.to->iso()) : Json());
            item.set("reason", h.reason);
            item.set("details", h.details);
            item.set("days_held", static_cast<long long>(h.days_held));
            return on_case(std::move(item), record);
          });
        }
      });
    });
    list("learning", [&](const auto& add) {
      each_case_seen([&](const CaseRecord& record, const ReviewRecords& records) {
        for (const ActionItem& a : records.actions) {
          add([&] { return on_case(action_json(a, context.today), record); });
        }
      });
    });
    list("timelines", [&](const auto& add) {
      for_each_with_clocks(*session, active.filter.partnership_id, active.cases,
                           [&](const CaseRecord& record, const std::vector<Clock>& clocks) {
                             if (!seen(record)) return;
                             for (const Clock& c : clocks) {
                               add([&] { return on_case(clock_json(app.cases().clock_view(c, context)), record); });
                             }
                           });
    });
  });
  text.out().append(R"(,"totals":)");
  totals.dump_to(text.out());
  text.out() += '}';
  return std::move(text).response();
}

HttpResponse get_evidence_pack(const HttpRequest& request, App& app) {
  only_query(request, {"from", "to"});
  auto session = app.store().scan_session();
  const RequestContext context = app.context(*session, request.who());
  const ReportPeriod period = query_period(request, context.today);
  const workflows::YearlyReport figures =
      workflows::yearly_report(*session, app.cases(), period, context, &app.yearly_facts());
  const ReportDocument yearly = yearly_report_document(figures);
  const std::vector<std::pair<std::string, std::string>> files = {
      {"README.txt", readme(period, context.today)},
      {"figures.csv", report_table(yearly, yearly_report_tables(), "figures").str()},
      {"timelines.csv", std::move(*export_table(*session, app, context, period, "clocks")).str()},
      {"decisions.csv", std::move(*export_table(*session, app, context, period, "decisions")).str()},
      {"holds.csv", std::move(*export_table(*session, app, context, period, "holds")).str()},
      {"learning_actions.csv", std::move(*export_table(*session, app, context, period, "actions")).str()},
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
