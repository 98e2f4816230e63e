// The yearly report with what it has read of each case kept by case version
// and calendar revision (YearlyFactsCache): asked again after a step that
// changes what it counts, or after a calendar load that recomputes the open
// clocks without a new version, it is the report made without the cache.
#include <gtest/gtest.h>

#include <sstream>

#include "case_service_fixture.h"
#include "casereview/engine/bank_holidays.h"
#include "casereview/workflows/yearly_report.h"

namespace casereview {
namespace {

using workflows::Figure;
using workflows::YearlyCaseFacts;
using workflows::YearlyFactsCache;
using workflows::YearlyReport;

// Every figure of the report with the ids behind it, one per line, and the
// per-case tables: two reports that agree here count the same cases.
std::string figures_of(const YearlyReport& r) {
  std::ostringstream out;
  const auto figure = [&](const std::string& name, const Figure& f) {
    out << name << ":";
    for (const workflows::CaseRef& c : f.cases) out << " " << c.id;
    out << "\n";
  };
  const workflows::NotificationFigures& n = r.notifications;
  figure("made", n.made);
  figure("death", n.death);
  figure("serious_harm", n.serious_harm);
  figure("other_harm", n.other_harm);
  figure("looked_after", n.looked_after);
  figure("care_leaver", n.care_leaver);
  figure("neither", n.neither);
  figure("on_time", n.on_time);
  figure("late", n.late);
  figure("not_yet_made", n.not_yet_made);
  const workflows::RapidReviewFigures& rr = r.rapid_reviews;
  figure("rr.opened", rr.opened);
  figure("rr.on_time", rr.on_time);
  figure("rr.late", rr.late);
  figure("rr.not_yet_submitted", rr.not_yet_submitted);
  for (const workflows::RapidReviewTiming& t : rr.timings) {
    out << "timing: " << t.review.id << " " << t.started.iso() << " " << (t.submitted_on ? t.submitted_on->iso() : "-")
        << " " << t.working_days_taken.value_or(-1) << " " << t.status << "\n";
  }
  for (const auto& [decision, f] : rr.decisions) figure("decision." + decision, f);
  for (const auto& [decision, f] : rr.decisions_after_panel) figure("after_panel." + decision, f);
  figure("panel_agreed", rr.panel_agreed);
  figure("panel_did_not_agree", rr.panel_did_not_agree);
  figure("panel_national_review", rr.panel_national_review);
  const workflows::LcsprFigures& l = r.lcsprs;
  figure("commissioned", l.commissioned);
  figure("on_hold", l.on_hold);
  for (const workflows::Hold& h : l.holds) out << "hold: " << h.review.id << " " << h.from.iso() << "\n";
  figure("published", l.published);
  for (const workflows::Commissioning& c : l.commissioning) {
    out << "commissioning: " << c.review.id << " " << c.time.calendar_days << "\n";
  }
  for (const workflows::ReviewActions& a : r.actions) out << "actions: " << a.review.id << " " << a.open << "\n";
  for (const workflows::ThemeCount& t : r.themes_without_local_review) figure("theme." + t.code, t.cases);
  return out.str();
}

class YearlyReportCacheOnStore : public testing_support::CaseServiceTest {
 protected:
  YearlyReport report(YearlyFactsCache* cache) {
    return workflows::yearly_report(*session, service, year, context, cache);
  }
  CaseRecord step(const CaseRecord& c, const char* name, const std::string& facts) {
    const CommandOutcome done = service.apply(*session, c.id, Command{name, Json::parse(facts)}, c.version, context);
    std::string why;
    if (const auto* refused = std::get_if<outcome::Refused>(&done)) why = refused->reason;
    if (const auto* invalid = std::get_if<outcome::Invalid>(&done)) {
      for (const auto& e : invalid->errors) why += e.field + ": " + e.message + "; ";
    }
    EXPECT_TRUE(std::holds_alternative<outcome::Changed>(done)) << name << ": " << why;
    return std::get<outcome::Changed>(done).record;
  }
  // The meeting on `held_on` and the decision on `decided_on`: no local
  // review, with the theme "neglect".
  CaseRecord decide_without_local_review(CaseRecord review, const std::string& held_on, const std::string& decided_on) {
    review =
        step(review, "record_meeting", R"({"held_on":")" + held_on + R"(","agencies_attended":["Police","Health"]})");
    return step(review, "record_decision", R"({"decided_on":")" + decided_on + R"(","decision":"no_lcspr",
        "rationale":"Recorded for the cache test.","learning_taken_forward":"A practice briefing to every agency.",
        "facts":"A child harmed; the explanation does not fit.","key_practice_episodes":"Two referrals closed.",
        "inequalities":"None found: nothing suggested inequality shaped the practice.",
        "local_review_criteria":["recurrent_themes"],"parallel_processes":["police_investigation"],
        "immediate_safety_actions":["Siblings seen and safe"],"learning_themes":["neglect"],
        "partners_agreeing":["local_authority","integrated_care_board","police"]})");
  }
  // A new calendar revision with one more bank holiday, and every open clock
  // recomputed with it in the same transaction, as a calendar load does.
  long long load_calendar_with(const char* extra_holiday) {
    std::vector<BankHoliday> feed = parse_bank_holiday_feed(shipped_bank_holiday_feed());
    feed.push_back(BankHoliday{*Date::parse(extra_holiday), "A day the test adds", ""});
    session->write_transaction([&] {
      session->calendar().replace_years(feed, CalendarLoad{0, "test", "tester", context.now});
      context.calendar = std::make_shared<const WorkingDayCalendar>(session->calendar().holidays());
      service.reproject_open_clocks(*session, *context.calendar);
    });
    return session->calendar().latest_load()->revision;
  }

  const ReportPeriod year{*Date::parse("2024-04-01"), *Date::parse("2025-03-31")};
};

TEST_P(YearlyReportCacheOnStore, AReportAskedAgainAfterAStepOrACalendarLoadIsTheReportWithoutTheCache) {
  const CaseRecord notification = open_case();
  const auto submitted = service.apply(*session, notification.id, submit("2024-06-04"), notification.version, context);
  ASSERT_TRUE(std::holds_alternative<outcome::Changed>(submitted));
  ASSERT_EQ(std::get<outcome::Changed>(submitted).opened.size(), 1u);
  CaseRecord review = std::get<outcome::Changed>(submitted).opened[0];

  YearlyFactsCache cache;
  const YearlyReport first = report(&cache);
  EXPECT_EQ(figures_of(first), figures_of(report(nullptr)));
  ASSERT_EQ(first.notifications.made.count(), 1u);
  ASSERT_EQ(first.rapid_reviews.not_yet_submitted.count(), 1u);
  EXPECT_TRUE(first.rapid_reviews.decisions.empty());
  const long long revision = session->calendar().latest_load() ? session->calendar().latest_load()->revision : 0;
  const auto read_first = cache.find(review.id, review.version, revision);
  ASSERT_NE(read_first, nullptr);
  EXPECT_FALSE(read_first->decision.has_value());

  // A calendar load recomputes the review's open clock without a new version:
  // what was read under the revision before is not taken for it.
  const auto clock_due = [&](const YearlyCaseFacts& f) {
    for (const Clock& c : f.clocks) {
      if (c.rule_id == "rr.submit_to_panel" && c.due) return c.due->date.iso();
    }
    return std::string("none");
  };
  const std::string due_before = clock_due(*read_first);
  const long long loaded = load_calendar_with("2024-06-12");
  ASSERT_NE(loaded, revision);
  EXPECT_EQ(cache.find(review.id, review.version, loaded), nullptr);
  const YearlyReport after_load = report(&cache);
  EXPECT_EQ(figures_of(after_load), figures_of(report(nullptr)));
  const auto read_after_load = cache.find(review.id, review.version, loaded);
  ASSERT_NE(read_after_load, nullptr);
  EXPECT_NE(clock_due(*read_after_load), due_before) << "the recomputed clock is the one read";

  // The decision, with a theme: counted at once.
  review = decide_without_local_review(review, "2024-06-06", "2024-06-07");
  const YearlyReport decided = report(&cache);
  EXPECT_EQ(figures_of(decided), figures_of(report(nullptr)));
  ASSERT_EQ(decided.rapid_reviews.decisions.count("no_lcspr"), 1u);
  EXPECT_EQ(decided.rapid_reviews.decisions.at("no_lcspr").cases.at(0).id, review.id);
  ASSERT_EQ(decided.themes_without_local_review.size(), 1u);
  EXPECT_EQ(decided.themes_without_local_review[0].code, "neglect");
  EXPECT_EQ(cache.find(review.id, review.version, loaded)->decision, std::optional<std::string>("no_lcspr"));
}

// A notification made before the period whose rapid review, opened before it
// too, is decided within it: both are read as active in the period (the
// review has a step in it), and neither counts but by its actions.
TEST_P(YearlyReportCacheOnStore, ACaseSteppedInThePeriodButMadeBeforeItIsNotCountedAsMadeOrOpened) {
  Json facts = testing_support::opening_facts();
  facts.set("became_aware_on", "2024-03-25");
  const CaseRecord notification = std::get<outcome::Changed>(open("serious_incident_notification", facts)).record;
  const auto submitted = service.apply(*session, notification.id, submit("2024-03-27"), notification.version, context);
  ASSERT_TRUE(std::holds_alternative<outcome::Changed>(submitted));
  CaseRecord review = std::get<outcome::Changed>(submitted).opened.at(0);
  review = decide_without_local_review(review, "2024-04-08", "2024-04-10");

  YearlyFactsCache cache;
  const YearlyReport cached = report(&cache);
  EXPECT_EQ(figures_of(cached), figures_of(report(nullptr)));
  EXPECT_EQ(figures_of(report(&cache)), figures_of(cached)) << "asked again, from the cache";
  EXPECT_EQ(cached.notifications.made.count(), 0u);
  EXPECT_EQ(cached.notifications.not_yet_made.count(), 0u);
  EXPECT_EQ(cached.rapid_reviews.opened.count(), 0u);
  EXPECT_TRUE(cached.rapid_reviews.decisions.empty());
  EXPECT_TRUE(cached.rapid_reviews.timings.empty());
  EXPECT_TRUE(cached.themes_without_local_review.empty());
  // Read as active (a step in the period), and kept.
  const long long revision = session->calendar().latest_load() ? session->calendar().latest_load()->revision : 0;
  ASSERT_NE(cache.find(review.id, review.version, revision), nullptr);
  EXPECT_EQ(cache.find(review.id, review.version, revision)->decision, std::optional<std::string>("no_lcspr"));
}

TEST(CaseFactsCache, HoldsACasesFactsAtOneVersionAndCalendarRevisionOnly) {
  YearlyFactsCache cache;
  EXPECT_EQ(cache.find(7, 3, 1), nullptr);
  auto facts = std::make_shared<YearlyCaseFacts>();
  facts->harm = "death";
  cache.put(7, 3, facts, 1);
  ASSERT_NE(cache.find(7, 3, 1), nullptr);
  EXPECT_EQ(cache.find(7, 3, 1)->harm, "death");
  EXPECT_EQ(cache.find(7, 3, 2), nullptr);
  EXPECT_EQ(cache.find(7, 4, 1), nullptr);
  EXPECT_EQ(cache.find(8, 3, 1), nullptr);
  cache.put(7, 3, std::make_shared<YearlyCaseFacts>(), 2);
  EXPECT_EQ(cache.find(7, 3, 1), nullptr);
  EXPECT_TRUE(cache.find(7, 3, 2)->harm.empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, YearlyReportCacheOnStore, ::testing::ValuesIn(testing_support::store_backends()),
                         testing_support::backend_name);

}  // namespace
}  // namespace casereview
