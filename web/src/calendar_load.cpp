#include "calendar_load.h"

#include <map>
#include <set>

#include "app.h"

namespace casereview::web {

CalendarLoadResult load_calendar_feed(App& app, std::vector<BankHoliday> feed, const std::string& source,
                                      const std::string& actor) {
  CalendarLoadResult result;
  result.feed = std::move(feed);
  auto session = app.store().session();
  session->write_transaction([&] {
    result.added.clear();  // the transaction may run more than once (a store's retry)
    result.removed.clear();
    // What changes, year by year, in the years the feed covers.
    std::set<int> years;
    for (const auto& h : result.feed) years.insert(h.date.year());
    std::map<long, const BankHoliday*> new_dates;
    for (const auto& h : result.feed) new_dates[h.date.serial()] = &h;
    const std::vector<BankHoliday> before = session->calendar().holidays();
    std::map<long, const BankHoliday*> old_dates;
    for (const auto& h : before) {
      if (years.count(h.date.year())) old_dates[h.date.serial()] = &h;
    }
    for (const auto& [serial, h] : new_dates) {
      if (!old_dates.count(serial)) result.added.push_back(h->date.iso() + " " + h->title);
    }
    for (const auto& [serial, h] : old_dates) {
      if (!new_dates.count(serial)) result.removed.push_back(h->date.iso() + " " + h->title);
    }
    session->calendar().replace_years(result.feed, CalendarLoad{0, source, actor, Instant::now()});
    const WorkingDayCalendar updated(session->calendar().holidays());
    result.cases_recomputed = app.cases().reproject_open_clocks(*session, updated);
  });
  result.revision = session->calendar().latest_load()->revision;
  return result;
}

}  // namespace casereview::web
