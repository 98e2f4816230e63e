#pragma once
// Steps that every review shares: recommendations and actions (the action log
// boards and scrutineers follow) and agency requests with their returns and
// reminders. Specs, guards and actions; the machines add rows for them in the
// states where they apply.

#include <optional>
#include <string>

#include "step.h"

namespace casereview::workflows::review {

// Command specs.
CommandSpec add_action_command();
CommandSpec update_action_command();
// `what` names the request in the workflow's words, e.g. "reporting forms".
CommandSpec request_agency_information_command(const std::string& what);
CommandSpec record_agency_return_command(const std::string& what);
CommandSpec send_agency_reminder_command(const std::string& what);

// Whether a step is offered (msm_support::OfferedWhen), from the history alone.
bool an_action_unfinished(const Step& step);  // update_action
bool a_return_awaited(const Step& step);      // record_agency_return, send_agency_reminder

// Guards.
std::optional<Refusal> new_action_ref(const Step& step);
std::optional<Refusal> action_can_be_updated(const Step& step);
std::optional<Refusal> agencies_not_already_awaited(const Step& step);
std::optional<Refusal> agency_return_awaited(const Step& step);

// Actions.
void record_action_added(const Step& step, Outcome& out);
void record_action_updated(const Step& step, Outcome& out);
// An agency request whose returns are due by `return_rule` (a PerAgencyRequest rule).
void record_agency_request(const Step& step, Outcome& out, const char* purpose, const char* return_rule);
void record_agency_return(const Step& step, Outcome& out);
void record_agency_reminder(const Step& step, Outcome& out);

}  // namespace casereview::workflows::review
