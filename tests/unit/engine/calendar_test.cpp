#include "casereview/engine/calendar.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "casereview/engine/bank_holidays.h"

namespace casereview {
namespace {

Date d(const char* text) { return *Date::parse(text); }

// Every bank holiday in England and Wales 2015–2027, as published by GOV.UK:
// the oracle the calendar is checked against.
const std::map<int, std::vector<const char*>>& published() {
  static const std::map<int, std::vector<const char*>> kDates = {
      {2015,
       {"2015-01-01", "2015-04-03", "2015-04-06", "2015-05-04", "2015-05-25", "2015-08-31", "2015-12-25",
        "2015-12-28"}},
      {2016,
       {"2016-01-01", "2016-03-25", "2016-03-28", "2016-05-02", "2016-05-30", "2016-08-29", "2016-12-26",
        "2016-12-27"}},
      {2017,
       {"2017-01-02", "2017-04-14", "2017-04-17", "2017-05-01", "2017-05-29", "2017-08-28", "2017-12-25",
        "2017-12-26"}},
      {2018,
       {"2018-01-01", "2018-03-30", "2018-04-02", "2018-05-07", "2018-05-28", "2018-08-27", "2018-12-25",
        "2018-12-26"}},
      {2019,
       {"2019-01-01", "2019-04-19", "2019-04-22", "2019-05-06", "2019-05-27", "2019-08-26", "2019-12-25",
        "2019-12-26"}},
      {2020,
       {"2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25",
        "2020-12-28"}},
      {2021,
       {"2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30", "2021-12-27",
        "2021-12-28"}},
      {2022,
       {"2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19",
        "2022-12-26", "2022-12-27"}},
      {2023,
       {"2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25",
        "2023-12-26"}},
      {2024,
       {"2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25",
        "2024-12-26"}},
      {2025,
       {"2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25",
        "2025-12-26"}},
      {2026,
       {"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25",
        "2026-12-28"}},
      {2027,
       {"2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27",
        "2027-12-28"}},
  };
  return kDates;
}

class ShippedCalendar : public ::testing::Test {
 protected:
  WorkingDayCalendar calendar{parse_bank_holiday_feed(shipped_bank_holiday_feed())};
};

TEST_F(ShippedCalendar, HasEveryPublishedBankHoliday2015To2027AndNoOther) {
  for (const auto& [year, dates] : published()) {
    std::set<std::string> expected(dates.begin(), dates.end());
    std::set<std::string> actual;
    for (const auto& h : calendar.holidays_in(year)) actual.insert(h.date.iso());
    EXPECT_EQ(actual, expected) << year;
    for (const char* date : dates) {
      EXPECT_FALSE(calendar.is_working_day(d(date))) << date;
      EXPECT_TRUE(calendar.holiday_on(d(date))) << date;
    }
    EXPECT_TRUE(calendar.is_published_year(year));
  }
  EXPECT_FALSE(calendar.is_published_year(2014));
  EXPECT_FALSE(calendar.is_published_year(2028));
}

TEST_F(ShippedCalendar, KnowsTheOneOffHolidays) {
  EXPECT_EQ(calendar.holiday_on(d("2020-05-08"))->title, "Early May bank holiday (VE day)");
  EXPECT_TRUE(calendar.is_working_day(d("2020-05-04")));  // moved to the 8th
  EXPECT_TRUE(calendar.is_working_day(d("2022-05-30")));  // spring holiday moved to 2 June
  EXPECT_FALSE(calendar.is_working_day(d("2022-06-02")));
  EXPECT_EQ(calendar.holiday_on(d("2022-06-03"))->title, "Platinum Jubilee bank holiday");
  EXPECT_EQ(calendar.holiday_on(d("2022-09-19"))->title, "Bank Holiday for the State Funeral of Queen Elizabeth II");
  EXPECT_EQ(calendar.holiday_on(d("2023-05-08"))->title, "Bank holiday for the coronation of King Charles III");
}

TEST_F(ShippedCalendar, KnowsSubstituteDays) {
  for (const char* date : {"2015-12-28", "2016-12-27", "2017-01-02", "2020-12-28", "2021-12-27", "2021-12-28",
                           "2022-01-03", "2022-12-27", "2023-01-02", "2026-12-28", "2027-12-27", "2027-12-28"}) {
    ASSERT_TRUE(calendar.holiday_on(d(date))) << date;
    EXPECT_EQ(calendar.holiday_on(d(date))->notes, "Substitute day") << date;
  }
}

TEST_F(ShippedCalendar, NotifyingThePanelAfterBecomingAwareOn14September2022) {
  // The example in the domain reference: the State Funeral on Monday 19 September
  // pushes the fifth working day from Wednesday 21st to Thursday 22nd.
  const CalendarDate due = calendar.add_working_days(d("2022-09-14"), 5);
  EXPECT_EQ(due.date.iso(), "2022-09-22");
  EXPECT_FALSE(due.provisional);
}

TEST_F(ShippedCalendar, TheAnchorDayNeverCounts) {
  // Whatever weekday X is, the deadline is the Nth working day after X.
  EXPECT_EQ(calendar.add_working_days(d("2024-06-07"), 1).date.iso(), "2024-06-10");  // Friday -> Monday
  EXPECT_EQ(calendar.add_working_days(d("2024-06-08"), 1).date.iso(), "2024-06-10");  // Saturday -> Monday
  EXPECT_EQ(calendar.add_working_days(d("2024-06-09"), 1).date.iso(), "2024-06-10");  // Sunday -> Monday
  EXPECT_EQ(calendar.add_working_days(d("2024-06-10"), 1).date.iso(), "2024-06-11");
  EXPECT_EQ(calendar.add_working_days(d("2024-06-10"), 0).date.iso(), "2024-06-10");
  EXPECT_EQ(calendar.add_working_days(d("2024-12-24"), 1).date.iso(), "2024-12-27");  // over Christmas
  EXPECT_EQ(calendar.add_working_days(d("2020-12-24"), 2).date.iso(), "2020-12-30");  // over 25th and 28th
}

TEST_F(ShippedCalendar, FifteenWorkingDaysOverEaster) {
  // Notified Thursday 28 March 2024: Good Friday and Easter Monday do not count.
  EXPECT_EQ(calendar.add_working_days(d("2024-03-28"), 15).date.iso(), "2024-04-22");
}

TEST_F(ShippedCalendar, CountsBackFromAPlannedDate) {
  // 7 working days before Wednesday 3 January 2024, skipping 1 January, Christmas and Boxing Day.
  const CalendarDate before = calendar.subtract_working_days(d("2024-01-03"), 7);
  EXPECT_EQ(before.date.iso(), "2023-12-20");
  EXPECT_FALSE(before.provisional);
}

TEST_F(ShippedCalendar, CountsWorkingDaysBetween) {
  EXPECT_EQ(calendar.working_days_between(d("2022-09-14"), d("2022-09-22")), 5);
  EXPECT_EQ(calendar.working_days_between(d("2022-09-22"), d("2022-09-14")), 0);
  EXPECT_EQ(calendar.working_days_between(d("2024-06-07"), d("2024-06-07")), 0);
}

// The count is arithmetic (weekdays less the weekday holidays); it must agree
// with walking the days one by one, whatever weekday either end falls on, over
// published years, one-offs, substitute days and years computed by rule.
TEST_F(ShippedCalendar, CountsWorkingDaysAsWalkingTheDaysWould) {
  const auto walked = [&](Date after, Date upto) {
    int n = 0;
    for (Date day = after; day < upto;) {
      day = day.plus_days(1);
      if (calendar.is_working_day(day)) ++n;
    }
    return n;
  };
  int compared = 0;
  for (Date after = d("2014-12-20"); after < d("2029-01-10"); after = after.plus_days(5)) {
    for (int length : {0, 1, 2, 3, 4, 5, 6, 7, 8, 13, 29, 61, 200, 400}) {
      const Date upto = after.plus_days(length);
      ASSERT_EQ(calendar.working_days_between(after, upto), walked(after, upto)) << after.iso() << " to " << upto.iso();
      ++compared;
    }
  }
  EXPECT_GT(compared, 14000);
  // Either side of serial 0 (1 January 1970, a Thursday), where the count's
  // division changes sign, and from the first supported day.
  for (Date after = d("1969-12-01"); after < d("1970-02-01"); after = after.plus_days(1)) {
    for (int length : {0, 1, 3, 6, 7, 10, 45}) {
      const Date upto = after.plus_days(length);
      ASSERT_EQ(calendar.working_days_between(after, upto), walked(after, upto)) << after.iso() << " to " << upto.iso();
    }
  }
  const Date first = Date::first_supported();
  EXPECT_EQ(calendar.working_days_between(first, first.plus_days(30)), walked(first, first.plus_days(30)));
}

TEST_F(ShippedCalendar, DatesBeyondThePublishedYearsAreProvisional) {
  const CalendarDate late = calendar.add_working_days(d("2027-12-20"), 15);
  EXPECT_TRUE(late.provisional);
  // Christmas 2027 falls on a Saturday: substitutes on 27 and 28 December; New Year
  // 2028 on a Saturday: substitute Monday 3 January (by the standing rules).
  EXPECT_EQ(late.date.iso(), "2028-01-13");
  EXPECT_FALSE(calendar.add_working_days(d("2027-12-01"), 5).provisional);
  EXPECT_TRUE(calendar.subtract_working_days(d("2015-01-09"), 7).provisional);
}

TEST(StandingRules, MatchThePublishedListInOrdinaryYears) {
  const WorkingDayCalendar calendar(parse_bank_holiday_feed(shipped_bank_holiday_feed()));
  for (int year : {2015, 2016, 2017, 2018, 2019, 2021, 2024, 2025, 2026, 2027}) {
    std::vector<std::string> by_rule, by_feed;
    for (const auto& h : standard_bank_holidays(year)) by_rule.push_back(h.date.iso() + " " + h.notes);
    for (const auto& h : calendar.holidays_in(year)) by_feed.push_back(h.date.iso() + " " + h.notes);
    EXPECT_EQ(by_rule, by_feed) << year;
  }
}

TEST(StandingRules, DifferFromThePublishedListExactlyByTheOneOffs) {
  auto dates = [](const std::vector<BankHoliday>& list) {
    std::set<std::string> out;
    for (const auto& h : list) out.insert(h.date.iso());
    return out;
  };
  const WorkingDayCalendar calendar(parse_bank_holiday_feed(shipped_bank_holiday_feed()));
  auto rule_2020 = dates(standard_bank_holidays(2020));
  rule_2020.erase("2020-05-04");
  rule_2020.insert("2020-05-08");
  EXPECT_EQ(rule_2020, dates(calendar.holidays_in(2020)));
  auto rule_2022 = dates(standard_bank_holidays(2022));
  rule_2022.erase("2022-05-30");
  rule_2022.insert({"2022-06-02", "2022-06-03", "2022-09-19"});
  EXPECT_EQ(rule_2022, dates(calendar.holidays_in(2022)));
  auto rule_2023 = dates(standard_bank_holidays(2023));
  rule_2023.insert("2023-05-08");
  EXPECT_EQ(rule_2023, dates(calendar.holidays_in(2023)));
}

TEST(StandingRules, ComputeEasterAndSubstitutes) {
  EXPECT_EQ(easter_sunday(2024).iso(), "2024-03-31");
  EXPECT_EQ(easter_sunday(2025).iso(), "2025-04-20");
  EXPECT_EQ(easter_sunday(2038).iso(), "2038-04-25");  // latest possible
  EXPECT_EQ(easter_sunday(2160).iso(), "2160-03-23");  // earliest in the supported range (22 March: 1818, 2285)
  std::vector<std::string> y2032;
  for (const auto& h : standard_bank_holidays(2032)) y2032.push_back(h.date.iso());
  // Christmas 2032 is a Saturday; 2032-03-28 is Easter Sunday.
  EXPECT_EQ(y2032, (std::vector<std::string>{"2032-01-01", "2032-03-26", "2032-03-29", "2032-05-03", "2032-05-31",
                                             "2032-08-30", "2032-12-27", "2032-12-28"}));
  // New Year 2033 is a Saturday -> Monday 3 January; Christmas 2033 a Sunday ->
  // Boxing Day Monday 26th and Christmas substitute Tuesday 27th.
  const auto y2033 = standard_bank_holidays(2033);
  EXPECT_EQ(y2033.front().date.iso(), "2033-01-03");
  EXPECT_EQ(y2033[6].date.iso(), "2033-12-26");
  EXPECT_EQ(y2033[7].date.iso(), "2033-12-27");
  EXPECT_EQ(y2033[7].title, "Christmas Day");
}

TEST(Calendar, UsesRulesForYearsFarOutsideThePrecomputedSpan) {
  const WorkingDayCalendar calendar({});
  EXPECT_FALSE(calendar.is_working_day(d("2150-12-25")));
  EXPECT_TRUE(calendar.add_working_days(d("2150-12-20"), 3).provisional);
  EXPECT_EQ(calendar.holidays_in(2150).size(), 8u);
}

}  // namespace
}  // namespace casereview
