#include "casereview/engine/bank_holidays.h"

#include <algorithm>
#include <map>
#include <set>

#include "casereview/engine/json.h"

namespace casereview {
namespace {

// The first `weekday` of a month, or the last one when `last` is set.
Date nth_monday(int year, int month, bool last) {
  if (last) {
    Date d = *Date::from_ymd(year, month, days_in_month(year, month));
    while (d.weekday() != Weekday::Monday) d = d.plus_days(-1);
    return d;
  }
  Date d = *Date::from_ymd(year, month, 1);
  while (d.weekday() != Weekday::Monday) d = d.plus_days(1);
  return d;
}

std::string join_problems(const std::vector<std::string>& problems) {
  std::string out = "the bank-holiday feed is not valid:";
  for (const auto& p : problems) out += " " + p + ";";
  return out;
}

constexpr int kStandardHolidaysPerYear = 8;

}  // namespace

Date easter_sunday(int year) {
  if (year < kFirstSupportedYear || year > kLastSupportedYear) throw DateOutOfRange(year > kLastSupportedYear);
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return *Date::from_ymd(year, month, day);
}

std::vector<BankHoliday> standard_bank_holidays(int year) {
  if (year < kFirstSupportedYear || year > kLastSupportedYear) throw DateOutOfRange(year > kLastSupportedYear);
  std::vector<BankHoliday> out;
  const Date new_year = *Date::from_ymd(year, 1, 1);
  if (new_year.is_weekend()) {
    out.push_back({nth_monday(year, 1, false), "New Year’s Day", "Substitute day"});
  } else {
    out.push_back({new_year, "New Year’s Day", ""});
  }
  const Date easter = easter_sunday(year);
  out.push_back({easter.plus_days(-2), "Good Friday", ""});
  out.push_back({easter.plus_days(1), "Easter Monday", ""});
  out.push_back({nth_monday(year, 5, false), "Early May bank holiday", ""});
  out.push_back({nth_monday(year, 5, true), "Spring bank holiday", ""});
  out.push_back({nth_monday(year, 8, true), "Summer bank holiday", ""});

  // Christmas and Boxing Day: a holiday that falls at a weekend moves to the next
  // weekday not already taken by the other.
  const Date christmas = *Date::from_ymd(year, 12, 25);
  const Date boxing = *Date::from_ymd(year, 12, 26);
  switch (christmas.weekday()) {
    case Weekday::Friday:  // Boxing Day on Saturday -> Monday 28th
      out.push_back({christmas, "Christmas Day", ""});
      out.push_back({boxing.plus_days(2), "Boxing Day", "Substitute day"});
      break;
    case Weekday::Saturday:  // both at the weekend -> Monday 27th and Tuesday 28th
      out.push_back({christmas.plus_days(2), "Christmas Day", "Substitute day"});
      out.push_back({boxing.plus_days(2), "Boxing Day", "Substitute day"});
      break;
    case Weekday::Sunday:  // Boxing Day on Monday, Christmas moves to Tuesday 27th
      out.push_back({boxing, "Boxing Day", ""});
      out.push_back({christmas.plus_days(2), "Christmas Day", "Substitute day"});
      break;
    default:
      out.push_back({christmas, "Christmas Day", ""});
      out.push_back({boxing, "Boxing Day", ""});
  }
  std::sort(out.begin(), out.end(), [](const BankHoliday& a, const BankHoliday& b) { return a.date < b.date; });
  return out;
}

HolidayFeedError::HolidayFeedError(std::vector<std::string> problems)
    : std::runtime_error(join_problems(problems)), problems_(std::move(problems)) {}

std::vector<BankHoliday> parse_bank_holiday_feed(std::string_view json_text) {
  Json feed;
  try {
    feed = Json::parse(json_text);
  } catch (const JsonParseError& e) {
    throw HolidayFeedError({std::string("the file is not valid JSON (") + e.what() + ")"});
  }
  const Json* division = feed.find("england-and-wales");
  if (!division || !division->is_object()) {
    throw HolidayFeedError({"there is no \"england-and-wales\" division"});
  }
  const Json* events = division->find("events");
  if (!events || !events->is_array() || events->items().empty()) {
    throw HolidayFeedError({"the \"england-and-wales\" division has no \"events\" list"});
  }

  std::vector<std::string> problems;
  std::vector<BankHoliday> holidays;
  std::set<long> seen;
  std::size_t index = 0;
  for (const Json& event : events->items()) {
    const std::string where = "event " + std::to_string(index++);
    const Json& date_value = event["date"];
    const Json& title = event["title"];
    const Json& notes = event["notes"];
    std::optional<Date> date = date_value.is_string() ? Date::parse(date_value.as_string()) : std::nullopt;
    if (!date) {
      problems.push_back(where + (date_value.is_string() ? " \"date\" " + Date::parse_problem(date_value.as_string())
                                                         : " has no \"date\" (YYYY-MM-DD)"));
      continue;
    }
    const std::string label = where + " (" + date->iso() + ")";
    if (!title.is_string() || title.as_string().empty()) {
      problems.push_back(label + " has no \"title\"");
    }
    if (!notes.is_null() && !notes.is_string()) problems.push_back(label + " has a non-text \"notes\"");
    if (date->is_weekend()) {
      problems.push_back(label + " falls on a " + weekday_name(date->weekday()) + "; bank holidays are weekdays");
    }
    if (!seen.insert(date->serial()).second) problems.push_back(label + " repeats a date");
    holidays.push_back({*date, title.is_string() ? title.as_string() : std::string(),
                        notes.is_string() ? notes.as_string() : std::string()});
  }

  std::map<int, int> per_year;
  for (const auto& h : holidays) ++per_year[h.date.year()];
  if (!per_year.empty()) {
    for (int year = per_year.begin()->first; year <= per_year.rbegin()->first; ++year) {
      const int count = per_year.count(year) ? per_year[year] : 0;
      if (count < kStandardHolidaysPerYear) {
        problems.push_back("year " + std::to_string(year) + " has " + std::to_string(count) +
                           " holidays; every year has at least " + std::to_string(kStandardHolidaysPerYear));
      }
    }
  }
  if (!problems.empty()) throw HolidayFeedError(std::move(problems));
  std::sort(holidays.begin(), holidays.end(),
            [](const BankHoliday& a, const BankHoliday& b) { return a.date < b.date; });
  return holidays;
}

}  // namespace casereview
