// Every event sentence of every workflow is a well-formed template whose
// members the workflow records: each {member} is a fact of one of its commands
// or one of the few members its steps add, so a misspelt member cannot leave a
// sentence short without a test failing.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "casereview/engine/event_sentence.h"
#include "casereview/workflows/all_workflows.h"

namespace casereview {
namespace {

// Members a step adds to its event beyond the command's facts, and the one the
// sentence computes (return_due, from the agency request's clock).
const std::set<std::string> kAddedByTheSteps = {"died_at", "through", "return_due"};

// The {members} of `pattern`; "" in the result marks a brace or bracket that is
// not closed, or one opened inside another.
std::vector<std::string> members_of(const std::string& pattern) {
  std::vector<std::string> out;
  bool in_part = false;
  for (std::size_t at = 0; at < pattern.size(); ++at) {
    const char c = pattern[at];
    if (c == '[' || c == ']') {
      if ((c == '[') == in_part) out.emplace_back("");
      in_part = c == '[';
    } else if (c == '{') {
      const std::size_t close = pattern.find('}', at);
      const std::string name = close == std::string::npos ? "" : pattern.substr(at + 1, close - at - 1);
      out.push_back(name.find_first_of("{[]") == std::string::npos ? name : "");
      at = close == std::string::npos ? pattern.size() : close;
    } else if (c == '}') {
      out.emplace_back("");
    }
  }
  if (in_part) out.emplace_back("");
  return out;
}

TEST(EventSentences, EveryTemplateIsWellFormedAndNamesWhatItsWorkflowRecords) {
  WorkflowRegistry registry;
  workflows::register_all(registry);
  for (const Workflow* workflow : registry.all()) {
    const WorkflowSpec& spec = workflow->spec();
    const std::string& kind = spec.kind;
    std::set<std::string> facts = kAddedByTheSteps;
    for (const CommandSpec& command : spec.commands) {
      for (const FieldSpec& field : command.fields) facts.insert(field.name);
    }
    EXPECT_GE(spec.event_sentences.size(), 5u) << kind;
    for (const auto& [type, pattern] : spec.event_sentences) {
      for (const std::string& member : members_of(pattern)) {
        EXPECT_FALSE(member.empty()) << kind << " " << type << ": a brace or bracket not closed in " << pattern;
        if (!member.empty()) {
          EXPECT_TRUE(facts.count(member)) << kind << " " << type << " names {" << member << "}";
        }
      }
    }
  }
  // The shared steps' and retention's sentences: well formed (their members are
  // the shared commands' facts and retention's reason, checked in event_sentence_test).
  for (const auto& [type, pattern] : common_event_sentences()) {
    for (const std::string& member : members_of(pattern)) EXPECT_FALSE(member.empty()) << type << ": " << pattern;
  }
}

}  // namespace
}  // namespace casereview
