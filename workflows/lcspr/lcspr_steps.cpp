#include "lcspr_steps.h"

#include <algorithm>

#include "casereview/engine/review_records.h"
#include "lcspr_names.h"
#include "lcspr_spec.h"

namespace casereview::workflows::lcspr {
namespace {

constexpr std::size_t kMinimumReasonLength = 20;

// The opening event's record of the final report's recipients (a list of
// recipient:: names), fixed by the partnership's setting when it was opened.
constexpr const char* kRecipientsMember = "final_report_recipients";

const Event& required(const Step& step, const char* type) {
  const Event* e = step.last(type);
  if (!e) throw std::logic_error(std::string("local review without its ") + type + " event");
  return *e;
}

Date decision_date(const Step& step) { return required(step, event::kOpened).effective_date; }

std::optional<Contract> contract(const Step& step) {
  for (Contract& c : project_contracts(step.context.history)) {
    if (c.ref == step.text("contract_ref")) return c;
  }
  return std::nullopt;
}

std::optional<Refusal> contract_in(const Step& step, std::initializer_list<const char*> statuses, const char* doing) {
  const auto c = contract(step);
  if (!c) return refuse("There is no contract " + step.text("contract_ref") + " on this review.", "contract_ref");
  if (std::none_of(statuses.begin(), statuses.end(), [&](const char* s) { return c->status == s; })) {
    return refuse("Contract " + c->ref + " is " + c->status + "; it cannot be " + doing + ".", "contract_ref");
  }
  return std::nullopt;
}

// Written requests so far: ref -> answered?
std::vector<std::pair<std::string, bool>> written_requests(const Step& step) {
  std::vector<std::pair<std::string, bool>> out;
  for (const Event& e : step.context.history) {
    if (e.type != event::kWrittenRequest && e.type != event::kWrittenAnswer) continue;
    const std::string ref = payload_of(e)["request_ref"].as_string();
    if (e.type == event::kWrittenRequest) {
      out.emplace_back(ref, false);
    } else {
      for (auto& r : out) {
        if (r.first == ref) r.second = true;
      }
    }
  }
  return out;
}

// Who receives this review's final report: as recorded when it was opened. A
// case opened before the recipients were recorded sent it to the Panel and the
// Secretary of State, the rule of the time.
std::vector<std::string> recipients(const Step& step) {
  const Json& recorded = payload_of(required(step, event::kOpened))[kRecipientsMember];
  if (!recorded.is_array()) return {recipient::kPanel, recipient::kSecretaryOfState};
  std::vector<std::string> out;
  for (const Json& r : recorded.items()) {
    if (r.is_string()) out.push_back(r.as_string());
  }
  return out;
}

// The copy sent to `who`, or nullptr.
const Event* copy_sent_to(const Step& step, const std::string& who) {
  for (auto it = step.context.history.rbegin(); it != step.context.history.rend(); ++it) {
    if (it->type == event::kReportSentTo && payload_of(*it)["recipient"].as_string() == who) return &*it;
  }
  return nullptr;
}

// The recipients still without their copy, in the recorded order.
std::vector<std::string> recipients_left(const Step& step) {
  std::vector<std::string> left;
  for (const std::string& who : recipients(step)) {
    if (!copy_sent_to(step, who)) left.push_back(who);
  }
  return left;
}

std::string recipient_name(const std::string& who) {
  if (who == recipient::kPanel) return "the National Panel";
  if (who == recipient::kSecretaryOfState) return "the Secretary of State";
  if (who == recipient::kOfsted) return "Ofsted";
  return who;
}

std::string names_of(const std::vector<std::string>& who) {
  std::string out;
  for (std::size_t i = 0; i < who.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == who.size() ? " and " : ", ") + recipient_name(who[i]);
  }
  return out;
}

// What the sign-off decided will be published: "full_report" or "improvements_information".
std::string what_is_published(const Step& step) {
  return payload_of(required(step, event::kSignedOff))["publication"].as_string();
}

std::string from_state_of_hold(const Step& step) {
  return payload_of(required(step, event::kOnHold))["from_state"].as_string();
}

NewEvent from_facts(const Step& step, const char* type, const char* date_field) {
  return NewEvent{type, step.date(date_field), step.command.facts};
}

bool any_contract_in(const Step& step, std::initializer_list<const char*> statuses) {
  const std::vector<Contract> contracts = project_contracts(step.context.history);
  return std::any_of(contracts.begin(), contracts.end(), [&](const Contract& c) {
    return std::any_of(statuses.begin(), statuses.end(), [&](const char* s) { return c.status == s; });
  });
}

}  // namespace

bool endorsement_still_to_record(const Step& step) { return !step.last(event::kPanelEndorsed); }
bool terms_still_to_agree(const Step& step) { return !step.last(event::kTermsAgreed); }
bool a_contract_drafted(const Step& step) { return any_contract_in(step, {"drafted"}); }
bool ready_to_start(const Step& step) { return step.last(event::kTermsAgreed) && any_contract_in(step, {"signed"}); }
bool a_contract_to_end(const Step& step) { return any_contract_in(step, {"drafted", "signed", "active"}); }
bool a_contract_active(const Step& step) { return any_contract_in(step, {"active"}); }

std::optional<Refusal> opening_reasoned(const Step& step) {
  if (step.visible_length("rationale") < kMinimumReasonLength) {
    return refuse("A local review needs the rationale for commissioning it.", "rationale");
  }
  return std::nullopt;
}

std::optional<Refusal> endorsement_not_recorded(const Step& step) {
  if (const Event* e = step.last(event::kPanelEndorsed)) {
    return refuse("The Panel's endorsement was already recorded on " + e->effective_date.iso() + ".", "endorsed_on");
  }
  return not_before(step, "endorsed_on", decision_date(step), "the decision to carry out the review");
}

std::optional<Refusal> terms_not_yet_agreed(const Step& step) {
  if (const Event* e = step.last(event::kTermsAgreed)) {
    return refuse("The terms of reference were already agreed on " + e->effective_date.iso() + ".", "agreed_on");
  }
  return not_before(step, "agreed_on", decision_date(step), "the decision to carry out the review");
}

std::optional<Refusal> contract_can_be_drafted(const Step& step) {
  if (contract(step)) return refuse("There is already a contract " + step.text("contract_ref") + ".", "contract_ref");
  const Reviewer& reviewer = step.context.reviewers.at(step.command.facts["reviewer_id"].as_integer());
  if (!reviewer.active) return refuse(reviewer.name + " is no longer active in the register.", "reviewer_id");
  if (reviewer.ruled_out()) {
    return refuse(reviewer.name + " has a declaration of interest that rules them out for this partnership.",
                  "reviewer_id");
  }
  if (!step.flag("conflicts_checked")) {
    return refuse("Check the reviewer's declarations of interest before drafting the contract.", "conflicts_checked");
  }
  if (auto early = not_before(step, "drafted_on", decision_date(step), "the decision to carry out the review")) {
    return early;
  }
  return not_before(step, "end_on", step.date("start_on"), "the planned start");
}

std::optional<Refusal> contract_can_be_signed(const Step& step) {
  if (auto wrong = contract_in(step, {"drafted"}, "signed")) return wrong;
  return not_before(step, "signed_on", contract(step)->drafted_on, "the date the contract was drafted");
}

std::optional<Refusal> review_can_start(const Step& step) {
  if (!step.last(event::kTermsAgreed)) return refuse("Agree the terms of reference before the review starts.");
  if (auto wrong = contract_in(step, {"signed"}, "started")) return wrong;
  return not_before(step, "started_on", *contract(step)->signed_on, "the date the contract was signed");
}

std::optional<Refusal> contract_can_be_terminated(const Step& step) {
  if (auto wrong = contract_in(step, {"drafted", "signed", "active"}, "terminated")) return wrong;
  return not_before(step, "terminated_on", contract(step)->drafted_on, "the date the contract was drafted");
}

std::optional<Refusal> contract_can_be_completed(const Step& step) {
  if (auto wrong = contract_in(step, {"active"}, "completed")) return wrong;
  return not_before(step, "completed_on", *contract(step)->started_on, "the date work started");
}

std::optional<Refusal> monitoring_dated(const Step& step) {
  return not_before(step, "monitored_on", required(step, event::kReviewStarted).effective_date,
                    "the date the review started");
}

std::optional<Refusal> new_written_request(const Step& step) {
  for (const auto& [ref, answered] : written_requests(step)) {
    if (ref == step.text("request_ref")) {
      return refuse("There is already a written request " + ref + "; give this one another reference.", "request_ref");
    }
  }
  return not_before(step, "sent_on", required(step, event::kReviewStarted).effective_date,
                    "the date the review started");
}

std::optional<Refusal> written_request_open(const Step& step) {
  for (const auto& [ref, answered] : written_requests(step)) {
    if (ref != step.text("request_ref")) continue;
    if (answered) return refuse("Written request " + ref + " was already answered.", "request_ref");
    for (auto it = step.context.history.rbegin(); it != step.context.history.rend(); ++it) {
      if (it->type == event::kWrittenRequest && payload_of(*it)["request_ref"].as_string() == ref) {
        return not_before(step, "answered_on", it->effective_date, "the date the request was sent");
      }
    }
  }
  return refuse("There is no written request " + step.text("request_ref") + ".", "request_ref");
}

std::optional<Refusal> draft_dated(const Step& step) {
  return not_before(step, "received_on", required(step, event::kReviewStarted).effective_date,
                    "the date the review started");
}

std::optional<Refusal> sign_off_after_a_draft(const Step& step) {
  const Event* draft = step.last(event::kDraft);
  if (!draft) return refuse("No draft has been received from the reviewer yet.");
  int unanswered = 0;
  for (const auto& request : written_requests(step)) unanswered += request.second ? 0 : 1;
  if (unanswered > 0) {
    return refuse(std::to_string(unanswered) +
                  " written request(s) to the reviewer are unanswered; record the answers "
                  "before signing off.");
  }
  if (step.text("publication") == "improvements_information") {
    if (step.visible_length("not_in_full_reason") < kMinimumReasonLength) {
      return refuse(
          "Only the information about improvements will be published: record why the report will not be published "
          "in full.",
          "not_in_full_reason");
    }
  } else if (!step.text("not_in_full_reason").empty()) {
    return refuse("The report will be published in full; there is no reason not to publish it in full to record.",
                  "not_in_full_reason");
  }
  return not_before(step, "signed_off_on", draft->effective_date, "the latest draft");
}

std::optional<Refusal> publication_after_sign_off(const Step& step) {
  return not_before(step, "planned_on", required(step, event::kSignedOff).effective_date, "the sign-off");
}

std::optional<Refusal> report_ready_to_send(const Step& step) {
  const int notice = terms_for(step, deadline_rules(), rule::kNoticeBeforePublication).amount;
  if (!step.last(event::kPublicationPlanned)) {
    return refuse("Plan the publication date first: the report must reach each recipient at least " +
                  std::to_string(notice) + " working days before it.");
  }
  const std::string who = step.text("recipient");
  const std::vector<std::string> all = recipients(step);
  if (std::find(all.begin(), all.end(), who) == all.end()) {
    return refuse("The partnership sends this review's report to " + names_of(all) +
                      " (its setting when the review was opened), not to " + recipient_name(who) + ".",
                  "recipient");
  }
  if (const Event* sent = copy_sent_to(step, who)) {
    return refuse("The report was already sent to " + recipient_name(who) + " on " + sent->effective_date.iso() + ".",
                  "recipient");
  }
  return not_before(step, "sent_on", required(step, event::kSignedOff).effective_date, "the sign-off");
}

std::optional<Refusal> delay_explanation_reasoned(const Step& step) {
  if (step.visible_length("reasons") < kMinimumReasonLength) {
    return refuse("Give the reasons for the delay, as the Panel and the Secretary of State were told them.", "reasons");
  }
  return not_before(step, "explained_on", decision_date(step), "the decision to carry out the review");
}

std::optional<Refusal> ready_to_publish(const Step& step) {
  const Date published = step.date("published_on");
  // The notice: sent on or before the Nth working day before publication (as the clock measures it).
  const Date sent = required(step, event::kReportSent).effective_date;
  const int notice = terms_for(step, deadline_rules(), rule::kNoticeBeforePublication).amount;
  const WorkingDayCalendar& calendar = step.context.calendar;
  if (sent > calendar.subtract_working_days(published, notice).date) {
    Date first_working_day = sent;
    while (!calendar.is_working_day(first_working_day)) first_working_day = first_working_day.plus_days(1);
    const Date earliest = calendar.add_working_days(first_working_day, notice).date;
    return refuse("The report reached its last recipient on " + sent.iso() + "; it may be published from " +
                      earliest.iso() + ", " + std::to_string(notice) + " working days later.",
                  "published_on");
  }
  // A delay beyond the 6 months (time on hold included) is explained first.
  const RuleTerms explain = terms_for(step, deadline_rules(), rule::kExplainDelay);
  const Date decided = decision_date(step);
  const Date limit = compute_due(explain, Anchor{decided, std::nullopt}, calendar).date;
  if (published <= limit) return std::nullopt;
  for (const Event& e : step.context.history) {
    if (e.type == event::kDelayExplained && e.effective_date <= published) return std::nullopt;
  }
  return refuse("Publication on " + published.iso() + " is more than " + std::to_string(explain.amount) +
                    " months after the decision to carry out the review (" + decided.iso() + "; the " +
                    std::to_string(explain.amount) + " months ended on " + limit.iso() +
                    "): first record the reasons for the delay given to the National Panel and the Secretary of "
                    "State.",
                "published_on");
}

std::optional<Refusal> published_long_enough(const Step& step) {
  const Date published = required(step, event::kPublished).effective_date;
  const RuleTerms terms = terms_for(step, deadline_rules(), rule::kKeepPublished);
  const Date earliest = compute_due(terms, Anchor{published, std::nullopt}, step.context.calendar).date;
  if (step.date("closed_on") >= earliest) return std::nullopt;
  return refuse("The report was published on " + published.iso() + " and must stay published until at least " +
                    earliest.iso() + ".",
                "closed_on");
}

std::optional<Refusal> hold_dated(const Step& step) {
  Date earliest = decision_date(step);
  std::string label = "the decision to carry out the review";
  if (const Event* resumed = step.last(event::kResumed); resumed && resumed->effective_date > earliest) {
    earliest = resumed->effective_date;
    label = "the last resumption";
  }
  if (auto early = not_before(step, "held_from", earliest, label)) return early;
  for (const char* told : {"family_informed_on", "panel_informed_on"}) {
    if (step.optional_date(told)) {
      if (auto early = not_before(step, told, step.date("held_from"), "the start of the hold")) return early;
    }
  }
  return std::nullopt;
}

std::optional<Refusal> hold_notifications_given(const Step& step) {
  const Date held_from = required(step, event::kOnHold).effective_date;
  bool any = false;
  for (const char* told : {"family_informed_on", "panel_informed_on"}) {
    if (!step.optional_date(told)) continue;
    any = true;
    if (auto early = not_before(step, told, held_from, "the start of the hold")) return early;
  }
  if (!any) return refuse("Give the date the family or the National Panel was told.");
  return std::nullopt;
}

std::optional<Refusal> resumption_dated(const Step& step) {
  return not_before(step, "resumed_on", required(step, event::kOnHold).effective_date, "the start of the hold");
}

bool was_commissioning(const Step& step) { return from_state_of_hold(step) == state::kCommissioning; }
bool was_in_review(const Step& step) { return from_state_of_hold(step) == state::kInReview; }
bool was_signed_off(const Step& step) { return from_state_of_hold(step) == state::kSignedOff; }
bool was_report_sent(const Step& step) { return from_state_of_hold(step) == state::kReportSent; }

bool several_recipients_left(const Step& step) { return recipients_left(step).size() > 1; }
bool one_recipient_left(const Step& step) { return recipients_left(step).size() == 1; }

void record_opened(const Step& step, Outcome& out) {
  Json payload = step.command.facts;
  Json who = Json::array();
  for (const std::string& r : recipients_for(terms_for(step, deadline_rules(), rule::kNoticeBeforePublication))) {
    who.push(r);
  }
  payload.set(kRecipientsMember, who);
  out.add(NewEvent{event::kOpened, step.date("decided_on"), payload});
}
void record_endorsement(const Step& step, Outcome& out) {
  out.add(from_facts(step, event::kPanelEndorsed, "endorsed_on"));
}
void record_terms_agreed(const Step& step, Outcome& out) {
  out.add(from_facts(step, event::kTermsAgreed, "agreed_on"));
}

void record_contract_drafted(const Step& step, Outcome& out) {
  Json payload = step.command.facts;
  payload.set("reviewer_name", step.context.reviewers.at(payload["reviewer_id"].as_integer()).name);
  out.add(NewEvent{review_event::kContractDrafted, step.date("drafted_on"), payload});
}

void record_contract_signed(const Step& step, Outcome& out) {
  out.add(from_facts(step, review_event::kContractSigned, "signed_on"));
}

void record_review_started(const Step& step, Outcome& out) {
  out.add(from_facts(step, review_event::kContractStarted, "started_on"));
  out.add(from_facts(step, event::kReviewStarted, "started_on"));
}

void record_contract_terminated(const Step& step, Outcome& out) {
  out.add(from_facts(step, review_event::kContractTerminated, "terminated_on"));
}

void record_contract_completed(const Step& step, Outcome& out) {
  out.add(from_facts(step, review_event::kContractCompleted, "completed_on"));
}

void record_monitoring(const Step& step, Outcome& out) {
  out.add(from_facts(step, event::kMonitoring, "monitored_on"));
}
void record_written_request(const Step& step, Outcome& out) {
  out.add(from_facts(step, event::kWrittenRequest, "sent_on"));
}
void record_written_answer(const Step& step, Outcome& out) {
  out.add(from_facts(step, event::kWrittenAnswer, "answered_on"));
}
void record_draft(const Step& step, Outcome& out) { out.add(from_facts(step, event::kDraft, "received_on")); }
void record_sign_off(const Step& step, Outcome& out) { out.add(from_facts(step, event::kSignedOff, "signed_off_on")); }

void record_publication_planned(const Step& step, Outcome& out) {
  out.add(NewEvent{event::kPublicationPlanned, step.context.today, step.command.facts});
}

void record_copy_sent(const Step& step, Outcome& out) {
  Json payload = step.command.facts;
  payload.set("publication", what_is_published(step));
  out.add(NewEvent{event::kReportSentTo, step.date("sent_on"), payload});
}

void record_last_copy_sent(const Step& step, Outcome& out) {
  record_copy_sent(step, out);
  // Every recipient has it now: the notice is given on the date of the latest copy.
  Date latest = step.date("sent_on");
  for (const std::string& who : recipients(step)) {
    if (const Event* sent = copy_sent_to(step, who)) latest = std::max(latest, sent->effective_date);
  }
  Json payload = Json::object();
  Json who = Json::array();
  for (const std::string& r : recipients(step)) who.push(r);
  payload.set("recipients", who);
  payload.set("sent_on", latest.iso());
  payload.set("publication", what_is_published(step));
  out.add(NewEvent{event::kReportSent, latest, payload});
}

void record_delay_explained(const Step& step, Outcome& out) {
  out.add(from_facts(step, event::kDelayExplained, "explained_on"));
}

void record_published(const Step& step, Outcome& out) {
  Json payload = step.command.facts;
  payload.set("publication", what_is_published(step));
  out.add(NewEvent{event::kPublished, step.date("published_on"), payload});
  out.outcome = "Published";
}

void record_closed(const Step& step, Outcome& out) {
  out.add(from_facts(step, event::kClosed, "closed_on"));
  out.outcome = "Published; closed";
}

void record_on_hold(const Step& step, Outcome& out) {
  Json payload = step.command.facts;
  payload.set("from_state", std::string(step.state));
  out.add(NewEvent{event::kOnHold, step.date("held_from"), payload});
  out.outcome = "On hold pending parallel processes";
}

void record_hold_notifications(const Step& step, Outcome& out) {
  out.add(NewEvent{event::kHoldNotified, step.context.today, step.command.facts});
}

void record_resumed(const Step& step, Outcome& out) {
  out.add(from_facts(step, event::kResumed, "resumed_on"));
  out.outcome = "Resumed after being on hold";
}

}  // namespace casereview::workflows::lcspr
