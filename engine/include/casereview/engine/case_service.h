#pragma once
// Opening cases and applying commands: the one path by which a case changes.
//
// Each call is one write transaction on the given session: read the case, check
// the version the client last saw, let the workflow decide, chain and append the
// events, re-project the clocks, commit. Either all of it is stored or none.
//
// Expected outcomes (not found, invalid facts, not allowed, refused, stale) are
// returned as values; StorageError and other infrastructure failures propagate
// as exceptions after the transaction has rolled back.
// CaseService holds no mutable state: one instance serves every thread.

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "casereview/engine/calendar.h"
#include "casereview/engine/clock.h"
#include "casereview/engine/repositories.h"
#include "casereview/engine/workflow.h"

namespace casereview {

// Who is acting, on which day, with which calendar. Built per request.
struct RequestContext {
  std::string actor;
  long long partnership_id = 0;
  Date today;  // in England
  Instant now;
  std::shared_ptr<const WorkingDayCalendar> calendar;
};

struct FieldError {
  std::string field;
  std::string message;
};

namespace outcome {
struct Changed {  // the command was carried out
  CaseRecord record;
  std::vector<Event> new_events;
};
struct NotFound {};
struct Invalid {  // the request cannot be understood: 400
  std::string code;
  std::string message;
  std::vector<FieldError> errors;
};
struct NotAllowed {  // no such step from the current state: 409
  std::string state;
  std::string command;
  std::vector<std::string> allowed;
};
struct Refused {  // a rule says no: 422
  std::string reason;
  std::string field;
};
struct Stale {  // the client saw an older version: 409
  long long expected = 0;
  long long actual = 0;
};
}  // namespace outcome

using CommandOutcome = std::variant<outcome::Changed, outcome::NotFound, outcome::Invalid,
                                    outcome::NotAllowed, outcome::Refused, outcome::Stale>;

// A clock with what the reader needs to act on it.
struct ClockView {
  Clock clock;
  const DeadlineRule* rule = nullptr;
  ClockStatus status = ClockStatus::OnTrack;
  std::optional<int> working_days_left;
};

class CaseService {
 public:
  explicit CaseService(const WorkflowRegistry& workflows) : workflows_(workflows) {}

  // Opens a case of `kind` with the workflow's opening command.
  CommandOutcome open(StoreSession& session, const std::string& kind, const Json& facts,
                      const RequestContext& context) const;

  // Applies `command` to case `case_id`, provided its version is `expected_version`.
  CommandOutcome apply(StoreSession& session, long long case_id, const Command& command,
                       long long expected_version, const RequestContext& context) const;

  // The clocks of a case with their status on context.today.
  std::vector<ClockView> clock_views(const std::vector<Clock>& clocks,
                                     const RequestContext& context) const;
  ClockView clock_view(const Clock& clock, const RequestContext& context) const;

  // Recomputes the clocks of every case with an open clock, inside the caller's
  // transaction (after a new calendar is loaded). Returns how many cases changed.
  int reproject_open_clocks(StoreSession& session, const WorkingDayCalendar& calendar) const;

  // The terms each rule of a case runs on, as recorded in its first event.
  static RuleTermsByRule recorded_terms(const std::vector<Event>& events);

 private:
  CommandOutcome decide_and_store(StoreSession& session, CaseRecord record,
                                  const std::vector<Event>& history, const Workflow& workflow,
                                  const Command& command, const RequestContext& context,
                                  const Json& rules_in_force) const;

  const WorkflowRegistry& workflows_;
};

}  // namespace casereview
