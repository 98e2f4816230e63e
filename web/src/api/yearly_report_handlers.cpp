// The partnership's yearly report for a period, as JSON. The figures are
// assembled in workflows/ (yearly_report.h, which says which date puts a case
// in the period); this file only reads the period and shows the report. Every
// figure is {count, cases: [{id, reference, href}]}, so each links to its cases;
// cases=N and rows=N shorten its lists for a page (report_views.h: Listing).
// With format=csv, one table of it (report_csv.h): "figures" (every count, each
// with its case references), or one of yearly_report_tables().
#include <algorithm>

#include "api/handlers.h"
#include "api/json_views.h"
#include "api/report_csv.h"
#include "api/report_views.h"
#include "api/request_helpers.h"
#include "app.h"
#include "casereview/workflows/yearly_report.h"

namespace casereview::web {
namespace {

using workflows::CaseRef;
using workflows::Figure;

Json case_ref_json(const CaseRef& ref) {
  Json j = Json::object();
  j.set("id", ref.id);
  j.set("reference", ref.reference);
  j.set("href", "/api/v1/cases/" + std::to_string(ref.id));
  return j;
}

Json figure_json(const Figure& figure, const Listing& listing) {
  Json cases = Json::array();
  const std::size_t named = std::min(figure.cases.size(), listing.cases);
  for (std::size_t i = 0; i < named; ++i) cases.push(case_ref_json(figure.cases[i]));
  Json j = Json::object();
  j.set("count", static_cast<long long>(figure.count()));
  j.set("cases", std::move(cases));
  return j;
}

// The figures of `named` under each of `keys`, absent ones as zero.
Json figures_by(const std::map<std::string, Figure>& named, std::initializer_list<const char*> keys,
                const Listing& listing) {
  Json j = Json::object();
  for (const char* key : keys) {
    const auto it = named.find(key);
    j.set(key, figure_json(it == named.end() ? Figure{} : it->second, listing));
  }
  return j;
}

Json notifications_json(const workflows::NotificationFigures& n, const Listing& listing) {
  Json by_harm = Json::object();
  by_harm.set("death", figure_json(n.death, listing));
  by_harm.set("serious_harm", figure_json(n.serious_harm, listing));
  by_harm.set("other", figure_json(n.other_harm, listing));
  Json by_status = Json::object();
  by_status.set("looked_after", figure_json(n.looked_after, listing));
  by_status.set("care_leaver", figure_json(n.care_leaver, listing));
  by_status.set("neither", figure_json(n.neither, listing));
  Json timeliness = Json::object();
  timeliness.set("rule_id", "sin.notify_panel");
  timeliness.set("on_time", figure_json(n.on_time, listing));
  timeliness.set("late", figure_json(n.late, listing));
  timeliness.set("not_yet_made", figure_json(n.not_yet_made, listing));
  Json j = Json::object();
  j.set("made", figure_json(n.made, listing));
  j.set("by_harm", std::move(by_harm));
  j.set("by_looked_after_status", std::move(by_status));
  j.set("timeliness", std::move(timeliness));
  return j;
}

Json rapid_reviews_json(const workflows::RapidReviewFigures& rr, const Listing& listing) {
  Json reviews = Json::array();
  for (const workflows::RapidReviewTiming& t : rr.timings) {
    Listing::push_capped(reviews, listing.rows, [&] {
      Json item = Json::object();
      item.set("case_id", t.review.id);
      item.set("case_reference", t.review.reference);
      item.set("started_on", t.started.iso());
      item.set("submitted_on", t.submitted_on ? Json(t.submitted_on->iso()) : Json());
      item.set("working_days_taken", t.working_days_taken ? Json(*t.working_days_taken) : Json());
      item.set("status", t.status);
      return item;
    });
  }
  Json timeliness = Json::object();
  timeliness.set("rule_id", "rr.submit_to_panel");
  timeliness.set("on_time", figure_json(rr.on_time, listing));
  timeliness.set("late", figure_json(rr.late, listing));
  timeliness.set("not_yet_submitted", figure_json(rr.not_yet_submitted, listing));
  timeliness.set("reviews", std::move(reviews));
  Json panel = Json::object();
  panel.set("agreed", figure_json(rr.panel_agreed, listing));
  panel.set("did_not_agree", figure_json(rr.panel_did_not_agree, listing));
  panel.set("national_review", figure_json(rr.panel_national_review, listing));
  Json j = Json::object();
  j.set("opened", figure_json(rr.opened, listing));
  j.set("timeliness", std::move(timeliness));
  j.set("decisions",
        figures_by(rr.decisions, {"lcspr", "no_lcspr", "national_review_referral", "criteria_not_met"}, listing));
  j.set("decisions_after_panel", figures_by(rr.decisions_after_panel, {"lcspr", "no_lcspr"}, listing));
  j.set("panel_responses", std::move(panel));
  return j;
}

Json lcsprs_json(const workflows::LcsprFigures& l, const Listing& listing) {
  Json holds = Json::array();
  for (const workflows::Hold& h : l.holds) {
    Listing::push_capped(holds, listing.rows, [&] {
      Json item = Json::object();
      item.set("case_id", h.review.id);
      item.set("case_reference", h.review.reference);
      item.set("from", h.from.iso());
      item.set("to", h.to ? Json(h.to->iso()) : Json());
      item.set("reason", h.reason);
      item.set("days_held", static_cast<long long>(h.days_held));
      return item;
    });
  }
  Json on_hold = figure_json(l.on_hold, listing);
  on_hold.set("holds", std::move(holds));
  Json published = figure_json(l.published, listing);
  published.set("rule_id", "lcspr.publish");
  published.set("on_time", figure_json(l.published_on_time, listing));
  published.set("late", figure_json(l.published_late, listing));
  Json commissioning = Json::array();
  for (const workflows::Commissioning& c : l.commissioning) {
    Listing::push_capped(commissioning, listing.rows, [&] {
      Json item = commissioning_json(c.time);
      item.set("case_id", c.review.id);
      item.set("case_reference", c.review.reference);
      return item;
    });
  }
  Json j = Json::object();
  j.set("commissioned", figure_json(l.commissioned, listing));
  j.set("on_hold", std::move(on_hold));
  j.set("published", std::move(published));
  j.set("commissioning", std::move(commissioning));
  return j;
}

}  // namespace

Json review_actions_json(const workflows::ReviewActions& actions) {
  Json item = Json::object();
  item.set("case_id", actions.review.id);
  item.set("case_reference", actions.review.reference);
  item.set("open", actions.open);
  item.set("completed", actions.completed);
  item.set("overdue", actions.overdue);
  return item;
}

Json yearly_report_json(const workflows::YearlyReport& report, const Listing& listing) {
  Json period = Json::object();
  period.set("from", report.period.from.iso());
  period.set("to", report.period.to.iso());
  Json actions = Json::array();
  for (const workflows::ReviewActions& a : report.actions) {
    Listing::push_capped(actions, listing.rows, [&] {
      Json item = review_actions_json(a);
      item.set("case_kind", a.kind);
      return item;
    });
  }
  // Each table's full length, named as its CSV (yearly_report_tables()).
  const auto length = [](const auto& items) { return static_cast<long long>(items.size()); };
  Json totals = Json::object();
  totals.set("rapid_review_timings", length(report.rapid_reviews.timings));
  totals.set("holds", length(report.lcsprs.holds));
  totals.set("commissioning", length(report.lcsprs.commissioning));
  totals.set("actions", length(report.actions));
  Json themes = Json::array();
  for (const workflows::ThemeCount& t : report.themes_without_local_review) {
    Json item = figure_json(t.cases, listing);
    item.set("code", t.code);
    item.set("label", t.label);
    themes.push(std::move(item));
  }
  Json j = Json::object();
  j.set("period", std::move(period));
  j.set("today", report.today.iso());
  j.set("notifications", notifications_json(report.notifications, listing));
  j.set("rapid_reviews", rapid_reviews_json(report.rapid_reviews, listing));
  j.set("lcsprs", lcsprs_json(report.lcsprs, listing));
  j.set("actions", std::move(actions));
  j.set("learning_themes_without_local_review", std::move(themes));
  j.set("totals", std::move(totals));
  return j;
}

const std::vector<ReportTable>& yearly_report_tables() {
  static const std::vector<ReportTable> kTables = {
      {"rapid_review_timings",
       {"rapid_reviews", "timeliness", "reviews"},
       {"case_reference", "started_on", "submitted_on", "working_days_taken", "status"}},
      {"holds", {"lcsprs", "on_hold", "holds"}, {"case_reference", "from", "to", "reason", "days_held"}},
      {"commissioning",
       {"lcsprs", "commissioning"},
       {"case_reference", "decided_on", "contract_signed_on", "calendar_days", "working_days"}},
      {"actions", {"actions"}, {"case_reference", "case_kind", "open", "completed", "overdue"}},
      {"learning_themes", {"learning_themes_without_local_review"}, {"code", "label", "count", "case_references"}},
  };
  return kTables;
}

HttpResponse report_yearly(const HttpRequest& request, App& app) {
  only_query(request, {"from", "to", "format", "table", "cases", "rows"});
  const std::string format = query_choice(request, "format", {"json", "csv"}).value_or("json");
  const Listing listing = query_listing(request, format == "csv");
  auto session = app.store().scan_session();
  const RequestContext context = app.context(*session, request.who());
  const ReportPeriod period = query_period(request, context.today);
  const Json report = yearly_report_json(
      workflows::yearly_report(*session, app.cases(), period, context, &app.yearly_facts()), listing);
  if (format == "csv") {
    return report_csv(report, yearly_report_tables(), query_text(request, "table").value_or("figures"), "yearly-report",
                      period);
  }
  return HttpResponse::json(200, report);
}

}  // namespace casereview::web
