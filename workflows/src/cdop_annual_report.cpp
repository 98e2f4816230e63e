// The CDOP's annual report for a period (cdop_annual_report.h): each child
// death review of the partnership read once, in one read transaction, and
// counted by what its notification and its panel review recorded.
#include "casereview/workflows/cdop_annual_report.h"

#include <algorithm>
#include <utility>

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

// Adds `ref` under `code` and returns its figure; a code outside the fixed
// list (a value recorded before the list changed) gets a row of its own,
// labelled by its code.
CodedFigure& count_under(std::vector<CodedFigure>& figures, const std::string& code, const CaseRef& ref,
                         std::size_t named_at_most) {
  static const std::string kNotRecorded = "not_recorded";
  const std::string& key = code.empty() ? kNotRecorded : code;
  auto it = std::find_if(figures.begin(), figures.end(), [&](const CodedFigure& f) { return f.code == key; });
  if (it == figures.end())
    it = figures.insert(figures.end(), CodedFigure{key, key == kNotRecorded ? "Not recorded" : key, {}});
  it->cases.add(ref, named_at_most);
  return *it;
}

std::vector<InternedText> interned_texts(const Json& payload, const char* member) {
  std::vector<InternedText> out;
  for (const std::string& text : payload_texts(payload, member)) out.emplace_back(text);
  return out;
}

// The facts a death's events record (DeathFacts).
DeathFacts facts_of(const std::vector<Event>& events) {
  DeathFacts facts;
  if (const Event* notification = last_of(events, cdr::event::kDeathNotified)) {
    const Json notified = Json::parse(notification->payload);
    facts.notified_on = notification->effective_date;
    facts.age_group = payload_text(notified, "age_group");
    facts.expected = payload_text(notified, "expected");
    facts.place_of_death = payload_text(notified, "place_of_death");
    facts.died = Date::parse(payload_text(notified, "date_of_death"));
  }
  if (const Event* review = last_of(events, cdr::event::kPanelReview)) {
    const Json panel = Json::parse(review->payload);
    facts.reviewed_on = review->effective_date;
    facts.category = payload_text(panel, "category");
    facts.judgement = payload_text(panel, "judgement");
    facts.factors = interned_texts(panel, "modifiable_factors");
    facts.learning = !payload_text(panel, "learning").empty();
    facts.themes = interned_texts(panel, "learning_themes");
  }
  return facts;
}

// The facts of each death of `stepped` (read by `active`): from the cache
// where it holds them at the death's version, else from its events, read in
// one query for each 2,000 deaths it does not hold (kCasesReadAtOnce).
FactsByCase<DeathFacts> facts_of_deaths(StoreSession& session, const CaseFilter& active,
                                        const std::vector<CaseRecord>& stepped, DeathFactsCache* cache) {
  std::vector<CaseVersion> deaths;
  deaths.reserve(stepped.size());
  for (const CaseRecord& record : stepped) deaths.push_back({record.id, record.version});
  return held_or_read(cache, deaths, 0, [&](const std::vector<long long>& unread, bool all) {
    CaseFilter reading = active;
    // All of them (a first report of a partnership of few deaths): the
    // period's query alone, as without a cache.
    if (!all) reading.ids = unread;
    std::map<long long, std::vector<Event>> events_of = events_by_case(
        session.cases().events_of_types(reading, {cdr::event::kDeathNotified, cdr::event::kPanelReview}));
    std::map<long long, DeathFacts> read;
    for (long long id : unread) read.emplace(id, facts_of(events_of[id]));
    return read;
  });
}

void add_review(CdopAnnualReport& report, const CaseRef& ref, const DeathFacts& facts, const Vocabularies& vocabularies,
                std::size_t named) {
  report.reviewed.add(ref, named);
  count_under(report.by_category, facts.category, ref, named);
  count_under(report.by_age_band, facts.age_group, ref, named);
  count_under(report.by_expectedness, facts.expected, ref, named);
  count_under(report.by_place_of_death, facts.place_of_death, ref, named);
  if (facts.judgement == "modifiable_factors_identified") report.modifiable_factors_identified.add(ref, named);
  if (facts.judgement == "no_modifiable_factors") report.no_modifiable_factors.add(ref, named);
  if (facts.judgement == "insufficient_information") report.insufficient_information.add(ref, named);
  for (DomainFactors& domain : report.factors_by_domain) {
    bool any = false;
    for (const std::string& code : facts.factors) {
      const FactorCode* factor = vocabularies.factor(code);
      if (!factor || factor->domain != domain.domain) continue;
      count_under(domain.factors, code, ref, named).label = factor->label;
      any = true;
    }
    if (any) domain.cases.add(ref, named);
  }
  if (facts.died) {
    const Date reviewed = *facts.reviewed_on;
    report.times_to_review.push_back({ref, *facts.died, reviewed, reviewed.serial() - facts.died->serial(),
                                      reviewed <= facts.died->plus_months(12)});
    if (report.times_to_review.back().within_12_months) report.reviewed_within_12_months.add(ref, named);
  }
  if (facts.learning) report.reviews_with_learning.add(ref, named);
  for (const std::string& code : facts.themes) {
    CodedFigure& figure = count_under(report.learning_themes, code, ref, named);
    if (const ThemeCode* theme = vocabularies.theme(code)) figure.label = theme->label;
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

CdopAnnualReport cdop_annual_report(StoreSession& session, const ReportPeriod& period, const RequestContext& context,
                                    DeathFactsCache* cache, std::size_t named_at_most) {
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
    const SharedVocabularies vocabularies_held = session.vocabularies().load(partnership);
    const Vocabularies& vocabularies = *vocabularies_held;
    // A death notified or reviewed in the period had a step in it (the
    // notification's or the review's date): the events are read of those
    // deaths only, in one query, and the actions of every death and the
    // contracts in two more (the national volume is 4,000 deaths a year, tens
    // of thousands over the years kept). A death with neither counts only by
    // its actions (with_cases_of_actions).
    const CaseFilter active = cases_stepped_in(partnership, period, cdr::kKind);
    ActionsAndContracts read = actions_and_contracts(session, partnership, ActionTexts::Left, cdr::kKind);
    const std::map<long long, ReviewRecords>& records_of = read.records_of;
    const ReviewRecords none;  // most deaths have no action: looked up, not added to the map
    std::vector<CaseRecord> stepped = session.cases().all_matching_brief(active);
    const FactsByCase<DeathFacts> facts_by_case = facts_of_deaths(session, active, stepped, cache);
    // At most one a death: reserved, not grown by doubling (20 MB at the
    // peak of two ten-year reports drawn at once, heaptrack).
    report.times_to_review.reserve(facts_by_case.size());
    for (const CaseRecord& record : with_cases_of_actions(active, std::move(stepped), read, period.to)) {
      const auto recorded = records_of.find(record.id);
      const ReviewRecords& records = recorded == records_of.end() ? none : recorded->second;
      if (case_view(context.principal, record, records) == CaseView::None) continue;
      if (auto counted = review_actions(record, records, period.to, context.today))
        report.actions.push_back(std::move(*counted));
      const DeathFacts* read_facts = facts_by_case.find(record.id);
      if (!read_facts || !read_facts->notified_on) continue;
      const DeathFacts& facts = *read_facts;
      const CaseRef ref{record.id, record.reference};
      if (period.contains(*facts.notified_on)) {
        report.notified.add(ref, named_at_most);
        count_under(report.notified_by_age_band, facts.age_group, ref, named_at_most);
        count_under(report.notified_by_expectedness, facts.expected, ref, named_at_most);
      }
      if (facts.reviewed_on && period.contains(*facts.reviewed_on)) {
        add_review(report, ref, facts, vocabularies, named_at_most);
      }
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
