// The CDOP annual report with the facts of the deaths it has read kept by
// case version (DeathFactsCache): asked again after steps that change what it
// counts, it counts them, and it is the report made without the cache.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "case_service_fixture.h"
#include "casereview/workflows/cdop_annual_report.h"

namespace casereview {
namespace {

using workflows::CdopAnnualReport;
using workflows::CodedFigure;
using workflows::DeathFacts;
using workflows::DeathFactsCache;
using workflows::Figure;

// Every figure of the report with its count and the ids of the first `named`
// cases behind it, one per line, and the per-review tables: two reports that
// agree here count the same deaths.
std::string figures_of(const CdopAnnualReport& r, std::size_t named = workflows::kNameEveryCase) {
  std::ostringstream out;
  const auto figure = [&](const std::string& name, const Figure& f) {
    out << name << " (" << f.count() << "):";
    for (std::size_t i = 0; i < f.cases.size() && i < named; ++i) out << " " << f.cases[i].id;
    out << "\n";
  };
  const auto coded = [&](const std::string& name, const std::vector<CodedFigure>& list) {
    for (const CodedFigure& c : list) figure(name + "." + c.code + " (" + c.label + ")", c.cases);
  };
  figure("notified", r.notified);
  coded("notified.by_age_band", r.notified_by_age_band);
  coded("notified.by_expectedness", r.notified_by_expectedness);
  figure("reviewed", r.reviewed);
  coded("by_category", r.by_category);
  coded("by_age_band", r.by_age_band);
  coded("by_expectedness", r.by_expectedness);
  coded("by_place_of_death", r.by_place_of_death);
  figure("modifiable_factors_identified", r.modifiable_factors_identified);
  figure("no_modifiable_factors", r.no_modifiable_factors);
  for (const workflows::DomainFactors& d : r.factors_by_domain) {
    figure("domain." + d.domain, d.cases);
    coded("domain." + d.domain, d.factors);
  }
  for (const workflows::TimeToReview& t : r.times_to_review) {
    out << "time_to_review: " << t.review.id << " " << t.died.iso() << " " << t.reviewed.iso() << " " << t.days << "\n";
  }
  figure("within_12_months", r.reviewed_within_12_months);
  figure("with_learning", r.reviews_with_learning);
  coded("learning_themes", r.learning_themes);
  for (const workflows::ReviewActions& a : r.actions) out << "actions: " << a.review.id << " " << a.open << "\n";
  return out.str();
}

class CdopReportCacheOnStore : public testing_support::CaseServiceTest {
 protected:
  // A death notified on `notified_on` (May or June 2024).
  CaseRecord notify(const char* died, const char* notified_on, const char* place) {
    Json f = Json::object();
    f.set("date_of_death", died);
    f.set("place_of_death", place);
    f.set("notified_on", notified_on);
    f.set("expected", "unexpected");
    f.set("summary", "A death the report counts");
    f.set("notified_by", "Consultant");
    f.set("resident_local_authority", "Northam City Council");
    f.set("given_name", "Known");
    f.set("family_name", "Answer");
    f.set("date_of_birth", "2023-01-15");
    f.set("sex", "female");
    f.set("looked_after", "no");
    f.set("coroner_informed", "no");
    f.set("post_mortem", "none");
    return std::get<outcome::Changed>(open("child_death_review", f)).record;
  }
  // The panel's review on 7 June 2024 after a meeting on 5 June.
  CaseRecord review(CaseRecord death, const char* category, const char* factor) {
    const auto step = [&](const char* name, const Json& facts) {
      death =
          std::get<outcome::Changed>(service.apply(*session, death.id, Command{name, facts}, death.version, context))
              .record;
    };
    step("request_agency_information", Json::parse(R"({"agencies":["GP"],"requested_on":"2024-06-03"})"));
    step("record_review_meeting", Json::parse(R"({"held_on":"2024-06-05","agencies_attended":["GP"]})"));
    step("record_panel_review", Json::parse(std::string(R"({"reviewed_on":"2024-06-07","category":")") + category +
                                            R"(","score_child":"1","score_social_environment":"2",
        "score_physical_environment":"1","score_service_provision":"1","modifiable_factors":[")" +
                                            factor + R"("],"judgement":"modifiable_factors_identified",
        "learning":"Safer sleep advice","learning_themes":["safer_sleeping"]})"));
    return death;
  }
  CdopAnnualReport report(DeathFactsCache* cache, std::size_t named_at_most = workflows::kNameEveryCase) {
    return workflows::cdop_annual_report(*session, year, context, cache, named_at_most);
  }

  const ReportPeriod year{*Date::parse("2024-04-01"), *Date::parse("2025-03-31")};
};

TEST_P(CdopReportCacheOnStore, AReportAskedAgainCountsTheStepsSinceAndIsTheReportWithoutTheCache) {
  const CaseRecord first = notify("2024-05-01", "2024-05-02", "home");
  const CaseRecord second = notify("2024-05-20", "2024-05-21", "hospital");
  DeathFactsCache cache;
  const CdopAnnualReport before = report(&cache);
  EXPECT_EQ(figures_of(before), figures_of(report(nullptr)));
  EXPECT_EQ(before.notified.count(), 2u);
  EXPECT_EQ(before.reviewed.count(), 0u);
  // The facts read are held at the versions read.
  ASSERT_NE(cache.find(first.id, first.version), nullptr);
  EXPECT_TRUE(cache.find(first.id, first.version)->notified_on.has_value());
  EXPECT_FALSE(cache.find(first.id, first.version)->reviewed_on.has_value());

  const CaseRecord reviewed = review(first, "sudden_unexpected_unexplained", "social.co_sleeping");
  ASSERT_GT(reviewed.version, first.version);
  const CdopAnnualReport after = report(&cache);
  EXPECT_EQ(figures_of(after), figures_of(report(nullptr)));
  ASSERT_EQ(after.reviewed.count(), 1u);
  EXPECT_EQ(after.reviewed.cases[0].id, first.id);
  EXPECT_EQ(after.modifiable_factors_identified.count(), 1u);
  EXPECT_EQ(after.reviews_with_learning.count(), 1u);
  ASSERT_EQ(after.times_to_review.size(), 1u);
  EXPECT_EQ(after.times_to_review[0].days, 37);  // 1 May to 7 June
  // The reviewed death's new facts replace those of its earlier version; the
  // other death's are still the ones read first.
  EXPECT_EQ(cache.find(first.id, first.version), nullptr);
  ASSERT_NE(cache.find(first.id, reviewed.version), nullptr);
  EXPECT_EQ(cache.find(first.id, reviewed.version)->category, "sudden_unexpected_unexplained");
  EXPECT_NE(cache.find(second.id, second.version), nullptr);

  // A third death, notified since: counted by the warm cache too.
  notify("2024-06-01", "2024-06-03", "public_place");
  const CdopAnnualReport third = report(&cache);
  EXPECT_EQ(third.notified.count(), 3u);
  EXPECT_EQ(figures_of(third), figures_of(report(nullptr)));
}

// A report asked to name only the first few cases of each figure (as a page
// asks for it) counts every death, and names the first of those the whole
// report names.
TEST_P(CdopReportCacheOnStore, AReportNamingTheFirstFewCountsEveryDeathAndNamesTheFirstOfThem) {
  const CaseRecord first = notify("2024-05-01", "2024-05-02", "home");
  const CaseRecord second = notify("2024-05-20", "2024-05-21", "home");
  notify("2024-06-01", "2024-06-03", "home");
  review(first, "sudden_unexpected_unexplained", "social.co_sleeping");
  review(second, "sudden_unexpected_unexplained", "social.co_sleeping");
  const CdopAnnualReport whole = report(nullptr);
  ASSERT_EQ(whole.notified.count(), 3u);
  ASSERT_EQ(whole.reviewed.count(), 2u);
  for (const std::size_t named : {std::size_t{0}, std::size_t{1}, std::size_t{2}}) {
    const CdopAnnualReport few = report(nullptr, named);
    EXPECT_EQ(figures_of(few), figures_of(whole, named)) << "naming " << named;
    EXPECT_EQ(few.notified.cases.size(), std::min<std::size_t>(named, 3));
    EXPECT_EQ(few.notified.count(), 3u);
    EXPECT_EQ(few.reviewed.count(), 2u);
    ASSERT_EQ(few.times_to_review.size(), 2u) << "every review's time, for the median";
    EXPECT_EQ(few.median_days_to_review, whole.median_days_to_review);
  }
  DeathFactsCache cache;
  EXPECT_EQ(figures_of(report(&cache, 1)), figures_of(whole, 1)) << "with the cache";
}

TEST(Figure, NamesTheFirstCasesItIsToldToAndCountsThemAll) {
  Figure f;
  for (long long id = 1; id <= 5; ++id) f.add({id, "CDR-2024-000" + std::to_string(id)}, 3);
  EXPECT_EQ(f.count(), 5u);
  ASSERT_EQ(f.cases.size(), 3u);
  EXPECT_EQ(f.cases.back().reference, "CDR-2024-0003");
  Figure every;
  for (long long id = 1; id <= 5; ++id) every.add({id, "x"}, workflows::kNameEveryCase);
  EXPECT_EQ(every.cases.size(), 5u);
  EXPECT_EQ(every.count(), 5u);
  Figure none;
  none.add({1, "x"}, 0);
  EXPECT_TRUE(none.cases.empty());
  EXPECT_EQ(none.count(), 1u);
}

TEST(DeathFactsCache, HoldsADeathsFactsAtOneVersionOnly) {
  DeathFactsCache cache;
  EXPECT_EQ(cache.find(7, 3), nullptr);
  auto facts = std::make_shared<DeathFacts>();
  facts->category = "malignancy";
  cache.put(7, 3, facts);
  ASSERT_NE(cache.find(7, 3), nullptr);
  EXPECT_EQ(cache.find(7, 3)->category, "malignancy");
  EXPECT_EQ(cache.find(7, 4), nullptr);
  EXPECT_EQ(cache.find(8, 3), nullptr);
  cache.put(7, 4, std::make_shared<DeathFacts>());
  EXPECT_EQ(cache.find(7, 3), nullptr);
  EXPECT_TRUE(cache.find(7, 4)->category.empty());
}

// The warm-up thread and the scan workers read deaths' facts at once, each
// interning the codes it reads (workflows/interned_text.h): every thread gets
// the one string of each code. In the ThreadSanitizer pass by its name.
TEST(DeathFactsCache, CodesInternedFromSeveralThreadsAtOnceShareOneString) {
  constexpr int kThreads = 4;
  constexpr int kCodes = 200;
  std::vector<std::vector<const std::string*>> seen(kThreads);
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t, &seen] {
      for (int i = 0; i < kCodes; ++i) {
        const workflows::InternedText code("code_read_at_once_" + std::to_string((i * (t + 1)) % kCodes));
        seen[t].push_back(&code.str());
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kCodes; ++i) {
      const std::string text = "code_read_at_once_" + std::to_string((i * (t + 1)) % kCodes);
      EXPECT_EQ(seen[t][i], &workflows::InternedText(text).str()) << text;
      EXPECT_EQ(*seen[t][i], text);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, CdopReportCacheOnStore, ::testing::ValuesIn(testing_support::store_backends()),
                         testing_support::backend_name);

}  // namespace
}  // namespace casereview
