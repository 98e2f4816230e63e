// A server keeps a case's timeline and its spine's merged timeline as text,
// keyed by each case's version (web/src/api/kept_answers.h). A step that this
// server takes gives everything up at once; these tests take one elsewhere,
// through a second App on the same database, as another server of a shared
// database or the command line would, which this server is never told of:
// the version in the key must show it on the very next read.
#include <gtest/gtest.h>

#include "api/handlers.h"
#include "app.h"
#include "casereview/engine/bank_holidays.h"
#include "demonstration_settings.h"
#include "temp_dir.h"

namespace casereview::web {
namespace {

using testing_support::TempDir;
using testing_support::test_today;

// What is kept is trusted for a minute, so that only the key can make the next
// read see a change (a second might pass between two reads on a slow machine).
Settings kept_for_a_minute(Settings settings) {
  settings.answers_recheck_ms = 60 * 1000;
  return settings;
}

// The holidays to add so that `day` becomes one: the day itself, and when its
// year (or one before it) is not yet published, enough other weekdays of those
// years from 1 December that the feed is accepted (every year has at least 8).
std::vector<Date> holidays_making(Date day, const WorkingDayCalendar& calendar) {
  std::vector<Date> added = {day};
  const auto& published = calendar.published_years();
  const int first_missing = published.empty() ? day.year() : *published.rbegin() + 1;
  for (int year = first_missing; year <= day.year(); ++year) {
    int count = year == day.year() ? 1 : 0;
    for (Date d = Date::from_ymd(year, 12, 1).value(); count < 8; d = d.plus_days(1)) {
      if (d.is_weekend() || d == day) continue;
      added.push_back(d);
      ++count;
    }
  }
  return added;
}

// The first case, in `app`'s store, whose manager is offered `command`.
std::optional<CaseRecord> a_case_offering(App& app, const Principal& manager, const std::string& command) {
  auto session = app.store().session();
  const RequestContext context = app.context(*session, manager);
  CaseFilter every_case;
  every_case.partnership_id = manager.partnership_id;
  for (const CaseRecord& c : session->cases().all_matching_brief(every_case)) {
    const auto detail = app.cases().detail(*session, c.id, context);
    if (!detail) continue;
    for (const CommandSpec* offered : detail->allowed_commands) {
      if (offered->name == command) return detail->record;
    }
  }
  return std::nullopt;
}

Json read(HttpResponse (*handler)(const HttpRequest&, App&), App& app, const Principal& reader, long long case_id) {
  HttpRequest request;
  request.method = "GET";
  request.principal = reader;
  request.params["id"] = std::to_string(case_id);
  const HttpResponse response = handler(request, app);
  EXPECT_EQ(response.status, 200) << response.body;
  return Json::parse(response.body);
}

TEST(KeptAnswers, ATimelineAndASpineShowAStepTakenElsewhereOnTheNextRead) {
  TempDir dir;
  const Settings settings = kept_for_a_minute(testing_support::demonstration_settings(dir, "kept.db"));
  App server(settings, db::SchemaMode::CreateIfEmpty);
  App elsewhere(settings, db::SchemaMode::CreateIfEmpty);
  Partnership partnership;
  {
    auto session = server.store().session();
    partnership = session->partnerships().list().front();
  }
  const Principal manager = system_principal("kept.reader", partnership);
  const auto record = a_case_offering(server, manager, "add_action");
  ASSERT_TRUE(record.has_value()) << "the demonstration data has a case that takes actions";

  const Json timeline = read(get_timeline, server, manager, record->id);
  const Json spine = read(get_spine, server, manager, record->id);
  EXPECT_GT(server.kept_answers().weight(), 0u) << "both are kept";
  // Read again, from what was kept: the same answers.
  EXPECT_EQ(read(get_timeline, server, manager, record->id), timeline);
  EXPECT_EQ(read(get_spine, server, manager, record->id), spine);
  ASSERT_EQ(timeline["case"]["version"].as_integer(), record->version);

  const Date today = Date::parse(test_today()).value();
  Json facts = Json::object();
  facts.set("ref", "K1");
  facts.set("recommendation", "Share the plan with the school.");
  facts.set("action", "Send the plan to the designated safeguarding lead.");
  facts.set("owner_person", "A. Owner");
  facts.set("owner_agency", "Local authority");
  facts.set("due_on", today.plus_days(60).iso());
  facts.set("desired_outcome", "The school knows the plan.");
  facts.set("agreed_on", today.iso());
  {
    auto session = elsewhere.store().session();
    const RequestContext context = elsewhere.context(*session, manager);
    const CommandOutcome outcome =
        elsewhere.cases().apply(*session, record->id, Command{"add_action", facts}, record->version, context);
    ASSERT_TRUE(std::holds_alternative<outcome::Changed>(outcome));
  }

  const Json timeline_after = read(get_timeline, server, manager, record->id);
  EXPECT_EQ(timeline_after["case"]["version"].as_integer(), record->version + 1);
  ASSERT_EQ(timeline_after["events"].items().size(), timeline["events"].items().size() + 1);
  EXPECT_EQ(timeline_after["events"].items().back()["type"].as_string(), "action_added")
      << timeline_after["events"].items().back().dump();
  const Json spine_after = read(get_spine, server, manager, record->id);
  EXPECT_EQ(spine_after["timeline"].items().size(), spine["timeline"].items().size() + 1);
}

// A case's clocks are kept by the case's version, today and the calendar's
// revision: a bank holiday loaded by `casereview calendar load`, which moves
// open deadlines without a step on the case, shows on the next read.
TEST(KeptAnswers, ACasesClocksShowACalendarLoadedElsewhereOnTheNextRead) {
  TempDir dir;
  // Pages kept whole (and the calendar they keep, App::page_context) for a
  // minute too: the clocks must not take their calendar from there.
  Settings settings = kept_for_a_minute(testing_support::demonstration_settings(dir, "clocks.db"));
  settings.lists_recheck_ms = 60 * 1000;
  App server(settings, db::SchemaMode::CreateIfEmpty);
  Partnership partnership;
  std::shared_ptr<const WorkingDayCalendar> calendar;
  {
    auto session = server.store().session();
    partnership = session->partnerships().list().front();
    calendar = server.calendar(*session);
  }
  const Principal manager = system_principal("kept.reader", partnership);
  const Date today = Date::parse(test_today()).value();

  // A working day between tomorrow and an open clock's due date (by the day)
  // that a new holiday would move.
  std::optional<long long> case_id;
  std::optional<Date> holiday;
  {
    auto session = server.store().session();
    CaseFilter every_case;
    every_case.partnership_id = partnership.id;
    for (const CaseRecord& c : session->cases().all_matching_brief(every_case)) {
      for (const Clock& clock : session->deadlines().for_case(c.id)) {
        if (!clock.is_open() || clock.is_paused() || !clock.due || clock.due->at) continue;
        for (Date d = today.plus_days(1); d < clock.due->date && !holiday; d = d.plus_days(1)) {
          if (calendar->is_working_day(d)) holiday = d;
        }
        if (holiday) break;
      }
      if (holiday) {
        case_id = c.id;
        break;
      }
    }
  }
  ASSERT_TRUE(case_id && holiday) << "the demonstration data has an open clock due after a working day to come";

  const Json before = read(get_case_deadlines, server, manager, *case_id);
  EXPECT_GT(server.kept_answers().weight(), 0u) << "the clocks are kept";
  EXPECT_EQ(read(get_case_deadlines, server, manager, *case_id), before);

  std::string feed(shipped_bank_holiday_feed());
  const std::string marker = R"("events": [)";
  ASSERT_NE(feed.find(marker), std::string::npos);
  for (const Date& day : holidays_making(*holiday, *calendar)) {
    feed.insert(feed.find(marker) + marker.size(),
                R"({"title":"One-off holiday","date":")" + day.iso() + R"(","notes":"","bunting":true},)");
  }
  const auto loaded =
      testing_support::run_casereview({"calendar", "load", dir.write("feed.json", feed), "--db", settings.db_path});
  ASSERT_EQ(loaded.exit_code, 0) << loaded.err;

  const Json after = read(get_case_deadlines, server, manager, *case_id);
  EXPECT_NE(after, before) << "a holiday before the due date moves it";
  App fresh(settings, db::SchemaMode::CreateIfEmpty);
  EXPECT_EQ(after, read(get_case_deadlines, fresh, manager, *case_id)) << "as a server that kept nothing reads it";
}

}  // namespace
}  // namespace casereview::web
