// Dates and instants (engine/include/casereview/engine/date.h): the strict
// parsers, day and month arithmetic, and the Europe/London conversions.
//
// Every Date the target obtains must lie in the supported range and read back
// from its iso() text. Arithmetic whose result would leave the range must throw
// casereview::DateOutOfRange, and only that; arithmetic that stays inside must
// not throw and must give the date worked out here independently.
//
// The input is read with FuzzedDataProvider: a text to parse first, then
// operations on the date obtained (or on a day chosen by serial), each with
// amounts that are sometimes small and sometimes anything a long can hold.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "casereview/engine/date.h"
#include "fuzz_support.h"

// Before date.h had a supported range it threw nothing of its own. Unqualified
// lookup from inside namespace casereview finds casereview::DateOutOfRange when
// date.h declares it, and this stand-in otherwise; the target then keeps to the
// years and preconditions that date.h documented (1900..9999, arithmetic inside).
using DateOutOfRange = std::out_of_range;

namespace casereview::fuzz_date {
namespace {

using RangeError = DateOutOfRange;
constexpr bool kRangeEnforced = !std::is_same_v<RangeError, std::out_of_range>;
constexpr int kFirstYear = 1900;
constexpr int kLastYear = kRangeEnforced ? 2199 : 9999;
constexpr long long kSecondsPerDay = 86400;

long first_serial() { return Date::from_ymd(kFirstYear, 1, 1)->serial(); }
long last_serial() { return Date::from_ymd(kLastYear, 12, 31)->serial(); }
bool inside(long long serial) { return serial >= first_serial() && serial <= last_serial(); }

long long floor_div(long long a, long long b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0); }

// Everything a Date promises, each checked against something other than itself.
void check_date(const Date& d, const char* from) {
  const std::string where = std::string(" (") + from + ")";
  FUZZ_CHECK(d.year() >= kFirstYear && d.year() <= kLastYear, "year " + std::to_string(d.year()) + " outside" + where);
  FUZZ_CHECK(d.month() >= 1 && d.month() <= 12, "month out of 1..12" + where);
  FUZZ_CHECK(d.day() >= 1 && d.day() <= days_in_month(d.year(), d.month()), "day outside its month" + where);
  FUZZ_CHECK(inside(d.serial()), "serial outside the range" + where);
  const auto rebuilt = Date::from_ymd(d.year(), d.month(), d.day());
  FUZZ_CHECK(rebuilt && rebuilt->serial() == d.serial(), "from_ymd disagrees with the serial" + where);
  const std::string iso = d.iso();
  const auto read_back = Date::parse(iso);
  FUZZ_CHECK(iso.size() == 10 && read_back && *read_back == d, "iso() does not parse back: " + iso + where);
  // 1 January 1900 was a Monday.
  const auto monday_based = static_cast<int>((d.serial() - first_serial()) % 7);
  FUZZ_CHECK(static_cast<int>(d.weekday()) == monday_based + 1, "weekday wrong for " + iso + where);
  FUZZ_CHECK(d.is_weekend() == (monday_based >= 5), "is_weekend wrong for " + iso + where);
}

// Whether England keeps summer time at `seconds` (UTC), from the rule in
// date.h: from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
// Sunday of October. Only asked of instants whose UTC date is inside the range.
bool summer_time(long long seconds) {
  const Date utc = Date::from_serial(static_cast<long>(floor_div(seconds, kSecondsPerDay)));
  auto last_sunday = [&](int month) {
    const Date last = *Date::from_ymd(utc.year(), month, days_in_month(utc.year(), month));
    return last.serial() - static_cast<long>(last.weekday()) % 7;
  };
  return seconds >= last_sunday(3) * kSecondsPerDay + 3600 && seconds < last_sunday(10) * kSecondsPerDay + 3600;
}

void plus_days(Date& current, long days) {
  long long expected = 0;
  const bool fits = !__builtin_add_overflow(static_cast<long long>(current.serial()), days, &expected);
  const bool in_range = fits && inside(expected);
  if (!kRangeEnforced && !in_range) return;
  try {
    const Date next = current.plus_days(days);
    FUZZ_CHECK(in_range, current.iso() + " plus " + std::to_string(days) + " days left the range without throwing");
    FUZZ_CHECK(next.serial() == expected, current.iso() + " plus " + std::to_string(days) + " days is " + next.iso());
    check_date(next, "plus_days");
    current = next;
  } catch (const RangeError&) {
    FUZZ_CHECK(!in_range, current.iso() + " plus " + std::to_string(days) + " days threw inside the range");
  }
}

void plus_months(Date& current, int months) {
  const long long index = current.year() * 12LL + (current.month() - 1) + months;
  const long long year = floor_div(index, 12);
  const bool in_range = year >= kFirstYear && year <= kLastYear;
  if (!kRangeEnforced && !in_range) return;
  const std::string what = current.iso() + " plus " + std::to_string(months) + " months";
  try {
    const Date next = current.plus_months(months);
    FUZZ_CHECK(in_range, what + " left the range without throwing");
    const int month = static_cast<int>(index - year * 12) + 1;
    const int day = std::min(current.day(), days_in_month(static_cast<int>(year), month));
    FUZZ_CHECK(next.year() == year && next.month() == month && next.day() == day, what + " is " + next.iso());
    check_date(next, "plus_months");
    current = next;
  } catch (const RangeError&) {
    FUZZ_CHECK(!in_range, what + " threw inside the range");
  }
}

void london(long long seconds) {
  const long long utc_day = floor_div(seconds, kSecondsPerDay);
  // Winter at both ends of the range: the London date of an instant whose UTC
  // date is inside is inside too.
  const bool in_range = inside(utc_day);
  if (!kRangeEnforced && !in_range) return;
  const std::string what = "london_date(" + std::to_string(seconds) + ")";
  try {
    const Date d = london_date(Instant(seconds));
    FUZZ_CHECK(in_range, what + " is outside the range and did not throw");
    check_date(d, "london_date");
    const long long expected = floor_div(seconds + (summer_time(seconds) ? 3600 : 0), kSecondsPerDay);
    FUZZ_CHECK(d.serial() == expected, what + " is " + d.iso());
  } catch (const RangeError&) {
    FUZZ_CHECK(!in_range, what + " threw inside the range");
  }
}

// The start of `d` in England and a time of day on it both fall on `d`.
void london_day(const Date& d, int hour, int minute) {
  const Instant start = london_start_of_day(d);
  FUZZ_CHECK(start.seconds() == d.serial() * kSecondsPerDay || start.seconds() == d.serial() * kSecondsPerDay - 3600,
             "london_start_of_day(" + d.iso() + ") is not midnight in either season");
  FUZZ_CHECK(london_date(start) == d, "london_start_of_day(" + d.iso() + ") falls on another day");
  if (d.serial() > first_serial()) {
    FUZZ_CHECK(london_date(start.plus_seconds(-1)) == d.plus_days(-1),
               "the second before london_start_of_day(" + d.iso() + ") is not the day before");
  }
  const Instant at = london_instant(d, hour, minute);
  FUZZ_CHECK(london_date(at) == d, "london_instant(" + d.iso() + ", " + std::to_string(hour) + ":" +
                                       std::to_string(minute) + ") falls on another day");
  FUZZ_CHECK(at.seconds() >= start.seconds() && at.seconds() < start.seconds() + 25 * 3600LL,
             "london_instant(" + d.iso() + ") is not within its day");
}

void parse_text(const std::string& text) {
  if (const auto d = Date::parse(text)) {
    check_date(*d, "Date::parse");
    FUZZ_CHECK(d->iso() == text, "Date::parse accepted " + text + " but writes it " + d->iso());
  }
  if (const auto t = Instant::parse(text)) {
    FUZZ_CHECK(t->iso() == text, "Instant::parse accepted " + text + " but writes it " + t->iso());
    check_date(t->utc_date(), "Instant::parse");
    const auto day = Date::parse(text.substr(0, 10));
    FUZZ_CHECK(day && t->utc_date() == *day, "Instant::parse of " + text + " is on another day");
  }
}

}  // namespace
}  // namespace casereview::fuzz_date

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace casereview;
  using namespace casereview::fuzz_date;
  FuzzedDataProvider in(data, size);
  const std::string text = in.ConsumeRandomLengthString(32);
  parse_text(text);
  const std::optional<Date> parsed = Date::parse(text.substr(0, 10));
  Date current = parsed ? *parsed : Date::from_serial(in.ConsumeIntegralInRange(first_serial(), last_serial()));
  check_date(current, "start");
  // Amounts that reach the range's edges from anywhere inside it, or anything at all.
  const long span = last_serial() - first_serial() + 1;
  for (int step = 0; step < 32 && in.remaining_bytes() > 0; ++step) {
    const bool wide = in.ConsumeBool();
    switch (in.ConsumeIntegralInRange(0, 3)) {
      case 0:
        plus_days(current, wide ? in.ConsumeIntegral<long>() : in.ConsumeIntegralInRange(-span, span));
        break;
      case 1:
        plus_months(current, wide ? in.ConsumeIntegral<int>()
                                  : in.ConsumeIntegralInRange(-12 * (kLastYear - kFirstYear + 1),
                                                              12 * (kLastYear - kFirstYear + 1)));
        break;
      case 2:
        london(wide ? in.ConsumeIntegral<long long>()
                    : current.serial() * 86400LL + in.ConsumeIntegralInRange(-2 * 86400LL, 2 * 86400LL));
        break;
      default:
        london_day(current, in.ConsumeIntegralInRange(0, 23), in.ConsumeIntegralInRange(0, 59));
        break;
    }
  }
  return 0;
}
