// The bank-holiday feed loader (parse_bank_holiday_feed, engine/src/bank_holidays.cpp),
// which reads what an administrator uploads (PUT /api/v1/calendar,
// `casereview calendar load`). It must either return a list that keeps every
// promise of bank_holidays.h or throw HolidayFeedError naming at least one
// problem; any other exception is a failure.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "casereview/engine/bank_holidays.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace casereview;
  std::vector<BankHoliday> holidays;
  try {
    holidays = parse_bank_holiday_feed(fuzz::text_of(data, size));
  } catch (const HolidayFeedError& e) {
    FUZZ_CHECK(!e.problems().empty(), "HolidayFeedError without a problem");
    for (const std::string& problem : e.problems()) FUZZ_CHECK(!problem.empty(), "an empty problem");
    return 0;
  }
  FUZZ_CHECK(!holidays.empty(), "an accepted feed without holidays");
  std::map<int, int> per_year;
  for (std::size_t i = 0; i < holidays.size(); ++i) {
    const BankHoliday& h = holidays[i];
    const std::string what = "accepted holiday " + h.date.iso();
    // Date::parse takes only dates in the supported range (date.h).
    FUZZ_CHECK(Date::parse(h.date.iso()) == h.date, what + ": outside the range, or does not read back");
    FUZZ_CHECK(!h.title.empty(), what + ": no title");
    FUZZ_CHECK(!h.date.is_weekend(), what + ": at a weekend");
    FUZZ_CHECK(i == 0 || holidays[i - 1].date < h.date, what + ": not after the one before (order, or a repeat)");
    ++per_year[h.date.year()];
  }
  for (int year = per_year.begin()->first; year <= per_year.rbegin()->first; ++year) {
    FUZZ_CHECK(per_year[year] >= 8, "accepted year " + std::to_string(year) + " with fewer than 8 holidays");
  }
  return 0;
}
