// A server keeps a case's timeline and its spine's merged timeline as text,
// keyed by each case's version (web/src/api/kept_answers.h). A step that this
// server takes gives everything up at once; these tests take one elsewhere,
// through a second App on the same database, as another server of a shared
// database or the command line would, which this server is never told of:
// the version in the key must show it on the very next read.
#include <gtest/gtest.h>

#include "api/handlers.h"
#include "app.h"
#include "demonstration_settings.h"
#include "temp_dir.h"

namespace casereview::web {
namespace {

using testing_support::TempDir;
using testing_support::test_today;

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
  const Settings settings = testing_support::demonstration_settings(dir, "kept.db");
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

}  // namespace
}  // namespace casereview::web
