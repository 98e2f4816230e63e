#pragma once
// The rules of the national review: guards and actions for nr_machine.cpp.
// Plain functions, no MSM.

#include <optional>

#include "../src/step.h"

namespace casereview::workflows::nr {

// Guards: nullopt means "yes"; a Refusal says why not.
std::optional<Refusal> new_panel_request(const Step& step);
std::optional<Refusal> panel_request_open(const Step& step);
std::optional<Refusal> report_dated(const Step& step);
std::optional<Refusal> response_reasoned(const Step& step);
std::optional<Refusal> response_recorded(const Step& step);

// Actions.
void record_opened(const Step& step, Outcome& out);
void record_panel_request(const Step& step, Outcome& out);
void record_information_provided(const Step& step, Outcome& out);
void record_report_published(const Step& step, Outcome& out);
void record_partnership_response(const Step& step, Outcome& out);
void record_closed(const Step& step, Outcome& out);

}  // namespace casereview::workflows::nr
