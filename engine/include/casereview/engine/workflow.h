#pragma once
// The one narrow interface between the engine and a statutory workflow.
//
// A workflow describes itself as data (WorkflowSpec: states, commands with their
// fields, transitions, deadline rules) and answers one question: "given this case
// in this state, with this history, and this command, which events result, or why
// not?" It does no I/O and keeps no state between calls: the case is restored
// from its stored state name on every call. Implementations are thread-safe.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "casereview/engine/access.h"
#include "casereview/engine/calendar.h"
#include "casereview/engine/clock.h"
#include "casereview/engine/deadline_rule.h"
#include "casereview/engine/event.h"
#include "casereview/engine/json.h"
#include "casereview/engine/reviewer.h"
#include "casereview/engine/text.h"
#include "casereview/engine/vocabulary.h"

namespace casereview {

enum class FieldType {
  Date,  // "YYYY-MM-DD"
  Time,  // "HH:MM", 24-hour clock, England
  Text,
  Boolean,
  Integer,     // within min_value..max_value
  Choice,      // one of `choices`
  TextList,    // list of non-empty text
  ThemeList,   // list of active learning-theme codes
  FactorList,  // list of active modifiable-factor codes
  Reviewer,    // the id of a reviewer in the partnership's register
};
// "date", "time", "text", "boolean", "integer", "choice", "text_list", "theme_list",
// "factor_list", "reviewer": stable, used in the API.
const char* field_type_name(FieldType type);

struct FieldSpec {
  std::string name;  // JSON member name in the command's "facts"
  FieldType type = FieldType::Text;
  bool required = true;
  std::string label;                       // what a form shows
  std::vector<std::string> choices;        // for Choice; for TextList, when not empty, the items allowed
  std::vector<std::string> choice_labels;  // what each choice means, in the same order; empty: the codes speak
  // For Text and each TextList item, in user-perceived characters (text.h).
  std::size_t max_length = 2000;
  // For the lists (TextList, ThemeList, FactorList): at most this many entries,
  // none twice (text entries compared as identities are, text.h).
  std::size_t max_items = 50;
  bool not_after_today = false;  // for Date: a fact that has happened
  long long min_value = 0;       // for Integer
  long long max_value = 0;
  // Names, dates of birth, NHS numbers, addresses: kept out of the event log and
  // stored apart (see subject.h).
  bool identifying = false;
  // For Text naming a local authority: a form offers the partnership's areas
  // (PartnershipRepository) to choose from; another may still be typed (a
  // child who lived elsewhere).
  bool suggests_partnership_areas = false;
  // The part of a long form the field belongs to ("About the child", "The
  // death"): a form shows each section under its heading, in the order the
  // fields come. "" for a command whose form is short enough to need none.
  std::string section;
};

// How a Text field's value is written (text.h): a line when it fits a one-line
// input (max_length up to 200: names, references, agencies), else a block.
// Every TextList entry is a line.
text::Kind text_kind(const FieldSpec& field);

// Readable declarations of a command's facts, e.g.
//   date_fact("submitted_on", "Date submitted")   // required, not after today
//   text_fact("reason", "Reasons", 4000)          // required text up to 4000 characters
FieldSpec date_fact(std::string name, std::string label, bool required = true);
// A date that may lie ahead (a planned date).
FieldSpec planned_date_fact(std::string name, std::string label, bool required = true);
FieldSpec text_fact(std::string name, std::string label, std::size_t max_length, bool required = true);
FieldSpec choice_fact(std::string name, std::string label, std::vector<std::string> choices, bool required = true);
FieldSpec flag_fact(std::string name, std::string label);  // optional, false when absent
FieldSpec list_fact(std::string name, std::string label, std::size_t max_item_length, bool required = true);
FieldSpec time_fact(std::string name, std::string label, bool required = false);
FieldSpec integer_fact(std::string name, std::string label, long long min_value, long long max_value,
                       bool required = true);
FieldSpec themes_fact(std::string name, std::string label, bool required = false);
FieldSpec factors_fact(std::string name, std::string label, bool required = false);
FieldSpec reviewer_fact(std::string name, std::string label);
// The same field, marked as identifying the child or family.
FieldSpec identifying(FieldSpec field);
// A one-line text fact naming a local authority, offered from the partnership's areas.
FieldSpec local_authority_fact(std::string name, std::string label);
// The fields of a long form, section by section (FieldSpec::section), in order:
//   sections({{"The incident", {date_fact(...), ...}}, {"About the child", {...}}})
std::vector<FieldSpec> sections(std::initializer_list<std::pair<std::string, std::vector<FieldSpec>>> parts);

struct CommandSpec {
  std::string name;  // stable: "submit_notification"
  std::string title;
  std::string description;
  std::string who_may_issue;  // as people say it
  std::vector<FieldSpec> fields;
  std::vector<Role> roles = {Role::Manager};  // the roles that may issue it (access.h decides the rest)
};

// `command` with the roles that may issue it (the default is the manager alone).
CommandSpec issued_by(CommandSpec command, std::vector<Role> roles);
// The roles of casework decided by a panel: the manager and panel members.
std::vector<Role> panel_roles();

struct StateSpec {
  std::string name;  // stable, persisted: "notified"
  std::string title;
  std::string meaning;  // for the user
  bool closed = false;  // no further work expected
};

struct TransitionSpec {
  std::string from;  // empty for the opening command
  std::string command;
  std::string to;
};

struct WorkflowSpec {
  std::string kind;  // stable: "serious_incident_notification"
  std::string title;
  std::string reference_prefix;  // "SIN"
  std::string opening_command;
  std::vector<StateSpec> states;
  std::vector<CommandSpec> commands;
  std::vector<TransitionSpec> transitions;  // generated from the state machine
  std::vector<DeadlineRule> rules;
  // Before a case is opened: warn of another case about the same child (same NHS
  // number, or same name, date of birth and date of death) ...
  bool check_duplicates = false;
  // ... and of a child who did not normally live in the partnership's area, named
  // by this opening fact (a local authority). Empty: no area check.
  std::string residence_fact;
  // When set, a case of this kind is opened only by a step of a case of that kind
  // (a rapid review by its notification), never directly.
  std::string opened_by_kind;
  // Cases of this kind commission an independent reviewer under contract (the
  // local review): the time from opening, which is the decision, to a signed
  // contract is measured and reported.
  bool commissions_reviewer = false;
  // How the timeline says each of this workflow's events, by event type
  // (event_sentence.h): "{agency} returned its information on {returned_on}."
  std::map<std::string, std::string> event_sentences;

  // nullptr when absent; otherwise a pointer into this spec, valid as long as it.
  const CommandSpec* command(std::string_view name) const;
  const StateSpec* state(std::string_view name) const;
  const DeadlineRule* rule(std::string_view id) const;
  // Commands with a transition out of `state`, in table order, without repeats.
  std::vector<std::string> commands_from(std::string_view state) const;
};

struct Command {
  std::string name;
  Json facts = Json::object();
};

// What a workflow may look at when it decides. Read-only; the engine loads all of
// it before asking, so that deciding does no I/O. The references are valid only
// for the call to decide().
struct DecisionContext {
  const std::vector<Event>& history;  // the case's events so far (empty when opening)
  Date today;                         // in England
  const WorkingDayCalendar& calendar;
  const RuleTermsByRule& terms;  // the deadline terms this case runs on
  const Vocabularies& vocabularies;
  const std::map<long long, Reviewer>& reviewers;  // those named in the command's facts
};

// An event a workflow wants appended; the engine adds actor, time, sequence and hashes.
struct NewEvent {
  std::string type;
  Date effective_date;
  Json payload = Json::object();
};

// A case the step opens, linked to this one on the case spine (a notification
// opens its rapid review; a decision to do a local review opens it). The engine
// opens it in the same transaction with the kind's opening command and `facts`.
struct FollowOn {
  std::string kind;
  std::string relation;  // stable: "rapid_review", "lcspr", "serious_incident_notification"
  Json facts = Json::object();
};

struct Accepted {
  std::string next_state;
  std::vector<NewEvent> events;
  std::vector<FollowOn> opens;
  // A short, non-identifying statement of what the case concluded, shown on the
  // spine ("LCSPR commissioned"); empty keeps the previous one.
  std::string outcome;
};

// A command the workflow will not carry out, with a reason a person understands.
struct Refusal {
  enum class Kind {
    NotAllowedInState,  // no transition for this command from this state
    GuardRefused,       // a transition exists but its conditions are not met
  };
  Kind kind = Kind::GuardRefused;
  std::string reason;
  std::string field;  // the fact at fault, when there is one
};

using Decision = std::variant<Accepted, Refusal>;

class Workflow {
 public:
  virtual ~Workflow() = default;
  virtual const WorkflowSpec& spec() const = 0;
  // `state` is empty for the opening command. Facts have already been validated
  // against the command's FieldSpecs (types, required, lengths, dates).
  // Expected answers are values (Accepted, Refusal). The machines of workflows/
  // throw std::invalid_argument for a state they do not have (a damaged record)
  // and std::logic_error when a guard or action throws (a bug).
  virtual Decision decide(std::string_view state, const Command& command, const DecisionContext& context) const = 0;
  // Restores the machine into `state` and returns the name the machine reports:
  // equal to `state` for every persisted state (tested for each). Throws
  // std::invalid_argument for a state the machine does not have.
  virtual std::string restore_round_trip(std::string_view state) const = 0;
  // The commands that apply to this case in `state`, in table order, without
  // repeats: those with a transition out of `state` whose choice of row and
  // whose offer checks (guards that look at the case's history, not at what a
  // user types) admit this case. A command left out would be refused, as not
  // allowed in this state or by a rule no facts could satisfy (the terms of
  // reference already agreed, no contract to sign); one listed may still be
  // refused by a rule on its facts. `context.history` is the case's events.
  // Throws std::invalid_argument for a state the machine does not have.
  virtual std::vector<std::string> offered_commands(std::string_view state, const DecisionContext& context) const = 0;
};

// Kinds of problem with a command's facts, before any workflow rule is applied.
struct FactProblem {
  std::string field;
  std::string message;
  bool is_refusal = false;  // a rule about the facts (422), not a malformed request (400)
};

// What facts may refer to and is checked against: active vocabulary codes and
// the reviewers in the register.
struct FactReferences {
  const Vocabularies& vocabularies;
  const std::map<long long, Reviewer>& reviewers;
};

// `facts` with every text of `spec`'s Text and TextList fields as text::cleaned
// gives it (normal form C; a block's line breaks made LF and its invisible
// leftovers removed). Anything else, and a value of the wrong type, is left as
// it is for validate_facts to judge. What is stored and decided on is this.
Json cleaned_facts(const CommandSpec& spec, const Json& facts);

// Checks `facts` (as cleaned_facts gives them) against `spec`: an object; no
// unknown members; every required field present; each value of its declared
// type; texts without a forbidden character (text.h), with a visible character
// when required, and no longer than their limit in characters; lists within
// their count and without repeats; choices among the allowed;
// dates real calendar dates and, where marked, not after `today`; codes and
// reviewers that exist (an unknown or retired one is a refusal, 422). A member
// that is null counts as absent. Empty when the facts are valid.
std::vector<FactProblem> validate_facts(const CommandSpec& spec, const Json& facts, Date today,
                                        const FactReferences& references);

// The reviewer ids named by Reviewer fields of `facts` (to load before deciding).
std::vector<long long> reviewer_ids_in(const CommandSpec& spec, const Json& facts);

// Registry of the workflows this build knows, by kind. Filled once at start-up,
// read-only afterwards (safe to share between threads). It owns the workflows:
// every pointer it returns stays valid as long as the registry.
class WorkflowRegistry {
 public:
  void add(std::unique_ptr<Workflow> workflow);  // throws std::logic_error on a duplicate kind
  // find: nullptr for an unknown kind. all: in the order added. rule: the rule
  // of any workflow with this id, nullptr when none declares it.
  const Workflow* find(std::string_view kind) const;
  std::vector<const Workflow*> all() const;
  const DeadlineRule* rule(std::string_view id) const;
  std::vector<const DeadlineRule*> all_rules() const;
  // Whether `state` of `kind` is closed (StateSpec::closed); false for a kind or
  // state no workflow declares.
  bool is_closed(std::string_view kind, std::string_view state) const;
  // Every (kind, state) pair whose state is closed, in registry order.
  std::vector<std::pair<std::string, std::string>> closed_states() const;

 private:
  std::vector<std::unique_ptr<Workflow>> workflows_;
};

}  // namespace casereview
