// The CDOP's annual report for a period, as JSON or one of its tables as CSV.
// The figures are assembled in workflows/ (cdop_annual_report.h, which says
// which date puts a death in the period); this file reads the period and shows
// the report. Every figure is {count, cases: [{id, reference, href}]}; cases=N
// and rows=N shorten its lists for a page (report_views.h: Listing).
//
// With publication=true the report is fit to publish: every count from 1 to the
// server's --suppress-up-to is withheld ({count: null, suppressed: true}); where
// that would let a reader find it by subtracting the other parts of a breakdown
// from its total, the next smallest part is withheld too; no figure lists its
// cases, a percentage or median resting on a withheld count is withheld too,
// and the per-review tables are left out.
#include <algorithm>
#include <cmath>
#include <set>
#include <string_view>
#include <vector>

#include "api/handlers.h"
#include "api/json_views.h"
#include "api/kept_page_for_request.h"
#include "api/report_csv.h"
#include "api/report_document.h"
#include "api/report_views.h"
#include "api/request_helpers.h"
#include "app.h"
#include "casereview/workflows/cdop_annual_report.h"

namespace casereview::web {
namespace {

using workflows::CodedFigure;
using workflows::Figure;

// How the report shows counts: in full, or fit to publish.
struct Showing {
  bool publication = false;
  int suppress_up_to = 0;
  Listing listing;
  std::set<const Figure*> secondary;   // withheld so that a withheld part cannot be found by subtraction
  ReportDocument* document = nullptr;  // where each figure's cases are listed

  bool small(std::size_t count) const {
    return publication && count >= 1 && count <= static_cast<std::size_t>(suppress_up_to);
  }
  bool withheld(const Figure& f) const { return small(f.count()) || secondary.count(&f) > 0; }
  // How many cases each figure names: none in a report for publication.
  std::size_t named() const { return publication ? 0 : listing.cases; }

  // Secondary suppression, as the national statistics do it: where `parts` add
  // up to a `total` that is shown and exactly one part is withheld, the
  // smallest other part above zero is withheld with it.
  void protect(const std::vector<const Figure*>& parts, const Figure& total) {
    if (!publication || small(total.count())) return;
    std::size_t primary = 0;
    const Figure* smallest = nullptr;
    for (const Figure* part : parts) {
      if (withheld(*part)) {
        ++primary;
      } else if (part->count() > 0 && (!smallest || part->count() < smallest->count())) {
        smallest = part;
      }
    }
    if (primary == 1 && smallest) secondary.insert(smallest);
  }
  void protect(const std::vector<CodedFigure>& parts, const Figure& total) {
    std::vector<const Figure*> figures;
    figures.reserve(parts.size());
    for (const CodedFigure& part : parts) figures.push_back(&part.cases);
    protect(figures, total);
  }

  Json figure(const Figure& f) const {
    Json j = Json::object();
    j.set("count", withheld(f) ? Json() : Json(static_cast<long long>(f.count())));
    j.set("suppressed", withheld(f));
    j.set("cases", document->listing(f.cases, named()));
    return j;
  }
  Json figure(const Figure&& f) const = delete;  // listed from, so it must outlive the document

  Json coded(const std::vector<CodedFigure>& figures) const {
    Json list = Json::array();
    for (const CodedFigure& f : figures) {
      Json item = figure(f.cases);
      item.set("code", f.code);
      item.set("label", f.label);
      list.push(std::move(item));
    }
    return list;
  }
  Json coded(const std::vector<CodedFigure>&& figures) const = delete;  // listed from, as figure()

  // part as a percentage of whole, to one decimal place; null when either is
  // withheld or whole is nothing.
  Json percentage(const Figure& part, const Figure& whole) const {
    if (whole.count() == 0 || withheld(part) || withheld(whole)) return Json();
    const double share = 100.0 * static_cast<double>(part.count()) / static_cast<double>(whole.count());
    return Json(static_cast<double>(std::lround(share * 10.0)) / 10.0);
  }
};

Json factors_json(const workflows::CdopAnnualReport& r, const Showing& show) {
  Json domains = Json::array();
  for (const workflows::DomainFactors& d : r.factors_by_domain) {
    Json item = show.figure(d.cases);
    item.set("code", d.domain);
    item.set("label", d.label);
    item.set("factors", show.coded(d.factors));
    domains.push(std::move(item));
  }
  Json j = Json::object();
  j.set("identified", show.figure(r.modifiable_factors_identified));
  j.set("percentage_of_reviewed", show.percentage(r.modifiable_factors_identified, r.reviewed));
  j.set("no_modifiable_factors", show.figure(r.no_modifiable_factors));
  j.set("insufficient_information", show.figure(r.insufficient_information));
  j.set("by_domain", std::move(domains));
  return j;
}

Json time_to_review_item(const workflows::TimeToReview& t) {
  Json item = Json::object();
  item.set("case_id", t.review.id);
  item.set("case_reference", t.review.reference);
  item.set("date_of_death", t.died.iso());
  item.set("reviewed_on", t.reviewed.iso());
  item.set("days", static_cast<long long>(t.days));
  item.set("within_12_months", t.within_12_months);
  return item;
}

Json time_to_review_json(const workflows::CdopAnnualReport& r, const Showing& show) {
  // Each row is made as it is written (report_document.h): ten years' 37,000
  // rows made first were 22 MB of the answer's peak.
  Json reviews = Json::array();
  if (!show.publication) {
    const std::vector<workflows::TimeToReview>& times = r.times_to_review;
    reviews = show.document->rows(std::min(show.listing.rows, times.size()),
                                  [&times](std::size_t i) { return time_to_review_item(times[i]); });
  }
  Json j = Json::object();
  const bool median_shown = r.median_days_to_review && !show.withheld(r.reviewed);
  j.set("median_days", median_shown ? Json(*r.median_days_to_review) : Json());
  j.set("within_12_months", show.figure(r.reviewed_within_12_months));
  j.set("percentage_within_12_months", show.percentage(r.reviewed_within_12_months, r.reviewed));
  j.set("reviews", std::move(reviews));
  return j;
}

Json cdop_report_json(const workflows::CdopAnnualReport& r, const Showing& show) {
  Json period = Json::object();
  period.set("from", r.period.from.iso());
  period.set("to", r.period.to.iso());
  Json suppression = Json::object();
  suppression.set("applied", show.publication && show.suppress_up_to > 0);
  suppression.set("counts_up_to", show.suppress_up_to);
  Json notified = show.figure(r.notified);
  notified.set("by_age_band", show.coded(r.notified_by_age_band));
  notified.set("by_expectedness", show.coded(r.notified_by_expectedness));
  Json learning = Json::object();
  learning.set("reviews_with_learning", show.figure(r.reviews_with_learning));
  learning.set("themes", show.coded(r.learning_themes));
  Json actions = Json::array();
  if (!show.publication) {
    for (const workflows::ReviewActions& a : r.actions) {
      Listing::push_capped(actions, show.listing.rows, [&] { return review_actions_json(a); });
    }
  }
  // Each table's full length, named as its CSV (cdop_report_tables()); a
  // report for publication has none.
  const auto length = [&](const auto& items) { return show.publication ? 0LL : static_cast<long long>(items.size()); };
  Json totals = Json::object();
  totals.set("time_to_review", length(r.times_to_review));
  totals.set("actions", length(r.actions));
  Json j = Json::object();
  j.set("period", std::move(period));
  j.set("today", r.today.iso());
  j.set("publication", show.publication);
  j.set("suppression", std::move(suppression));
  j.set("notified", std::move(notified));
  j.set("reviewed", show.figure(r.reviewed));
  j.set("by_category", show.coded(r.by_category));
  j.set("by_age_band", show.coded(r.by_age_band));
  j.set("by_expectedness", show.coded(r.by_expectedness));
  j.set("by_place_of_death", show.coded(r.by_place_of_death));
  j.set("modifiable_factors", factors_json(r, show));
  j.set("time_to_review", time_to_review_json(r, show));
  j.set("learning", std::move(learning));
  j.set("actions", std::move(actions));
  j.set("totals", std::move(totals));
  return j;
}

// The report's tables besides "figures" (report_csv.h).
const std::vector<ReportTable>& cdop_report_tables() {
  static const std::vector<ReportTable> kTables = {
      {"by_category", {"by_category"}, {"code", "label", "count", "case_references"}},
      {"by_age_band", {"by_age_band"}, {"code", "label", "count", "case_references"}},
      {"by_place_of_death", {"by_place_of_death"}, {"code", "label", "count", "case_references"}},
      {"modifiable_factors_by_domain",
       {"modifiable_factors", "by_domain"},
       {"code", "label", "count", "case_references"}},
      {"time_to_review",
       {"time_to_review", "reviews"},
       {"case_reference", "date_of_death", "reviewed_on", "days", "within_12_months"}},
      {"learning_themes", {"learning", "themes"}, {"code", "label", "count", "case_references"}},
      {"actions", {"actions"}, {"case_reference", "open", "completed", "overdue"}},
  };
  return kTables;
}

}  // namespace

HttpResponse report_cdop_annual(const HttpRequest& request, App& app) {
  only_query(request, {"from", "to", "publication", "format", "table", "cases", "rows"});
  const std::string format = query_choice(request, "format", {"json", "csv"}).value_or("json");
  ReportDocument report;
  Showing show{query_flag(request, "publication").value_or(false),
               app.settings().suppress_up_to,
               query_listing(request, format == "csv"),
               {},
               &report};
  auto session = app.store().scan_session();
  const RequestContext context = app.context(*session, request.who());
  const ReportPeriod period = query_period(request, context.today);
  // Keeps no more references than the document will name (Showing::figure).
  const workflows::CdopAnnualReport r =
      workflows::cdop_annual_report(*session, period, context, &app.death_facts(), show.named());
  show.protect(r.notified_by_age_band, r.notified);
  show.protect(r.notified_by_expectedness, r.notified);
  for (const auto* breakdown : {&r.by_category, &r.by_age_band, &r.by_expectedness, &r.by_place_of_death}) {
    show.protect(*breakdown, r.reviewed);
  }
  show.protect({&r.modifiable_factors_identified, &r.no_modifiable_factors, &r.insufficient_information}, r.reviewed);
  report.set_tree(cdop_report_json(r, show));
  if (format == "csv") {
    return report_csv(report, cdop_report_tables(), query_text(request, "table").value_or("figures"),
                      show.publication ? "cdop-annual-report-for-publication" : "cdop-annual-report", period);
  }
  return report.answer(request.answer_stream);
}

}  // namespace casereview::web
