// A case's page gets the steps its reader may take as text made once for
// every command (web/src/api/json_views.h: CommandViews), added as the page's
// last member: the page must read as the JSON it would be with them made anew.
#include <gtest/gtest.h>

#include "api/json_views.h"
#include "casereview/workflows/all_workflows.h"

namespace casereview::web {
namespace {

TEST(CommandViews, AddsTheStepsAsTheirJsonWouldBeMadeAnew) {
  WorkflowRegistry registry;
  workflows::register_all(registry);
  const CommandViews views(registry);
  std::vector<const CommandSpec*> allowed;
  for (const Workflow* w : registry.all()) allowed.push_back(&w->spec().commands.front());
  ASSERT_GE(allowed.size(), 2u);
  const CommandSpec outside{"not_in_the_registry", "Not in the registry", "Made when asked for", "anyone", {}};
  allowed.push_back(&outside);

  Json expected = Json::object();
  expected.set("id", 7);
  Json commands = Json::array();
  for (const CommandSpec* c : allowed) commands.push(command_json(*c));
  expected.set("allowed_commands", std::move(commands));

  std::string page = R"({"id":7})";
  views.add_allowed(page, allowed);
  EXPECT_EQ(Json::parse(page), expected);
  EXPECT_EQ(page, expected.dump());
}

TEST(CommandViews, AddsNoStepsToAnEmptyObjectAndRefusesWhatIsNotOne) {
  const CommandViews views;
  std::string empty = "{}";
  views.add_allowed(empty, {});
  EXPECT_EQ(empty, R"({"allowed_commands":[]})");
  for (std::string not_an_object : {std::string("[]"), std::string(""), std::string("{"), std::string("\"{}\"")}) {
    EXPECT_THROW(views.add_allowed(not_an_object, {}), std::logic_error) << not_an_object;
  }
}

}  // namespace
}  // namespace casereview::web
