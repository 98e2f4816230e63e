// The calendar a page kept whole for its reader is made with (App::page_context):
// kept as long as such pages are, where commands and every other read take
// the latest load. A load by the command line stands for one by another
// process, which this server is never told of.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "app.h"
#include "casereview/engine/bank_holidays.h"
#include "demonstration_settings.h"
#include "temp_dir.h"

namespace casereview::web {
namespace {

using testing_support::TempDir;

// Loads the shipped feed with one more holiday (in a year it publishes), as
// `casereview calendar load` on the same database: a new revision.
void load_a_holiday_elsewhere(TempDir& dir, const Settings& settings) {
  std::string feed(shipped_bank_holiday_feed());
  const std::string marker = R"("events": [)";
  ASSERT_NE(feed.find(marker), std::string::npos);
  feed.insert(feed.find(marker) + marker.size(),
              R"({"title":"One-off holiday","date":"2026-07-15","notes":"","bunting":true},)");
  const auto loaded =
      testing_support::run_casereview({"calendar", "load", dir.write("feed.json", feed), "--db", settings.db_path});
  ASSERT_EQ(loaded.exit_code, 0) << loaded.err;
}

struct Read {
  long long revision = 0;
  const WorkingDayCalendar* calendar = nullptr;
};

Read page_read(App& app, const Principal& reader) {
  auto session = app.store().session();
  Read read;
  read.calendar = app.page_context(*session, reader, read.revision).calendar.get();
  return read;
}

Read latest_read(App& app, const Principal& reader) {
  auto session = app.store().session();
  Read read;
  read.calendar = app.context(*session, reader, read.revision).calendar.get();
  return read;
}

Principal manager_of(App& app) {
  auto session = app.store().session();
  return system_principal("page.reader", session->partnerships().list().front());
}

// A server of the demonstration data keeping pages for `lists_recheck_ms`,
// its manager, and the calendar a page read before a load elsewhere.
struct PagesKeptFor {
  explicit PagesKeptFor(int lists_recheck_ms)
      : settings(kept_for(testing_support::demonstration_settings(dir, "pages.db"), lists_recheck_ms)),
        server(settings, db::SchemaMode::CreateIfEmpty),
        manager(manager_of(server)),
        before(page_read(server, manager)) {
    load_a_holiday_elsewhere(dir, settings);
  }
  static Settings kept_for(Settings s, int ms) {
    s.lists_recheck_ms = ms;
    return s;
  }

  TempDir dir;
  Settings settings;
  App server;
  Principal manager;
  Read before;
};

TEST(PageCalendar, IsKeptAsLongAsPagesAreWhereOtherReadsTakeTheLatestLoad) {
  PagesKeptFor a(60 * 1000);
  const Read latest = latest_read(a.server, a.manager);
  EXPECT_GT(latest.revision, a.before.revision) << "commands and other reads take the latest load";
  const Read kept = page_read(a.server, a.manager);
  EXPECT_EQ(kept.revision, a.before.revision) << "a page within a minute takes the calendar it was made with";
  EXPECT_EQ(kept.calendar, a.before.calendar);

  a.server.forget_kept_reads();  // what any change through this server does
  const Read after = page_read(a.server, a.manager);
  EXPECT_EQ(after.revision, latest.revision);
  EXPECT_EQ(after.calendar, latest.calendar);
}

TEST(PageCalendar, TakesALoadElsewhereOnceItsTimeIsUp) {
  PagesKeptFor a(20);
  std::this_thread::sleep_for(std::chrono::milliseconds(40));  // twice the time a page may keep it
  const Read after = page_read(a.server, a.manager);
  EXPECT_GT(after.revision, a.before.revision);
  EXPECT_EQ(after.revision, latest_read(a.server, a.manager).revision);
}

TEST(PageCalendar, IsNotKeptWhenPagesAreNot) {
  PagesKeptFor a(0);
  EXPECT_GT(page_read(a.server, a.manager).revision, a.before.revision);
}

}  // namespace
}  // namespace casereview::web
