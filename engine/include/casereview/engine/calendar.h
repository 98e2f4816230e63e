#pragma once
// The working-day calendar for England and Wales.
//
// A working day is Monday to Friday except bank holidays. Years covered by the
// published list use it exactly (one-off holidays included); any other year uses
// the standing rules and every answer that depends on such a year is marked
// provisional, because a one-off holiday may still be announced for it.
//
// Immutable after construction: safe to share between threads. Replace the whole
// calendar (hold it by shared_ptr<const>) when a newer feed is loaded.

#include <map>
#include <optional>
#include <set>
#include <vector>

#include "casereview/engine/bank_holidays.h"
#include "casereview/engine/date.h"

namespace casereview {

// A date computed from the calendar. `provisional` is true when the computation
// looked at a day in a year the published list does not cover.
struct CalendarDate {
  Date date;
  bool provisional;
};

class WorkingDayCalendar {
 public:
  // `published` is the loaded feed; the years it contains are the covered years.
  explicit WorkingDayCalendar(std::vector<BankHoliday> published);

  bool is_published_year(int year) const { return published_years_.count(year) != 0; }
  const std::set<int>& published_years() const { return published_years_; }

  bool is_working_day(Date d) const;
  // The bank holiday on `d`, if any (published or, outside the covered years, by rule).
  std::optional<BankHoliday> holiday_on(Date d) const;
  // Every holiday of `year`, published or by rule; none outside the supported range.
  std::vector<BankHoliday> holidays_in(int year) const;

  // The `n`th working day after `from`; `from` itself never counts (n >= 0; n = 0
  // returns `from`). "Within 5 working days of Wednesday 14 September 2022" is
  // add_working_days(2022-09-14, 5) = Thursday 22 September (the 19th was the
  // Queen's state funeral).
  CalendarDate add_working_days(Date from, int n) const;
  // The `n`th working day before `from` ("at least 7 working days before publication").
  CalendarDate subtract_working_days(Date from, int n) const;
  // Working days d with after < d <= upto (0 when upto <= after).
  int working_days_between(Date after, Date upto) const;
  // True when any day in (after, upto] lies outside the published years.
  bool depends_on_unpublished(Date after, Date upto) const;

 private:
  std::set<int> published_years_;
  // serial -> holiday, published or by rule, over the whole supported range
  // (date.h), so that lookups never allocate and no year outside it is computed.
  std::map<long, BankHoliday> holidays_;
};

}  // namespace casereview
