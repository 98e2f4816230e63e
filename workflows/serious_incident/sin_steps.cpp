#include "sin_steps.h"

#include "casereview/engine/subject.h"
#include "sin_names.h"

namespace casereview::workflows::sin {
namespace {

// A reason shorter than this is not a reason a scrutineer can check.
constexpr std::size_t kMinimumReasonLength = 20;
// A child is under 18; care leavers' deaths are notified up to and including
// the age of 24 (Working Together 2023, as updated in December 2023).
constexpr long long kChildAgeLimit = 18;
constexpr long long kCareLeaverAgeLimit = 25;
constexpr long long kCareLeaverMinimumAge = 16;

const Event& opened(const Step& step) {
  const Event* e = step.last(event::kOpened);
  if (!e) throw std::logic_error("serious incident case without its opening event");
  return *e;
}

Date became_aware_on(const Step& step) { return opened(step).effective_date; }

bool opened_flag(const Step& step, const char* member) {
  const ParsedPayload payload = payload_of(opened(step));
  return payload[member].is_bool() && payload[member].as_bool();
}

bool opened_as_death(const Step& step) {
  const ParsedPayload payload = payload_of(opened(step));
  return payload["harm"].is_string() && payload["harm"].as_string() == "death";
}

// The age on opening: as given, or worked out from the date of birth at the
// date the local authority became aware; absent when neither is known.
std::optional<long long> age_on_opening(const Step& step) {
  const Json& age = step.command.facts["age"];
  if (age.is_integer()) return age.as_integer();
  if (const auto born = step.optional_date("date_of_birth")) return whole_years(*born, step.date("became_aware_on"));
  return std::nullopt;
}

// A date of birth after the local authority became aware, or an age it does
// not give (the age at the incident may be a year less than at awareness).
std::optional<Refusal> age_agrees_with_date_of_birth(const Step& step) {
  const auto born = step.optional_date("date_of_birth");
  if (!born) return std::nullopt;
  const Date aware = step.date("became_aware_on");
  if (*born > aware) {
    return refuse("The date of birth is after the date the local authority became aware.", "date_of_birth");
  }
  const Json& age = step.command.facts["age"];
  const long long years = whole_years(*born, aware);
  if (age.is_integer() && age.as_integer() != years && age.as_integer() != years - 1) {
    return refuse("The age (" + std::to_string(age.as_integer()) + ") does not agree with the date of birth, which " +
                      "gives " + std::to_string(years) + " on the date the local authority became aware.",
                  "age");
  }
  return std::nullopt;
}

// Copies the command's facts into an event payload, as sent.
NewEvent event_from_facts(const Step& step, const char* type, Date effective) {
  return NewEvent{type, effective, step.command.facts};
}

bool still_to_be_notified(const Step& step, const char* done_event) {
  return secretary_of_state_and_ofsted_apply(step) && !step.last(done_event);
}

// The notification goes through the national notification system, which passes
// it to every recipient: for the death of a looked-after child or a care
// leaver, the Secretary of State and Ofsted as well (unless recorded already).
void record_recipients_reached(const Step& step, Outcome& out, Date submitted) {
  if (!secretary_of_state_and_ofsted_apply(step)) return;
  for (const char* type : {event::kSecretaryOfStateNotified, event::kOfstedNotified}) {
    if (step.last(type)) continue;
    Json payload = Json::object();
    payload.set("notified_on", submitted.iso());
    payload.set("through", "national_notification_system");
    out.add(NewEvent{type, submitted, payload});
  }
}

}  // namespace

std::optional<Refusal> criteria_met(const Step& step) {
  const bool looked_after = step.flag("looked_after_child");
  const bool care_leaver = step.flag("care_leaver");
  const bool death = step.text("harm") == "death";
  const bool abuse_or_neglect = step.text("abuse_or_neglect") != "not_suspected";
  if (auto refusal = age_agrees_with_date_of_birth(step)) return refusal;
  const std::optional<long long> age = age_on_opening(step);
  if (looked_after && care_leaver) {
    return refuse("A child cannot be both looked after and a care leaver; record the status at the time.",
                  "care_leaver");
  }
  const std::string nhs = step.text("nhs_number");
  if (!nhs.empty() && !valid_nhs_number(nhs)) {
    return refuse("The NHS number is not valid (ten digits with a correct check digit).", "nhs_number");
  }
  if (care_leaver) {
    if (!age) {
      return refuse(
          "Give the care leaver's age (or date of birth): deaths are notified up to and including the age "
          "of 24.",
          "age");
    }
    if (*age < kCareLeaverMinimumAge || *age >= kCareLeaverAgeLimit) {
      return refuse("A care leaver is aged 16 to 24; deaths are notified up to and including the age of 24.", "age");
    }
  } else if (age && *age >= kChildAgeLimit) {
    return refuse("A notification is about a child under 18, or the death of a care leaver up to the age of 24.",
                  "age");
  }
  const bool child = !age || *age < kChildAgeLimit;
  if (abuse_or_neglect && child) return std::nullopt;               // a serious incident
  if (death && (looked_after || care_leaver)) return std::nullopt;  // the Secretary of State and Ofsted only
  if (care_leaver && !death) {
    return refuse(
        "Serious harm to a care leaver aged 18 or over is not notified. A care leaver under 18 is a child: "
        "with abuse or neglect known or suspected, it is a serious incident.",
        "harm");
  }
  return refuse(
      "A serious incident needs abuse or neglect to be known or suspected, and a child under 18. Without it, only "
      "the death of a looked-after child, or of a care leaver up to the age of 24, is notified (to the Secretary "
      "of State and Ofsted).",
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
  if (step.visible_length("reason") < kMinimumReasonLength) {
    return refuse("Give the reasons for the decision in at least a sentence (" + std::to_string(kMinimumReasonLength) +
                      " characters or more).",
                  "reason");
  }
  return std::nullopt;
}

std::optional<Refusal> notified_after_awareness(const Step& step) {
  return not_before(step, "notified_on", became_aware_on(step), "the date the local authority became aware");
}

bool is_serious_incident_case(const Step& step) {
  const Json& recorded = payload_of(opened(step))[kSeriousIncidentMember];
  if (recorded.is_bool()) return recorded.as_bool();
  return !opened_flag(step, "care_leaver");  // opened before the member existed: the rule of the time
}

bool is_notification_without_rapid_review(const Step& step) { return !is_serious_incident_case(step); }

bool secretary_of_state_and_ofsted_apply(const Step& step) {
  return opened_as_death(step) && (opened_flag(step, "looked_after_child") || opened_flag(step, "care_leaver"));
}

bool ofsted_still_to_be_notified(const Step& step) { return still_to_be_notified(step, event::kOfstedNotified); }

bool secretary_of_state_still_to_be_notified(const Step& step) {
  return still_to_be_notified(step, event::kSecretaryOfStateNotified);
}

void record_opened(const Step& step, Outcome& out) {
  Json payload = step.command.facts;
  if (!payload.contains("looked_after_child")) payload.set("looked_after_child", false);
  if (!payload.contains("care_leaver")) payload.set("care_leaver", false);
  // The age worked out from a date of birth is recorded: it is not identifying,
  // and the route taken must be readable from the log alone.
  const std::optional<long long> age = age_on_opening(step);
  if (age) payload.set("age", *age);
  const bool child = !age || *age < kChildAgeLimit;
  payload.set(kSeriousIncidentMember, step.text("abuse_or_neglect") != "not_suspected" && child);
  const Date aware = step.date("became_aware_on");
  out.add(NewEvent{event::kOpened, aware, payload});
  if (step.text("harm") == "death") {
    if (step.flag("looked_after_child")) out.add(NewEvent{event::kLookedAfterDeath, aware, Json::object()});
    if (step.flag("care_leaver")) out.add(NewEvent{event::kCareLeaverDeath, aware, Json::object()});
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
  record_recipients_reached(step, out, submitted);
  const ParsedPayload opening = payload_of(opened(step));
  Json facts = Json::object();
  facts.set("notification_date", submitted.iso());
  facts.set("became_aware_on", became_aware_on(step).iso());
  facts.set("harm", opening["harm"]);
  facts.set("looked_after_child", opening["looked_after_child"]);
  facts.set("summary", opening["summary"]);
  out.opens.push_back(FollowOn{"rapid_review", kRapidReviewRelation, facts});
  out.outcome = "Notified to the National Panel; rapid review opened";
}

void record_notification_without_rapid_review(const Step& step, Outcome& out) {
  const Date submitted = step.date("submitted_on");
  out.add(event_from_facts(step, event::kNotificationSubmitted, submitted));
  record_recipients_reached(step, out, submitted);
  out.outcome = opened_flag(step, "care_leaver")
                    ? "Care leaver's death notified to the Secretary of State and Ofsted; no rapid review"
                    : "Looked-after child's death notified to the Secretary of State and Ofsted; not a serious "
                      "incident, no rapid review";
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
