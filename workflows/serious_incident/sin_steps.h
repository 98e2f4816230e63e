#pragma once
// The rules of the serious incident notification: guards (may this step be
// taken?) and actions (which events does it record?). Referenced by the
// transition table in sin_machine.cpp; plain functions, no MSM.

#include <optional>

#include "../src/step.h"

namespace casereview::workflows::sin {

// Guards: nullopt means "yes"; a Refusal says why not.
std::optional<Refusal> criteria_met(const Step& step);
std::optional<Refusal> partners_not_yet_informed(const Step& step);
std::optional<Refusal> submitted_after_awareness(const Step& step);
std::optional<Refusal> criteria_decision_reasoned(const Step& step);
std::optional<Refusal> notified_after_awareness(const Step& step);

// Branches: which row applies, from the case's opening (they decide which steps
// are offered at all).
// A serious incident: abuse or neglect known or suspected, a child under 18.
// The Panel's notification and the rapid review apply only then.
bool is_serious_incident_case(const Step& step);
bool is_notification_without_rapid_review(const Step& step);
// The death of a looked-after child or of a care leaver: notified to the
// Secretary of State and Ofsted, whatever else applies.
bool secretary_of_state_and_ofsted_apply(const Step& step);
// ... and not yet recorded as notified (by its own step or by the notification).
bool ofsted_still_to_be_notified(const Step& step);
bool secretary_of_state_still_to_be_notified(const Step& step);

// Actions.
void record_opened(const Step& step, Outcome& out);
void record_partners_informed(const Step& step, Outcome& out);
void record_notification_opening_rapid_review(const Step& step, Outcome& out);
void record_notification_without_rapid_review(const Step& step, Outcome& out);
void record_criteria_not_met(const Step& step, Outcome& out);
void record_ofsted_notified(const Step& step, Outcome& out);
void record_secretary_of_state_notified(const Step& step, Outcome& out);

}  // namespace casereview::workflows::sin
