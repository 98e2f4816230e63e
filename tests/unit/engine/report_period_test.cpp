// The period a report covers: the financial year by default, either end given
// alone, and a period that ends before it starts.
#include "casereview/engine/report_period.h"

#include <gtest/gtest.h>

namespace casereview {
namespace {

Date d(const char* iso) { return *Date::parse(iso); }

ReportPeriod period_of(std::optional<Date> from, std::optional<Date> to, Date today) {
  auto result = report_period(from, to, today);
  EXPECT_TRUE(std::holds_alternative<ReportPeriod>(result)) << std::get<std::string>(result);
  return std::get<ReportPeriod>(result);
}

TEST(ReportPeriod, TheFinancialYearTurnsBetween31MarchAnd1April) {
  const ReportPeriod march = financial_year_containing(d("2023-03-31"));
  EXPECT_EQ(march.from, d("2022-04-01"));
  EXPECT_EQ(march.to, d("2023-03-31"));
  const ReportPeriod april = financial_year_containing(d("2023-04-01"));
  EXPECT_EQ(april.from, d("2023-04-01"));
  EXPECT_EQ(april.to, d("2024-03-31"));
  const ReportPeriod january = financial_year_containing(d("2023-01-01"));
  EXPECT_EQ(january.from, d("2022-04-01"));
  const ReportPeriod december = financial_year_containing(d("2022-12-31"));
  EXPECT_EQ(december.to, d("2023-03-31"));
}

// The financial years 1899/1900 and 2199/2200 are cut at the supported dates.
TEST(ReportPeriod, TheYearsAtTheEndsOfTheSupportedDatesAreCutThere) {
  const ReportPeriod last = financial_year_containing(d("2199-12-31"));
  EXPECT_EQ(last.from, d("2199-04-01"));
  EXPECT_EQ(last.to, Date::last_supported());
  const ReportPeriod first = financial_year_containing(d("1900-01-15"));
  EXPECT_EQ(first.from, Date::first_supported());
  EXPECT_EQ(first.to, d("1900-03-31"));
  const ReportPeriod asked = period_of(d("2199-12-31"), std::nullopt, d("2022-09-16"));
  EXPECT_EQ(asked.to, Date::last_supported());
}

TEST(ReportPeriod, ALeapDayFallsInTheYearThatEndsThatMarch) {
  const ReportPeriod leap = financial_year_containing(d("2028-02-29"));
  EXPECT_EQ(leap.from, d("2027-04-01"));
  EXPECT_EQ(leap.to, d("2028-03-31"));
  EXPECT_TRUE(leap.contains(d("2028-02-29")));
  EXPECT_EQ(leap.to.serial() - leap.from.serial() + 1, 366);  // a financial year with a leap day
  const ReportPeriod ordinary = financial_year_containing(d("2027-02-28"));
  EXPECT_EQ(ordinary.to.serial() - ordinary.from.serial() + 1, 365);
}

TEST(ReportPeriod, WithoutEitherEndItIsTheFinancialYearOfToday) {
  const ReportPeriod p = period_of(std::nullopt, std::nullopt, d("2022-09-16"));
  EXPECT_EQ(p.from, d("2022-04-01"));
  EXPECT_EQ(p.to, d("2023-03-31"));
  EXPECT_EQ(period_of(std::nullopt, std::nullopt, d("2022-03-31")).from, d("2021-04-01"));
}

TEST(ReportPeriod, OneEndGivenTakesTheOtherFromItsFinancialYear) {
  const ReportPeriod from_only = period_of(d("2021-06-15"), std::nullopt, d("2022-09-16"));
  EXPECT_EQ(from_only.from, d("2021-06-15"));
  EXPECT_EQ(from_only.to, d("2022-03-31"));
  const ReportPeriod to_only = period_of(std::nullopt, d("2022-03-31"), d("2022-09-16"));
  EXPECT_EQ(to_only.from, d("2021-04-01"));
  EXPECT_EQ(to_only.to, d("2022-03-31"));
}

TEST(ReportPeriod, BothEndsAreIncludedAndOneDayIsAPeriod) {
  const ReportPeriod day = period_of(d("2022-04-01"), d("2022-04-01"), d("2022-09-16"));
  EXPECT_TRUE(day.contains(d("2022-04-01")));
  EXPECT_FALSE(day.contains(d("2022-03-31")));
  EXPECT_FALSE(day.contains(d("2022-04-02")));
}

TEST(ReportPeriod, AnEndBeforeTheStartIsRefusedWithBothDates) {
  const auto refused = report_period(d("2022-04-02"), d("2022-04-01"), d("2022-09-16"));
  ASSERT_TRUE(std::holds_alternative<std::string>(refused));
  EXPECT_NE(std::get<std::string>(refused).find("2022-04-01"), std::string::npos);
  EXPECT_NE(std::get<std::string>(refused).find("2022-04-02"), std::string::npos);
  // Only `from` given, after the 31 March its year ends: still a valid period.
  EXPECT_TRUE(std::holds_alternative<ReportPeriod>(report_period(d("2023-03-31"), std::nullopt, d("2022-09-16"))));
}

TEST(ReportPeriod, ACaseIsActiveWhenOpenedByItsEndAndOpenOrSteppedInIt) {
  const ReportPeriod year{d("2022-04-01"), d("2023-03-31")};
  const Date before = d("2022-03-31");
  const Date first = d("2022-04-01");
  const Date last = d("2023-03-31");
  const Date after = d("2023-04-01");
  EXPECT_TRUE(active_in(year, before, false, before));  // opened before, still open
  EXPECT_TRUE(active_in(year, before, true, first));    // closed on the first day
  EXPECT_FALSE(active_in(year, before, true, before));  // closed the day before
  EXPECT_TRUE(active_in(year, last, false, last));      // opened on the last day
  EXPECT_FALSE(active_in(year, after, false, after));   // opened the day after
}

}  // namespace
}  // namespace casereview
