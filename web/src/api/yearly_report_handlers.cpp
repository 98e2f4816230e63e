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
#include "api/kept_page_for_request.h"
#include "api/report_csv.h"
#include "api/report_views.h"
#include "api/request_helpers.h"
#include "app.h"
#include "casereview/workflows/yearly_report.h"

namespace casereview::web {
namespace {

using workflows::CaseRef;
using workflows::Figure;

// Where the report is written: its lists capped as asked, each figure's cases
// listed from the report itself (report_document.h).
struct Writing {
  const Listing& listing;
  ReportDocument& document;

  Json figure(const Figure& figure) const {
    Json j = Json::object();
    j.set("count", static_cast<long long>(figure.count()));
    j.set("cases", document.listing(figure.cases, listing.cases));
    return j;
  }
  Json figure(const Figure&& figure) const = delete;  // listed from, so it must outlive the document
};

// The figures of `named` under each of `keys`, absent ones as zero.
Json figures_by(const std::map<std::string, Figure>& named, std::initializer_list<const char*> keys, const Writing& w) {
  static const Figure kNone;
  Json j = Json::object();
  for (const char* key : keys) {
    // Not `found ? it->second : Figure{}`, which would copy the figure the
    // document is to list from.
    const auto it = named.find(key);
    j.set(key, w.figure(it == named.end() ? kNone : it->second));
  }
  return j;
}

Json notifications_json(const workflows::NotificationFigures& n, const Writing& w) {
  Json by_harm = Json::object();
  by_harm.set("death", w.figure(n.death));
  by_harm.set("serious_harm", w.figure(n.serious_harm));
  by_harm.set("other", w.figure(n.other_harm));
  Json by_status = Json::object();
  by_status.set("looked_after", w.figure(n.looked_after));
  by_status.set("care_leaver", w.figure(n.care_leaver));
  by_status.set("neither", w.figure(n.neither));
  Json timeliness = Json::object();
  timeliness.set("rule_id", "sin.notify_panel");
  timeliness.set("on_time", w.figure(n.on_time));
  timeliness.set("late", w.figure(n.late));
  timeliness.set("not_yet_made", w.figure(n.not_yet_made));
  Json j = Json::object();
  j.set("made", w.figure(n.made));
  j.set("by_harm", std::move(by_harm));
  j.set("by_looked_after_status", std::move(by_status));
  j.set("timeliness", std::move(timeliness));
  return j;
}

Json rapid_reviews_json(const workflows::RapidReviewFigures& rr, const Writing& w) {
  Json reviews = Json::array();
  for (const workflows::RapidReviewTiming& t : rr.timings) {
    Listing::push_capped(reviews, w.listing.rows, [&] {
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
  timeliness.set("on_time", w.figure(rr.on_time));
  timeliness.set("late", w.figure(rr.late));
  timeliness.set("not_yet_submitted", w.figure(rr.not_yet_submitted));
  timeliness.set("reviews", std::move(reviews));
  Json panel = Json::object();
  panel.set("agreed", w.figure(rr.panel_agreed));
  panel.set("did_not_agree", w.figure(rr.panel_did_not_agree));
  panel.set("national_review", w.figure(rr.panel_national_review));
  Json j = Json::object();
  j.set("opened", w.figure(rr.opened));
  j.set("timeliness", std::move(timeliness));
  j.set("decisions",
        figures_by(rr.decisions, {"lcspr", "no_lcspr", "national_review_referral", "criteria_not_met"}, w));
  j.set("decisions_after_panel", figures_by(rr.decisions_after_panel, {"lcspr", "no_lcspr"}, w));
  j.set("panel_responses", std::move(panel));
  return j;
}

Json lcsprs_json(const workflows::LcsprFigures& l, const Writing& w) {
  Json holds = Json::array();
  for (const workflows::Hold& h : l.holds) {
    Listing::push_capped(holds, w.listing.rows, [&] {
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
  Json on_hold = w.figure(l.on_hold);
  on_hold.set("holds", std::move(holds));
  Json published = w.figure(l.published);
  published.set("rule_id", "lcspr.publish");
  published.set("on_time", w.figure(l.published_on_time));
  published.set("late", w.figure(l.published_late));
  Json commissioning = Json::array();
  for (const workflows::Commissioning& c : l.commissioning) {
    Listing::push_capped(commissioning, w.listing.rows, [&] {
      Json item = commissioning_json(c.time);
      item.set("case_id", c.review.id);
      item.set("case_reference", c.review.reference);
      return item;
    });
  }
  Json j = Json::object();
  j.set("commissioned", w.figure(l.commissioned));
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

namespace {

Json yearly_report_tree(const workflows::YearlyReport& report, const Writing& w) {
  Json period = Json::object();
  period.set("from", report.period.from.iso());
  period.set("to", report.period.to.iso());
  Json actions = Json::array();
  for (const workflows::ReviewActions& a : report.actions) {
    Listing::push_capped(actions, w.listing.rows, [&] {
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
    Json item = w.figure(t.cases);
    item.set("code", t.code);
    item.set("label", t.label);
    themes.push(std::move(item));
  }
  Json j = Json::object();
  j.set("period", std::move(period));
  j.set("today", report.today.iso());
  j.set("notifications", notifications_json(report.notifications, w));
  j.set("rapid_reviews", rapid_reviews_json(report.rapid_reviews, w));
  j.set("lcsprs", lcsprs_json(report.lcsprs, w));
  j.set("actions", std::move(actions));
  j.set("learning_themes_without_local_review", std::move(themes));
  j.set("totals", std::move(totals));
  return j;
}

}  // namespace

ReportDocument yearly_report_document(const workflows::YearlyReport& report, const Listing& listing) {
  ReportDocument document;
  document.set_tree(yearly_report_tree(report, Writing{listing, document}));
  return document;
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
  const workflows::YearlyReport figures =
      workflows::yearly_report(*session, app.cases(), period, context, &app.yearly_facts());
  const ReportDocument report = yearly_report_document(figures, listing);
  if (format == "csv") {
    return report_csv(report, yearly_report_tables(), query_text(request, "table").value_or("figures"), "yearly-report",
                      period);
  }
  return report.answer(request.answer_stream);
}

}  // namespace casereview::web
