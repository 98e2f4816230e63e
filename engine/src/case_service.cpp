#include "casereview/engine/case_service.h"

#include <algorithm>
#include <cctype>
#include <exception>

#include "casereview/engine/parsed_payload.h"
#include "casereview/engine/screening.h"
#include "casereview/engine/text.h"

namespace casereview {
namespace {

// Joins a later step's identifying `value` to the details kept under `name`,
// losing nothing: a list gains the items it did not hold; a different single
// value turns the member into the list of every value recorded, oldest first
// (two agencies' forms each completed by someone else; a key worker replaced).
void join_identifying_detail(Json& details, const std::string& name, const Json& value) {
  if (!details.contains(name)) {
    details.set(name, value);
    return;
  }
  Json joined = details[name];
  if (joined == value) return;
  if (!joined.is_array()) {
    Json list = Json::array();
    list.items().push_back(joined);
    joined = std::move(list);
  }
  const JsonItems added = value.is_array() ? value.items() : JsonItems{value};
  for (const Json& item : added) {
    if (std::find(joined.items().begin(), joined.items().end(), item) == joined.items().end()) {
      joined.items().push_back(item);
    }
  }
  details.set(name, joined);
}

// The terms every rule of `spec` runs on for a case opened now in the partnership.
RuleTermsByRule terms_for_new_case(const WorkflowSpec& spec, const std::map<std::string, RuleSetting>& settings) {
  RuleTermsByRule out;
  for (const DeadlineRule& rule : spec.rules) out[rule.id] = terms_in_force(rule, settings);
  return out;
}

Json terms_json(const RuleTermsByRule& terms) {
  Json out = Json::object();
  for (const auto& [rule_id, t] : terms) out.set(rule_id, terms_to_json(t));
  return out;
}

std::optional<CommandOutcome> check_facts(const CommandSpec& spec, const Json& facts, Date today,
                                          const FactReferences& references) {
  const std::vector<FactProblem> problems = validate_facts(spec, facts, today, references);
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

// `facts` with a stand-in for every missing required fact that is not a date
// (the first choice, a dash, an empty list); nullopt when a date is missing or
// a fact has no neutral stand-in. Only for previewing clocks, never stored.
std::optional<Json> with_stand_ins(const CommandSpec& spec, const Json& facts) {
  Json completed = facts.is_object() ? facts : Json::object();
  for (const FieldSpec& f : spec.fields) {
    if (completed.contains(f.name) || !f.required) continue;
    switch (f.type) {
      case FieldType::Text:
        completed.set(f.name, "-");
        break;
      case FieldType::Choice:
        completed.set(f.name, f.choices.front());
        break;
      case FieldType::TextList: {
        Json list = Json::array();
        list.push(f.choices.empty() ? std::string("-") : f.choices.front());
        completed.set(f.name, list);
        break;
      }
      case FieldType::FactorList:
      case FieldType::ThemeList:
        completed.set(f.name, Json::array());
        break;
      case FieldType::Integer:
        completed.set(f.name, f.min_value);
        break;
      case FieldType::Boolean:
        completed.set(f.name, false);
        break;
      default:
        return std::nullopt;  // dates, times, reviewers
    }
  }
  return completed;
}

std::map<long long, Reviewer> load_reviewers(StoreSession& session, long long partnership_id, const CommandSpec& spec,
                                             const Json& facts) {
  std::map<long long, Reviewer> out;
  for (long long id : reviewer_ids_in(spec, facts)) {
    if (auto r = session.reviewers().find(partnership_id, id)) out.emplace(id, *r);
  }
  return out;
}

// Thrown inside a transaction to undo a step whose follow-on case was refused.
struct FollowOnRefused {
  outcome::Refused refusal;
};

// A date the facts lead to (a deadline counted from a planned date) would lie
// outside the supported range: the request is not valid, and names the fact
// that gave the date when one did.
FieldError out_of_range_error(const DateOutOfRange& e) {
  return {e.field(), e.field().empty() ? std::string(e.what()) : e.field() + ": " + e.what()};
}

outcome::Invalid out_of_range(const DateOutOfRange& e) {
  FieldError error = out_of_range_error(e);
  return outcome::Invalid{"INVALID_FACTS", error.message, {error}};
}

// The facts of fields marked identifying.
Json identifying_facts(const CommandSpec& spec, const Json& facts) {
  Json identifying = Json::object();
  for (const auto& [name, value] : facts.members()) {
    const std::string& fact = name;  // a structured binding cannot be captured before C++20
    const auto field =
        std::find_if(spec.fields.begin(), spec.fields.end(), [&](const FieldSpec& f) { return f.name == fact; });
    if (field != spec.fields.end() && field->identifying) identifying.set(name, value);
  }
  return identifying;
}

// Free text that names the child or family never reaches the log
// (screening.h): compared, before the workflow decides and whatever the
// case's state, with every identifier the case knows, this step's included.
std::optional<outcome::Refused> identifier_in_free_text(StoreSession& session, const CaseRecord& record,
                                                        const CaseRecord* parent, const CommandSpec& spec,
                                                        const Command& command, const std::vector<Event>& history) {
  Json known = Json::object();
  const long long kept_by = record.id != 0 ? record.id : parent ? parent->id : 0;
  if (kept_by != 0) {
    if (auto kept = session.subjects().find(kept_by)) known = kept->details;
  }
  for (const auto& [name, value] : identifying_facts(spec, command.facts).members()) {
    join_identifying_detail(known, name, value);
  }
  std::set<Date> case_dates = dates_in(command.facts);
  if (!history.empty()) {
    const std::set<Date> opened = dates_in(parsed_payload(history.front().payload));
    case_dates.insert(opened.begin(), opened.end());
  }
  if (auto problem = IdentityScreen(known, case_dates).first_problem(spec, command.facts)) {
    return outcome::Refused{problem->field + " " + problem->message, problem->field, "IDENTIFIER_IN_FREE_TEXT"};
  }
  return std::nullopt;
}

std::string references_of(StoreSession& session, const std::vector<long long>& ids, std::vector<std::string>& refs) {
  std::string joined;
  for (long long id : ids) {
    if (auto r = session.cases().find(id)) {
      refs.push_back(r->reference);
      joined += (joined.empty() ? "" : ", ") + r->reference;
    }
  }
  return joined;
}

}  // namespace

RuleTermsByRule CaseService::recorded_terms(const std::vector<Event>& events) {
  RuleTermsByRule out;
  if (events.empty()) return out;
  const ParsedPayload payload = parsed_payload(events.front().payload);
  const Json& rules = payload["rules_in_force"];
  if (!rules.is_object()) return out;
  for (const auto& [rule_id, terms] : rules.members()) {
    if (auto parsed = terms_from_json(terms)) out[rule_id] = *parsed;
  }
  return out;
}

std::vector<Warning> CaseService::warnings_for(StoreSession& session, const Workflow& workflow, const Json& facts,
                                               const RequestContext& context) const {
  const WorkflowSpec& spec = workflow.spec();
  std::vector<Warning> warnings;
  if (spec.check_duplicates) {
    const SubjectKey key = SubjectKey::from_facts(facts);
    const auto matches = session.subjects().matching_cases(context.partnership_id(), spec.kind, key);
    if (!matches.empty()) {
      Warning w{"POSSIBLE_DUPLICATE", "", {}};
      const std::string refs = references_of(session, matches, w.case_references);
      w.message = "A " + spec.title + " may already exist for this child (" + refs +
                  "): the same NHS number, or the same name, date of birth and date of death.";
      warnings.push_back(w);
    }
  }
  if (!spec.residence_fact.empty() && facts[spec.residence_fact].is_string()) {
    const std::string residence = facts[spec.residence_fact].as_string();
    const auto areas = session.partnerships().areas(context.partnership_id());
    if (!areas.empty() && std::find(areas.begin(), areas.end(), residence) == areas.end()) {
      std::string list;
      for (const auto& a : areas) list += (list.empty() ? "" : ", ") + a;
      warnings.push_back({"WRONG_AREA",
                          "The child normally lived in " + residence + ", outside this partnership's area (" + list +
                              "). The review belongs to the partnership where the child normally lived.",
                          {}});
    }
  }
  return warnings;
}

std::variant<CaseService::OpeningCheck, outcome::Invalid> CaseService::check_opening(
    StoreSession& session, const OpenRequest& request, const RequestContext& context) const {
  const Workflow* workflow = workflows_.find(request.kind);
  if (!workflow) {
    return outcome::Invalid{
        "UNKNOWN_CASE_KIND", "There is no case kind \"" + request.kind + "\".", {{"kind", "is not a known case kind"}}};
  }
  const WorkflowSpec& spec = workflow->spec();
  const CommandSpec& opening = *spec.command(spec.opening_command);
  const Json facts = cleaned_facts(opening, request.facts);
  OpeningCheck check;
  check.warnings = warnings_for(session, *workflow, facts, context);
  const SharedVocabularies vocabularies_held = session.vocabularies().load(context.partnership_id());
  const Vocabularies& vocabularies = *vocabularies_held;
  const auto reviewers = load_reviewers(session, context.partnership_id(), opening, facts);
  for (const FactProblem& p : validate_facts(opening, facts, context.today, {vocabularies, reviewers})) {
    if (p.is_refusal && check.refusal.empty()) check.refusal = p.field + " " + p.message;
    if (!p.is_refusal) check.errors.push_back({p.field, p.field + " " + p.message});
  }
  if (!check.refusal.empty()) return check;
  const RuleTermsByRule terms =
      terms_for_new_case(spec, session.rule_settings().for_partnership(context.partnership_id()));
  // The clocks `trial` facts would start, or the workflow's refusal.
  auto clocks_for = [&](const Json& trial) -> std::variant<std::vector<Clock>, Refusal> {
    const std::vector<Event> none;
    const Decision decision =
        workflow->decide("", Command{opening.name, trial},
                         DecisionContext{none, context.today, *context.calendar, terms, vocabularies, reviewers});
    if (const auto* refusal = std::get_if<Refusal>(&decision)) return *refusal;
    std::vector<Event> events;
    for (const NewEvent& n : std::get<Accepted>(decision).events) {
      Event e;
      e.type = n.type;
      e.effective_date = n.effective_date;
      Json payload = n.payload;
      if (events.empty()) payload.set("rules_in_force", terms_json(terms));
      e.payload = payload.canonical();
      events.push_back(std::move(e));
    }
    return project_clocks(spec.rules, terms, events, *context.calendar);
  };
  if (!check.errors.empty()) {
    // While the form is being filled in: once its dates are there, the clocks
    // they would start, with a neutral stand-in for each other missing fact
    // (a refusal then says nothing about what the user typed: not reported).
    if (auto completed = with_stand_ins(opening, facts)) {
      if (validate_facts(opening, *completed, context.today, {vocabularies, reviewers}).empty()) {
        try {
          auto preview = clocks_for(*completed);
          if (auto* clocks = std::get_if<std::vector<Clock>>(&preview)) check.clocks = std::move(*clocks);
        } catch (const DateOutOfRange&) {
          // no clocks to show until the dates are in range; saving says why
        }
      }
    }
    return check;
  }
  std::variant<std::vector<Clock>, Refusal> result;
  try {
    result = clocks_for(facts);
  } catch (const DateOutOfRange& e) {
    check.errors.push_back(out_of_range_error(e));
    return check;
  }
  if (const auto* refusal = std::get_if<Refusal>(&result)) {
    check.refusal = refusal->reason;
  } else {
    check.clocks = std::get<std::vector<Clock>>(std::move(result));
  }
  return check;
}

CommandOutcome CaseService::open(StoreSession& session, const OpenRequest& request,
                                 const RequestContext& context) const {
  CommandOutcome result = outcome::NotFound{};
  try {
    session.write_transaction([&] {
      const ParsedPayloadsHeld held;  // on the thread that runs the transaction
      result = open_or_throw(session, request, context);
    });
  } catch (const FollowOnRefused& refused) {
    return refused.refusal;
  } catch (const DateOutOfRange& e) {
    return out_of_range(e);
  }
  fill_detail_after_commit(session, result, context);
  return result;
}

CommandOutcome CaseService::open_within(StoreSession& session, const OpenRequest& request,
                                        const RequestContext& context) const {
  try {
    const ParsedPayloadsHeld held;
    CommandOutcome result = open_or_throw(session, request, context);
    fill_detail_in_transaction(session, result, context);
    return result;
  } catch (const FollowOnRefused& refused) {
    return refused.refusal;
  } catch (const DateOutOfRange& e) {
    return out_of_range(e);
  }
}

CommandOutcome CaseService::open_or_throw(StoreSession& session, const OpenRequest& request,
                                          const RequestContext& context) const {
  if (!allowed(context.principal.role, Permission::OpenCases)) {
    return outcome::Forbidden{role_with_article(context.principal.role) + " may not open cases."};
  }
  const Workflow* workflow = workflows_.find(request.kind);
  if (!workflow) {
    std::string known;
    for (const Workflow* w : workflows_.all()) known += (known.empty() ? "" : ", ") + w->spec().kind;
    return outcome::Invalid{"UNKNOWN_CASE_KIND",
                            "There is no case kind \"" + request.kind + "\" (known: " + known + ").",
                            {{"kind", "is not a known case kind"}}};
  }
  if (!workflow->spec().opened_by_kind.empty()) {
    const Workflow* opener = workflows_.find(workflow->spec().opened_by_kind);
    auto lower_first = [](std::string title) {
      if (title.size() > 1 && std::islower(static_cast<unsigned char>(title[1]))) {
        title[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(title[0])));
      }
      return title;
    };
    return outcome::Refused{"A " + lower_first(workflow->spec().title) + " is opened only by a step of its " +
                                lower_first(opener ? opener->spec().title : workflow->spec().opened_by_kind) + ".",
                            "kind"};
  }
  const WorkflowSpec& spec = workflow->spec();
  const Json facts = cleaned_facts(*spec.command(spec.opening_command), request.facts);
  std::vector<Warning> unconfirmed;
  for (Warning& w : warnings_for(session, *workflow, facts, context)) {
    const auto& c = request.confirmed;
    if (std::find(c.begin(), c.end(), w.code) == c.end()) unconfirmed.push_back(std::move(w));
  }
  if (!unconfirmed.empty()) return outcome::NeedsConfirmation{unconfirmed};
  return open_in_transaction(session, *workflow, facts, context, Parent{});
}

CommandOutcome CaseService::open_in_transaction(StoreSession& session, const Workflow& workflow, const Json& given,
                                                const RequestContext& context, const Parent& parent) const {
  const WorkflowSpec& spec = workflow.spec();
  const CommandSpec& opening = *spec.command(spec.opening_command);
  const Json facts = cleaned_facts(opening, given);  // a follow-on's facts come from a workflow, not a form
  const SharedVocabularies vocabularies_held = session.vocabularies().load(context.partnership_id());
  const Vocabularies& vocabularies = *vocabularies_held;
  const auto reviewers = load_reviewers(session, context.partnership_id(), opening, facts);
  if (auto problem = check_facts(opening, facts, context.today, {vocabularies, reviewers})) return *problem;
  const RuleTermsByRule terms =
      terms_for_new_case(spec, session.rule_settings().for_partnership(context.partnership_id()));
  CaseRecord record;  // id 0 until created, after the workflow has agreed
  record.kind = spec.kind;
  record.partnership_id = context.partnership_id();
  return decide_and_store(session, record, {}, workflow, opening, Command{opening.name, facts}, context,
                          {terms, vocabularies, reviewers}, parent);
}

CommandOutcome CaseService::apply(StoreSession& session, long long case_id, const Command& command,
                                  long long expected_version, const RequestContext& context) const {
  CommandOutcome result = outcome::NotFound{};
  try {
    session.write_transaction([&] {
      const ParsedPayloadsHeld held;  // on the thread that runs the transaction
      result = apply_or_throw(session, case_id, command, expected_version, context);
    });
  } catch (const FollowOnRefused& refused) {
    return refused.refusal;
  } catch (const DateOutOfRange& e) {
    return out_of_range(e);
  }
  fill_detail_after_commit(session, result, context);
  return result;
}

CommandOutcome CaseService::apply_within(StoreSession& session, long long case_id, const Command& command,
                                         long long expected_version, const RequestContext& context) const {
  try {
    const ParsedPayloadsHeld held;
    CommandOutcome result = apply_or_throw(session, case_id, command, expected_version, context);
    fill_detail_in_transaction(session, result, context);
    return result;
  } catch (const FollowOnRefused& refused) {
    return refused.refusal;
  } catch (const DateOutOfRange& e) {
    return out_of_range(e);
  }
}

CommandOutcome CaseService::apply_or_throw(StoreSession& session, long long case_id, const Command& given,
                                           long long expected_version, const RequestContext& context) const {
  auto record = session.cases().find(case_id);
  if (!record || record->partnership_id != context.partnership_id()) return outcome::NotFound{};
  // Read only for those whose checks look at them: on a long review they were
  // a tenth of a step's time on the writer.
  const ReviewRecords records =
      command_checks_read_records(context.principal) ? session.review_records().for_case(case_id) : ReviewRecords{};
  if (!may_know_of(context.principal, *record, records)) return outcome::NotFound{};  // existence not revealed
  const Workflow* workflow = workflows_.find(record->kind);
  if (!workflow) throw StorageError("case " + record->reference + " has unknown kind " + record->kind);
  const WorkflowSpec& spec = workflow->spec();
  const CommandSpec* command_spec = spec.command(given.name);
  if (!command_spec) {
    std::string known;
    for (const auto& c : spec.commands) known += (known.empty() ? "" : ", ") + c.name;
    return outcome::Invalid{"UNKNOWN_COMMAND",
                            "A " + spec.title + " has no command \"" + given.name + "\" (known: " + known + ").",
                            {{"command", "is not a known command"}}};
  }
  const Command command{given.name, cleaned_facts(*command_spec, given.facts)};
  if (auto refusal =
          command_refusal(context.principal, command_spec->roles, command.name, command.facts, *record, records)) {
    return outcome::Forbidden{*refusal};
  }
  const SharedVocabularies vocabularies_held = session.vocabularies().load(context.partnership_id());
  const Vocabularies& vocabularies = *vocabularies_held;
  const auto reviewers = load_reviewers(session, context.partnership_id(), *command_spec, command.facts);
  if (auto problem = check_facts(*command_spec, command.facts, context.today, {vocabularies, reviewers})) {
    return *problem;
  }
  if (expected_version != record->version) {
    return outcome::Stale{expected_version, record->version};
  }
  const std::vector<Event> history = session.cases().events(case_id);
  return decide_and_store(session, *record, history, *workflow, *command_spec, command, context,
                          {recorded_terms(history), vocabularies, reviewers}, Parent{});
}

void CaseService::fill_detail_after_commit(StoreSession& session, CommandOutcome& result,
                                           const RequestContext& context) const {
  auto* changed = std::get_if<outcome::Changed>(&result);
  if (!changed) return;
  // Drawing the case was more than a third of the writer's time for each
  // command; here it runs on the request's own thread. The record is read
  // again so that the page is of one version throughout.
  try {
    const ParsedPayloadsHeld held;
    session.read_transaction([&] {
      const std::optional<CaseRecord> stored = session.cases().find(changed->record.id);
      changed->detail = detail_in_transaction(session, stored ? *stored : changed->record, context);
    });
  } catch (const std::exception& e) {
    // The command is committed: nothing here may be reported as its failure.
    changed->detail = CaseDetail{};
    changed->detail_not_read = e.what();
  }
}

void CaseService::fill_detail_in_transaction(StoreSession& session, CommandOutcome& result,
                                             const RequestContext& context) const {
  if (auto* changed = std::get_if<outcome::Changed>(&result)) {
    changed->detail = detail_in_transaction(session, changed->record, context);
  }
}

DocumentOutcome CaseService::attach_document(StoreSession& session, long long case_id, const DocumentUpload& upload,
                                             std::size_t max_bytes, const RequestContext& context) const {
  DocumentOutcome result = outcome::NotFound{};
  session.write_transaction([&] {
    result = outcome::NotFound{};  // the transaction may run more than once (a store's retry)
    auto record = session.cases().find(case_id);
    if (!record || record->partnership_id != context.partnership_id()) return;
    const ReviewRecords records = session.review_records().for_case(case_id);
    if (!may_know_of(context.principal, *record, records)) return;  // NotFound: existence not revealed
    if (auto refusal = document_refusal(context.principal, *record, records)) {
      result = outcome::Forbidden{*refusal};
      return;
    }
    if (auto problem = document_problem(upload, max_bytes)) {
      result = outcome::Invalid{"INVALID_DOCUMENT", problem->message, {{problem->field, problem->message}}};
      return;
    }
    if (auto kept = session.subjects().find(record->id)) {
      const std::optional<Event> opening = session.cases().opening_event(record->id);
      const std::set<Date> case_dates = opening ? dates_in(Json::parse(opening->payload)) : std::set<Date>{};
      if (auto kind = IdentityScreen(kept->details, case_dates).found_in(upload.file_name)) {
        const std::string message = "The file name contains " + *kind +
                                    ": a file name may not identify the child or family (name the file by the case "
                                    "reference and what it is).";
        result = outcome::Refused{message, "file_name", "IDENTIFIER_IN_FREE_TEXT"};
        return;
      }
    }
    Document document;
    document.partnership_id = record->partnership_id;
    document.case_id = record->id;
    document.kind = upload.kind;
    document.file_name = text::cleaned(upload.file_name, text::Kind::Line);  // as typed, in normal form C
    document.media_type = upload.media_type;
    document.size_bytes = static_cast<long long>(upload.content.size());
    document.sha256 = sha256_hex(upload.content);
    document.uploaded_by = context.actor();
    document.uploaded_at = context.now;

    Json payload = Json::object();
    payload.set("document_kind", document.kind);
    payload.set("media_type", document.media_type);
    payload.set("size_bytes", document.size_bytes);
    payload.set("sha256", document.sha256);
    std::vector<Event> events(1);
    events[0].type = "document_attached";
    events[0].actor = context.actor();
    events[0].recorded_at = context.now;
    events[0].effective_date = context.today;
    events[0].payload = payload.canonical();
    const long long expected_version = record->version;
    record->updated_at = context.now;
    chain_events(*record, events);
    session.cases().append(*record, expected_version, events);
    session.documents().put_content(document.sha256, upload.content);
    document.event_seq = events[0].seq;
    document = session.documents().add(document);
    result = outcome::Attached{*record, events[0], document};
  });
  return result;
}

CommandOutcome CaseService::decide_and_store(StoreSession& session, CaseRecord record,
                                             const std::vector<Event>& history, const Workflow& workflow,
                                             const CommandSpec& command_spec, const Command& command,
                                             const RequestContext& context, const Loaded& loaded,
                                             const Parent& parent) const {
  const WorkflowSpec& spec = workflow.spec();
  const bool opening = record.id == 0;
  const RuleTermsByRule& terms = loaded.terms;
  const DecisionContext decision_context{history, context.today,       *context.calendar,
                                         terms,   loaded.vocabularies, loaded.reviewers};
  if (auto refused = identifier_in_free_text(session, record, parent.record, command_spec, command, history)) {
    return *refused;
  }
  const Decision decision = workflow.decide(record.state, command, decision_context);
  if (const auto* refusal = std::get_if<Refusal>(&decision)) {
    if (refusal->kind == Refusal::Kind::NotAllowedInState) {
      return outcome::NotAllowed{record.state, command.name, spec.commands_from(record.state)};
    }
    return outcome::Refused{refusal->reason, refusal->field};
  }
  const Accepted& accepted = std::get<Accepted>(decision);
  if (accepted.events.empty()) throw std::logic_error("workflow accepted a command without events");

  // Identifying facts never reach the log: they are kept apart, and the event
  // carries a salted commitment to them.
  // A later step's identifying facts (a key worker's name, who completed a
  // form) join the details kept so far and never replace any of them.
  const Json identifying = identifying_facts(command_spec, command.facts);
  std::optional<Subject> subject;
  if (!identifying.members().empty()) {
    Json details = Json::object();
    if (!opening) {
      if (auto kept = session.subjects().find(record.id)) details = kept->details;
    }
    for (const auto& [name, value] : identifying.members()) join_identifying_detail(details, name, value);
    subject = Subject{0, details, new_salt()};
  } else if (opening && parent.record) {
    if (auto inherited = session.subjects().find(parent.record->id))
      subject = Subject{0, inherited->details, new_salt()};
  }
  // Matched on the identifying details and the facts of the opening step (the
  // date of death), whichever step stores them.
  Json matching = opening || history.empty() ? command.facts : parsed_payload(history.front().payload).json();
  if (subject) {
    for (const auto& [name, value] : subject->details.members()) matching.set(name, value);
  }

  std::vector<Event> events;
  for (const NewEvent& n : accepted.events) {
    Event e;
    e.type = n.type;
    e.actor = context.actor();
    e.recorded_at = context.now;
    e.effective_date = n.effective_date;
    Json payload = Json::object();
    for (const auto& [name, value] : n.payload.members()) {
      if (!identifying.contains(name)) payload.set(name, value);
    }
    if (events.empty()) {
      if (subject) payload.set("subject_commitment", subject->commitment());
      if (opening) {
        payload.set("rules_in_force", terms_json(terms));
        if (parent.record) {
          Json spine = Json::object();
          spine.set("parent_case_id", parent.record->id);
          spine.set("parent_reference", parent.record->reference);
          spine.set("relation", parent.relation);
          payload.set("spine", spine);
        }
      }
    }
    if (!context.imported.is_null()) payload.set("imported", context.imported);
    e.payload = payload.canonical();
    events.push_back(std::move(e));
  }

  const long long expected_version = record.version;
  if (opening) {
    NewCase new_case{spec.kind, spec.reference_prefix, record.partnership_id, events.front().effective_date,
                     command.facts["summary"].is_string() ? command.facts["summary"].as_string() : ""};
    if (parent.record) {
      new_case.parent_case_id = parent.record->id;
      new_case.relation = parent.relation;
      if (new_case.summary.empty()) new_case.summary = parent.record->summary;
    }
    record = session.cases().create(new_case, context.now);
  }
  record.state = accepted.next_state;
  record.updated_at = context.now;
  if (!accepted.outcome.empty()) record.outcome = accepted.outcome;
  chain_events(record, events);
  session.cases().append(record, expected_version, events);
  if (subject) {
    subject->case_id = record.id;
    session.subjects().put(*subject, SubjectKey::from_facts(matching));
  }

  std::vector<Event> all = history;
  all.insert(all.end(), events.begin(), events.end());
  store_projections(session, record.id, spec, all, *context.calendar, opening);

  outcome::Changed changed{record, events, {}};
  for (const FollowOn& follow_on : accepted.opens) {
    const Workflow* child_workflow = workflows_.find(follow_on.kind);
    if (!child_workflow) throw std::logic_error("follow-on of unknown kind " + follow_on.kind);
    CommandOutcome child =
        open_in_transaction(session, *child_workflow, follow_on.facts, context, Parent{&record, follow_on.relation});
    if (auto* opened = std::get_if<outcome::Changed>(&child)) {
      changed.opened.push_back(opened->record);
      continue;
    }
    std::string reason = "the linked " + child_workflow->spec().title + " could not be opened";
    if (auto* refused = std::get_if<outcome::Refused>(&child)) reason += ": " + refused->reason;
    if (auto* invalid = std::get_if<outcome::Invalid>(&child)) {
      for (const auto& e : invalid->errors) reason += "; " + e.message;
    }
    throw FollowOnRefused{outcome::Refused{reason, ""}};
  }
  return changed;
}

void CaseService::store_projections(StoreSession& session, long long case_id, const WorkflowSpec& spec,
                                    const std::vector<Event>& events, const WorkingDayCalendar& calendar,
                                    bool opened_now) const {
  const RuleTermsByRule terms = recorded_terms(events);
  const std::vector<Clock> clocks = project_clocks(spec.rules, terms, events, calendar);
  const ReviewRecords records = project_review_records(events, spec.rules, terms, calendar);
  if (opened_now) {
    session.deadlines().store_for_new_case(case_id, clocks);
    session.review_records().store_for_new_case(case_id, records);
    return;
  }
  session.deadlines().replace_for_case(case_id, clocks);
  session.review_records().replace_for_case(case_id, records);
}

ClockView CaseService::clock_view(const Clock& clock, const RequestContext& context) const {
  ClockView view;
  view.clock = clock;
  view.rule = workflows_.rule(clock.rule_id);
  const int due_soon = view.rule ? view.rule->due_soon_working_days : 2;
  view.status = clock_status(clock, due_soon, context.today, context.now, *context.calendar);
  view.working_days_left = working_days_left(clock, context.today, *context.calendar);
  view.elapsed = elapsed(clock, context.today);
  return view;
}

std::vector<ClockView> CaseService::clock_views(const std::vector<Clock>& clocks, const RequestContext& context) const {
  std::vector<ClockView> out;
  out.reserve(clocks.size());
  for (const Clock& c : clocks) out.push_back(clock_view(c, context));
  return out;
}

int CaseService::reproject_open_clocks(StoreSession& session, const WorkingDayCalendar& calendar) const {
  int changed = 0;
  for (long long case_id : session.deadlines().cases_with_open_clocks()) {
    const auto record = session.cases().find(case_id);
    const Workflow* workflow = record ? workflows_.find(record->kind) : nullptr;
    if (!workflow) continue;
    try {
      store_projections(session, case_id, workflow->spec(), session.cases().events(case_id), calendar);
    } catch (const DateOutOfRange&) {
      continue;  // a new holiday moved a deadline past the supported range: keep the one stored
    }
    ++changed;
  }
  return changed;
}

int CaseService::fill_met_times(StoreSession& session, const WorkingDayCalendar& calendar) const {
  int looked_at = 0;
  for (long long case_id : session.deadlines().cases_stored_without_met_times()) {
    // Only the time met is taken from the clocks computed again: the rest of
    // what is stored (the due dates on the calendar of the time, the rules then
    // in force) stays as it was.
    std::vector<Clock> clocks;
    const auto record = session.cases().find(case_id);
    if (const Workflow* workflow = record ? workflows_.find(record->kind) : nullptr) {
      const std::vector<Event> events = session.cases().events(case_id);
      try {
        clocks = project_clocks(workflow->spec().rules, recorded_terms(events), events, calendar);
      } catch (const DateOutOfRange&) {
        clocks.clear();  // a deadline past the supported range: the times stay unknown
      } catch (const JsonParseError&) {
        clocks.clear();  // terms recorded unreadably: the times stay unknown
      }
    }
    session.deadlines().fill_met_times(case_id, clocks);
    ++looked_at;
  }
  return looked_at;
}

}  // namespace casereview
