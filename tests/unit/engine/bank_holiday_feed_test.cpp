#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "casereview/engine/bank_holidays.h"

namespace casereview {
namespace {

using ::testing::HasSubstr;

std::string feed_with(const std::string& events) {
  return R"({"england-and-wales":{"division":"england-and-wales","events":[)" + events +
         R"(]},"scotland":{"division":"scotland","events":[]}})";
}

// The eight standard holidays of 2025, in feed form.
std::string year_2025() {
  return R"({"title":"New Year’s Day","date":"2025-01-01","notes":"","bunting":true},
            {"title":"Good Friday","date":"2025-04-18","notes":"","bunting":false},
            {"title":"Easter Monday","date":"2025-04-21","notes":"","bunting":true},
            {"title":"Early May bank holiday","date":"2025-05-05","notes":"","bunting":true},
            {"title":"Spring bank holiday","date":"2025-05-26","notes":"","bunting":true},
            {"title":"Summer bank holiday","date":"2025-08-25","notes":"","bunting":true},
            {"title":"Christmas Day","date":"2025-12-25","notes":"","bunting":true},
            {"title":"Boxing Day","date":"2025-12-26","notes":"","bunting":true})";
}

std::vector<std::string> problems_of(const std::string& text) {
  try {
    parse_bank_holiday_feed(text);
  } catch (const HolidayFeedError& e) {
    return e.problems();
  }
  return {};
}

TEST(BankHolidayFeed, ParsesTheShippedCopy) {
  const auto holidays = parse_bank_holiday_feed(shipped_bank_holiday_feed());
  EXPECT_EQ(holidays.size(), 107u);  // 13 years of 8, plus 2 in 2022 and 1 in 2023
  EXPECT_EQ(holidays.front().date.iso(), "2015-01-01");
  EXPECT_EQ(holidays.back().date.iso(), "2027-12-28");
  EXPECT_EQ(holidays.back().notes, "Substitute day");
}

TEST(BankHolidayFeed, TakesOnlyEnglandAndWales) {
  const auto holidays = parse_bank_holiday_feed(feed_with(year_2025()));
  EXPECT_EQ(holidays.size(), 8u);
}

TEST(BankHolidayFeed, RefusesWhatIsNotAFeed) {
  EXPECT_THAT(problems_of("not json"), ::testing::ElementsAre(HasSubstr("not valid JSON")));
  EXPECT_THAT(problems_of(R"({"scotland":{}})"), ::testing::ElementsAre(HasSubstr("england-and-wales")));
  EXPECT_THAT(problems_of(feed_with("")), ::testing::ElementsAre(HasSubstr("no \"events\"")));
}

TEST(BankHolidayFeed, ListsEveryProblemInOneGo) {
  const std::string bad = year_2025() + R"(,{"title":"Impossible","date":"2025-02-30"},
      {"title":"","date":"2025-12-29"},{"title":"Saturday","date":"2025-06-07"},
      {"title":"Again","date":"2025-12-26"})";
  const auto problems = problems_of(feed_with(bad));
  EXPECT_THAT(problems, ::testing::Contains("event 8 \"date\" is not a real calendar date (YYYY-MM-DD)"));
  EXPECT_THAT(problems, ::testing::Contains(HasSubstr("2025-12-29) has no \"title\"")));
  EXPECT_THAT(problems, ::testing::Contains(HasSubstr("falls on a Saturday")));
  EXPECT_THAT(problems, ::testing::Contains(HasSubstr("repeats a date")));
}

TEST(BankHolidayFeed, RefusesAYearWithTooFewHolidays) {
  const std::string text = year_2025() + R"(,{"title":"New Year’s Day","date":"2027-01-01"})";
  const auto problems = problems_of(feed_with(text));
  EXPECT_THAT(problems, ::testing::Contains(HasSubstr("year 2026 has 0 holidays")));
  EXPECT_THAT(problems, ::testing::Contains(HasSubstr("year 2027 has 1 holidays")));
}

}  // namespace
}  // namespace casereview
