#pragma once
// The Child Death Overview Panel's annual report for a period: the deaths
// notified, the reviews completed, and what the reviews found, each figure with
// the cases behind it.
//
// Contract:
//  - Read in ONE read transaction of the session, from the child death reviews'
//    event logs and review records; the subject table is never read, so the
//    report is pseudonymised by construction (the age band recorded at
//    notification, never the date of birth).
//  - Only child death reviews of the reader's partnership that the reader may
//    see count.
//  - Which date puts a death in the period (both ends included):
//      notified    the CDOP was notified in the period (notified_on)
//      reviewed    the CDOP panel's review (the latest, legacy imports included)
//                  was recorded in the period, as the NCMD counts reviews
//                  completed in the year; every breakdown below is of these
//      actions     added on or before the period's end, status today
//  - Time from death to review: calendar days from the date of death to the
//    panel review; "within 12 months" means reviewed on or before the same day
//    twelve months after the death.
// Throws StorageError / JsonParseError from storage as the repositories do.

#include <optional>
#include <string>
#include <vector>

#include "casereview/engine/case_service.h"
#include "casereview/engine/report_period.h"
#include "casereview/engine/repositories.h"
#include "casereview/workflows/case_facts_cache.h"
#include "casereview/workflows/interned_text.h"
#include "casereview/workflows/report_figures.h"

namespace casereview::workflows {

struct DomainFactors {
  std::string domain;  // one of kFactorDomains
  std::string label;
  Figure cases;                      // reviews with at least one factor of the domain
  std::vector<CodedFigure> factors;  // by code, those identified at least once
};

struct TimeToReview {
  CaseRef review;
  Date died;
  Date reviewed;
  long days = 0;
  bool within_12_months = false;
};

struct CdopAnnualReport {
  ReportPeriod period;
  Date today;
  Figure notified;
  std::vector<CodedFigure> notified_by_age_band;      // every band, youngest first
  std::vector<CodedFigure> notified_by_expectedness;  // expected, unexpected
  Figure reviewed;
  std::vector<CodedFigure> by_category;  // every category, in the analysis form's order
  std::vector<CodedFigure> by_age_band;
  std::vector<CodedFigure> by_expectedness;
  std::vector<CodedFigure> by_place_of_death;  // every place the notification form offers
  Figure modifiable_factors_identified, no_modifiable_factors, insufficient_information;
  std::vector<DomainFactors> factors_by_domain;  // every domain, in the form's order
  std::vector<TimeToReview> times_to_review;     // of the reviewed, case id order
  std::optional<double> median_days_to_review;   // none when nothing was reviewed
  Figure reviewed_within_12_months;
  Figure reviews_with_learning;  // learning written down
  std::vector<CodedFigure> learning_themes;
  std::vector<ReviewActions> actions;
};

// What a death's latest notification and latest panel review recorded that
// the report counts, as codes (labels are the vocabularies', looked up each time).
struct DeathFacts {
  std::optional<Date> notified_on;  // the notification's date; none: not notified
  InternedText age_group, expected, place_of_death;
  std::optional<Date> died;
  std::optional<Date> reviewed_on;  // the panel review's date; none: not reviewed
  InternedText category, judgement;
  std::vector<InternedText> factors, themes;
  bool learning = false;  // learning written down
};

// The facts of deaths already read, by case id and version (case_facts_cache.h).
using DeathFactsCache = CaseFactsCache<DeathFacts>;

// Only the deaths with a step in the period (notified or reviewed in it), and
// those with actions, are read; with a cache, the events only of the deaths
// stepped in the period whose facts it does not hold at their version.
// Each figure keeps the references of its first `named_at_most` cases
// (report_figures.h) and counts them all: a ten-year report names 37,000
// deaths in each of its figures, where a page shows the first hundred.
CdopAnnualReport cdop_annual_report(StoreSession& session, const ReportPeriod& period, const RequestContext& context,
                                    DeathFactsCache* cache = nullptr, std::size_t named_at_most = kNameEveryCase);

}  // namespace casereview::workflows
