#include "sin_steps.h"

#include "sin_names.h"

namespace casereview::workflows::sin {
namespace {

// A reason shorter than this is not a reason a scrutineer can check.
constexpr std::size_t kMinimumReasonLength = 20;

Date became_aware_on(const Step& step) {
  const Event* opened = step.last(event::kOpened);
  if (!opened) throw std::logic_error("serious incident case without its opening event");
  return opened->effective_date;
}

// Copies the command's facts into an event payload, as sent.
NewEvent event_from_facts(const Step& step, const char* type, Date effective) {
  return NewEvent{type, effective, step.command.facts};
}

}  // namespace

std::optional<Refusal> criteria_met(const Step& step) {
  if (step.text("abuse_or_neglect") != "not_suspected") return std::nullopt;
  if (step.flag("looked_after_child") && step.text("harm") == "death") return std::nullopt;
  return refuse(
      "A serious incident notification needs abuse or neglect to be known or suspected. Without "
      "it, only the death of a looked-after child is notified.",
      "abuse_or_neglect");
}

std::optional<Refusal> partners_not_yet_informed(const Step& step) {
  if (const Event* informed = step.last(event::kPartnersInformed)) {
    return refuse("The safeguarding partners were already recorded as told on " +
                      informed->effective_date.iso() + ".",
                  "informed_on");
  }
  return not_before(step, "informed_on", became_aware_on(step), "the date the local authority became aware");
}

std::optional<Refusal> submitted_after_awareness(const Step& step) {
  return not_before(step, "submitted_on", became_aware_on(step), "the date the local authority became aware");
}

std::optional<Refusal> criteria_decision_reasoned(const Step& step) {
  if (auto refusal = not_before(step, "decided_on", became_aware_on(step),
                                "the date the local authority became aware")) {
    return refusal;
  }
  if (step.text("reason").size() < kMinimumReasonLength) {
    return refuse("Give the reasons for the decision in at least a sentence (" +
                      std::to_string(kMinimumReasonLength) + " characters or more).",
                  "reason");
  }
  return std::nullopt;
}

std::optional<Refusal> rapid_review_after_notification(const Step& step) {
  const Event* notified = step.last(event::kNotificationSubmitted);
  if (!notified) throw std::logic_error("rapid review recorded on a case that was never notified");
  return not_before(step, "submitted_on", notified->effective_date, "the date of the notification");
}

void record_opened(const Step& step, Events& out) {
  NewEvent e = event_from_facts(step, event::kOpened, step.date("became_aware_on"));
  if (!e.payload.contains("looked_after_child")) e.payload.set("looked_after_child", false);
  out.push_back(std::move(e));
}

void record_partners_informed(const Step& step, Events& out) {
  out.push_back(event_from_facts(step, event::kPartnersInformed, step.date("informed_on")));
}

void record_notification_submitted(const Step& step, Events& out) {
  out.push_back(event_from_facts(step, event::kNotificationSubmitted, step.date("submitted_on")));
}

void record_criteria_not_met(const Step& step, Events& out) {
  out.push_back(event_from_facts(step, event::kCriteriaNotMet, step.date("decided_on")));
}

void record_rapid_review_submitted(const Step& step, Events& out) {
  out.push_back(event_from_facts(step, event::kRapidReviewSubmitted, step.date("submitted_on")));
}

}  // namespace casereview::workflows::sin
