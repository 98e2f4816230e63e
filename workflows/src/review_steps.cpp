#include "review_steps.h"

#include <algorithm>

#include "casereview/engine/review_records.h"
#include "review_names.h"

namespace casereview::workflows::review {
namespace {

std::optional<ActionItem> find_action(const Step& step, const std::string& ref) {
  for (ActionItem& a : project_actions(step.context.history)) {
    if (a.ref == ref) return a;
  }
  return std::nullopt;
}

// Requests made so far, without due dates (guards only need who and whether returned).
std::vector<AgencyRequest> requests_so_far(const Step& step) {
  return project_requests(step.context.history, {}, {}, step.context.calendar);
}

const AgencyRequest* latest_request(const std::vector<AgencyRequest>& requests, const std::string& agency) {
  for (auto it = requests.rbegin(); it != requests.rend(); ++it) {
    if (it->agency == agency) return &*it;
  }
  return nullptr;
}

}  // namespace

bool an_action_unfinished(const Step& step) {
  const std::vector<ActionItem> actions = project_actions(step.context.history);
  return std::any_of(actions.begin(), actions.end(), [](const ActionItem& a) { return !a.is_finished(); });
}

bool a_return_awaited(const Step& step) {
  const std::vector<AgencyRequest> requests = requests_so_far(step);
  return std::any_of(requests.begin(), requests.end(), [&](const AgencyRequest& r) {
    return latest_request(requests, r.agency) == &r && !r.returned_on;
  });
}

CommandSpec add_action_command() {
  return issued_by({command::kAddAction,
                    "Add a recommendation's action",
                    "Record an action agreed in response to a recommendation: who owns it, by when, and the outcome "
                    "it should achieve.",
                    "Manager, for the panel or the safeguarding partners",
                    {
                        text_fact("ref", "Reference (e.g. R1.2)", 20),
                        text_fact("recommendation", "Recommendation", 2000),
                        text_fact("action", "Action", 2000),
                        text_fact("owner_person", "Person responsible", 200),
                        text_fact("owner_agency", "Agency responsible", 200),
                        planned_date_fact("due_on", "By when"),
                        text_fact("desired_outcome", "Desired outcome", 1000),
                        date_fact("agreed_on", "Date the action was agreed"),
                    }},
                   panel_roles());
}

CommandSpec update_action_command() {
  return issued_by(
      {command::kUpdateAction,
       "Update an action",
       "Record progress on an action, its completion with the evidence and the difference it made, or its "
       "cancellation with the reason.",
       "Manager, for the panel or the safeguarding partners",
       {
           text_fact("ref", "Reference", 20),
           choice_fact("status", "Status", {"in_progress", "completed", "cancelled"}),
           date_fact("updated_on", "Date of the update"),
           text_fact("evidence", "Evidence of completion", 4000, false),
           text_fact("impact", "The difference it made (on completion: what changed for children and families)", 4000,
                     false),
           text_fact("note", "Progress note or reason", 2000, false),
       }},
      panel_roles());
}

CommandSpec request_agency_information_command(const std::string& what) {
  return {command::kRequestAgencyInformation,
          "Request " + what + " from agencies",
          "Record which agencies were asked for " + what + " and when; each return is then due by the rule.",
          "Manager",
          {
              list_fact("agencies", "Agencies asked", 200),
              date_fact("requested_on", "Date asked"),
          }};
}

CommandSpec record_agency_return_command(const std::string& what) {
  return issued_by({command::kRecordAgencyReturn,
                    "Record " + what + " returned",
                    "Record that an agency returned its " + what + ".",
                    "Manager, or the agency's contributor",
                    {
                        text_fact("agency", "Agency", 200),
                        date_fact("returned_on", "Date returned"),
                        text_fact("note", "Note", 2000, false),
                    }},
                   {Role::Manager, Role::AgencyContributor});
}

CommandSpec send_agency_reminder_command(const std::string& what) {
  return {command::kSendAgencyReminder,
          "Record a reminder",
          "Record that an agency was reminded of " + what + " not yet returned.",
          "Manager",
          {
              text_fact("agency", "Agency", 200),
              date_fact("sent_on", "Date reminded"),
          }};
}

std::optional<Refusal> new_action_ref(const Step& step) {
  if (find_action(step, step.text("ref"))) {
    return refuse("There is already an action " + step.text("ref") +
                      " on this case; give the new one another "
                      "reference.",
                  "ref");
  }
  return std::nullopt;
}

std::optional<Refusal> action_can_be_updated(const Step& step) {
  const std::optional<ActionItem> action = find_action(step, step.text("ref"));
  if (!action) return refuse("There is no action " + step.text("ref") + " on this case.", "ref");
  if (action->is_finished()) {
    return refuse("Action " + action->ref + " is already " + action->status + "; it cannot change again.", "ref");
  }
  if (auto early = not_before(step, "updated_on", action->added_on, "the date the action was added")) return early;
  const std::string status = step.text("status");
  if (status == "completed" && step.text("evidence").empty()) {
    return refuse("Completing an action needs the evidence of completion.", "evidence");
  }
  if (status == "cancelled" && step.text("note").empty()) {
    return refuse("Cancelling an action needs the reason, in the note.", "note");
  }
  if (status != "completed" && !step.text("impact").empty()) {
    return refuse("The difference an action made is recorded when it is completed.", "impact");
  }
  return std::nullopt;
}

std::optional<Refusal> agencies_not_already_awaited(const Step& step) {
  const auto requests = requests_so_far(step);
  for (const Json& agency : step.command.facts["agencies"].items()) {
    const AgencyRequest* r = latest_request(requests, agency.as_string());
    if (r && !r->returned_on) {
      return refuse(agency.as_string() + " was asked on " + r->requested_on.iso() +
                        " and has not returned yet; send a reminder instead.",
                    "agencies");
    }
  }
  return std::nullopt;
}

std::optional<Refusal> agency_return_awaited(const Step& step) {
  const auto requests = requests_so_far(step);
  const AgencyRequest* r = latest_request(requests, step.text("agency"));
  if (!r) return refuse(step.text("agency") + " has not been asked.", "agency");
  if (r->returned_on) {
    return refuse(step.text("agency") + " already returned on " + r->returned_on->iso() + ".", "agency");
  }
  const char* date_field = step.command.facts.contains("returned_on") ? "returned_on" : "sent_on";
  return not_before(step, date_field, r->requested_on, "the date the agency was asked");
}

void record_action_added(const Step& step, Outcome& out) {
  out.add(NewEvent{review_event::kActionAdded, step.date("agreed_on"), step.command.facts});
}

void record_action_updated(const Step& step, Outcome& out) {
  out.add(NewEvent{review_event::kActionUpdated, step.date("updated_on"), step.command.facts});
}

void record_agency_request(const Step& step, Outcome& out, const char* purpose, const char* return_rule) {
  Json payload = step.command.facts;
  payload.set("purpose", purpose);
  payload.set("return_rule", return_rule);
  out.add(NewEvent{review_event::kAgencyRequested, step.date("requested_on"), payload});
}

void record_agency_return(const Step& step, Outcome& out) {
  out.add(NewEvent{review_event::kAgencyReturned, step.date("returned_on"), step.command.facts});
}

void record_agency_reminder(const Step& step, Outcome& out) {
  out.add(NewEvent{review_event::kAgencyReminded, step.date("sent_on"), step.command.facts});
}

}  // namespace casereview::workflows::review
