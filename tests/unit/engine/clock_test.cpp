#include "casereview/engine/clock.h"

#include <gtest/gtest.h>

#include "casereview/engine/json.h"

namespace casereview {
namespace {

Date d(const char* text) { return *Date::parse(text); }

class Clocks : public ::testing::Test {
 protected:
  Clock working_days(int amount, const char* anchor) {
    Clock c;
    c.rule_id = "test";
    c.terms = {amount, DeadlineUnit::WorkingDays, "a"};
    c.anchor = {d(anchor), std::nullopt};
    return c;
  }
  ClockStatus status(const Clock& c, const char* today, int due_soon = 2) {
    return clock_status(c, due_soon, d(today), london_start_of_day(d(today)).plus_seconds(12LL * 3600), calendar);
  }
  WorkingDayCalendar calendar{parse_bank_holiday_feed(shipped_bank_holiday_feed())};
};

TEST_F(Clocks, RunFromTheAnchor) {
  Clock c = working_days(5, "2022-09-14");
  run_clock(c, calendar);
  ASSERT_TRUE(c.due);
  EXPECT_EQ(c.due->date.iso(), "2022-09-22");
}

TEST_F(Clocks, ReportEveryOpenStatus) {
  Clock c = working_days(5, "2022-09-14");  // due Thursday 22 September
  run_clock(c, calendar);
  EXPECT_EQ(status(c, "2022-09-15"), ClockStatus::OnTrack);
  EXPECT_EQ(status(c, "2022-09-20"), ClockStatus::DueSoon);  // 2 working days left
  EXPECT_EQ(status(c, "2022-09-21"), ClockStatus::DueSoon);
  EXPECT_EQ(status(c, "2022-09-22"), ClockStatus::DueToday);
  EXPECT_EQ(status(c, "2022-09-23"), ClockStatus::Overdue);
  EXPECT_EQ(working_days_left(c, d("2022-09-15"), calendar), 4);
  EXPECT_EQ(working_days_left(c, d("2022-09-26"), calendar), -2);
}

TEST_F(Clocks, ReportMetAndMetLateAndNotRequired) {
  Clock c = working_days(5, "2022-09-14");
  run_clock(c, calendar);
  c.met_on = d("2022-09-22");
  EXPECT_EQ(status(c, "2022-10-30"), ClockStatus::Met);
  c.met_on = d("2022-09-23");
  EXPECT_EQ(status(c, "2022-09-23"), ClockStatus::MetLate);
  EXPECT_FALSE(working_days_left(c, d("2022-09-23"), calendar));
  Clock ended = working_days(5, "2022-09-14");
  run_clock(ended, calendar);
  ended.ended_on = d("2022-09-16");
  EXPECT_EQ(status(ended, "2022-10-30"), ClockStatus::NotRequired);
}

TEST_F(Clocks, PauseKeepsTheTimeAlreadyUsed) {
  // 15 working days from Monday 6 March 2023 would be Monday 27 March. Paused on
  // Friday 10 March (4 days used: 7 to 10 March, the pause day counts) and resumed
  // on Monday 3 April: 11 remain, counted after the resumption day -> Thursday
  // 20 April (Good Friday 7 April and Easter Monday 10 April do not count).
  Clock c = working_days(15, "2023-03-06");
  c.pauses = {{d("2023-03-10"), d("2023-04-03"), "criminal trial"}};
  run_clock(c, calendar);
  EXPECT_EQ(c.due->date.iso(), "2023-04-20");
}

TEST_F(Clocks, AnOpenPauseShowsWhatRemains) {
  Clock c = working_days(15, "2023-03-06");
  c.pauses = {{d("2023-03-10"), std::nullopt, "inquest"}};
  run_clock(c, calendar);
  EXPECT_FALSE(c.due);
  EXPECT_EQ(c.remaining, 11);
  EXPECT_TRUE(c.is_paused());
  EXPECT_EQ(status(c, "2023-06-01"), ClockStatus::Paused);
}

TEST_F(Clocks, PausingAndResumingTheSameDayChangesNothing) {
  // 15 working days after Monday 6 March 2023 is Monday 27 March, paused or not.
  Clock plain = working_days(15, "2023-03-06");
  run_clock(plain, calendar);
  EXPECT_EQ(plain.due->date.iso(), "2023-03-27");
  Clock paused = working_days(15, "2023-03-06");
  paused.pauses = {{d("2023-03-15"), d("2023-03-15"), "recorded in error"}};
  run_clock(paused, calendar);
  EXPECT_EQ(paused.due->date.iso(), "2023-03-27");
}

TEST_F(Clocks, SeveralPausesAddUp) {
  Clock c = working_days(10, "2024-01-08");  // due 22 January without pauses
  c.pauses = {{d("2024-01-10"), d("2024-01-15"), "first"}, {d("2024-01-17"), d("2024-01-22"), "second"}};
  run_clock(c, calendar);
  // used 2 (9, 10); resume 15, 8 left -> 25 Jan; paused 17 having used 16, 17:
  // 6 left after 22 Jan -> 30 January.
  EXPECT_EQ(c.due->date.iso(), "2024-01-30");
}

TEST_F(Clocks, CalendarMonthClocksMoveByThePausedSpan) {
  Clock c;
  c.terms = {6, DeadlineUnit::CalendarMonths, "decision"};
  c.anchor = {d("2020-05-15"), std::nullopt};                         // due 15 November 2020
  c.pauses = {{d("2020-07-01"), d("2020-09-29"), "criminal trial"}};  // 90 days
  run_clock(c, calendar);
  EXPECT_EQ(c.due->date.iso(), "2021-02-13");
}

TEST_F(Clocks, APauseAfterTheDueDateDoesNotExtendIt) {
  Clock c = working_days(5, "2022-09-14");
  c.pauses = {{d("2022-09-30"), d("2022-10-30"), "late"}};
  run_clock(c, calendar);
  EXPECT_EQ(c.due->date.iso(), "2022-09-22");
}

TEST_F(Clocks, HourClocksAreOverdueByTheHour) {
  Clock c;
  c.terms = {24, DeadlineUnit::Hours, "death"};
  c.anchor = {d("2024-01-10"), Instant::parse("2024-01-10T15:00:00Z")};
  run_clock(c, calendar);
  const Date today = d("2024-01-11");
  EXPECT_EQ(clock_status(c, 2, today, *Instant::parse("2024-01-11T14:59:00Z"), calendar), ClockStatus::DueToday);
  EXPECT_EQ(clock_status(c, 2, today, *Instant::parse("2024-01-11T15:01:00Z"), calendar), ClockStatus::Overdue);
}

// What keeps a status (a kept dashboard) may keep it until an hour clock's
// due instant, and no longer; a clock by the day turns only with the day.
TEST_F(Clocks, SayUntilWhenTheirStatusHoldsWithinTheDay) {
  Clock hours;
  hours.terms = {24, DeadlineUnit::Hours, "death"};
  hours.anchor = {d("2024-01-10"), Instant::parse("2024-01-10T15:00:00Z")};
  run_clock(hours, calendar);
  const Instant due = *Instant::parse("2024-01-11T15:00:00Z");
  ASSERT_EQ(hours.due->at, due);
  const Date today = d("2024-01-11");
  const auto turns = status_turns_after(hours, *Instant::parse("2024-01-11T09:00:00Z"));
  ASSERT_EQ(turns, due);
  // The status is the same up to that instant, and turns just after it.
  EXPECT_EQ(clock_status(hours, 2, today, *turns, calendar), ClockStatus::DueToday);
  EXPECT_EQ(clock_status(hours, 2, today, turns->plus_seconds(1), calendar), ClockStatus::Overdue);
  // Once past it, overdue holds for good.
  EXPECT_FALSE(status_turns_after(hours, due.plus_seconds(1)).has_value());

  Clock paused = hours;
  paused.pauses = {{d("2024-01-11"), std::nullopt, "held"}};
  EXPECT_FALSE(status_turns_after(paused, *Instant::parse("2024-01-11T09:00:00Z")).has_value());
  Clock met = hours;
  met.met_on = today;
  EXPECT_FALSE(status_turns_after(met, *Instant::parse("2024-01-11T09:00:00Z")).has_value());
  Clock by_the_day = working_days(5, "2024-01-10");
  run_clock(by_the_day, calendar);
  EXPECT_FALSE(status_turns_after(by_the_day, *Instant::parse("2024-01-11T09:00:00Z")).has_value());
}

Event event(long long seq, const char* type, const char* date, const Json& payload = Json::object()) {
  Event e;
  e.seq = seq;
  e.type = type;
  e.effective_date = d(date);
  e.payload = payload.canonical();
  return e;
}

DeadlineRule rule(const char* id, const char* anchor_event, const char* closing) {
  DeadlineRule r;
  r.id = id;
  r.anchors = {{"anchor", anchor_event, "", ""}};
  r.closing_event = closing;
  r.ending_events = {"abandoned"};
  r.pausing_events = {"on_hold"};
  r.resuming_events = {"resumed"};
  r.amount = 5;
  return r;
}

TEST_F(Clocks, AreProjectedFromEvents) {
  Json hold = Json::object();
  hold.set("reason", "criminal trial");
  const std::vector<Event> events = {
      event(1, "opened", "2023-03-06"),
      event(2, "on_hold", "2023-03-07", hold),
      event(3, "resumed", "2023-03-09"),
      event(4, "done", "2023-03-14"),
  };
  const auto clocks =
      project_clocks({rule("r.open", "opened", "done"), rule("r.never", "never", "done")}, {}, events, calendar);
  ASSERT_EQ(clocks.size(), 1u);  // a clock whose anchor never happened does not exist yet
  const Clock& c = clocks[0];
  EXPECT_EQ(c.rule_id, "r.open");
  ASSERT_EQ(c.pauses.size(), 1u);
  EXPECT_EQ(c.pauses[0].reason, "criminal trial");
  EXPECT_EQ(c.due->date.iso(), "2023-03-15");  // used 1, resumed 9th, 4 left
  EXPECT_EQ(c.met_on, d("2023-03-14"));
}

TEST_F(Clocks, UseTheTermsRecordedForTheCase) {
  const std::vector<Event> events = {event(1, "opened", "2023-03-06")};
  const auto clocks =
      project_clocks({rule("r.open", "opened", "done")},
                     {{"r.open", RuleTerms{10, DeadlineUnit::WorkingDays, "anchor"}}}, events, calendar);
  EXPECT_EQ(clocks.at(0).due->date.iso(), "2023-03-20");
}

TEST_F(Clocks, EndWhenNoLongerNeeded) {
  const std::vector<Event> events = {event(1, "opened", "2023-03-06"), event(2, "abandoned", "2023-03-08")};
  const auto clocks = project_clocks({rule("r.open", "opened", "done")}, {}, events, calendar);
  EXPECT_EQ(clocks.at(0).ended_on, d("2023-03-08"));
  EXPECT_FALSE(clocks.at(0).is_open());
}

// The plain elapsed time: the calendar from the anchor to the day the clock was
// met (or to today), holds included, beside a due date the holds moved.
TEST_F(Clocks, ElapsedTimeCountsTheHoldsThatThePausedClockLeavesOut) {
  Clock c;
  c.rule_id = "lcspr.publish";
  c.terms = {6, DeadlineUnit::CalendarMonths, "decision"};
  c.anchor = {d("2021-01-28"), std::nullopt};
  c.pauses = {{d("2021-07-01"), d("2021-10-04"), "criminal_trial"}};
  run_clock(c, calendar);
  EXPECT_EQ(c.due->date.iso(), "2021-10-31");  // 28 July, moved by the 95 days on hold
  c.met_on = d("2021-10-29");
  const auto e = elapsed(c, d("2022-09-16"));
  ASSERT_TRUE(e);
  EXPECT_EQ(e->from.iso(), "2021-01-28");
  EXPECT_EQ(e->to.iso(), "2021-10-29");
  EXPECT_FALSE(e->running);
  EXPECT_EQ(e->calendar_days, 274);
  EXPECT_EQ(e->months, 9);  // 28 October ...
  EXPECT_EQ(e->days, 1);    // ... and one day
  EXPECT_EQ(e->days_on_hold, 95);
}

TEST_F(Clocks, ElapsedTimeRunsToTodayWhileOpenAndCountsAnOpenHoldToToday) {
  Clock c;
  c.rule_id = "lcspr.publish";
  c.terms = {6, DeadlineUnit::CalendarMonths, "decision"};
  c.anchor = {d("2024-01-31"), std::nullopt};
  c.pauses = {{d("2024-02-10"), std::nullopt, "inquest"}};
  run_clock(c, calendar);
  ASSERT_TRUE(c.is_paused());
  const auto e = elapsed(c, d("2024-03-01"));
  ASSERT_TRUE(e);
  EXPECT_TRUE(e->running);
  EXPECT_EQ(e->calendar_days, 30);            // a leap year's February
  EXPECT_EQ(e->months, 1);                    // 29 February is a month after 31 January ...
  EXPECT_EQ(e->days, 1);                      // ... and 1 March a day after it
  EXPECT_EQ(e->days_on_hold, 20);             // 10 February to 1 March
  EXPECT_FALSE(elapsed(c, d("2024-01-30")));  // today before the start
  Clock before;
  before.terms = {7, DeadlineUnit::WorkingDaysBefore, "planned"};
  before.anchor = {d("2024-03-29"), std::nullopt};
  run_clock(before, calendar);
  EXPECT_FALSE(elapsed(before, d("2024-03-01")));  // counted back from a planned date
}

TEST_F(Clocks, StatusNamesAreStable) {
  EXPECT_STREQ(status_name(ClockStatus::MetLate), "met_late");
  EXPECT_STREQ(status_name(ClockStatus::DueSoon), "due_soon");
  EXPECT_STREQ(status_name(ClockStatus::NotRequired), "not_required");
}

}  // namespace
}  // namespace casereview
