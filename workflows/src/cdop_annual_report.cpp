// The CDOP's annual report for a period (cdop_annual_report.h): each child
// death review of the partnership read once, in one read transaction, and
// counted by what its notification and its panel review recorded.
#include "casereview/workflows/cdop_annual_report.h"

#include <algorithm>

#include "../child_death_review/cdr_names.h"
#include "event_reading.h"

namespace casereview::workflows {
namespace {

struct Coded {
  const char* code;
  const char* label;
};

// The age bands the NCMD publishes, as the notification records them.
constexpr Coded kAgeBands[] = {
    {"neonatal", "Under 28 days"}, {"infant", "28 days to under 1 year"}, {"1_to_4", "1 to 4 years"},
    {"5_to_9", "5 to 9 years"},    {"10_to_14", "10 to 14 years"},        {"15_to_17", "15 to 17 years"},
};
constexpr Coded kExpectedness[] = {{"expected", "Expected"}, {"unexpected", "Unexpected"}};
constexpr Coded kPlaces[] = {{"home", "Home"},
                             {"hospital", "Hospital"},
                             {"hospice", "Hospice"},
                             {"public_place", "Public place"},
                             {"other", "Other"}};
// The analysis form's domains, in its order, with its words.
constexpr Coded kDomains[] = {
    {"child", "Factors intrinsic to the child"},
    {"social_environment", "Social environment, including family and parenting capacity"},
    {"physical_environment", "Physical environment"},
    {"service_provision", "Service provision"},
};

template <std::size_t N>
std::vector<CodedFigure> every(const Coded (&codes)[N]) {
  std::vector<CodedFigure> all;
  for (const Coded& c : codes) all.push_back({c.code, c.label, {}});
  return all;
}

// Adds `ref` under `code`; a code outside the fixed list (a value recorded
// before the list changed) gets a row of its own, labelled by its code.
void count_under(std::vector<CodedFigure>& figures, const std::string& code, const CaseRef& ref) {
  const std::string key = code.empty() ? "not_recorded" : code;
  auto it = std::find_if(figures.begin(), figures.end(), [&](const CodedFigure& f) { return f.code == key; });
  if (it == figures.end())
    it = figures.insert(figures.end(), CodedFigure{key, key == "not_recorded" ? "Not recorded" : key, {}});
  it->cases.cases.push_back(ref);
}

void add_review(CdopAnnualReport& report, const CaseRef& ref, const Json& notified, const Event& review,
                const Vocabularies& vocabularies) {
  const Json panel = Json::parse(review.payload);
  report.reviewed.cases.push_back(ref);
  count_under(report.by_category, payload_text(panel, "category"), ref);
  count_under(report.by_age_band, payload_text(notified, "age_group"), ref);
  count_under(report.by_expectedness, payload_text(notified, "expected"), ref);
  count_under(report.by_place_of_death, payload_text(notified, "place_of_death"), ref);
  const std::string judgement = payload_text(panel, "judgement");
  if (judgement == "modifiable_factors_identified") report.modifiable_factors_identified.cases.push_back(ref);
  if (judgement == "no_modifiable_factors") report.no_modifiable_factors.cases.push_back(ref);
  if (judgement == "insufficient_information") report.insufficient_information.cases.push_back(ref);
  for (DomainFactors& domain : report.factors_by_domain) {
    bool any = false;
    for (const std::string& code : payload_texts(panel, "modifiable_factors")) {
      const FactorCode* factor = vocabularies.factor(code);
      if (!factor || factor->domain != domain.domain) continue;
      count_under(domain.factors, code, ref);
      domain.factors.back().label = factor->label;
      any = true;
    }
    if (any) domain.cases.cases.push_back(ref);
  }
  if (const auto died = Date::parse(payload_text(notified, "date_of_death"))) {
    const Date reviewed = review.effective_date;
    report.times_to_review.push_back(
        {ref, *died, reviewed, reviewed.serial() - died->serial(), reviewed <= died->plus_months(12)});
    if (report.times_to_review.back().within_12_months) report.reviewed_within_12_months.cases.push_back(ref);
  }
  if (!payload_text(panel, "learning").empty()) report.reviews_with_learning.cases.push_back(ref);
  for (const std::string& code : payload_texts(panel, "learning_themes")) {
    count_under(report.learning_themes, code, ref);
    const ThemeCode* theme = vocabularies.theme(code);
    if (theme) {
      const auto it = std::find_if(report.learning_themes.begin(), report.learning_themes.end(),
                                   [&](const CodedFigure& f) { return f.code == code; });
      it->label = theme->label;
    }
  }
}

std::optional<double> median(std::vector<long> days) {
  if (days.empty()) return std::nullopt;
  std::sort(days.begin(), days.end());
  const std::size_t mid = days.size() / 2;
  if (days.size() % 2 == 1) return static_cast<double>(days[mid]);
  return (static_cast<double>(days[mid - 1]) + static_cast<double>(days[mid])) / 2.0;
}

void sort_by_code(std::vector<CodedFigure>& figures) {
  std::sort(figures.begin(), figures.end(), [](const CodedFigure& a, const CodedFigure& b) { return a.code < b.code; });
}

}  // namespace

CdopAnnualReport cdop_annual_report(StoreSession& session, const ReportPeriod& period, const RequestContext& context) {
  CdopAnnualReport report;
  report.period = period;
  report.today = context.today;
  report.notified_by_age_band = every(kAgeBands);
  report.notified_by_expectedness = every(kExpectedness);
  for (const DeathCategory& c : death_categories()) report.by_category.push_back({c.code, c.label, {}});
  report.by_age_band = every(kAgeBands);
  report.by_expectedness = every(kExpectedness);
  report.by_place_of_death = every(kPlaces);
  for (const Coded& d : kDomains) report.factors_by_domain.push_back({d.code, d.label, {}, {}});
  session.read_transaction([&] {
    const long long partnership = context.partnership_id();
    const Vocabularies vocabularies = session.vocabularies().load(partnership);
    // A death notified or reviewed in the period had a step in it (the
    // notification's or the review's date): the events are read of those
    // deaths only, in one query, and the actions of every death and the
    // contracts in two more (the national volume is 4,000 deaths a year, tens
    // of thousands over the years kept). A death with neither counts only by
    // its actions (with_cases_of_actions).
    const CaseFilter active = cases_stepped_in(partnership, period, cdr::kKind);
    ActionsAndContracts read = actions_and_contracts(session, partnership, cdr::kKind);
    std::map<long long, ReviewRecords>& records_of = read.records_of;
    std::map<long long, std::vector<Event>> events_of =
        events_by_case(session.cases().events_of_types(active, {cdr::event::kDeathNotified, cdr::event::kPanelReview}));
    for (const CaseRecord& record :
         with_cases_of_actions(active, session.cases().all_matching(active), read, period.to)) {
      const ReviewRecords& records = records_of[record.id];
      if (case_view(context.principal, record, records) == CaseView::None) continue;
      if (auto counted = review_actions(record, records, period.to, context.today)) report.actions.push_back(*counted);
      const std::vector<Event>& events = events_of[record.id];
      const Event* notification = last_of(events, cdr::event::kDeathNotified);
      if (!notification) continue;
      const CaseRef ref{record.id, record.reference};
      const Event* review = last_of(events, cdr::event::kPanelReview);
      const bool notified_in_period = period.contains(notification->effective_date);
      const bool reviewed_in_period = review && period.contains(review->effective_date);
      // Most deaths of a long record count only by their actions: their
      // notification is read only when the death counts otherwise.
      const Json notified = notified_in_period || reviewed_in_period ? Json::parse(notification->payload) : Json();
      if (notified_in_period) {
        report.notified.cases.push_back(ref);
        count_under(report.notified_by_age_band, payload_text(notified, "age_group"), ref);
        count_under(report.notified_by_expectedness, payload_text(notified, "expected"), ref);
      }
      if (reviewed_in_period) add_review(report, ref, notified, *review, vocabularies);
    }
  });
  for (DomainFactors& domain : report.factors_by_domain) sort_by_code(domain.factors);
  sort_by_code(report.learning_themes);
  std::vector<long> days;
  for (const TimeToReview& t : report.times_to_review) days.push_back(t.days);
  report.median_days_to_review = median(days);
  return report;
}

}  // namespace casereview::workflows
