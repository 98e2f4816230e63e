#pragma once
// The rules of the rapid review: guards and actions for rr_machine.cpp.

#include <optional>

#include "../src/step.h"

namespace casereview::workflows::rr {

std::optional<Refusal> opening_dates_in_order(const Step& step);
std::optional<Refusal> meeting_after_notification(const Step& step);
std::optional<Refusal> decision_reasoned(const Step& step);
std::optional<Refusal> sent_after_decision(const Step& step);
std::optional<Refusal> response_after_sending(const Step& step);

void record_opened(const Step& step, Outcome& out);
void record_information_request(const Step& step, Outcome& out);
void record_meeting(const Step& step, Outcome& out);
void record_decision(const Step& step, Outcome& out);
void record_submitted(const Step& step, Outcome& out);
void record_panel_response(const Step& step, Outcome& out);

}  // namespace casereview::workflows::rr
