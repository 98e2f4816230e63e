// Every free-text fact of every command of every workflow, given the child's
// name (as typed, upper-cased, decomposed, with a no-break space), NHS number
// or date of birth, is refused with IDENTIFIER_IN_FREE_TEXT and nothing is
// stored (screening.h). The valid body of each command is its seed in
// tests/fuzz/corpus/fuzz_facts (whose facts pass validation); the screen runs
// before the workflow decides, so the case's state does not matter. A case of
// each kind is made straight in the store with the child's details, as its
// opening step would have stored them. The openings of the rapid review and
// the local review are left out: their facts are written by the step of the
// case that opens them (which is screened itself), never typed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "case_service_fixture.h"

namespace casereview {
namespace {

using testing_support::CaseServiceTest;

Json child() {
  return Json::object()
      .set("given_name", "Zo\xC3\xAB")
      .set("family_name", "Fenwick-Zed")
      .set("nhs_number", "943 476 5919")
      .set("date_of_birth", "2021-03-04");
}

// What a careless or hurried user types into a free-text field, each a way of
// naming the child; every one fits the shortest free-text field (20 characters).
const std::vector<std::pair<std::string, std::string>>& identifiers() {
  static const std::vector<std::pair<std::string, std::string>> kTyped = {
      {"the name", "Zo\xC3\xAB Fenwick-Zed"},
      {"the name upper-cased", "ZO\xC3\x8B FENWICK-ZED"},
      {"the name in NFD", "Zoe\xCC\x88 Fenwick-Zed"},
      {"the name with a no-break space",
       "Zo\xC3\xAB\xC2\xA0"
       "Fenwick-Zed"},
      {"the NHS number", "NHS 943 476 5919"},
      {"the date of birth", "born 04/03/2021"},
  };
  return kTyped;
}

struct Seed {
  std::string kind;
  std::string command;
  Json facts;
};

std::vector<Seed> seeds() {
  std::vector<Seed> out;
  const std::string folder = std::string(CASEREVIEW_SOURCE_DIR) + "/tests/fuzz/corpus/fuzz_facts";
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    std::ifstream in(entry.path());
    std::string first;
    std::getline(in, first);
    std::stringstream rest;
    rest << in.rdbuf();
    const auto slash = first.find('/');
    // Only the seed named after its command is valid; the others are refusals.
    if (slash == std::string::npos ||
        entry.path().filename() != first.substr(0, slash) + "." + first.substr(slash + 1)) {
      continue;
    }
    try {
      out.push_back({first.substr(0, slash), first.substr(slash + 1), Json::parse(rest.str())});
    } catch (const JsonParseError&) {
      continue;  // a seed that is not JSON, kept for the fuzzer
    }
  }
  return out;
}

class FreeTextScreening : public CaseServiceTest {
 protected:
  void SetUp() override {
    CaseServiceTest::SetUp();
    Reviewer reviewer;
    reviewer.partnership_id = 1;
    reviewer.name = "A. Reviewer";
    reviewer.organisation = "Independent";
    reviewer.recorded_by = "manager@northam";
    reviewer.recorded_at = context.now;
    session->reviewers().add(reviewer);
  }

  // A case of `kind` about the child, as its opening step would have stored it.
  CaseRecord case_of(const std::string& kind) {
    auto found = cases.find(kind);
    if (found != cases.end()) return *session->cases().find(found->second);
    const WorkflowSpec& spec = registry.find(kind)->spec();
    CaseRecord record =
        session->cases().create(NewCase{kind, spec.reference_prefix, 1, context.today, "A case", 0, ""}, context.now);
    session->subjects().put(Subject{record.id, child(), new_salt()}, SubjectKey::from_facts(child()));
    cases[kind] = record.id;
    return record;
  }

  std::map<std::string, long long> cases;
};

TEST_P(FreeTextScreening, RefusesTheChildsIdentityInEveryFreeTextFactOfEveryWorkflow) {
  int checked = 0;
  for (const Seed& seed : seeds()) {
    const Workflow* workflow = registry.find(seed.kind);
    ASSERT_NE(workflow, nullptr) << seed.kind;
    const WorkflowSpec& spec = workflow->spec();
    const CommandSpec* command = spec.command(seed.command);
    ASSERT_NE(command, nullptr) << seed.kind << "/" << seed.command;
    const bool opening = command->name == spec.opening_command;
    if (opening && !spec.opened_by_kind.empty()) continue;  // written by the opening step, never typed
    for (const FieldSpec& field : command->fields) {
      const bool free_text =
          field.type == FieldType::Text || (field.type == FieldType::TextList && field.choices.empty());
      if (field.identifying || !free_text) continue;
      for (const auto& [what, typed] : identifiers()) {
        Json facts = seed.facts;
        if (field.type == FieldType::Text) {
          facts.set(field.name, typed);
        } else {
          facts.set(field.name, Json::array().push(typed));
        }
        const std::string where = seed.kind + "/" + seed.command + " " + field.name + ": " + what;
        CommandOutcome result;
        std::size_t cases_before = session->cases().all_ids().size();
        long long version_before = 0;
        if (opening) {
          for (const auto& [name, value] : child().members()) {
            const std::string& member = name;  // a structured binding cannot be captured before C++20
            if (command->fields.end() != std::find_if(command->fields.begin(), command->fields.end(),
                                                      [&](const FieldSpec& f) { return f.name == member; })) {
              facts.set(name, value);
            }
          }
          result = open(seed.kind.c_str(), facts, {"POSSIBLE_DUPLICATE", "WRONG_AREA"});
        } else {
          const CaseRecord record = case_of(seed.kind);
          cases_before = session->cases().all_ids().size();
          version_before = record.version;
          result = service.apply(*session, record.id, Command{seed.command, facts}, record.version, context);
          EXPECT_EQ(session->cases().find(record.id)->version, version_before) << where;
        }
        std::string why;
        if (const auto* invalid = std::get_if<outcome::Invalid>(&result)) {
          for (const auto& e : invalid->errors) why += " " + e.message + ";";
        }
        const auto* refused = std::get_if<outcome::Refused>(&result);
        ASSERT_NE(refused, nullptr) << where << " was not refused (outcome " << result.index() << ")" << why;
        EXPECT_EQ(refused->code, "IDENTIFIER_IN_FREE_TEXT") << where << ": " << refused->reason;
        EXPECT_EQ(refused->field, field.name) << where;
        EXPECT_EQ(session->cases().all_ids().size(), cases_before) << where;
        ++checked;
      }
    }
  }
  // Every workflow has free text; a corpus that lost its seeds would check nothing.
  EXPECT_GT(checked, 7 * 100);
}

INSTANTIATE_TEST_SUITE_P(Backends, FreeTextScreening, testing::ValuesIn(testing_support::store_backends()),
                         testing_support::backend_name);

}  // namespace
}  // namespace casereview
