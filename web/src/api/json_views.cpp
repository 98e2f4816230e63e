#include "api/json_views.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "http/content_disposition.h"

namespace casereview::web {
namespace {

// The codes of a case whose page was not read (CaseDetail::vocabularies null).
const Vocabularies kNoVocabularies;

Json optional_date(const std::optional<Date>& d) { return d ? Json(d->iso()) : Json(); }

Json anchor_json(const AnchorOption& a) {
  Json j = Json::object();
  j.set("id", a.id);
  j.set("event", a.event_type);
  j.set("label", a.label);
  return j;
}

}  // namespace

Json string_list(const std::vector<std::string>& items) {
  Json list = Json::array();
  for (const auto& s : items) list.push(s);
  return list;
}

Json holiday_json(const BankHoliday& h) {
  Json j = Json::object();
  j.set("date", h.date.iso());
  j.set("title", h.title);
  if (!h.notes.empty()) j.set("notes", h.notes);
  return j;
}

Json case_summary_json(const CaseRecord& r, const WorkflowSpec* spec) {
  const StateSpec* state = spec ? spec->state(r.state) : nullptr;
  Json j = Json::object();
  j.set("id", r.id);
  j.set("reference", r.reference);
  j.set("kind", r.kind);
  j.set("state", r.state);
  j.set("state_title", state ? state->title : r.state);
  j.set("closed", state ? state->closed : false);
  j.set("version", r.version);
  j.set("opened_on", r.opened_on.iso());
  j.set("updated_at", r.updated_at.iso());
  j.set("summary", r.summary);
  j.set("outcome", r.outcome);
  j.set("parent_case_id", r.parent_case_id ? Json(r.parent_case_id) : Json());
  j.set("relation", r.relation.empty() ? Json() : Json(r.relation));
  j.set("href", "/api/v1/cases/" + std::to_string(r.id));
  return j;
}

Json case_detail_json(const CaseDetail& d, Date today) {
  const CaseRecord& r = d.record;
  Json j = case_summary_json(r, d.spec);
  if (d.view == CaseView::None) return j;
  const StateSpec* state = d.spec->state(r.state);
  j.set("kind_title", d.spec->title);
  j.set("state_meaning", state ? state->meaning : "");
  j.set("created_at", r.created_at.iso());
  j.set("head_hash", r.head_hash);
  Json deadlines = Json::array();
  for (const auto& c : d.clocks) deadlines.push(clock_json(c));
  j.set("deadlines", std::move(deadlines));
  Json links = Json::object();
  const std::string base = "/api/v1/cases/" + std::to_string(r.id);
  links.set("self", base);
  links.set("timeline", base + "/timeline");
  links.set("deadlines", base + "/deadlines");
  links.set("commands", base + "/commands");
  links.set("spine", base + "/spine");
  j.set("links", std::move(links));
  j.set("records", records_json(d.records, d.vocabularies ? *d.vocabularies : kNoVocabularies, today));
  if (d.commissioning) j.set("commissioning", commissioning_json(*d.commissioning));
  Json spine = Json::array();
  for (const auto& c : d.spine) spine.push(case_summary_json(c.record, c.spec));
  j.set("spine", std::move(spine));
  j.set("pseudonym", d.pseudonym.empty() ? Json() : Json(d.pseudonym));
  if (d.subject) j.set("subject", d.subject->details);
  if (d.erasure) {
    // Said to every role that sees the case: the identity is gone for all of them.
    Json erased = Json::object();
    erased.set("erased_at", d.erasure->erased_at.iso());
    erased.set("erased_by", d.erasure->erased_by);
    erased.set("reason", d.erasure->reason);
    erased.set("documents_erased", d.erasure->documents_erased);
    j.set("identity_erased", std::move(erased));
  }
  return j;
}

Json child_json(const Subject& subject) {
  Json child = Json::object();
  for (const char* member : {"given_name", "family_name", "date_of_birth", "nhs_number"}) {
    const Json& value = subject.details[member];
    child.set(member, value.is_string() ? value : Json());
  }
  return child;
}

Json owner_json(const CaseOwner& owner) {
  Json j = Json::object();
  j.set("username", owner.username);
  j.set("name", owner.display_name);
  j.set("assigned_by", owner.assigned_by);
  j.set("assigned_at", owner.assigned_at.iso());
  return j;
}

Json clock_json(const ClockView& v) {
  const Clock& c = v.clock;
  Json j = Json::object();
  j.set("rule_id", c.rule_id);
  j.set("title", v.rule ? v.rule->title : c.rule_id);
  j.set("who_acts", v.rule ? v.rule->who_acts : "");
  j.set("status", status_name(v.status));
  j.set("terms", terms_to_json(c.terms));
  j.set("anchor_date", c.anchor.date.iso());
  j.set("due_date", c.due ? Json(c.due->date.iso()) : Json());
  if (c.due && c.due->at) j.set("due_at", c.due->at->iso());
  j.set("provisional", c.due ? c.due->provisional : false);
  j.set("kind", v.rule ? rule_kind_name(v.rule->kind) : "deadline");
  j.set("working_days_left", v.working_days_left ? Json(*v.working_days_left) : Json());
  j.set("met_on", optional_date(c.met_on));
  if (c.met_at) j.set("met_at", c.met_at->iso());  // the hour decides an hour-based clock
  j.set("ended_on", optional_date(c.ended_on));
  j.set("paused", c.is_paused());
  if (c.remaining) j.set("remaining", static_cast<long long>(*c.remaining));
  Json pauses = Json::array();
  for (const Pause& p : c.pauses) {
    Json pj = Json::object();
    pj.set("from", p.from.iso());
    pj.set("to", optional_date(p.to));
    pj.set("reason", p.reason);
    pauses.push(std::move(pj));
  }
  j.set("pauses", std::move(pauses));
  if (v.elapsed) {
    const Elapsed& e = *v.elapsed;
    Json ej = Json::object();
    ej.set("from", e.from.iso());
    ej.set("to", e.to.iso());
    ej.set("running", e.running);
    ej.set("calendar_days", static_cast<long long>(e.calendar_days));
    ej.set("months", e.months);
    ej.set("days", static_cast<long long>(e.days));
    ej.set("days_on_hold", static_cast<long long>(e.days_on_hold));
    j.set("elapsed", std::move(ej));
  } else {
    j.set("elapsed", Json());
  }
  return j;
}

Json event_json(const Event& e) { return event_json(e, Json::parse(e.payload)); }

Json event_json(const Event& e, Json payload) {
  Json j = Json::object();
  j.set("seq", e.seq);
  j.set("type", e.type);
  j.set("actor", e.actor);
  j.set("recorded_at", e.recorded_at.iso());
  j.set("effective_date", e.effective_date.iso());
  j.set("payload", std::move(payload));
  j.set("prev_hash", e.prev_hash);
  j.set("hash", e.hash);
  return j;
}

Json command_json(const CommandSpec& c) {
  Json j = Json::object();
  j.set("name", c.name);
  j.set("title", c.title);
  j.set("description", c.description);
  j.set("who_may_issue", c.who_may_issue);
  Json roles = Json::array();
  for (Role role : c.roles) roles.push(role_name(role));
  j.set("roles", std::move(roles));
  Json fields = Json::array();
  for (const FieldSpec& f : c.fields) {
    Json fj = Json::object();
    fj.set("name", f.name);
    fj.set("type", field_type_name(f.type));
    fj.set("required", f.required);
    fj.set("label", f.label);
    if (!f.choices.empty()) fj.set("choices", string_list(f.choices));
    if (!f.choice_labels.empty()) fj.set("choice_labels", string_list(f.choice_labels));
    if (f.type == FieldType::Text || f.type == FieldType::TextList) {
      fj.set("max_length", static_cast<long long>(f.max_length));
    }
    if (f.type == FieldType::Text) fj.set("text", text_kind(f) == text::Kind::Line ? "line" : "block");
    if (f.type == FieldType::TextList || f.type == FieldType::ThemeList || f.type == FieldType::FactorList) {
      fj.set("max_items", static_cast<long long>(f.max_items));
    }
    if (f.not_after_today) fj.set("not_after_today", true);
    if (f.type == FieldType::Integer) {
      fj.set("min", f.min_value);
      fj.set("max", f.max_value);
    }
    if (f.identifying) fj.set("identifying", true);
    if (f.suggests_partnership_areas) fj.set("suggestions", "partnership_areas");
    if (!f.section.empty()) fj.set("section", f.section);
    fields.push(std::move(fj));
  }
  j.set("fields", std::move(fields));
  return j;
}

CommandViews::CommandViews(const WorkflowRegistry& workflows) {
  for (const Workflow* w : workflows.all()) {
    for (const CommandSpec& c : w->spec().commands) made_.emplace(&c, command_json(c).dump());
  }
}

void append_member_text(std::string& object, const std::string& name, const std::string& value_text) {
  if (object.size() < 2 || object.front() != '{' || object.back() != '}') {
    throw std::logic_error("a member can only be added to the text of a JSON object");
  }
  object.pop_back();
  if (object.size() > 1) object += ',';
  object += Json(name).dump();
  object += ':';
  object += value_text;
  object += '}';
}

void CommandViews::add_allowed(std::string& object, const std::vector<const CommandSpec*>& allowed) const {
  std::string list = "[";
  for (std::size_t i = 0; i < allowed.size(); ++i) {
    if (i > 0) list += ',';
    const auto made = made_.find(allowed[i]);
    list += made != made_.end() ? made->second : command_json(*allowed[i]).dump();
  }
  list += ']';
  append_member_text(object, "allowed_commands", list);
}

Json workflow_json(const WorkflowSpec& spec) {
  Json j = Json::object();
  j.set("kind", spec.kind);
  j.set("title", spec.title);
  j.set("reference_prefix", spec.reference_prefix);
  j.set("opening_command", spec.opening_command);
  Json states = Json::array();
  for (const StateSpec& s : spec.states) {
    Json sj = Json::object();
    sj.set("name", s.name);
    sj.set("title", s.title);
    sj.set("meaning", s.meaning);
    sj.set("closed", s.closed);
    sj.set("commands", string_list(spec.commands_from(s.name)));
    states.push(std::move(sj));
  }
  j.set("states", std::move(states));
  Json commands = Json::array();
  for (const CommandSpec& c : spec.commands) commands.push(command_json(c));
  j.set("commands", std::move(commands));
  Json transitions = Json::array();
  for (const TransitionSpec& t : spec.transitions) {
    Json tj = Json::object();
    tj.set("from", t.from.empty() ? Json() : Json(t.from));
    tj.set("command", t.command);
    tj.set("to", t.to);
    transitions.push(std::move(tj));
  }
  j.set("transitions", std::move(transitions));
  Json rules = Json::array();
  for (const DeadlineRule& r : spec.rules) rules.push(r.id);
  j.set("deadline_rules", std::move(rules));
  j.set("opened_by_kind", spec.opened_by_kind.empty() ? Json() : Json(spec.opened_by_kind));
  j.set("checks_duplicates", spec.check_duplicates);
  return j;
}

Json rule_json(const DeadlineRule& r, const RuleTerms& in_force) {
  Json j = Json::object();
  j.set("id", r.id);
  j.set("case_kind", r.case_kind);
  j.set("title", r.title);
  j.set("measures", r.measures);
  j.set("who_acts", r.who_acts);
  j.set("amount", r.amount);
  j.set("unit", unit_name(r.unit));
  const AnchorOption* default_anchor = r.anchors.empty() ? nullptr : &r.anchors.front();
  j.set("anchor", default_anchor ? anchor_json(*default_anchor) : Json());
  Json options = Json::array();
  for (const auto& a : r.anchors) options.push(anchor_json(a));
  j.set("anchor_options", std::move(options));
  j.set("closes_on", r.closing_event);
  j.set("ends_on", string_list(r.ending_events));
  j.set("pauses_on", string_list(r.pausing_events));
  j.set("resumes_on", string_list(r.resuming_events));
  j.set("source", r.source);
  j.set("source_tag", source_tag_name(r.tag));
  j.set("kind", rule_kind_name(r.kind));
  j.set("partnership_may_change", r.partnership_may_change());
  Json changeable = Json::object();
  changeable.set("amount", r.amount_changeable);
  changeable.set("anchor", r.anchor_changeable);
  j.set("changeable", std::move(changeable));
  j.set("due_soon_working_days", r.due_soon_working_days);
  j.set("in_force", terms_to_json(in_force));
  return j;
}

Json preview_json(const DeadlineRule& rule, const RuleTerms& terms, Date anchor, const DeadlinePreview& p) {
  Json j = Json::object();
  j.set("rule", rule.id);
  j.set("title", rule.title);
  j.set("terms", terms_to_json(terms));
  j.set("anchor_date", anchor.iso());
  j.set("due_date", p.due.date.iso());
  if (p.due.at) j.set("due_at", p.due.at->iso());
  j.set("provisional", p.due.provisional);
  Json holidays = Json::array();
  for (const auto& h : p.holidays_skipped) holidays.push(holiday_json(h));
  j.set("bank_holidays_in_between", std::move(holidays));
  j.set("explanation", p.explanation);
  return j;
}

Json warning_json(const Warning& w) {
  Json j = Json::object();
  j.set("code", w.code);
  j.set("message", w.message);
  j.set("cases", string_list(w.case_references));
  return j;
}

Json action_json(const ActionItem& a, Date today) {
  Json j = Json::object();
  j.set("ref", a.ref);
  j.set("recommendation", a.recommendation);
  j.set("action", a.action);
  j.set("owner_person", a.owner_person);
  j.set("owner_agency", a.owner_agency);
  j.set("due_on", a.due_on.iso());
  j.set("desired_outcome", a.desired_outcome);
  j.set("status", a.status);
  j.set("overdue", a.is_overdue(today));
  j.set("added_on", a.added_on.iso());
  j.set("updated_on", optional_date(a.updated_on));
  j.set("completed_on", optional_date(a.completed_on));
  j.set("evidence", a.evidence);
  j.set("impact", a.impact);
  j.set("note", a.note);
  return j;
}

Json request_json(const AgencyRequest& r, Date today) {
  Json j = Json::object();
  j.set("agency", r.agency);
  j.set("purpose", r.purpose);
  j.set("requested_on", r.requested_on.iso());
  j.set("rule_id", r.rule_id);
  j.set("due_on", r.due ? Json(r.due->date.iso()) : Json());
  j.set("provisional", r.due ? r.due->provisional : false);
  j.set("returned_on", optional_date(r.returned_on));
  j.set("overdue", r.is_overdue(today));
  j.set("reminders", r.reminders);
  j.set("last_reminder_on", optional_date(r.last_reminder_on));
  return j;
}

Json contract_json(const Contract& c) {
  Json j = Json::object();
  j.set("ref", c.ref);
  j.set("reviewer_id", c.reviewer_id);
  j.set("reviewer_name", c.reviewer_name);
  j.set("scope", c.scope);
  j.set("start_on", c.start_on.iso());
  j.set("end_on", c.end_on.iso());
  j.set("fee_pounds", c.fee_pounds);
  j.set("status", c.status);
  j.set("drafted_on", c.drafted_on.iso());
  j.set("signed_on", optional_date(c.signed_on));
  j.set("started_on", optional_date(c.started_on));
  j.set("completed_on", optional_date(c.completed_on));
  j.set("terminated_on", optional_date(c.terminated_on));
  if (!c.termination_reason.empty()) j.set("termination_reason", c.termination_reason);
  return j;
}

Json commissioning_json(const CommissioningTime& t) {
  Json j = Json::object();
  j.set("decided_on", t.decided_on.iso());
  j.set("contract_signed_on", optional_date(t.signed_on));
  j.set("signed", t.signed_on.has_value());
  j.set("calendar_days", static_cast<long long>(t.calendar_days));
  j.set("working_days", t.working_days);
  return j;
}

Json records_json(const ReviewRecords& records, const Vocabularies& vocabularies, Date today) {
  Json actions = Json::array(), requests = Json::array(), contracts = Json::array();
  Json themes = Json::array(), factors = Json::array();
  for (const auto& a : records.actions) actions.push(action_json(a, today));
  for (const auto& r : records.requests) requests.push(request_json(r, today));
  for (const auto& c : records.contracts) contracts.push(contract_json(c));
  for (const CaseTag& t : records.tags) {
    if (t.kind == "theme") {
      const ThemeCode* code = vocabularies.theme(t.code);
      themes.push(code ? theme_json(*code) : theme_json(ThemeCode{t.code, t.code, false}));
    } else {
      const FactorCode* code = vocabularies.factor(t.code);
      factors.push(code ? factor_json(*code) : factor_json(FactorCode{t.code, "", t.code, false}));
    }
  }
  Json j = Json::object();
  j.set("actions", std::move(actions));
  j.set("agency_requests", std::move(requests));
  j.set("contracts", std::move(contracts));
  j.set("learning_themes", std::move(themes));
  j.set("modifiable_factors", std::move(factors));
  return j;
}

Json reviewer_json(const Reviewer& r) {
  Json j = Json::object();
  j.set("id", r.id);
  j.set("name", r.name);
  j.set("organisation", r.organisation);
  j.set("national_pool", r.national_pool);
  j.set("active", r.active);
  j.set("ruled_out", r.ruled_out());
  j.set("recorded_by", r.recorded_by);
  j.set("recorded_at", r.recorded_at.iso());
  Json declarations = Json::array();
  for (const ConflictDeclaration& d : r.declarations) {
    Json dj = Json::object();
    dj.set("id", d.id);
    dj.set("declared_on", d.declared_on.iso());
    dj.set("text", d.text);
    dj.set("rules_out", d.rules_out);
    dj.set("recorded_by", d.recorded_by);
    declarations.push(std::move(dj));
  }
  j.set("declarations", std::move(declarations));
  j.set("href", "/api/v1/reviewers/" + std::to_string(r.id));
  return j;
}

Json factor_json(const FactorCode& f) {
  Json j = Json::object();
  j.set("code", f.code);
  j.set("domain", f.domain);
  j.set("label", f.label);
  j.set("active", f.active);
  j.set("national", f.national);
  j.set("retired_nationally", f.retired_nationally);
  return j;
}

Json theme_json(const ThemeCode& t) {
  Json j = Json::object();
  j.set("code", t.code);
  j.set("label", t.label);
  j.set("active", t.active);
  j.set("national", t.national);
  j.set("retired_nationally", t.retired_nationally);
  return j;
}

Json period_json(const ReportPeriod& period) {
  Json j = Json::object();
  j.set("from", period.from.iso());
  j.set("to", period.to.iso());
  return j;
}

HttpResponse csv_response(CsvTable table, const std::string& filename) {
  HttpResponse response;
  response.content_type = kCsvContentType;
  response.headers.emplace_back("Content-Disposition", attachment_disposition(filename));
  response.body = std::move(table).str();
  return response;
}

}  // namespace casereview::web
