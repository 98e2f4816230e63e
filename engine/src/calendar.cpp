#include "casereview/engine/calendar.h"

namespace casereview {

WorkingDayCalendar::WorkingDayCalendar(std::vector<BankHoliday> published) {
  for (auto& h : published) {
    published_years_.insert(h.date.year());
    const long serial = h.date.serial();
    holidays_.emplace(serial, std::move(h));
  }
  for (int year = kFirstPrecomputedYear; year <= kLastPrecomputedYear; ++year) {
    if (is_published_year(year)) continue;
    for (auto& h : standard_bank_holidays(year)) holidays_.emplace(h.date.serial(), std::move(h));
  }
}

std::optional<BankHoliday> WorkingDayCalendar::holiday_on(Date d) const {
  const int year = d.year();
  if (is_published_year(year) || (year >= kFirstPrecomputedYear && year <= kLastPrecomputedYear)) {
    auto it = holidays_.find(d.serial());
    if (it == holidays_.end()) return std::nullopt;
    return it->second;
  }
  for (auto& h : standard_bank_holidays(year)) {
    if (h.date == d) return h;
  }
  return std::nullopt;
}

std::vector<BankHoliday> WorkingDayCalendar::holidays_in(int year) const {
  if (!is_published_year(year) && (year < kFirstPrecomputedYear || year > kLastPrecomputedYear)) {
    return standard_bank_holidays(year);
  }
  std::vector<BankHoliday> out;
  auto it = holidays_.lower_bound(Date::from_ymd(year, 1, 1)->serial());
  const long end = Date::from_ymd(year, 12, 31)->serial();
  for (; it != holidays_.end() && it->first <= end; ++it) out.push_back(it->second);
  return out;
}

bool WorkingDayCalendar::is_working_day(Date d) const { return !d.is_weekend() && !holiday_on(d).has_value(); }

CalendarDate WorkingDayCalendar::add_working_days(Date from, int n) const {
  Date d = from;
  for (int counted = 0; counted < n;) {
    d = d.plus_days(1);
    if (is_working_day(d)) ++counted;
  }
  return {d, depends_on_unpublished(from, d)};
}

CalendarDate WorkingDayCalendar::subtract_working_days(Date from, int n) const {
  Date d = from;
  for (int counted = 0; counted < n;) {
    d = d.plus_days(-1);
    if (is_working_day(d)) ++counted;
  }
  // The answer depends on every day from the result up to the day before `from`.
  return {d, depends_on_unpublished(d.plus_days(-1), from.plus_days(-1))};
}

int WorkingDayCalendar::working_days_between(Date after, Date upto) const {
  int count = 0;
  for (Date d = after.plus_days(1); d <= upto; d = d.plus_days(1)) {
    if (is_working_day(d)) ++count;
  }
  return count;
}

bool WorkingDayCalendar::depends_on_unpublished(Date after, Date upto) const {
  if (upto <= after) return false;
  for (int year = after.plus_days(1).year(); year <= upto.year(); ++year) {
    if (!is_published_year(year)) return true;
  }
  return false;
}

}  // namespace casereview
