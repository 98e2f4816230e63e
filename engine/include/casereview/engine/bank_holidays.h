#pragma once
// Bank holidays in England and Wales: the published list (the GOV.UK feed) and
// the standing rules used for years the published list does not cover yet.

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "casereview/engine/date.h"

namespace casereview {

struct BankHoliday {
  Date date;
  std::string title;
  std::string notes;  // e.g. "Substitute day"; empty when none
};

// Western (Gregorian) Easter Sunday.
Date easter_sunday(int year);

// The holidays that the standing rules give for `year`: New Year's Day, Good
// Friday, Easter Monday, early May (first Monday), spring (last Monday of May),
// summer (last Monday of August), Christmas Day and Boxing Day, with substitute
// weekdays when a fixed-date holiday falls at a weekend. One-off changes (a moved
// May holiday, a jubilee, a state funeral) cannot be predicted and are exactly
// why published data is preferred. Sorted by date.
std::vector<BankHoliday> standard_bank_holidays(int year);

// A feed that failed validation. `problems` lists every problem found, each a
// sentence an administrator can act on.
class HolidayFeedError : public std::runtime_error {
 public:
  explicit HolidayFeedError(std::vector<std::string> problems);
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::vector<std::string> problems_;
};

// Parses and validates a bank-holiday file in the shape of the public GOV.UK feed
// (https://www.gov.uk/bank-holidays.json), taking the "england-and-wales" division
// and ignoring the others. Checks: valid JSON, a non-empty events list, valid ISO
// dates, a title on each event, no duplicate date, no date at a weekend, every
// year from the first to the last present with at least the eight standard
// holidays. Returns the holidays sorted by date; throws HolidayFeedError
// otherwise (listing every problem found; a text that is not JSON, or has no
// such division or list, gives one problem).
std::vector<BankHoliday> parse_bank_holiday_feed(std::string_view json_text);

// The copy of the feed shipped with casereview (engine/data), embedded at build
// time: static text, valid for the whole run.
std::string_view shipped_bank_holiday_feed();

}  // namespace casereview
