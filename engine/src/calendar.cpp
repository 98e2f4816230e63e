#include "casereview/engine/calendar.h"

namespace casereview {

WorkingDayCalendar::WorkingDayCalendar(std::vector<BankHoliday> published) {
  for (auto& h : published) {
    published_years_.insert(h.date.year());
    const long serial = h.date.serial();
    holidays_.emplace(serial, std::move(h));
  }
  for (int year = kFirstSupportedYear; year <= kLastSupportedYear; ++year) {
    if (is_published_year(year)) continue;
    for (auto& h : standard_bank_holidays(year)) holidays_.emplace(h.date.serial(), std::move(h));
  }
}

std::optional<BankHoliday> WorkingDayCalendar::holiday_on(Date d) const {
  auto it = holidays_.find(d.serial());
  if (it == holidays_.end()) return std::nullopt;
  return it->second;
}

std::vector<BankHoliday> WorkingDayCalendar::holidays_in(int year) const {
  std::vector<BankHoliday> out;
  if (year < kFirstSupportedYear || year > kLastSupportedYear) return out;
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
  // The answer depends on every day from the result up to the day before `from`
  // (none when n is 0). Counted inclusively, so that a result on the first
  // supported date is never stepped back from.
  if (d == from) return {d, false};
  const Date last = from.plus_days(-1);
  bool provisional = false;
  for (int year = d.year(); year <= last.year(); ++year) provisional = provisional || !is_published_year(year);
  return {d, provisional};
}

namespace {

// Monday to Friday among the days of serial [0, serial) counted from the Monday
// before serial 0 (1970-01-01 was a Thursday); negative below it. Floor
// division, so that the count is right on either side of serial 0.
long weekdays_before(long serial) {
  const long from_monday = serial + 3;
  const long weeks = from_monday >= 0 ? from_monday / 7 : -((-from_monday + 6) / 7);
  const long rest = from_monday - weeks * 7;
  return weeks * 5 + (rest < 5 ? rest : 5);
}

}  // namespace

int WorkingDayCalendar::working_days_between(Date after, Date upto) const {
  if (upto <= after) return 0;
  // The weekdays of (after, upto] by arithmetic, less the holidays among them
  // that fall on a weekday: the dashboard and the reports ask this for every
  // open clock, and a day-by-day walk made it their largest cost.
  long count = weekdays_before(upto.serial() + 1) - weekdays_before(after.serial() + 1);
  for (auto it = holidays_.upper_bound(after.serial()); it != holidays_.end() && it->first <= upto.serial(); ++it) {
    if (!it->second.date.is_weekend()) --count;
  }
  return static_cast<int>(count);
}

bool WorkingDayCalendar::depends_on_unpublished(Date after, Date upto) const {
  if (upto <= after) return false;
  for (int year = after.plus_days(1).year(); year <= upto.year(); ++year) {
    if (!is_published_year(year)) return true;
  }
  return false;
}

}  // namespace casereview
