// Command facts (validate_facts, engine/src/workflow.cpp) against the field
// specs of every real workflow (casereview/workflows/all_workflows.h), as the
// API checks a command's "facts" before a workflow sees them.
//
// Input: a first line "<kind>/<command>" and the facts as JSON text after it
// (corpus/fuzz_facts holds one valid body per command). A first line that
// names no command picks one from its bytes, so mutated names still reach every
// command. Checked: validate_facts never throws; every problem names a member
// of the facts or a field of the command; facts it accepts really fit the spec
// (checked here field by field); and the order of the members changes nothing.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "casereview/engine/json.h"
#include "casereview/engine/workflow.h"
#include "casereview/workflows/all_workflows.h"
#include "fuzz_support.h"

namespace {

using namespace casereview;

struct Fixture {
  WorkflowRegistry registry;
  std::vector<std::string> names;  // "<kind>/<command>", as the first line names them
  std::vector<const CommandSpec*> commands;
  Vocabularies vocabularies;
  std::map<long long, Reviewer> reviewers;
  Date today = *Date::parse("2026-12-02");
};

// The registry of the server, a few codes of each starter vocabulary (db
// migration 0002) with one retired, and one reviewer in the register (id 1).
const Fixture& fixture() {
  static const Fixture* const kFixture = [] {
    auto* f = new Fixture;
    workflows::register_all(f->registry);
    for (const Workflow* workflow : f->registry.all()) {
      for (const CommandSpec& command : workflow->spec().commands) {
        f->names.push_back(workflow->spec().kind + "/" + command.name);
        f->commands.push_back(&command);
      }
    }
    f->vocabularies.factors = {{"social.co_sleeping", "social_environment", "Co-sleeping", true},
                               {"child.mental_health", "child", "Mental health", true},
                               {"physical.road_safety", "physical_environment", "Road safety", false}};
    f->vocabularies.themes = {{"working_with_fathers", "Working with fathers", true},
                              {"information_sharing", "Information sharing", true},
                              {"escalation", "Escalation", false}};
    Reviewer reviewer;
    reviewer.id = 1;
    reviewer.partnership_id = 1;
    reviewer.name = "A. Reviewer";
    f->reviewers[1] = reviewer;
    return f;
  }();
  return *kFixture;
}

const CommandSpec& command_named(std::string_view first_line) {
  const Fixture& f = fixture();
  const auto at = std::find(f.names.begin(), f.names.end(), first_line);
  if (at != f.names.end()) return *f.commands[static_cast<std::size_t>(at - f.names.begin())];
  return *f.commands[fuzz::pick(first_line, f.commands.size())];
}

bool is_blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

bool listed(const std::vector<std::string>& choices, const std::string& value) {
  return std::find(choices.begin(), choices.end(), value) != choices.end();
}

// An independent reading of the field's rule (workflow.h), for facts that
// validate_facts accepted.
bool fits(const FieldSpec& field, const Json& value, const Fixture& f) {
  auto all_items = [&](auto ok) {
    if (!value.is_array() || (field.required && value.items().empty())) return false;
    return std::all_of(value.items().begin(), value.items().end(),
                       [&](const Json& item) { return item.is_string() && ok(item.as_string()); });
  };
  switch (field.type) {
    case FieldType::Date: {
      const auto date = value.is_string() ? Date::parse(value.as_string()) : std::nullopt;
      return date && !(field.not_after_today && f.today < *date);
    }
    case FieldType::Time:
      return value.is_string() && value.as_string().size() == 5 && value.as_string()[2] == ':';
    case FieldType::Text:
      return value.is_string() && value.as_string().size() <= field.max_length &&
             !(field.required && is_blank(value.as_string()));
    case FieldType::Boolean:
      return value.is_bool();
    case FieldType::Integer:
      return value.is_integer() && value.as_integer() >= field.min_value && value.as_integer() <= field.max_value;
    case FieldType::Choice:
      return value.is_string() && listed(field.choices, value.as_string());
    case FieldType::TextList:
      return all_items([&](const std::string& s) {
        return !is_blank(s) && s.size() <= field.max_length && (field.choices.empty() || listed(field.choices, s));
      });
    case FieldType::ThemeList:
      return all_items([&](const std::string& s) {
        const ThemeCode* t = f.vocabularies.theme(s);
        return t && t->active;
      });
    case FieldType::FactorList:
      return all_items([&](const std::string& s) {
        const FactorCode* c = f.vocabularies.factor(s);
        return c && c->active;
      });
    case FieldType::Reviewer:
      return value.is_integer() && f.reviewers.count(value.as_integer()) == 1;
  }
  return false;
}

using ProblemKey = std::tuple<std::string, std::string, bool>;

std::vector<ProblemKey> sorted(const std::vector<FactProblem>& problems) {
  std::vector<ProblemKey> keys;
  keys.reserve(problems.size());
  for (const FactProblem& p : problems) keys.emplace_back(p.field, p.message, p.is_refusal);
  std::sort(keys.begin(), keys.end());
  return keys;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [first_line, body] = fuzz::first_line(fuzz::text_of(data, size));
  const Fixture& f = fixture();
  const CommandSpec& spec = command_named(first_line);
  Json facts;
  try {
    facts = Json::parse(body);
  } catch (const JsonParseError&) {
    return 0;
  }
  const FactReferences references{f.vocabularies, f.reviewers};
  const std::vector<FactProblem> problems = validate_facts(spec, facts, f.today, references);
  (void)reviewer_ids_in(spec, facts);

  const auto is_field = [&](const std::string& name) {
    return std::any_of(spec.fields.begin(), spec.fields.end(), [&](const FieldSpec& s) { return s.name == name; });
  };
  if (!facts.is_object()) {
    FUZZ_CHECK(problems.size() == 1 && problems[0].field == "facts", "facts that are not an object: one problem");
    return 0;
  }
  for (const FactProblem& p : problems) {
    FUZZ_CHECK(!p.message.empty(), "a problem without a message");
    FUZZ_CHECK(is_field(p.field) || facts.contains(p.field),
               "a problem names \"" + p.field + "\", neither fact nor field");
  }
  if (problems.empty()) {
    for (const auto& member : facts.members()) {
      FUZZ_CHECK(is_field(member.first), "accepted an unknown fact \"" + member.first + "\" for " + spec.name);
    }
    for (const FieldSpec& field : spec.fields) {
      const Json* value = facts.find(field.name);
      if (!value || value->is_null()) {
        FUZZ_CHECK(!field.required, "accepted " + spec.name + " without its required \"" + field.name + "\"");
        continue;
      }
      FUZZ_CHECK(fits(field, *value, f), "accepted \"" + field.name + "\" = " + value->dump() + " for " + spec.name);
    }
  }
  // The same facts with their members in the opposite order.
  Json reversed = Json::object();
  const JsonMembers& members = facts.members();
  for (auto it = members.rbegin(); it != members.rend(); ++it) reversed.set(it->first, it->second);
  FUZZ_CHECK(sorted(validate_facts(spec, reversed, f.today, references)) == sorted(problems),
             "the order of the facts changed what validate_facts found");
  return 0;
}
