#include "rr_steps.h"

#include "../src/review_steps.h"
#include "../src/safeguarding_partners.h"
#include "rr_names.h"

namespace casereview::workflows::rr {
namespace {

constexpr std::size_t kMinimumReasonLength = 20;

const Event& required(const Step& step, const char* type) {
  const Event* e = step.last(type);
  if (!e) throw std::logic_error(std::string("rapid review without its ") + type + " event");
  return *e;
}

const char* outcome_of(const std::string& decision) {
  if (decision == "lcspr") return "Local child safeguarding practice review commissioned";
  if (decision == "no_lcspr") return "No local review: learning taken forward another way";
  if (decision == "national_review_referral") return "Referred to the National Panel for a national review";
  return "Criteria not met";
}

bool says(const Json& facts, const char* member, const char* value) {
  const Json& v = facts[member];
  return v.is_string() && v.as_string() == value;
}

bool lists(const Json& facts, const char* member, const char* value) {
  const Json& list = facts[member];
  if (!list.is_array()) return false;
  for (const Json& item : list.items()) {
    if (item.is_string() && item.as_string() == value) return true;
  }
  return false;
}

// Whether an event of one of `types` opened a case of `relation`.
bool opened_by(const Step& step, std::initializer_list<const char*> types, const char* relation) {
  for (const Event& e : step.context.history) {
    for (const char* type : types) {
      if (e.type == type && says(payload_of(e), kOpensMember, relation)) return true;
    }
  }
  return false;
}

bool local_review_under_way(const Step& step) {
  return opened_by(step, {event::kDecisionRecorded, event::kDecisionAfterPanel}, kLcsprRelation);
}

std::string decision_of(const Step& step) {
  return payload_of(required(step, event::kDecisionRecorded))[fact::kDecision].as_string();
}

// Whether `response` (the facts of the Panel's response, sent or recorded)
// challenges the partners' decision.
bool challenges(const Step& step, const Json& response) {
  if (local_review_under_way(step)) return false;
  return says(response, fact::kAgreesWithDecision, "no") || says(response, fact::kRecommendsLocalReview, "yes") ||
         (decision_of(step) == "national_review_referral" && says(response, fact::kNationalReview, "no"));
}

std::optional<Refusal> at_least_a_sentence(const Step& step, const char* field, const std::string& reason) {
  if (step.visible_length(field) >= kMinimumReasonLength) return std::nullopt;
  return refuse(reason + " (" + std::to_string(kMinimumReasonLength) + " characters or more)", field);
}

// `code` ("none") may be listed only on its own.
std::optional<Refusal> alone_if_listed(const Step& step, const char* field, const char* code, const char* meaning) {
  if (lists(step.command.facts, field, code) && step.command.facts[field].items().size() > 1) {
    return refuse(std::string("\"") + code + "\" (" + meaning + ") cannot be listed with anything else.", field);
  }
  return std::nullopt;
}

std::optional<Refusal> learning_route_given(const Step& step) {
  const std::string decision = step.text(fact::kDecision);
  if (decision == "lcspr" || decision == "national_review_referral") return std::nullopt;
  return at_least_a_sentence(step, "learning_taken_forward",
                             "Without a local review, say how the learning will be taken forward");
}

std::optional<Refusal> criteria_considered(const Step& step) {
  if (auto r = alone_if_listed(step, "local_review_criteria", "none", "none of the criteria applies")) return r;
  return alone_if_listed(step, "local_review_criteria", "not_recorded", "the imported records did not keep them");
}

void open_national_review(const Step& step, Outcome& out, Date decided) {
  Json facts = Json::object();
  facts.set("decided_on", decided.iso());
  facts.set("panel_reference", step.text("panel_reference"));
  facts.set("partnership_part", step.text("partnership_part"));
  facts.set("summary", payload_of(required(step, event::kOpened))["summary"]);
  out.opens.push_back(FollowOn{kNationalReviewKind, kNationalReviewRelation, facts});
}

void open_local_review(const Step& step, Outcome& out, Date decided) {
  Json facts = Json::object();
  facts.set("decided_on", decided.iso());
  facts.set("rationale", step.text("rationale"));
  facts.set("summary", payload_of(required(step, event::kOpened))["summary"]);
  out.opens.push_back(FollowOn{kLcsprKind, kLcsprRelation, facts});
}

}  // namespace

std::optional<Refusal> opening_dates_in_order(const Step& step) {
  return not_before(step, "notification_date", step.date("became_aware_on"),
                    "the date the local authority became aware");
}

std::optional<Refusal> meeting_after_notification(const Step& step) {
  return not_before(step, "held_on", required(step, event::kOpened).effective_date, "the date of the notification");
}

std::optional<Refusal> decision_reasoned(const Step& step) {
  if (auto early = not_before(step, "decided_on", required(step, event::kMeetingRecorded).effective_date,
                              "the date of the rapid review meeting")) {
    return early;
  }
  if (auto r = at_least_a_sentence(step, "rationale",
                                   "Give the rationale for the decision in at least a sentence: it is what scrutiny "
                                   "looks for")) {
    return r;
  }
  if (auto r = learning_route_given(step)) return r;
  if (auto r = at_least_a_sentence(step, "inequalities",
                                   "Say in at least a sentence whether and how racism or other inequalities may have "
                                   "influenced the child's experience, even where none was found")) {
    return r;
  }
  if (auto r = criteria_considered(step)) return r;
  if (auto r = alone_if_listed(step, "parallel_processes", "none_known", "no parallel process known")) return r;
  if (auto r = alone_if_listed(step, "parallel_processes", "not_recorded", "the imported records did not keep them")) {
    return r;
  }
  return partners::all_agreed(step);
}

std::optional<Refusal> sent_after_decision(const Step& step) {
  return not_before(step, "submitted_on", required(step, event::kDecisionRecorded).effective_date,
                    "the date of the decision");
}

std::optional<Refusal> response_after_sending(const Step& step) {
  if (auto early = not_before(step, "responded_on", required(step, event::kSubmitted).effective_date,
                              "the date the rapid review was sent")) {
    return early;
  }
  if (step.text(fact::kNationalReview) != "yes") return std::nullopt;
  if (step.text("panel_reference").empty()) {
    return refuse("Give the Panel's reference for its national review: the linked case is opened under it.",
                  "panel_reference");
  }
  if (step.text("partnership_part").empty()) {
    return refuse("Say what the partnership's part in the national review is.", "partnership_part");
  }
  return std::nullopt;
}

std::optional<Refusal> decision_after_panel_reasoned(const Step& step) {
  if (auto early = not_before(step, "decided_on", required(step, event::kPanelResponse).effective_date,
                              "the date of the Panel's response")) {
    return early;
  }
  if (auto r = at_least_a_sentence(step, "rationale",
                                   "Give the rationale for the decision, answering the Panel's response, in at least "
                                   "a sentence")) {
    return r;
  }
  if (auto r = learning_route_given(step)) return r;
  if (auto r = criteria_considered(step)) return r;
  return partners::all_agreed(step);
}

std::optional<Refusal> national_review_after_sending(const Step& step) {
  return not_before(step, "decided_on", required(step, event::kSubmitted).effective_date,
                    "the date the rapid review was sent");
}

bool response_challenges_decision(const Step& step) { return challenges(step, step.command.facts); }

bool response_settles_decision(const Step& step) { return !response_challenges_decision(step); }

bool challenge_unanswered(const Step& step) {
  const Event* response = step.last(event::kPanelResponse);
  return response && !step.last(event::kDecisionAfterPanel) && challenges(step, payload_of(*response));
}

bool no_national_review_yet(const Step& step) {
  return !opened_by(step, {event::kPanelResponse, event::kNationalReviewRecorded}, kNationalReviewRelation);
}

void record_opened(const Step& step, Outcome& out) {
  out.add(NewEvent{event::kOpened, step.date("notification_date"), step.command.facts});
}

void record_information_request(const Step& step, Outcome& out) {
  review::record_agency_request(step, out, "information", rule::kAgencyReturn);
}

void record_meeting(const Step& step, Outcome& out) {
  out.add(NewEvent{event::kMeetingRecorded, step.date("held_on"), step.command.facts});
}

void record_decision(const Step& step, Outcome& out) {
  const Date decided = step.date("decided_on");
  const std::string decision = step.text(fact::kDecision);
  Json payload = step.command.facts;
  if (decision == "lcspr") payload.set(kOpensMember, kLcsprRelation);
  out.add(NewEvent{event::kDecisionRecorded, decided, payload});
  out.outcome = outcome_of(decision);
  if (decision == "lcspr") open_local_review(step, out, decided);
}

void record_submitted(const Step& step, Outcome& out) {
  out.add(NewEvent{event::kSubmitted, step.date("submitted_on"), step.command.facts});
}

void record_panel_response(const Step& step, Outcome& out) {
  const Date responded = step.date("responded_on");
  const bool national = step.text(fact::kNationalReview) == "yes";
  Json payload = step.command.facts;
  if (national) payload.set(kOpensMember, kNationalReviewRelation);
  out.add(NewEvent{event::kPanelResponse, responded, payload});
  std::string outcome = outcome_of(decision_of(step));
  outcome += step.text(fact::kAgreesWithDecision) == "yes" ? "; the Panel agreed" : "; the Panel did not agree";
  if (step.text(fact::kRecommendsLocalReview) == "yes") outcome += ", recommended a local review";
  if (national) outcome += " and will carry out a national review";
  out.outcome = outcome;
  if (national) open_national_review(step, out, responded);
}

void record_decision_after_panel(const Step& step, Outcome& out) {
  const Date decided = step.date("decided_on");
  const bool local_review = step.text(fact::kDecision) == "lcspr";
  Json payload = step.command.facts;
  if (local_review) payload.set(kOpensMember, kLcsprRelation);
  out.add(NewEvent{event::kDecisionAfterPanel, decided, payload});
  if (local_review) {
    out.outcome = "Local child safeguarding practice review commissioned after the Panel's response";
    open_local_review(step, out, decided);
  } else {
    out.outcome = "No local review after the Panel's response: the reasons are recorded";
  }
}

void record_national_review(const Step& step, Outcome& out) {
  const Date decided = step.date("decided_on");
  Json payload = step.command.facts;
  payload.set(kOpensMember, kNationalReviewRelation);
  out.add(NewEvent{event::kNationalReviewRecorded, decided, payload});
  open_national_review(step, out, decided);
}

}  // namespace casereview::workflows::rr
