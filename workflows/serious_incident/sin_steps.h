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
std::optional<Refusal> ofsted_notification_due(const Step& step);
std::optional<Refusal> secretary_of_state_notification_due(const Step& step);

// Branches: which row applies.
bool is_care_leaver_case(const Step& step);
bool is_rapid_review_case(const Step& step);

// Actions.
void record_opened(const Step& step, Outcome& out);
void record_partners_informed(const Step& step, Outcome& out);
void record_notification_opening_rapid_review(const Step& step, Outcome& out);
void record_care_leaver_notification(const Step& step, Outcome& out);
void record_criteria_not_met(const Step& step, Outcome& out);
void record_ofsted_notified(const Step& step, Outcome& out);
void record_secretary_of_state_notified(const Step& step, Outcome& out);

}  // namespace casereview::workflows::sin
