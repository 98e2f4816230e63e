// A workflow's README and its transition table must agree: the README's table
// (between the transitions markers) lists exactly the machine's rows, in order,
// and describes every state.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "casereview/workflows/all_workflows.h"

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

std::string trim(const std::string& s) {
  const auto begin = s.find_first_not_of(" `");
  const auto end = s.find_last_not_of(" `");
  return begin == std::string::npos ? "" : s.substr(begin, end - begin + 1);
}

// Rows "| from | command | to |" between <!-- transitions:begin --> and end,
// after the header and separator lines.
std::vector<TransitionSpec> readme_transitions(const std::string& text) {
  const auto begin = text.find("<!-- transitions:begin -->");
  const auto end = text.find("<!-- transitions:end -->");
  std::vector<TransitionSpec> out;
  if (begin == std::string::npos || end == std::string::npos) return out;
  std::istringstream lines(text.substr(begin, end - begin));
  std::string line;
  int table_line = 0;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] != '|') continue;
    if (++table_line <= 2) continue;  // header and separator
    std::vector<std::string> cells;
    std::istringstream row(line.substr(1));
    std::string cell;
    while (std::getline(row, cell, '|')) cells.push_back(trim(cell));
    if (cells.size() < 3) continue;
    out.push_back({cells[0] == "(opening)" ? "" : cells[0], cells[1], cells[2]});
  }
  return out;
}

TEST(WorkflowReadme, TransitionTableMatchesTheMachine) {
  WorkflowRegistry registry;
  workflows::register_all(registry);
  for (const Workflow* workflow : registry.all()) {
    const WorkflowSpec& spec = workflow->spec();
    const std::string path =
        std::string(CASEREVIEW_SOURCE_DIR) + "/workflows/" + folder_of(spec.kind) + "/README.md";
    const std::string text = read(path);
    ASSERT_FALSE(text.empty()) << path;
    const auto documented = readme_transitions(text);
    ASSERT_EQ(documented.size(), spec.transitions.size()) << path;
    for (std::size_t i = 0; i < documented.size(); ++i) {
      EXPECT_EQ(documented[i].from, spec.transitions[i].from) << path << " row " << i;
      EXPECT_EQ(documented[i].command, spec.transitions[i].command) << path << " row " << i;
      EXPECT_EQ(documented[i].to, spec.transitions[i].to) << path << " row " << i;
    }
    for (const StateSpec& state : spec.states) {
      EXPECT_NE(text.find("### `" + state.name + "`"), std::string::npos)
          << path << " does not describe state " << state.name;
    }
  }
}

}  // namespace
}  // namespace casereview
