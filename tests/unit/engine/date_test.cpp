#include "casereview/engine/date.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <optional>

namespace casereview {
namespace {

TEST(Date, ParsesStrictIsoDates) {
  const auto d = Date::parse("2022-09-14");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->year(), 2022);
  EXPECT_EQ(d->month(), 9);
  EXPECT_EQ(d->day(), 14);
  EXPECT_EQ(d->weekday(), Weekday::Wednesday);
  EXPECT_EQ(d->iso(), "2022-09-14");
}

TEST(Date, RejectsImpossibleAndMalformedDates) {
  for (const char* text :
       {"2023-02-29", "2024-02-30", "2023-13-01", "2023-00-10", "2023-04-31", "1900-02-29", "2023-1-01", "20230101",
        " 2023-01-01", "2023-01-01 ", "2023/01/01", "", "1899-12-31", "abcd-ef-gh", "2023-01-0a"}) {
    EXPECT_FALSE(Date::parse(text)) << text;
  }
}

TEST(Date, AcceptsLeapDays) {
  EXPECT_TRUE(Date::parse("2024-02-29"));
  EXPECT_TRUE(Date::parse("2000-02-29"));
}

TEST(Date, KnowsWeekdays) {
  EXPECT_EQ(Date::parse("1970-01-01")->weekday(), Weekday::Thursday);
  EXPECT_EQ(Date::parse("1969-12-28")->weekday(), Weekday::Sunday);
  EXPECT_EQ(Date::parse("2026-11-22")->weekday(), Weekday::Sunday);
  EXPECT_TRUE(Date::parse("2026-11-21")->is_weekend());
  EXPECT_FALSE(Date::parse("2026-11-23")->is_weekend());
}

TEST(Date, SerialRoundTripsAcrossCenturies) {
  for (long serial = Date::parse("1900-01-01")->serial(); serial < Date::parse("2101-01-01")->serial(); serial += 37) {
    const Date d = Date::from_serial(serial);
    EXPECT_EQ(Date::parse(d.iso())->serial(), serial);
  }
}

// Every day of the supported range keeps its fields as the calendar has them
// (a Date holds them in eight bytes: date.h).
TEST(Date, KeepsEveryDayOfTheSupportedRange) {
  int year = 1900, month = 1, day = 1;
  for (long serial = Date::first_supported().serial(); serial <= Date::last_supported().serial(); ++serial) {
    const Date d = Date::from_serial(serial);
    ASSERT_EQ(d.year(), year);
    ASSERT_EQ(d.month(), month);
    ASSERT_EQ(d.day(), day);
    ASSERT_EQ(d.serial(), serial);
    char expected[16];
    std::snprintf(expected, sizeof expected, "%04d-%02d-%02d", year, month, day);
    ASSERT_EQ(d.iso(), expected);
    if (++day > days_in_month(year, month)) {
      day = 1;
      if (++month > 12) {
        month = 1;
        ++year;
      }
    }
  }
  EXPECT_EQ(year, 2200);
  EXPECT_EQ(Date::last_supported().iso(), "2199-12-31");
  EXPECT_EQ(Date::first_supported().iso(), "1900-01-01");
}

// Every second of two days, the first and last of the range, written and read
// back, and checked against snprintf.
TEST(Instant, WritesEverySecondOfADayAndReadsItBack) {
  for (const Date day : {Date::first_supported(), Date::last_supported()}) {
    for (long long second = 0; second < 86400; ++second) {
      const Instant at(day.serial() * 86400LL + second);
      char expected[32];
      std::snprintf(expected, sizeof expected, "%sT%02lld:%02lld:%02lldZ", day.iso().c_str(), second / 3600,
                    (second % 3600) / 60, second % 60);
      ASSERT_EQ(at.iso(), expected);
      const std::optional<Instant> read = Instant::parse(at.iso());
      ASSERT_TRUE(read.has_value()) << expected;
      ASSERT_EQ(read->seconds(), at.seconds());
    }
  }
}

TEST(Date, AddsCalendarMonthsClampingToTheMonthEnd) {
  EXPECT_EQ(Date::parse("2023-08-31")->plus_months(6).iso(), "2024-02-29");
  EXPECT_EQ(Date::parse("2022-08-31")->plus_months(6).iso(), "2023-02-28");
  EXPECT_EQ(Date::parse("2022-05-17")->plus_months(6).iso(), "2022-11-17");
  EXPECT_EQ(Date::parse("2022-11-30")->plus_months(3).iso(), "2023-02-28");
  EXPECT_EQ(Date::parse("2022-01-15")->plus_months(-2).iso(), "2021-11-15");
}

TEST(Instant, ParsesAndFormatsUtc) {
  const auto t = Instant::parse("2026-11-22T04:50:35Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->iso(), "2026-11-22T04:50:35Z");
  EXPECT_FALSE(Instant::parse("2026-11-22T24:00:00Z"));
  EXPECT_FALSE(Instant::parse("2026-11-22T04:50:35+01:00"));
  EXPECT_FALSE(Instant::parse("2026-02-30T04:50:35Z"));
}

TEST(London, UsesBritishSummerTime) {
  // BST 2026: from 01:00 UTC on 29 March to 01:00 UTC on 25 October.
  EXPECT_EQ(london_date(*Instant::parse("2026-06-01T23:30:00Z")).iso(), "2026-06-02");
  EXPECT_EQ(london_date(*Instant::parse("2026-12-01T23:30:00Z")).iso(), "2026-12-01");
  EXPECT_EQ(london_date(*Instant::parse("2026-03-29T00:59:59Z")).iso(), "2026-03-29");
  EXPECT_EQ(london_date(*Instant::parse("2026-03-28T23:30:00Z")).iso(), "2026-03-28");
  EXPECT_EQ(london_date(*Instant::parse("2026-10-24T23:30:00Z")).iso(), "2026-10-25");
  EXPECT_EQ(london_date(*Instant::parse("2026-10-25T23:30:00Z")).iso(), "2026-10-25");
}

TEST(London, StartOfDayIsLocalMidnight) {
  EXPECT_EQ(london_start_of_day(*Date::parse("2026-06-02")).iso(), "2026-06-01T23:00:00Z");
  EXPECT_EQ(london_start_of_day(*Date::parse("2026-12-02")).iso(), "2026-12-02T00:00:00Z");
  // The clocks go forward at 01:00 on 29 March 2026: that day still starts at 00:00 GMT.
  EXPECT_EQ(london_start_of_day(*Date::parse("2026-03-29")).iso(), "2026-03-29T00:00:00Z");
  EXPECT_EQ(london_start_of_day(*Date::parse("2026-10-25")).iso(), "2026-10-24T23:00:00Z");
}

TEST(Date, WholeYearsCountABirthdayOnlyOnceItHasCome) {
  const Date born = *Date::parse("2008-02-29");
  EXPECT_EQ(whole_years(born, *Date::parse("2026-02-28")), 17);
  EXPECT_EQ(whole_years(born, *Date::parse("2026-03-01")), 18);
  EXPECT_EQ(whole_years(born, *Date::parse("2028-02-29")), 20);
  EXPECT_EQ(whole_years(*Date::parse("2010-06-15"), *Date::parse("2010-06-14")), -1);
}

}  // namespace
}  // namespace casereview
