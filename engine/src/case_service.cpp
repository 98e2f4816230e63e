#include "casereview/engine/case_service.h"

namespace casereview {
namespace {

// The terms every rule of `spec` runs on for a case opened now in the partnership.
Json rules_in_force(const WorkflowSpec& spec, const std::map<std::string, RuleSetting>& settings) {
  Json out = Json::object();
  for (const DeadlineRule& rule : spec.rules) out.set(rule.id, terms_to_json(terms_in_force(rule, settings)));
  return out;
}

std::optional<CommandOutcome> check_facts(const CommandSpec& spec, const Json& facts, Date today) {
  const std::vector<FactProblem> problems = validate_facts(spec, facts, today);
  if (problems.empty()) return std::nullopt;
  for (const FactProblem& p : problems) {
    if (!p.is_refusal) {
      outcome::Invalid invalid{"INVALID_FACTS", "Some facts of " + spec.name + " are missing or not valid.", {}};
      for (const FactProblem& q : problems) invalid.errors.push_back({q.field, q.field + " " + q.message});
      return invalid;
    }
  }
  return outcome::Refused{problems.front().field + " " + problems.front().message, problems.front().field};
}

}  // namespace

RuleTermsByRule CaseService::recorded_terms(const std::vector<Event>& events) {
  RuleTermsByRule out;
  if (events.empty()) return out;
  const Json payload = Json::parse(events.front().payload);
  const Json& rules = payload["rules_in_force"];
  if (!rules.is_object()) return out;
  for (const auto& [rule_id, terms] : rules.members()) {
    if (auto parsed = terms_from_json(terms)) out[rule_id] = *parsed;
  }
  return out;
}

CommandOutcome CaseService::open(StoreSession& session, const std::string& kind, const Json& facts,
                                 const RequestContext& context) const {
  const Workflow* workflow = workflows_.find(kind);
  if (!workflow) {
    std::string known;
    for (const Workflow* w : workflows_.all()) known += (known.empty() ? "" : ", ") + w->spec().kind;
    return outcome::Invalid{"UNKNOWN_CASE_KIND", "There is no case kind \"" + kind + "\" (known: " + known + ").",
                            {{"kind", "is not a known case kind"}}};
  }
  const WorkflowSpec& spec = workflow->spec();
  const CommandSpec& opening = *spec.command(spec.opening_command);
  if (auto problem = check_facts(opening, facts, context.today)) return *problem;

  CommandOutcome result = outcome::NotFound{};
  session.write_transaction([&] {
    const Json in_force = rules_in_force(spec, session.rule_settings().for_partnership(context.partnership_id));
    CaseRecord record;  // id 0 until created, after the workflow has agreed
    record.kind = kind;
    record.partnership_id = context.partnership_id;
    result = decide_and_store(session, record, {}, *workflow, Command{opening.name, facts}, context, in_force);
  });
  return result;
}

CommandOutcome CaseService::apply(StoreSession& session, long long case_id, const Command& command,
                                  long long expected_version, const RequestContext& context) const {
  CommandOutcome result = outcome::NotFound{};
  session.write_transaction([&] {
    auto record = session.cases().find(case_id);
    if (!record || record->partnership_id != context.partnership_id) return;  // NotFound
    const Workflow* workflow = workflows_.find(record->kind);
    if (!workflow) throw StorageError("case " + record->reference + " has unknown kind " + record->kind);
    const WorkflowSpec& spec = workflow->spec();
    const CommandSpec* command_spec = spec.command(command.name);
    if (!command_spec) {
      std::string known;
      for (const auto& c : spec.commands) known += (known.empty() ? "" : ", ") + c.name;
      result = outcome::Invalid{"UNKNOWN_COMMAND",
                                "A " + spec.title + " has no command \"" + command.name + "\" (known: " + known + ").",
                                {{"command", "is not a known command"}}};
      return;
    }
    if (auto problem = check_facts(*command_spec, command.facts, context.today)) {
      result = *problem;
      return;
    }
    if (expected_version != record->version) {
      result = outcome::Stale{expected_version, record->version};
      return;
    }
    const std::vector<Event> history = session.cases().events(case_id);
    result = decide_and_store(session, *record, history, *workflow, command, context, Json());
  });
  return result;
}

CommandOutcome CaseService::decide_and_store(StoreSession& session, CaseRecord record,
                                             const std::vector<Event>& history, const Workflow& workflow,
                                             const Command& command, const RequestContext& context,
                                             const Json& rules_in_force) const {
  const WorkflowSpec& spec = workflow.spec();
  const DecisionContext decision_context{history, context.today, *context.calendar};
  const Decision decision = workflow.decide(record.state, command, decision_context);
  if (const auto* refusal = std::get_if<Refusal>(&decision)) {
    if (refusal->kind == Refusal::Kind::NotAllowedInState) {
      return outcome::NotAllowed{record.state, command.name, spec.commands_from(record.state)};
    }
    return outcome::Refused{refusal->reason, refusal->field};
  }
  const Accepted& accepted = std::get<Accepted>(decision);
  if (accepted.events.empty()) throw std::logic_error("workflow accepted a command without events");

  std::vector<Event> events;
  for (const NewEvent& n : accepted.events) {
    Event e;
    e.type = n.type;
    e.actor = context.actor;
    e.recorded_at = context.now;
    e.effective_date = n.effective_date;
    Json payload = n.payload;
    // The first event of a case records the deadline terms in force for it.
    if (history.empty() && events.empty()) payload.set("rules_in_force", rules_in_force);
    e.payload = payload.canonical();
    events.push_back(std::move(e));
  }

  const long long expected_version = record.version;
  if (record.id == 0) {
    NewCase new_case{spec.kind, spec.reference_prefix, record.partnership_id, events.front().effective_date,
                     command.facts["summary"].is_string() ? command.facts["summary"].as_string() : ""};
    record = session.cases().create(new_case, context.now);
  }
  record.state = accepted.next_state;
  record.updated_at = context.now;
  chain_events(record, events);
  session.cases().append(record, expected_version, events);

  std::vector<Event> all = history;
  all.insert(all.end(), events.begin(), events.end());
  session.deadlines().replace_for_case(
      record.id, project_clocks(spec.rules, recorded_terms(all), all, *context.calendar));
  return outcome::Changed{record, events};
}

ClockView CaseService::clock_view(const Clock& clock, const RequestContext& context) const {
  ClockView view;
  view.clock = clock;
  view.rule = workflows_.rule(clock.rule_id);
  const int due_soon = view.rule ? view.rule->due_soon_working_days : 2;
  view.status = clock_status(clock, due_soon, context.today, context.now, *context.calendar);
  view.working_days_left = working_days_left(clock, context.today, *context.calendar);
  return view;
}

std::vector<ClockView> CaseService::clock_views(const std::vector<Clock>& clocks,
                                                const RequestContext& context) const {
  std::vector<ClockView> out;
  for (const Clock& c : clocks) out.push_back(clock_view(c, context));
  return out;
}

int CaseService::reproject_open_clocks(StoreSession& session, const WorkingDayCalendar& calendar) const {
  int changed = 0;
  for (long long case_id : session.deadlines().cases_with_open_clocks()) {
    const auto record = session.cases().find(case_id);
    const Workflow* workflow = record ? workflows_.find(record->kind) : nullptr;
    if (!workflow) continue;
    const std::vector<Event> events = session.cases().events(case_id);
    session.deadlines().replace_for_case(
        case_id, project_clocks(workflow->spec().rules, recorded_terms(events), events, calendar));
    ++changed;
  }
  return changed;
}

}  // namespace casereview
