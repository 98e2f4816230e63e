#pragma once
// What a review produces besides its state: recommendations and actions, agency
// requests and their returns, reviewer contracts, learning themes and
// modifiable factors. Each is recorded by events with the names below, whichever
// workflow records them, and projected from those events; the projections are
// stored for lists across cases and rebuilt on every change.

#include <optional>
#include <string>
#include <vector>

#include "casereview/engine/calendar.h"
#include "casereview/engine/clock.h"
#include "casereview/engine/deadline_rule.h"
#include "casereview/engine/event.h"

namespace casereview {

// Event types shared by workflows, and the payload members each carries.
namespace review_event {
// {ref, recommendation, action, owner_person, owner_agency, due_on, desired_outcome}
inline constexpr const char* kActionAdded = "action_added";
// {ref, status: in_progress|completed|cancelled, evidence, note}
inline constexpr const char* kActionUpdated = "action_updated";
// {agencies: [...], purpose, requested_on, return_rule}
inline constexpr const char* kAgencyRequested = "agency_information_requested";
// {agency, returned_on, note}
inline constexpr const char* kAgencyReturned = "agency_information_returned";
// {agency, sent_on}
inline constexpr const char* kAgencyReminded = "agency_reminder_sent";
// {contract_ref, reviewer_id, reviewer_name, scope, start_on, end_on, fee_pounds}
inline constexpr const char* kContractDrafted = "contract_drafted";
// {contract_ref, signed_on}
inline constexpr const char* kContractSigned = "contract_signed";
// {contract_ref, started_on}
inline constexpr const char* kContractStarted = "contract_started";
// {contract_ref, completed_on}
inline constexpr const char* kContractCompleted = "contract_completed";
// {contract_ref, terminated_on, reason}
inline constexpr const char* kContractTerminated = "contract_terminated";
}  // namespace review_event

// Payload members that tag a case, whichever event carries them.
inline constexpr const char* kLearningThemesMember = "learning_themes";        // all events: union
inline constexpr const char* kModifiableFactorsMember = "modifiable_factors";  // latest event wins

struct ActionItem {
  std::string ref;  // unique within the case, e.g. "R1.2"
  std::string recommendation;
  std::string action;
  std::string owner_person;
  std::string owner_agency;
  Date due_on;
  std::string desired_outcome;
  std::string status = "open";  // open, in_progress, completed, cancelled
  Date added_on;
  std::optional<Date> updated_on;
  std::optional<Date> completed_on;
  std::string evidence;  // evidence of completion
  std::string note;      // latest progress note
  std::string impact;    // the difference it made, recorded on completion

  bool is_finished() const { return status == "completed" || status == "cancelled"; }
  bool is_overdue(Date today) const { return !is_finished() && due_on < today; }
};

struct AgencyRequest {
  std::string agency;
  std::string purpose;  // e.g. "reporting_form", "information"
  Date requested_on;
  std::string rule_id;         // the rule that sets when the return is due
  std::optional<DueDate> due;  // absent when the rule is unknown
  std::optional<Date> returned_on;
  int reminders = 0;
  std::optional<Date> last_reminder_on;

  bool is_overdue(Date today) const { return !returned_on && due && due->date < today; }
};

struct Contract {
  std::string ref;
  long long reviewer_id = 0;
  std::string reviewer_name;
  std::string scope;
  Date start_on;
  Date end_on;
  long long fee_pounds = 0;
  std::string status = "drafted";  // drafted, signed, active, completed, terminated
  Date drafted_on;
  std::optional<Date> signed_on;
  std::optional<Date> started_on;
  std::optional<Date> completed_on;
  std::optional<Date> terminated_on;
  std::string termination_reason;
};

struct CaseTag {
  std::string kind;  // "theme" or "factor"
  std::string code;
};

// The projections read the events in order. An update, return or reminder that
// names no known action, contract or requested agency is ignored; a return or
// reminder applies to that agency's latest request. Tags: themes by code, then
// the factors of the latest event that carries them. Each throws JsonParseError
// for a payload it reads that is not JSON.
std::vector<ActionItem> project_actions(const std::vector<Event>& events);
std::vector<Contract> project_contracts(const std::vector<Event>& events);
std::vector<CaseTag> project_tags(const std::vector<Event>& events);
// Due dates come from each request's return rule, with the case's recorded terms.
std::vector<AgencyRequest> project_requests(const std::vector<Event>& events, const std::vector<DeadlineRule>& rules,
                                            const RuleTermsByRule& terms, const WorkingDayCalendar& calendar);

// Everything above for one case.
struct ReviewRecords {
  std::vector<ActionItem> actions;
  std::vector<AgencyRequest> requests;
  std::vector<Contract> contracts;
  std::vector<CaseTag> tags;
};
ReviewRecords project_review_records(const std::vector<Event>& events, const std::vector<DeadlineRule>& rules,
                                     const RuleTermsByRule& terms, const WorkingDayCalendar& calendar);

// How long a local review took from the decision to a signed reviewer's
// contract (where reviews are delayed): measured for every LCSPR.
struct CommissioningTime {
  Date decided_on;
  std::optional<Date> signed_on;  // the first contract signed
  long calendar_days = 0;         // to the signature, or to today while unsigned
  int working_days = 0;
};
CommissioningTime commissioning_time(Date decided_on, const std::vector<Contract>& contracts, Date today,
                                     const WorkingDayCalendar& calendar);

}  // namespace casereview
