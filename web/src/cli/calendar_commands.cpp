#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "calendar_load.h"
#include "cli/cli.h"

namespace casereview::web {
namespace {

constexpr std::size_t kMaxFeedBytes = std::size_t{4} << 20;  // 4 MiB

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError{"cannot read " + path};
  std::ostringstream text;
  text << in.rdbuf();
  if (text.str().size() > kMaxFeedBytes) throw UsageError{path + " is larger than 4 MiB; it is not a holiday feed"};
  return text.str();
}

}  // namespace

int command_calendar_load(const CliArgs& args) {
  if (args.words.size() != 3) throw UsageError{"usage: casereview calendar load FILE"};
  const std::string& path = args.words[2];
  std::vector<BankHoliday> feed;
  try {
    feed = parse_bank_holiday_feed(read_file(path));  // checked before the database is opened
  } catch (const HolidayFeedError& e) {
    std::cerr << "casereview: " << path << " was not loaded; nothing was changed:\n";
    for (const auto& p : e.problems()) std::cerr << "  - " << p << "\n";
    return kExitUsage;
  }
  App app = open_for_command(args);
  const CalendarLoadResult loaded = load_calendar_feed(app, std::move(feed), path, args.actor);
  std::cout << "Loaded " << loaded.feed.size() << " bank holidays for " << loaded.feed.front().date.year() << "–"
            << loaded.feed.back().date.year() << " from " << path << " (calendar revision " << loaded.revision
            << ").\n";
  if (loaded.added.empty() && loaded.removed.empty()) {
    std::cout << "No dates changed in those years.\n";
  } else {
    std::cout << "Changes in those years:\n";
    for (const auto& c : loaded.added) std::cout << "  added   " << c << "\n";
    for (const auto& c : loaded.removed) std::cout << "  removed " << c << "\n";
  }
  const int reprojected = loaded.cases_recomputed;
  auto session = app.store().session();
  std::cout << "Open deadlines recomputed on " << reprojected << " case(s).\n";
  if (!app.calendar(*session)->is_published_year(app.today().year())) {
    std::cout << "Warning: the calendar does not cover this year (" << app.today().year()
              << "); due dates this year are provisional.\n";
  }
  return kExitOk;
}

int command_calendar_show(const CliArgs& args) {
  if (args.words.size() > 3) throw UsageError{"usage: casereview calendar show [YEAR]"};
  App app = open_for_command(args);
  int year = app.today().year();
  if (args.words.size() == 3) {
    const auto parsed = Date::parse(args.words[2] + "-01-01");
    if (!parsed) {
      throw UsageError{"\"" + args.words[2] + "\" is not a year from " + std::to_string(kFirstSupportedYear) + " to " +
                       std::to_string(kLastSupportedYear)};
    }
    year = parsed->year();
  }
  auto session = app.store().session();
  const auto calendar = app.calendar(*session);
  const bool published = calendar->is_published_year(year);
  std::cout << "Bank holidays in England and Wales, " << year
            << (published ? " (published)" : " (provisional: by the standing rules)") << "\n";
  for (const BankHoliday& h : calendar->holidays_in(year)) {
    std::cout << "  " << h.date.iso() << "  " << weekday_name(h.date.weekday()) << "  " << h.title
              << (h.notes.empty() ? "" : " (" + h.notes + ")") << "\n";
  }
  return kExitOk;
}

}  // namespace casereview::web
