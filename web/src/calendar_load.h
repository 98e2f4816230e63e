#pragma once
// Loading a bank-holiday feed (GOV.UK's bank-holidays.json) into the calendar,
// from the command line or the API: the years it covers are replaced, the load
// is recorded as a new revision, and every open clock is recomputed, in one
// transaction. The feed is parsed (and so checked) by the caller with
// parse_bank_holiday_feed, before anything is opened or changed.
#include <string>
#include <vector>

#include "casereview/engine/bank_holidays.h"

namespace casereview::web {

class App;

struct CalendarLoadResult {
  std::vector<BankHoliday> feed;
  std::vector<std::string> added;  // "2027-05-03 Early May bank holiday", in the years the feed covers
  std::vector<std::string> removed;
  int cases_recomputed = 0;
  long long revision = 0;
};

// `feed` as parse_bank_holiday_feed returns it: not empty, sorted by date.
// `added` and `removed` compare dates only (a renamed holiday is in neither).
// Throws StorageError, having changed nothing.
CalendarLoadResult load_calendar_feed(App& app, std::vector<BankHoliday> feed, const std::string& source,
                                      const std::string& actor);

}  // namespace casereview::web
