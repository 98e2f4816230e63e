// Lists and reports across cases: the action log, the time to a signed
// reviewer's contract, learning themes and modifiable factors counted. The
// action log and the commissioning report take a period
// (from, to; by default the financial year containing today): actions agreed
// by its end and not finished before its start; reviews and cases active in it
// (report_period.h), so that what is still open is always listed.
#include <limits>

#include "api/handlers.h"
#include "api/json_views.h"
#include "api/request_helpers.h"
#include "app.h"
#include "casereview/workflows/report_figures.h"

namespace casereview::web {

HttpResponse list_actions(const HttpRequest& request, App& app) {
  only_query(request, {"status", "owner_agency", "overdue", "from", "to"});
  ActionFilter filter;
  filter.partnership_id = request.who().partnership_id;
  filter.status = query_text(request, "status");
  filter.owner_agency = query_text(request, "owner_agency");
  const auto overdue = query_flag(request, "overdue");
  auto session = app.store().scan_session();
  const Date today = app.today();
  const ReportPeriod period = query_period(request, today);
  Json list = Json::array();
  for (const CaseAction& a : session->review_records().actions(filter)) {
    if (overdue && *overdue != a.action.is_overdue(today)) continue;
    // Live in the period: agreed by its end, and not finished before its start.
    if (a.action.added_on > period.to) continue;
    if (a.action.completed_on && *a.action.completed_on < period.from) continue;
    Json item = action_json(a.action, today);
    item.set("case_id", a.case_id);
    item.set("case_reference", a.case_reference);
    item.set("case_kind", a.case_kind);
    list.push(std::move(item));
  }
  Json body = Json::object();
  body.set("today", today.iso());
  body.set("period", period_json(period));
  body.set("actions", std::move(list));
  return HttpResponse::json(200, body);
}

HttpResponse report_commissioning(const HttpRequest& request, App& app) {
  only_query(request, {"from", "to"});
  auto session = app.store().scan_session();
  const RequestContext context = app.context(*session, request.who());
  const ReportPeriod period = query_period(request, context.today);
  Json list = Json::array();
  for (const Workflow* workflow : app.workflows().all()) {
    if (!workflow->spec().commissions_reviewer) continue;
    CaseFilter filter =
        workflows::cases_active_in(app.workflows(), context.partnership_id(), period, workflow->spec().kind);
    filter.limit = std::numeric_limits<int>::max();
    for (const CaseRecord& r : session->cases().list(filter)) {
      const ReviewRecords records = session->review_records().for_case(r.id);
      Json item =
          commissioning_json(commissioning_time(r.opened_on, records.contracts, context.today, *context.calendar));
      item.set("case_id", r.id);
      item.set("case_reference", r.reference);
      item.set("state", r.state);
      list.push(std::move(item));
    }
  }
  Json body = Json::object();
  body.set("today", context.today.iso());
  body.set("period", period_json(period));
  body.set("reviews", std::move(list));
  return HttpResponse::json(200, body);
}

namespace {

// Counts of the cases carrying each tag of `kind` ("theme" or "factor").
HttpResponse report_tags(const HttpRequest& request, App& app, const char* kind) {
  only_query(request, {});
  auto session = app.store().scan_session();
  const SharedVocabularies vocabularies_held = session->vocabularies().load(request.who().partnership_id);
  const Vocabularies& vocabularies = *vocabularies_held;
  Json list = Json::array();
  for (const TagCount& count : session->review_records().tag_counts(request.who().partnership_id, kind)) {
    Json item = Json::object();
    item.set("code", count.code);
    if (std::string(kind) == "theme") {
      const ThemeCode* t = vocabularies.theme(count.code);
      item.set("label", t ? t->label : count.code);
    } else {
      const FactorCode* f = vocabularies.factor(count.code);
      item.set("label", f ? f->label : count.code);
      item.set("domain", f ? Json(f->domain) : Json());
    }
    item.set("cases", count.cases);
    item.set("href", "/api/v1/cases?" + std::string(kind) + "=" + count.code);
    list.push(std::move(item));
  }
  Json body = Json::object();
  body.set(std::string(kind) == "theme" ? "learning_themes" : "modifiable_factors", list);
  return HttpResponse::json(200, body);
}

}  // namespace

HttpResponse report_learning_themes(const HttpRequest& request, App& app) { return report_tags(request, app, "theme"); }

HttpResponse report_modifiable_factors(const HttpRequest& request, App& app) {
  return report_tags(request, app, "factor");
}

}  // namespace casereview::web
