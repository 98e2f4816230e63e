#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "cli/cli.h"

namespace casereview::web {
namespace {

constexpr std::size_t kMaxFeedBytes = 4 * 1024 * 1024;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError{"cannot read " + path};
  std::ostringstream text;
  text << in.rdbuf();
  if (text.str().size() > kMaxFeedBytes) throw UsageError{path + " is larger than 4 MiB; it is not a holiday feed"};
  return text.str();
}

// What loading `feed` changes, year by year, for the years it covers.
std::vector<std::string> describe_changes(const std::vector<BankHoliday>& before, const std::vector<BankHoliday>& feed) {
  std::set<int> years;
  for (const auto& h : feed) years.insert(h.date.year());
  std::map<long, const BankHoliday*> old_dates, new_dates;
  for (const auto& h : before) {
    if (years.count(h.date.year())) old_dates[h.date.serial()] = &h;
  }
  for (const auto& h : feed) new_dates[h.date.serial()] = &h;
  std::vector<std::string> changes;
  for (const auto& [serial, h] : new_dates) {
    if (!old_dates.count(serial)) changes.push_back("  added   " + h->date.iso() + " " + h->title);
  }
  for (const auto& [serial, h] : old_dates) {
    if (!new_dates.count(serial)) changes.push_back("  removed " + h->date.iso() + " " + h->title);
  }
  return changes;
}

}  // namespace

int command_calendar_load(const CliArgs& args) {
  if (args.words.size() != 3) throw UsageError{"usage: casereview calendar load FILE"};
  const std::string& path = args.words[2];
  std::vector<BankHoliday> feed;
  try {
    feed = parse_bank_holiday_feed(read_file(path));
  } catch (const HolidayFeedError& e) {
    std::cerr << "casereview: " << path << " was not loaded; nothing was changed:\n";
    for (const auto& p : e.problems()) std::cerr << "  - " << p << "\n";
    return kExitUsage;
  }

  App app = open_for_command(args);
  auto session = app.store().session();
  const std::vector<std::string> changes = describe_changes(session->calendar().holidays(), feed);
  int reprojected = 0;
  session->write_transaction([&] {
    session->calendar().replace_years(feed, CalendarLoad{0, path, args.actor, Instant::now()});
    const WorkingDayCalendar updated(session->calendar().holidays());
    reprojected = app.cases().reproject_open_clocks(*session, updated);
  });
  const auto load = session->calendar().latest_load();
  std::cout << "Loaded " << feed.size() << " bank holidays for " << feed.front().date.year() << "–"
            << feed.back().date.year() << " from " << path << " (calendar revision " << load->revision << ").\n";
  if (changes.empty()) {
    std::cout << "No dates changed in those years.\n";
  } else {
    std::cout << "Changes in those years:\n";
    for (const auto& c : changes) std::cout << c << "\n";
  }
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
    if (!parsed) throw UsageError{"\"" + args.words[2] + "\" is not a year"};
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
