// A workflow's README and its machine must agree: everything between the
// README's generated markers (diagram, transition table, every state's meaning,
// where it is entered from and leaves to, who may act, the deadline rules) is
// exactly what readme_sections() writes from the spec, so no state's text can
// drift from the machine.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "casereview/workflows/all_workflows.h"
#include "casereview/workflows/readme_sections.h"

namespace casereview {
namespace {

// Each workflow's folder is named after its kind, but for the notification's.
std::string folder_of(const std::string& kind) {
  if (kind == "serious_incident_notification") return "serious_incident";
  return kind;
}

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The text between <!-- generated:begin --> and <!-- generated:end -->, or
// "(no generated block)".
std::string generated_block(const std::string& readme) {
  const std::string begin = "<!-- generated:begin -->\n", end = "<!-- generated:end -->";
  const auto from = readme.find(begin), to = readme.find(end);
  if (from == std::string::npos || to == std::string::npos || to < from) return "(no generated block)";
  return readme.substr(from + begin.size(), to - from - begin.size());
}

TEST(WorkflowReadme, GeneratedSectionsAreExactlyWhatTheMachineDescribes) {
  WorkflowRegistry registry;
  workflows::register_all(registry);
  ASSERT_EQ(registry.all().size(), 5u);
  for (const Workflow* workflow : registry.all()) {
    const WorkflowSpec& spec = workflow->spec();
    const std::string path = std::string(CASEREVIEW_SOURCE_DIR) + "/workflows/" + folder_of(spec.kind) + "/README.md";
    const std::string readme = read(path);
    ASSERT_FALSE(readme.empty()) << path;
    EXPECT_EQ(generated_block(readme), workflows::readme_sections(spec))
        << path << ": replace the generated block with the output of `casereview describe " << spec.kind << "`";
  }
}

// What the generated text is made of, so that the comparison above cannot pass
// by both sides being empty or losing a state.
TEST(WorkflowReadme, DescribesEveryStateAndTransition) {
  WorkflowRegistry registry;
  workflows::register_all(registry);
  for (const Workflow* workflow : registry.all()) {
    const WorkflowSpec& spec = workflow->spec();
    const std::string text = workflows::readme_sections(spec);
    for (const StateSpec& state : spec.states) {
      EXPECT_NE(text.find("### `" + state.name + "`\n- **Meaning for the user:** " + state.meaning + "\n"),
                std::string::npos)
          << spec.kind << " " << state.name;
    }
    for (const TransitionSpec& t : spec.transitions) {
      const std::string row = "| " + (t.from.empty() ? std::string("(opening)") : "`" + t.from + "`") + " | `" +
                              t.command + "` | `" + t.to + "` |\n";
      EXPECT_NE(text.find(row), std::string::npos) << spec.kind << " " << row;
    }
    for (const DeadlineRule& r : spec.rules) EXPECT_NE(text.find("| `" + r.id + "` |"), std::string::npos) << r.id;
  }
}

}  // namespace
}  // namespace casereview
