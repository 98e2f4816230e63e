#pragma once
// The rules of the child death review: guards and actions for cdr_machine.cpp.

#include <optional>

#include "../src/step.h"

namespace casereview::workflows::cdr {

std::optional<Refusal> notification_valid(const Step& step);
std::optional<Refusal> jar_discussion_due(const Step& step);
std::optional<Refusal> notification_not_yet_raised(const Step& step);
std::optional<Refusal> meeting_dated(const Step& step);
std::optional<Refusal> panel_review_consistent(const Step& step);
std::optional<Refusal> legacy_panel_review_consistent(const Step& step);
std::optional<Refusal> submission_dated(const Step& step);
std::optional<Refusal> reporting_form_valid(const Step& step);
std::optional<Refusal> key_worker_valid(const Step& step);
std::optional<Refusal> hold_dated(const Step& step);
std::optional<Refusal> resumption_dated(const Step& step);

// Branches: where a resumed review returns to.
bool was_gathering_information(const Step& step);
bool was_meeting_held(const Step& step);

void record_notified(const Step& step, Outcome& out);
void record_jar_discussion(const Step& step, Outcome& out);
void record_forms_requested(const Step& step, Outcome& out);
void record_notification_raised(const Step& step, Outcome& out);
void record_review_meeting(const Step& step, Outcome& out);
void record_panel_review(const Step& step, Outcome& out);
void record_legacy_panel_review(const Step& step, Outcome& out);
void record_ncmd_submission(const Step& step, Outcome& out);
void record_key_worker(const Step& step, Outcome& out);
void record_on_hold(const Step& step, Outcome& out);
void record_resumed(const Step& step, Outcome& out);

}  // namespace casereview::workflows::cdr
