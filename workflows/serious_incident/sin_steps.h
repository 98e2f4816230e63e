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
std::optional<Refusal> rapid_review_after_notification(const Step& step);

// Actions: append the events the step records.
void record_opened(const Step& step, Events& out);
void record_partners_informed(const Step& step, Events& out);
void record_notification_submitted(const Step& step, Events& out);
void record_criteria_not_met(const Step& step, Events& out);
void record_rapid_review_submitted(const Step& step, Events& out);

}  // namespace casereview::workflows::sin
