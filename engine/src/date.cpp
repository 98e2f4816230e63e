#include "casereview/engine/date.h"

#include <algorithm>
#include <chrono>

namespace casereview {
namespace {

// Howard Hinnant's civil-from-days algorithms (public domain), for the proleptic
// Gregorian calendar. They are exact for every date we accept.
constexpr long days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void civil_from_days(long z, int& y, int& m, int& d) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
}

bool parse_digits(std::string_view s, int& out) {
  out = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return !s.empty();
}

// Last Sunday of `month` in `year`, as a day serial. Any year: only serials,
// so that the clock change can be asked about instants just outside the range.
long last_sunday(int year, int month) {
  const long last = days_from_civil(year, month, days_in_month(year, month));
  const long iso_weekday = ((last % 7) + 7 + 3) % 7 + 1;  // 1970-01-01 was a Thursday (4)
  return last - iso_weekday % 7;
}

constexpr long kFirstSerial = days_from_civil(kFirstSupportedYear, 1, 1);
constexpr long kLastSerial = days_from_civil(kLastSupportedYear, 12, 31);

bool in_range(long serial) { return serial >= kFirstSerial && serial <= kLastSerial; }

// "would fall after 2199-12-31, the last date casereview supports", or before the first.
std::string beyond_the_range(bool after_the_end) {
  return after_the_end
             ? " would fall after " + std::to_string(kLastSupportedYear) + "-12-31, the last date casereview supports"
             : " would fall before " + std::to_string(kFirstSupportedYear) +
                   "-01-01, the first date casereview supports";
}

}  // namespace

DateOutOfRange::DateOutOfRange(bool after_the_end)
    : std::out_of_range("the date" + beyond_the_range(after_the_end)), after_the_end_(after_the_end) {}

DateOutOfRange::DateOutOfRange(const DateOutOfRange& cause, std::string field, const std::string& working_out)
    : std::out_of_range(working_out + beyond_the_range(cause.after_the_end_)),
      field_(std::move(field)),
      after_the_end_(cause.after_the_end_) {}

std::string supported_date_range() {
  return std::to_string(kFirstSupportedYear) + "-01-01 to " + std::to_string(kLastSupportedYear) + "-12-31";
}

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap_year(year)) return 29;
  return kDays[month - 1];
}

const char* weekday_name(Weekday day) {
  static const char* kNames[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  return kNames[static_cast<int>(day) - 1];
}

std::optional<Date> Date::from_ymd(int year, int month, int day) {
  if (year < kFirstSupportedYear || year > kLastSupportedYear || month < 1 || month > 12) return std::nullopt;
  if (day < 1 || day > days_in_month(year, month)) return std::nullopt;
  return Date(year, month, day, days_from_civil(year, month, day));
}

std::optional<Date> Date::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (!parse_digits(text.substr(0, 4), y) || !parse_digits(text.substr(5, 2), m) ||
      !parse_digits(text.substr(8, 2), d)) {
    return std::nullopt;
  }
  return from_ymd(y, m, d);
}

std::string Date::parse_problem(std::string_view text) {
  if (parse(text)) return "";
  int y = 0, m = 0, d = 0;
  const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' && parse_digits(text.substr(0, 4), y) &&
                      parse_digits(text.substr(5, 2), m) && parse_digits(text.substr(8, 2), d);
  // A real day of a year outside the range (9999-12-31) is told so; anything
  // else is not a date at all.
  if (shaped && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m)) {
    return "is outside the dates casereview supports (" + supported_date_range() + ")";
  }
  return "is not a real calendar date (YYYY-MM-DD)";
}

Date Date::from_serial(long serial) {
  if (!in_range(serial)) throw DateOutOfRange(serial > kLastSerial);
  int y = 0, m = 0, d = 0;
  civil_from_days(serial, y, m, d);
  return Date(y, m, d, serial);
}

Date Date::first_supported() { return from_serial(kFirstSerial); }
Date Date::last_supported() { return from_serial(kLastSerial); }

Date Date::plus_days(long days) const {
  // Compared before adding, so that no amount can overflow.
  if (days > kLastSerial - serial_) throw DateOutOfRange(true);
  if (days < kFirstSerial - serial_) throw DateOutOfRange(false);
  return from_serial(serial_ + days);
}

Weekday Date::weekday() const {
  // 1970-01-01 was a Thursday (ISO day 4).
  long iso = ((serial_ % 7) + 7 + 3) % 7 + 1;
  return static_cast<Weekday>(iso);
}

bool Date::is_weekend() const {
  const Weekday w = weekday();
  return w == Weekday::Saturday || w == Weekday::Sunday;
}

Date Date::plus_months(int months) const {
  const long index = year_ * 12L + (month_ - 1) + months;
  if (index > kLastSupportedYear * 12L + 11) throw DateOutOfRange(true);
  if (index < kFirstSupportedYear * 12L) throw DateOutOfRange(false);
  const int y = static_cast<int>(index / 12);
  const int m = static_cast<int>(index % 12 + 1);
  return *from_ymd(y, m, std::min(day(), days_in_month(y, m)));
}

int whole_years(Date born, Date on) {
  int years = on.year() - born.year();
  if (on.month() < born.month() || (on.month() == born.month() && on.day() < born.day())) --years;
  return years;
}

namespace {

// Writes the last `count` decimal digits of `value` (not negative) into
// `out`, ending at position `last`.
void write_digits(std::string& out, long long value, std::size_t last, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i, value /= 10) out[last - i] = static_cast<char>('0' + value % 10);
}

}  // namespace

std::string Date::iso() const {
  // Written digit by digit: every field is in range (years 1900 to 2199).
  std::string out = "0000-00-00";
  write_digits(out, year_, 3, 4);
  write_digits(out, month_, 6, 2);
  write_digits(out, day_, 9, 2);
  return out;
}

Instant Instant::now() {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return Instant(std::chrono::duration_cast<std::chrono::seconds>(since_epoch).count());
}

std::optional<Instant> Instant::parse(std::string_view text) {
  if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z') {
    return std::nullopt;
  }
  auto date = Date::parse(text.substr(0, 10));
  int h = 0, mi = 0, s = 0;
  if (!date || !parse_digits(text.substr(11, 2), h) || !parse_digits(text.substr(14, 2), mi) ||
      !parse_digits(text.substr(17, 2), s) || h > 23 || mi > 59 || s > 59) {
    return std::nullopt;
  }
  return Instant(date->serial() * 86400LL + h * 3600LL + mi * 60LL + s);
}

Date Instant::utc_date() const {
  long long days = seconds_ / 86400;
  if (seconds_ % 86400 < 0) --days;
  return Date::from_serial(static_cast<long>(days));
}

std::string Instant::iso() const {
  // Written digit by digit, as Date::iso is: every request's log line and
  // every logged read writes one.
  const Date d = utc_date();
  const long long rem = seconds_ - d.serial() * 86400LL;
  std::string out = d.iso() + "T00:00:00Z";
  write_digits(out, rem / 3600, 12, 2);
  write_digits(out, (rem % 3600) / 60, 15, 2);
  write_digits(out, rem % 60, 18, 2);
  return out;
}

namespace {

// Whether England keeps summer time at `t`. Works on serials alone, so that it
// may be asked about the hour either side of the supported range.
bool british_summer_time(Instant t) {
  long long days = t.seconds() / 86400;
  if (t.seconds() % 86400 < 0) --days;
  int year = 0, month = 0, day = 0;
  civil_from_days(static_cast<long>(days), year, month, day);
  const Instant bst_start(last_sunday(year, 3) * 86400LL + 3600);
  const Instant bst_end(last_sunday(year, 10) * 86400LL + 3600);
  return !(t < bst_start) && t < bst_end;
}

}  // namespace

Date london_date(Instant t) { return Instant(t.seconds() + (british_summer_time(t) ? 3600 : 0)).utc_date(); }

Instant london_start_of_day(Date d) {
  // Midnight local time is 00:00 UTC in winter and 23:00 UTC the day before in
  // summer: summer time is kept at midnight from the day after the last Sunday
  // of March to the last Sunday of October (the change is at 01:00 UTC).
  const Instant utc_midnight(d.serial() * 86400LL);
  const bool summer = d.serial() > last_sunday(d.year(), 3) && d.serial() <= last_sunday(d.year(), 10);
  return summer ? utc_midnight.plus_seconds(-3600) : utc_midnight;
}

Instant london_instant(Date d, int hour, int minute) {
  const Instant as_utc(d.serial() * 86400LL + hour * 3600LL + minute * 60LL);
  const Instant as_summer = as_utc.plus_seconds(-3600);
  return british_summer_time(as_summer) ? as_summer : as_utc;
}

}  // namespace casereview
