// The supported range, 1900-01-01 to 2199-12-31: text outside it is not a
// date, arithmetic that would leave it throws DateOutOfRange, and everything
// that works on dates (the London clock, bank holidays, working days, clocks)
// answers a date in the range or that exception over the whole range.
#include <gtest/gtest.h>

#include <climits>

#include "casereview/engine/bank_holidays.h"
#include "casereview/engine/calendar.h"
#include "casereview/engine/clock.h"
#include "casereview/engine/date.h"
#include "casereview/engine/deadline_preview.h"

namespace casereview {
namespace {

Date d(const char* text) { return *Date::parse(text); }

const WorkingDayCalendar& shipped_calendar() {
  static const WorkingDayCalendar calendar(parse_bank_holiday_feed(R"({"england-and-wales":{"events":[
      {"title":"New Year’s Day","date":"2022-01-03"},{"title":"Good Friday","date":"2022-04-15"},
      {"title":"Easter Monday","date":"2022-04-18"},{"title":"Early May bank holiday","date":"2022-05-02"},
      {"title":"Spring bank holiday","date":"2022-06-02"},{"title":"Platinum Jubilee bank holiday","date":"2022-06-03"},
      {"title":"Summer bank holiday","date":"2022-08-29"},{"title":"Bank Holiday for the State Funeral","date":"2022-09-19"},
      {"title":"Boxing Day","date":"2022-12-26"},{"title":"Christmas Day","date":"2022-12-27"}]}})"));
  return calendar;
}

bool in_range(Date date) { return date >= Date::first_supported() && date <= Date::last_supported(); }

TEST(DateRange, AcceptsItsEndsAndNothingBeyond) {
  EXPECT_EQ(Date::first_supported().iso(), "1900-01-01");
  EXPECT_EQ(Date::last_supported().iso(), "2199-12-31");
  EXPECT_EQ(d("1900-01-01"), Date::first_supported());
  EXPECT_EQ(d("2199-12-31"), Date::last_supported());
  for (const char* text : {"1899-12-31", "2200-01-01", "9999-12-31", "0000-01-01", "0001-01-01"}) {
    EXPECT_FALSE(Date::parse(text)) << text;
    EXPECT_EQ(Date::parse_problem(text), "is outside the dates casereview supports (1900-01-01 to 2199-12-31)") << text;
  }
  EXPECT_FALSE(Date::from_ymd(2200, 1, 1));
  EXPECT_FALSE(Date::from_ymd(1899, 12, 31));
  EXPECT_FALSE(Instant::parse("2200-01-01T00:00:00Z"));
  EXPECT_EQ(supported_date_range(), "1900-01-01 to 2199-12-31");
}

TEST(DateRange, SaysWhyTextIsNotADate) {
  EXPECT_EQ(Date::parse_problem("2022-09-14"), "");
  for (const char* text : {"2023-02-29", "10000-01-01", "2199-12-32", "9999-13-01", "-001-01-01", "2022-9-14", ""}) {
    EXPECT_EQ(Date::parse_problem(text), "is not a real calendar date (YYYY-MM-DD)") << text;
  }
}

TEST(DateRange, ArithmeticThatWouldLeaveItThrows) {
  const Date last = Date::last_supported();
  const Date first = Date::first_supported();
  EXPECT_EQ(last.plus_days(0), last);
  EXPECT_EQ(last.plus_days(-1).iso(), "2199-12-30");
  EXPECT_EQ(first.plus_days(1).iso(), "1900-01-02");
  try {
    (void)last.plus_days(1);
    FAIL() << "2199-12-31 plus one day gave a date";
  } catch (const DateOutOfRange& e) {
    EXPECT_TRUE(e.after_the_end());
    EXPECT_STREQ(e.what(), "the date would fall after 2199-12-31, the last date casereview supports");
  }
  try {
    (void)first.plus_days(-1);
    FAIL() << "1900-01-01 less one day gave a date";
  } catch (const DateOutOfRange& e) {
    EXPECT_FALSE(e.after_the_end());
  }
  // No amount can overflow on the way to the check.
  EXPECT_THROW((void)first.plus_days(LONG_MAX), DateOutOfRange);
  EXPECT_THROW((void)last.plus_days(LONG_MIN), DateOutOfRange);
  EXPECT_THROW((void)first.plus_months(INT_MAX), DateOutOfRange);
  EXPECT_THROW((void)last.plus_months(INT_MIN), DateOutOfRange);
  EXPECT_THROW((void)Date::from_serial(LONG_MAX), DateOutOfRange);
  EXPECT_EQ(d("2199-08-31").plus_months(4).iso(), "2199-12-31");
  EXPECT_THROW((void)d("2199-08-31").plus_months(5), DateOutOfRange);
  EXPECT_EQ(d("1900-03-31").plus_months(-2).iso(), "1900-01-31");
  EXPECT_THROW((void)d("1900-03-31").plus_months(-3), DateOutOfRange);
  EXPECT_THROW((void)Instant(Date::last_supported().serial() * 86400LL + 86400).utc_date(), DateOutOfRange);
}

TEST(DateRange, NamesWhatWasWorkedOutAndFromWhichField) {
  try {
    (void)Date::last_supported().plus_days(3);
  } catch (const DateOutOfRange& cause) {
    const DateOutOfRange said(cause, "due_on", "the deadline \"Answer\" counted from 2199-12-31");
    EXPECT_EQ(said.field(), "due_on");
    EXPECT_STREQ(said.what(),
                 "the deadline \"Answer\" counted from 2199-12-31 would fall after 2199-12-31, the last date "
                 "casereview supports");
  }
}

TEST(DateRange, TheLondonClockWorksAtBothEnds) {
  EXPECT_EQ(london_start_of_day(Date::first_supported()).iso(), "1900-01-01T00:00:00Z");
  EXPECT_EQ(london_start_of_day(Date::last_supported()).iso(), "2199-12-31T00:00:00Z");
  EXPECT_EQ(london_instant(Date::first_supported(), 0, 30).iso(), "1900-01-01T00:30:00Z");
  EXPECT_EQ(london_date(Instant(Date::last_supported().serial() * 86400LL + 86399)), Date::last_supported());
  // Summer time at midnight: from the day after the last Sunday of March to the
  // last Sunday of October (26 March and 29 October 2023).
  EXPECT_EQ(london_start_of_day(d("2023-03-26")).iso(), "2023-03-26T00:00:00Z");
  EXPECT_EQ(london_start_of_day(d("2023-03-27")).iso(), "2023-03-26T23:00:00Z");
  EXPECT_EQ(london_start_of_day(d("2023-10-29")).iso(), "2023-10-28T23:00:00Z");
  EXPECT_EQ(london_start_of_day(d("2023-10-30")).iso(), "2023-10-30T00:00:00Z");
}

TEST(DateRange, EveryDayStartsOnItsOwnLondonDate) {
  // london_start_of_day is computed from the date alone; london_date from the
  // instant. They agree on every day of the range, both ends included.
  for (long s = Date::first_supported().serial(); s <= Date::last_supported().serial(); ++s) {
    const Date day = Date::from_serial(s);
    const Instant start = london_start_of_day(day);
    ASSERT_EQ(london_date(start), day) << day.iso();
    if (day != Date::first_supported()) {
      ASSERT_EQ(london_date(start.plus_seconds(-1)), day.plus_days(-1)) << day.iso();
    }
  }
}

TEST(DateRange, BankHolidaysExistOnlyForYearsInRange) {
  EXPECT_THROW(standard_bank_holidays(2200), DateOutOfRange);
  EXPECT_THROW(standard_bank_holidays(1899), DateOutOfRange);
  EXPECT_THROW(easter_sunday(780000000), DateOutOfRange);
  const WorkingDayCalendar& calendar = shipped_calendar();
  EXPECT_TRUE(calendar.holidays_in(2200).empty());
  EXPECT_TRUE(calendar.holidays_in(1899).empty());
  for (int year = kFirstSupportedYear; year <= kLastSupportedYear; ++year) {
    const auto holidays = calendar.holidays_in(year);
    ASSERT_GE(holidays.size(), 8U) << year;
    for (const BankHoliday& h : holidays) {
      ASSERT_EQ(h.date.year(), year);
      ASSERT_FALSE(h.date.is_weekend()) << h.date.iso();
    }
  }
  // 1 January 2200 would be a Wednesday holiday; the last supported day is a
  // Tuesday and an ordinary working day.
  EXPECT_TRUE(calendar.is_working_day(Date::last_supported()));
  EXPECT_FALSE(calendar.is_working_day(Date::first_supported()));  // New Year's Day 1900, a Monday
}

TEST(DateRange, WorkingDaysStopAtTheEnds) {
  const WorkingDayCalendar& calendar = shipped_calendar();
  EXPECT_EQ(calendar.add_working_days(d("2199-12-30"), 1).date, Date::last_supported());
  EXPECT_THROW(calendar.add_working_days(d("2199-12-30"), 2), DateOutOfRange);
  EXPECT_THROW(calendar.subtract_working_days(d("1900-01-03"), 2), DateOutOfRange);
  EXPECT_EQ(calendar.subtract_working_days(d("1900-01-03"), 1).date.iso(), "1900-01-02");
  EXPECT_EQ(calendar.subtract_working_days(Date::first_supported(), 0).date, Date::first_supported());
  EXPECT_EQ(calendar.working_days_between(d("2199-12-24"), Date::last_supported()), 3);  // 27, 30 and 31 December
  EXPECT_EQ(calendar.working_days_between(Date::last_supported(), Date::last_supported()), 0);
}

// For every unit, amounts 1 and 366 (the most a partnership may set), anchors
// over the whole range (every 13th day, so every weekday, and every day of
// the first and last two years): a due date in the range, on the right side
// of the anchor, or DateOutOfRange; nothing else.
TEST(DateRange, EveryUnitAnswersADateInRangeOrRefusesOverTheWholeRange) {
  const WorkingDayCalendar& calendar = shipped_calendar();
  const DeadlineUnit units[] = {DeadlineUnit::WorkingDays, DeadlineUnit::CalendarDays, DeadlineUnit::CalendarMonths,
                                DeadlineUnit::Hours, DeadlineUnit::WorkingDaysBefore};
  const long first = Date::first_supported().serial();
  const long last = Date::last_supported().serial();
  std::vector<long> anchors;
  for (long s = first; s <= last; s += 13) anchors.push_back(s);
  for (long s = first; s <= first + 731; ++s) anchors.push_back(s);
  for (long s = last - 731; s <= last; ++s) anchors.push_back(s);
  long answered = 0;
  long refused = 0;
  for (const DeadlineUnit unit : units) {
    for (const int amount : {1, 366}) {
      const RuleTerms terms{amount, unit, "anchor"};
      for (const long s : anchors) {
        const Date anchor = Date::from_serial(s);
        try {
          const DeadlinePreview preview = preview_deadline(terms, anchor, calendar);
          ASSERT_TRUE(in_range(preview.due.date));
          ASSERT_EQ(Date::parse(preview.due.date.iso()), preview.due.date);
          if (unit == DeadlineUnit::WorkingDaysBefore) {
            ASSERT_LT(preview.due.date, anchor) << unit_name(unit) << " " << anchor.iso();
          } else {
            ASSERT_GE(preview.due.date, anchor) << unit_name(unit) << " " << anchor.iso();
          }
          ++answered;
        } catch (const DateOutOfRange&) {
          // Only near the end the unit runs towards.
          if (unit == DeadlineUnit::WorkingDaysBefore) {
            ASSERT_LT(s, first + 2L * amount + 14) << anchor.iso();
          } else {
            ASSERT_GT(s, last - 31L * amount - 14) << unit_name(unit) << " " << amount << " " << anchor.iso();
          }
          ++refused;
        }
      }
    }
  }
  EXPECT_GT(answered, 0);
  EXPECT_GT(refused, 0);
}

}  // namespace
}  // namespace casereview
