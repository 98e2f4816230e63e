#include "rr_steps.h"

#include "../src/review_steps.h"
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

}  // namespace

std::optional<Refusal> opening_dates_in_order(const Step& step) {
  return not_before(step, "notification_date", step.date("became_aware_on"),
                    "the date the local authority became aware");
}

std::optional<Refusal> meeting_after_notification(const Step& step) {
  if (auto early =
          not_before(step, "held_on", required(step, event::kOpened).effective_date, "the date of the notification")) {
    return early;
  }
  return std::nullopt;
}

std::optional<Refusal> decision_reasoned(const Step& step) {
  if (auto early = not_before(step, "decided_on", required(step, event::kMeetingRecorded).effective_date,
                              "the date of the rapid review meeting")) {
    return early;
  }
  if (step.text("rationale").size() < kMinimumReasonLength) {
    return refuse("Give the rationale for the decision in at least a sentence (" +
                      std::to_string(kMinimumReasonLength) + " characters or more): it is what scrutiny looks for.",
                  "rationale");
  }
  const std::string decision = step.text("decision");
  if ((decision == "no_lcspr" || decision == "criteria_not_met") &&
      step.text("learning_taken_forward").size() < kMinimumReasonLength) {
    return refuse("Without a local review, say how the learning will be taken forward.", "learning_taken_forward");
  }
  return std::nullopt;
}

std::optional<Refusal> sent_after_decision(const Step& step) {
  return not_before(step, "submitted_on", required(step, event::kDecisionRecorded).effective_date,
                    "the date of the decision");
}

std::optional<Refusal> response_after_sending(const Step& step) {
  return not_before(step, "responded_on", required(step, event::kSubmitted).effective_date,
                    "the date the rapid review was sent");
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
  const std::string decision = step.text("decision");
  Json payload = step.command.facts;
  if (decision == "lcspr") payload.set("opens", kLcsprRelation);
  out.add(NewEvent{event::kDecisionRecorded, decided, payload});
  out.outcome = outcome_of(decision);
  if (decision != "lcspr") return;
  const Json opening = payload_of(required(step, event::kOpened));
  Json facts = Json::object();
  facts.set("decided_on", decided.iso());
  facts.set("rationale", step.text("rationale"));
  facts.set("summary", opening["summary"]);
  out.opens.push_back(FollowOn{"lcspr", kLcsprRelation, facts});
}

void record_submitted(const Step& step, Outcome& out) {
  out.add(NewEvent{event::kSubmitted, step.date("submitted_on"), step.command.facts});
}

void record_panel_response(const Step& step, Outcome& out) {
  out.add(NewEvent{event::kPanelResponse, step.date("responded_on"), step.command.facts});
  const std::string decision = payload_of(required(step, event::kDecisionRecorded))["decision"].as_string();
  std::string outcome = outcome_of(decision);
  outcome += step.text("agrees_with_decision") == "yes" ? "; the Panel agreed" : "; the Panel did not agree";
  if (step.text("national_review") == "yes") outcome += " and will carry out a national review";
  out.outcome = outcome;
}

}  // namespace casereview::workflows::rr
