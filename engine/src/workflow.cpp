#include "casereview/engine/workflow.h"

#include <algorithm>
#include <optional>
#include <set>
#include <stdexcept>

namespace casereview {

const char* field_type_name(FieldType type) {
  switch (type) {
    case FieldType::Date:
      return "date";
    case FieldType::Time:
      return "time";
    case FieldType::Text:
      return "text";
    case FieldType::Boolean:
      return "boolean";
    case FieldType::Integer:
      return "integer";
    case FieldType::Choice:
      return "choice";
    case FieldType::TextList:
      return "text_list";
    case FieldType::ThemeList:
      return "theme_list";
    case FieldType::FactorList:
      return "factor_list";
    case FieldType::Reviewer:
      return "reviewer";
  }
  return "unknown";
}

text::Kind text_kind(const FieldSpec& field) {
  return field.type == FieldType::Text && field.max_length > 200 ? text::Kind::Block : text::Kind::Line;
}

FieldSpec date_fact(std::string name, std::string label, bool required) {
  FieldSpec f{std::move(name), FieldType::Date, required, std::move(label)};
  f.not_after_today = true;
  return f;
}

FieldSpec planned_date_fact(std::string name, std::string label, bool required) {
  return FieldSpec{std::move(name), FieldType::Date, required, std::move(label)};
}

FieldSpec text_fact(std::string name, std::string label, std::size_t max_length, bool required) {
  FieldSpec f{std::move(name), FieldType::Text, required, std::move(label)};
  f.max_length = max_length;
  return f;
}

FieldSpec choice_fact(std::string name, std::string label, std::vector<std::string> choices, bool required) {
  FieldSpec f{std::move(name), FieldType::Choice, required, std::move(label)};
  f.choices = std::move(choices);
  return f;
}

FieldSpec flag_fact(std::string name, std::string label) {
  return FieldSpec{std::move(name), FieldType::Boolean, false, std::move(label)};
}

FieldSpec list_fact(std::string name, std::string label, std::size_t max_item_length, bool required) {
  FieldSpec f{std::move(name), FieldType::TextList, required, std::move(label)};
  f.max_length = max_item_length;
  return f;
}

FieldSpec time_fact(std::string name, std::string label, bool required) {
  return FieldSpec{std::move(name), FieldType::Time, required, std::move(label)};
}

FieldSpec integer_fact(std::string name, std::string label, long long min_value, long long max_value, bool required) {
  FieldSpec f{std::move(name), FieldType::Integer, required, std::move(label)};
  f.min_value = min_value;
  f.max_value = max_value;
  return f;
}

FieldSpec themes_fact(std::string name, std::string label, bool required) {
  return FieldSpec{std::move(name), FieldType::ThemeList, required, std::move(label)};
}

FieldSpec factors_fact(std::string name, std::string label, bool required) {
  return FieldSpec{std::move(name), FieldType::FactorList, required, std::move(label)};
}

FieldSpec reviewer_fact(std::string name, std::string label) {
  return FieldSpec{std::move(name), FieldType::Reviewer, true, std::move(label)};
}

FieldSpec identifying(FieldSpec field) {
  field.identifying = true;
  return field;
}

FieldSpec local_authority_fact(std::string name, std::string label) {
  FieldSpec field = text_fact(std::move(name), std::move(label), 200);
  field.suggests_partnership_areas = true;
  return field;
}

std::vector<FieldSpec> sections(std::initializer_list<std::pair<std::string, std::vector<FieldSpec>>> parts) {
  std::vector<FieldSpec> out;
  for (const auto& [section, fields] : parts) {
    for (FieldSpec f : fields) {
      f.section = section;
      out.push_back(std::move(f));
    }
  }
  return out;
}

CommandSpec issued_by(CommandSpec command, std::vector<Role> roles) {
  command.roles = std::move(roles);
  return command;
}

std::vector<Role> panel_roles() { return {Role::Manager, Role::PanelMember}; }

const CommandSpec* WorkflowSpec::command(std::string_view name) const {
  for (const auto& c : commands) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

const StateSpec* WorkflowSpec::state(std::string_view name) const {
  for (const auto& s : states) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

const DeadlineRule* WorkflowSpec::rule(std::string_view id) const {
  for (const auto& r : rules) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

std::vector<std::string> WorkflowSpec::commands_from(std::string_view from) const {
  std::vector<std::string> out;
  for (const auto& t : transitions) {
    if (t.from == from && std::find(out.begin(), out.end(), t.command) == out.end()) {
      out.push_back(t.command);
    }
  }
  return out;
}

namespace {

// A text of `kind`, checked as text.h's rule says; `what` names it in a message
// ("" for the field itself, "an entry" for a list's).
std::optional<std::string> text_problem(const std::string& value, text::Kind kind, std::size_t max_length,
                                        bool required) {
  if (const auto forbidden = text::forbidden_character(value, kind)) {
    return "contains " + forbidden->described() +
           (kind == text::Kind::Line
                ? "; a name, reference or other one-line entry may not hold control, direction or invisible characters"
                : "; text may not hold control characters other than line breaks and tabs, nor characters that "
                  "reorder it");
  }
  if (required && text::visible_characters(value) == 0) return std::string("must not be empty");
  const std::size_t length = text::characters(value);
  if (length > max_length) {
    return "is longer than " + std::to_string(max_length) + " characters (it has " + std::to_string(length) + ")";
  }
  return std::nullopt;
}

std::string joined_choices(const std::vector<std::string>& choices) {
  std::string list;
  for (const auto& choice : choices) list += (list.empty() ? "" : ", ") + choice;
  return list;
}

bool valid_time(const std::string& text) {
  if (text.size() != 5 || text[2] != ':') return false;
  for (std::size_t i : {0u, 1u, 3u, 4u}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return (text[0] - '0') * 10 + (text[1] - '0') < 24 && (text[3] - '0') * 10 + (text[4] - '0') < 60;
}

void check_value(const FieldSpec& field, const Json& value, Date today, const FactReferences& refs,
                 std::vector<FactProblem>& problems) {
  auto bad = [&](const std::string& message) { problems.push_back({field.name, message, false}); };
  auto refused = [&](const std::string& message) { problems.push_back({field.name, message, true}); };
  auto too_many = [&]() {
    if (value.items().size() <= field.max_items) return false;
    bad("lists " + std::to_string(value.items().size()) + " entries; at most " + std::to_string(field.max_items) +
        " are allowed");
    return true;
  };
  auto codes = [&](const char* what, auto known) {
    if (!value.is_array()) return bad(std::string("must be a list of ") + what + " codes");
    if (field.required && value.items().empty()) return bad("must list at least one code");
    if (too_many()) return;
    std::set<std::string> seen;
    for (const Json& item : value.items()) {
      if (!item.is_string()) return bad(std::string("must be a list of ") + what + " codes");
      if (!seen.insert(item.as_string()).second) return bad("lists \"" + item.as_string() + "\" twice");
      if (!known(item.as_string())) {
        return refused("\"" + item.as_string() + "\" is not an active " + what + " code");
      }
    }
  };
  switch (field.type) {
    case FieldType::Date: {
      if (!value.is_string()) return bad("must be a date written YYYY-MM-DD");
      const auto date = Date::parse(value.as_string());
      if (!date) return bad("\"" + value.as_string() + "\" " + Date::parse_problem(value.as_string()));
      if (field.not_after_today && *date > today) refused("cannot be in the future (today is " + today.iso() + ")");
      return;
    }
    case FieldType::Time:
      if (!value.is_string() || !valid_time(value.as_string())) return bad("must be a time written HH:MM (24-hour)");
      return;
    case FieldType::Text:
      if (!value.is_string()) return bad("must be text");
      if (auto problem = text_problem(value.as_string(), text_kind(field), field.max_length, field.required)) {
        return bad(*problem);
      }
      return;
    case FieldType::Boolean:
      if (!value.is_bool()) return bad("must be true or false");
      return;
    case FieldType::Integer:
      if (!value.is_integer()) return bad("must be a whole number");
      if (value.as_integer() < field.min_value || value.as_integer() > field.max_value) {
        return bad("must be from " + std::to_string(field.min_value) + " to " + std::to_string(field.max_value));
      }
      return;
    case FieldType::Choice: {
      if (!value.is_string()) return bad("must be one of the listed choices");
      const auto& c = field.choices;
      if (std::find(c.begin(), c.end(), value.as_string()) == c.end()) {
        return bad("\"" + value.as_string() + "\" is not one of: " + joined_choices(c));
      }
      return;
    }
    case FieldType::TextList:
      if (!value.is_array()) return bad("must be a list of text");
      if (field.required && value.items().empty()) return bad("must list at least one entry");
      if (too_many()) return;
      {
        std::set<std::string> seen;
        std::size_t index = 0;
        for (const Json& item : value.items()) {
          ++index;
          if (!item.is_string()) return bad("every entry must be non-empty text");
          if (auto problem = text_problem(item.as_string(), text::Kind::Line, field.max_length, true)) {
            return bad("entry " + std::to_string(index) + " " + *problem);
          }
          if (!seen.insert(text::identity_fold(item.as_string())).second) {
            return bad("entry " + std::to_string(index) + " repeats an earlier one");
          }
          const auto& c = field.choices;
          if (!c.empty() && std::find(c.begin(), c.end(), item.as_string()) == c.end()) {
            return bad("\"" + item.as_string() + "\" is not one of: " + joined_choices(c));
          }
        }
      }
      return;
    case FieldType::ThemeList:
      return codes("learning theme", [&](const std::string& code) {
        const ThemeCode* t = refs.vocabularies.theme(code);
        return t && t->active;
      });
    case FieldType::FactorList:
      return codes("modifiable factor", [&](const std::string& code) {
        const FactorCode* f = refs.vocabularies.factor(code);
        return f && f->active;
      });
    case FieldType::Reviewer:
      if (!value.is_integer()) return bad("must be a reviewer's id (a whole number)");
      if (!refs.reviewers.count(value.as_integer())) {
        return refused("there is no reviewer " + std::to_string(value.as_integer()) + " in the register");
      }
      return;
  }
}

}  // namespace

Json cleaned_facts(const CommandSpec& spec, const Json& facts) {
  if (!facts.is_object()) return facts;
  Json out = facts;
  for (const FieldSpec& field : spec.fields) {
    const Json* value = facts.find(field.name);
    if (!value) continue;
    if (field.type == FieldType::Text && value->is_string()) {
      out.set(field.name, text::cleaned(value->as_string(), text_kind(field)));
    } else if (field.type == FieldType::TextList && value->is_array()) {
      Json items = Json::array();
      for (const Json& item : value->items()) {
        items.push(item.is_string() ? Json(text::cleaned(item.as_string(), text::Kind::Line)) : item);
      }
      out.set(field.name, std::move(items));
    }
  }
  return out;
}

std::vector<FactProblem> validate_facts(const CommandSpec& spec, const Json& facts, Date today,
                                        const FactReferences& references) {
  std::vector<FactProblem> problems;
  if (!facts.is_object()) {
    problems.push_back({"facts", "must be an object", false});
    return problems;
  }
  for (const auto& [name, value] : facts.members()) {
    const std::string& fact = name;  // a structured binding cannot be captured before C++20
    const bool known =
        std::any_of(spec.fields.begin(), spec.fields.end(), [&](const FieldSpec& f) { return f.name == fact; });
    if (!known) problems.push_back({name, "is not a fact of command " + spec.name, false});
  }
  for (const FieldSpec& field : spec.fields) {
    const Json* value = facts.find(field.name);
    if (!value || value->is_null()) {
      if (field.required) problems.push_back({field.name, "is required", false});
      continue;
    }
    check_value(field, *value, today, references, problems);
  }
  return problems;
}

std::vector<long long> reviewer_ids_in(const CommandSpec& spec, const Json& facts) {
  std::vector<long long> ids;
  for (const FieldSpec& field : spec.fields) {
    if (field.type != FieldType::Reviewer) continue;
    const Json& value = facts[field.name];
    if (value.is_integer()) ids.push_back(value.as_integer());
  }
  return ids;
}

void WorkflowRegistry::add(std::unique_ptr<Workflow> workflow) {
  if (find(workflow->spec().kind)) {
    throw std::logic_error("workflow registered twice: " + workflow->spec().kind);
  }
  workflows_.push_back(std::move(workflow));
}

const Workflow* WorkflowRegistry::find(std::string_view kind) const {
  for (const auto& w : workflows_) {
    if (w->spec().kind == kind) return w.get();
  }
  return nullptr;
}

std::vector<const Workflow*> WorkflowRegistry::all() const {
  std::vector<const Workflow*> out;
  for (const auto& w : workflows_) out.push_back(w.get());
  return out;
}

const DeadlineRule* WorkflowRegistry::rule(std::string_view id) const {
  for (const auto& w : workflows_) {
    if (const DeadlineRule* r = w->spec().rule(id)) return r;
  }
  return nullptr;
}

bool WorkflowRegistry::is_closed(std::string_view kind, std::string_view state) const {
  const Workflow* workflow = find(kind);
  const StateSpec* spec = workflow ? workflow->spec().state(state) : nullptr;
  return spec && spec->closed;
}

std::vector<std::pair<std::string, std::string>> WorkflowRegistry::closed_states() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& w : workflows_) {
    for (const StateSpec& s : w->spec().states) {
      if (s.closed) out.emplace_back(w->spec().kind, s.name);
    }
  }
  return out;
}

std::vector<const DeadlineRule*> WorkflowRegistry::all_rules() const {
  std::vector<const DeadlineRule*> out;
  for (const auto& w : workflows_) {
    for (const auto& r : w->spec().rules) out.push_back(&r);
  }
  return out;
}

}  // namespace casereview
