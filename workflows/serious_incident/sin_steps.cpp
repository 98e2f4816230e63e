#include "sin_steps.h"

#include "casereview/engine/subject.h"
#include "sin_names.h"

namespace casereview::workflows::sin {
namespace {

// A reason shorter than this is not a reason a scrutineer can check.
constexpr std::size_t kMinimumReasonLength = 20;
// Care leavers are notified up to their 25th birthday.
constexpr long long kCareLeaverAgeLimit = 25;

const Event& opened(const Step& step) {
  const Event* e = step.last(event::kOpened);
  if (!e) throw std::logic_error("serious incident case without its opening event");
  return *e;
}

Date became_aware_on(const Step& step) { return opened(step).effective_date; }

bool opened_flag(const Step& step, const char* member) {
  const Json payload = payload_of(opened(step));
  return payload[member].is_bool() && payload[member].as_bool();
}

bool is_looked_after_death(const Step& step) {
  const Json payload = payload_of(opened(step));
  return payload["looked_after_child"].is_bool() && payload["looked_after_child"].as_bool() &&
         payload["harm"].is_string() && payload["harm"].as_string() == "death";
}

// Copies the command's facts into an event payload, as sent.
NewEvent event_from_facts(const Step& step, const char* type, Date effective) {
  return NewEvent{type, effective, step.command.facts};
}

std::optional<Refusal> looked_after_notification(const Step& step, const char* done_event, const char* whom) {
  if (!is_looked_after_death(step)) {
    return refuse(std::string("Only the death of a looked-after child is notified to ") + whom + ".");
  }
  if (const Event* done = step.last(done_event)) {
    return refuse(std::string(whom) + " was already recorded as notified on " + done->effective_date.iso() + ".",
                  "notified_on");
  }
  return not_before(step, "notified_on", became_aware_on(step), "the date the local authority became aware");
}

}  // namespace

std::optional<Refusal> criteria_met(const Step& step) {
  const bool looked_after = step.flag("looked_after_child");
  const bool care_leaver = step.flag("care_leaver");
  const bool death = step.text("harm") == "death";
  if (looked_after && care_leaver) {
    return refuse("A child cannot be both looked after and a care leaver; record the status at the time.",
                  "care_leaver");
  }
  if (care_leaver) {
    if (!death)
      return refuse("Only the death of a care leaver is notified; serious harm to a care leaver is not.", "harm");
    const Json& age = step.command.facts["age"];
    if (!age.is_integer())
      return refuse("Give the care leaver's age: deaths are notified up to the 25th birthday.", "age");
    if (age.as_integer() < 16 || age.as_integer() >= kCareLeaverAgeLimit) {
      return refuse("Care-leaver deaths are notified from 16 up to the 25th birthday.", "age");
    }
    return std::nullopt;
  }
  const Json& age = step.command.facts["age"];
  if (age.is_integer() && age.as_integer() >= 18) {
    return refuse("A serious incident notification is about a child under 18, or a care leaver.", "age");
  }
  if (step.text("abuse_or_neglect") != "not_suspected") {
    const std::string nhs = step.text("nhs_number");
    if (!nhs.empty() && !valid_nhs_number(nhs)) {
      return refuse("The NHS number is not valid (ten digits with a correct check digit).", "nhs_number");
    }
    return std::nullopt;
  }
  if (looked_after && death) return std::nullopt;
  return refuse(
      "A serious incident notification needs abuse or neglect to be known or suspected. Without it, only the death "
      "of a looked-after child or of a care leaver is notified.",
      "abuse_or_neglect");
}

std::optional<Refusal> partners_not_yet_informed(const Step& step) {
  if (const Event* informed = step.last(event::kPartnersInformed)) {
    return refuse("The safeguarding partners were already recorded as told on " + informed->effective_date.iso() + ".",
                  "informed_on");
  }
  return not_before(step, "informed_on", became_aware_on(step), "the date the local authority became aware");
}

std::optional<Refusal> submitted_after_awareness(const Step& step) {
  return not_before(step, "submitted_on", became_aware_on(step), "the date the local authority became aware");
}

std::optional<Refusal> criteria_decision_reasoned(const Step& step) {
  if (auto refusal =
          not_before(step, "decided_on", became_aware_on(step), "the date the local authority became aware")) {
    return refusal;
  }
  if (step.text("reason").size() < kMinimumReasonLength) {
    return refuse("Give the reasons for the decision in at least a sentence (" + std::to_string(kMinimumReasonLength) +
                      " characters or more).",
                  "reason");
  }
  return std::nullopt;
}

std::optional<Refusal> ofsted_notification_due(const Step& step) {
  return looked_after_notification(step, event::kOfstedNotified, "Ofsted");
}

std::optional<Refusal> secretary_of_state_notification_due(const Step& step) {
  return looked_after_notification(step, event::kSecretaryOfStateNotified, "the Secretary of State");
}

bool is_care_leaver_case(const Step& step) { return opened_flag(step, "care_leaver"); }
bool is_rapid_review_case(const Step& step) { return !is_care_leaver_case(step); }

void record_opened(const Step& step, Outcome& out) {
  Json payload = step.command.facts;
  if (!payload.contains("looked_after_child")) payload.set("looked_after_child", false);
  if (!payload.contains("care_leaver")) payload.set("care_leaver", false);
  const Date aware = step.date("became_aware_on");
  out.add(NewEvent{event::kOpened, aware, payload});
  if (step.flag("looked_after_child") && step.text("harm") == "death") {
    out.add(NewEvent{event::kLookedAfterDeath, aware, Json::object()});
  }
}

void record_partners_informed(const Step& step, Outcome& out) {
  out.add(event_from_facts(step, event::kPartnersInformed, step.date("informed_on")));
}

void record_notification_opening_rapid_review(const Step& step, Outcome& out) {
  const Date submitted = step.date("submitted_on");
  Json payload = step.command.facts;
  payload.set("opens", kRapidReviewRelation);
  out.add(NewEvent{event::kNotificationSubmitted, submitted, payload});
  const Json opening = payload_of(opened(step));
  Json facts = Json::object();
  facts.set("notification_date", submitted.iso());
  facts.set("became_aware_on", became_aware_on(step).iso());
  facts.set("harm", opening["harm"]);
  facts.set("looked_after_child", opening["looked_after_child"]);
  facts.set("summary", opening["summary"]);
  out.opens.push_back(FollowOn{"rapid_review", kRapidReviewRelation, facts});
  out.outcome = "Notified to the National Panel; rapid review opened";
}

void record_care_leaver_notification(const Step& step, Outcome& out) {
  out.add(event_from_facts(step, event::kNotificationSubmitted, step.date("submitted_on")));
  out.outcome = "Care leaver's death notified to the National Panel; no rapid review";
}

void record_criteria_not_met(const Step& step, Outcome& out) {
  out.add(event_from_facts(step, event::kCriteriaNotMet, step.date("decided_on")));
  out.outcome = "Criteria not met";
}

void record_ofsted_notified(const Step& step, Outcome& out) {
  out.add(event_from_facts(step, event::kOfstedNotified, step.date("notified_on")));
}

void record_secretary_of_state_notified(const Step& step, Outcome& out) {
  out.add(event_from_facts(step, event::kSecretaryOfStateNotified, step.date("notified_on")));
}

}  // namespace casereview::workflows::sin
