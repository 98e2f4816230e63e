#pragma once
// The rules of the rapid review: guards, branches and actions for rr_machine.cpp.
// Plain functions, no MSM.

#include <optional>

#include "../src/step.h"

namespace casereview::workflows::rr {

// Guards: nullopt means "yes"; a Refusal says why not.
std::optional<Refusal> opening_dates_in_order(const Step& step);
std::optional<Refusal> meeting_after_notification(const Step& step);
std::optional<Refusal> decision_reasoned(const Step& step);
std::optional<Refusal> sent_after_decision(const Step& step);
std::optional<Refusal> response_after_sending(const Step& step);
std::optional<Refusal> decision_after_panel_reasoned(const Step& step);
std::optional<Refusal> national_review_after_sending(const Step& step);

// Branches: which row applies.
// The Panel's response leaves the partners' decision standing, or challenges it:
// it did not agree, recommended a local review, or will not carry out the
// national review the partners referred the case for (when no local review is
// under way). Exactly one of the two holds for any response, and for none (a
// response that says nothing challenges nothing), so the step is always offered.
bool response_settles_decision(const Step& step);
bool response_challenges_decision(const Step& step);
// A case recorded before the Panel's challenge had its own state: its recorded
// response challenged the decision and the partners' next decision is not yet
// recorded.
bool challenge_unanswered(const Step& step);
// No national review is linked to this rapid review yet.
bool no_national_review_yet(const Step& step);

// Actions.
void record_opened(const Step& step, Outcome& out);
void record_information_request(const Step& step, Outcome& out);
void record_meeting(const Step& step, Outcome& out);
void record_decision(const Step& step, Outcome& out);
void record_submitted(const Step& step, Outcome& out);
void record_panel_response(const Step& step, Outcome& out);
void record_decision_after_panel(const Step& step, Outcome& out);
void record_national_review(const Step& step, Outcome& out);

}  // namespace casereview::workflows::rr
