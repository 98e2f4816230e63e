#pragma once
// Calendar dates and UTC instants.
//
// Statutory dates in England are calendar dates (Europe/London), not instants:
// "within 5 working days of becoming aware" is about days on the wall calendar.
// `Date` is that calendar date; `Instant` is a point in time (UTC) used for when
// something was recorded. `london_date` converts the second into the first.
// All types here are values: cheap to copy, thread-safe to share.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace casereview {

// The dates casereview accepts and computes: 1 January 1900 to 31 December
// 2199. Every Date lies in this range: text outside it is not a date, and
// arithmetic that would leave it throws DateOutOfRange instead of producing a
// date nobody can check (the bank-holiday rules, the London clock change and
// every loop over days are bounded by it).
constexpr int kFirstSupportedYear = 1900;
constexpr int kLastSupportedYear = 2199;

// Date arithmetic left the supported range ("2199-12-31 plus 6 calendar
// months"). The message says which way and names the last or first date.
class DateOutOfRange : public std::out_of_range {
 public:
  explicit DateOutOfRange(bool after_the_end);
  // The same, said of what was being worked out and from which field (a
  // command's fact, a query parameter): "the deadline \"...\" counted from
  // 2199-10-01 would fall after ...". `field` may be empty when no field of the
  // request gave the date.
  DateOutOfRange(const DateOutOfRange& cause, std::string field, const std::string& working_out);
  const std::string& field() const { return field_; }
  bool after_the_end() const { return after_the_end_; }

 private:
  std::string field_;
  bool after_the_end_;
};

// "1900-01-01 to 2199-12-31", for messages.
std::string supported_date_range();

enum class Weekday { Monday = 1, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday };

// A proleptic Gregorian calendar date in the supported range (above).
class Date {
 public:
  Date() : Date(1970, 1, 1, 0) {}  // 1970-01-01, so that records can be default-built
  // Returns nullopt for dates that do not exist (2023-02-29) or lie outside the range.
  static std::optional<Date> from_ymd(int year, int month, int day);
  // Strict ISO 8601 calendar date, exactly "YYYY-MM-DD". Nullopt on anything else.
  static std::optional<Date> parse(std::string_view text);
  // Why `text` is not a Date, as a phrase to follow the field's name ("is not a
  // real calendar date (YYYY-MM-DD)", "is outside the dates casereview supports
  // (1900-01-01 to 2199-12-31)"); empty when parse() accepts it.
  static std::string parse_problem(std::string_view text);
  // Days since 1970-01-01 (negative before). Throws DateOutOfRange outside the range.
  static Date from_serial(long serial);
  static Date first_supported();  // 1900-01-01
  static Date last_supported();   // 2199-12-31

  int year() const { return year_; }
  int month() const { return month_; }
  int day() const { return day_; }
  long serial() const { return serial_; }
  Weekday weekday() const;
  bool is_weekend() const;

  // Both throw DateOutOfRange when the result would leave the supported range.
  Date plus_days(long days) const;
  // Adds calendar months; a day that does not exist in the target month becomes
  // that month's last day (31 August + 6 months = 28 or 29 February).
  Date plus_months(int months) const;
  std::string iso() const;  // "YYYY-MM-DD"

  friend bool operator==(const Date& a, const Date& b) { return a.serial_ == b.serial_; }
  friend bool operator!=(const Date& a, const Date& b) { return a.serial_ != b.serial_; }
  friend bool operator<(const Date& a, const Date& b) { return a.serial_ < b.serial_; }
  friend bool operator>(const Date& a, const Date& b) { return a.serial_ > b.serial_; }
  friend bool operator<=(const Date& a, const Date& b) { return a.serial_ <= b.serial_; }
  friend bool operator>=(const Date& a, const Date& b) { return a.serial_ >= b.serial_; }

 private:
  Date(int y, int m, int d, long serial)
      : serial_(static_cast<std::int32_t>(serial)),
        year_(static_cast<std::int16_t>(y)),
        month_(static_cast<std::int8_t>(m)),
        day_(static_cast<std::int8_t>(d)) {}
  // Eight bytes, not twenty-four: a report keeps several dates for each of
  // tens of thousands of cases (its facts cache, its case rows, the times to
  // review). The supported range (years 1900 to 2199, serials within
  // +-85,000) fits each field.
  std::int32_t serial_;
  std::int16_t year_;
  std::int8_t month_;
  std::int8_t day_;
};
static_assert(sizeof(Date) == 8);

int days_in_month(int year, int month);
bool is_leap_year(int year);
// A person's age in whole years on `on` when born on `born` (a 29 February
// birthday counts from 1 March in other years); negative when `on` is earlier.
int whole_years(Date born, Date on);
const char* weekday_name(Weekday day);

// A point in time, whole seconds since 1970-01-01T00:00:00Z.
class Instant {
 public:
  constexpr Instant() : seconds_(0) {}
  constexpr explicit Instant(long long seconds) : seconds_(seconds) {}
  static Instant now();
  // Strict "YYYY-MM-DDTHH:MM:SSZ" (UTC only). Nullopt on anything else.
  static std::optional<Instant> parse(std::string_view text);
  long long seconds() const { return seconds_; }
  Instant plus_seconds(long long s) const { return Instant(seconds_ + s); }
  std::string iso() const;  // "YYYY-MM-DDTHH:MM:SSZ"
  // Throws DateOutOfRange for an instant outside the supported dates.
  Date utc_date() const;

  friend bool operator==(Instant a, Instant b) { return a.seconds_ == b.seconds_; }
  friend bool operator!=(Instant a, Instant b) { return a.seconds_ != b.seconds_; }
  friend bool operator<(Instant a, Instant b) { return a.seconds_ < b.seconds_; }
  friend bool operator<=(Instant a, Instant b) { return a.seconds_ <= b.seconds_; }
  friend bool operator>(Instant a, Instant b) { return a.seconds_ > b.seconds_; }

 private:
  long long seconds_;
};

// Civil date in England at instant `t`: UTC in winter, UTC+1 during British Summer
// Time (from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday
// of October, the rule in force since 1998).
Date london_date(Instant t);
// The instant at which `d` begins in England (midnight local time).
Instant london_start_of_day(Date d);
// The instant of local time hour:minute on `d` in England. In the hour the
// clocks go back, the earlier (summer-time) instant; in the hour that does not
// exist when they go forward, the time is read as winter time.
Instant london_instant(Date d, int hour, int minute);

}  // namespace casereview
