#pragma once
// Opening cases and applying commands: the one path by which a case changes.
//
// open, apply and attach_document each run one write transaction of their own
// on the given session (so never call them inside one: StorageError): read the
// case, check the version the client last saw, let the workflow decide, chain
// and append the events, re-project the clocks, commit. Either all of it is
// stored or none. detail() runs one read transaction; check_opening() reads
// without one and writes nothing.
//
// Expected outcomes (not found, invalid facts, not allowed, refused, stale) are
// returned as values; StorageError and other infrastructure failures propagate
// as exceptions after the transaction has rolled back, as do a workflow's bug
// (std::logic_error) and a stored state its machine does not know
// (std::invalid_argument).
// CaseService holds no mutable state: one instance serves every thread. It keeps
// a reference to the registry it is given, which must outlive it.

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "casereview/engine/calendar.h"
#include "casereview/engine/case_detail.h"
#include "casereview/engine/clock.h"
#include "casereview/engine/document.h"
#include "casereview/engine/repositories.h"
#include "casereview/engine/workflow.h"

namespace casereview {

// Who is acting, on which day, with which calendar. Built per request.
struct RequestContext {
  Principal principal;
  Date today;  // in England
  Instant now;
  // Never null.
  std::shared_ptr<const WorkingDayCalendar> calendar;
  // The key pseudonyms are made with (keyed.h); "" gives no pseudonym.
  std::string pseudonym_key;
  // Set by an import (the file's hash and name, the row): recorded as
  // "imported" in the payload of every event the request appends, so that
  // history typed in elsewhere is never mistaken for history recorded here.
  Json imported;

  // Recorded as the actor of every event.
  const std::string& actor() const { return principal.username; }
  long long partnership_id() const { return principal.partnership_id; }
};

struct FieldError {
  std::string field;
  std::string message;
};

// Something to confirm before a case is opened (the same child may already have
// a case; the child may not have lived in the partnership's area).
struct Warning {
  std::string code;  // stable: "POSSIBLE_DUPLICATE", "WRONG_AREA"
  std::string message;
  std::vector<std::string> case_references;  // the cases it concerns, if any
};

namespace outcome {
struct Changed {  // the command was carried out
  CaseRecord record;
  std::vector<Event> new_events;
  std::vector<CaseRecord> opened;  // cases the step opened on the spine
  // The case as the actor sees it once the command is stored: read after the
  // commit by open() and apply() (so that the one writer does not spend its
  // time on it; a command someone else stored meanwhile shows too, and the
  // detail's version is the one to send next), and inside the caller's
  // transaction by open_within() and apply_within().
  CaseDetail detail;
  // Why open() or apply() could not read the case back after the commit (a
  // lost connection, a failing disk); empty when detail holds it. The command
  // is stored either way, and its answer must say so.
  std::string detail_not_read;
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
  // Which rule, when it is not the workflow's own: "IDENTIFIER_IN_FREE_TEXT"
  // (screening.h) for free text that names the child or family.
  std::string code;
};
struct Stale {  // the client saw an older version: 409
  long long expected = 0;
  long long actual = 0;
};
struct NeedsConfirmation {  // warnings to confirm before opening: 409
  std::vector<Warning> warnings;
};
struct Forbidden {  // the caller's role may not take this step: 403
  std::string reason;
};
struct Attached {  // a document was stored and its attachment recorded on the case
  CaseRecord record;
  Event event;
  Document document;
};
}  // namespace outcome

using CommandOutcome = std::variant<outcome::Changed, outcome::NotFound, outcome::Invalid, outcome::NotAllowed,
                                    outcome::Refused, outcome::Stale, outcome::NeedsConfirmation, outcome::Forbidden>;

using DocumentOutcome =
    std::variant<outcome::Attached, outcome::NotFound, outcome::Invalid, outcome::Forbidden, outcome::Refused>;

struct OpenRequest {
  std::string kind;
  Json facts = Json::object();
  std::vector<std::string> confirmed;  // warning codes the user has seen and accepts
};

class CaseService {
 public:
  explicit CaseService(const WorkflowRegistry& workflows) : workflows_(workflows) {}
  const WorkflowRegistry& workflows() const { return workflows_; }

  // Opens a case with its workflow's opening command. Warnings not listed in
  // request.confirmed stop it (NeedsConfirmation) before anything is written.
  // Forbidden unless the role has Permission::OpenCases (the opening command's
  // own roles are not consulted); Refused for a kind opened only by a step of
  // its parent. Never NotFound or Stale.
  CommandOutcome open(StoreSession& session, const OpenRequest& request, const RequestContext& context) const;

  // open() and apply() inside the caller's write transaction, for work that
  // must be stored whole or not at all (an import). On any outcome but Changed
  // the transaction may hold part of the step (a refused follow-on case): the
  // caller must roll it back rather than commit.
  CommandOutcome open_within(StoreSession& session, const OpenRequest& request, const RequestContext& context) const;
  CommandOutcome apply_within(StoreSession& session, long long case_id, const Command& command,
                              long long expected_version, const RequestContext& context) const;

  // What opening this case would do, without opening it: the warnings to
  // confirm, what is wrong with the facts so far, what the workflow would refuse,
  // and the clocks the case would start with (what a form previews as the dates
  // are typed). Invalid when the kind is unknown. It checks neither the
  // caller's role nor whether the kind may be opened directly (the caller
  // checks the first; open() refuses the second).
  struct OpeningCheck {
    std::vector<Warning> warnings;
    std::vector<FieldError> errors;  // missing or malformed facts
    std::string refusal;             // the reason the step would be refused, if it would
    std::vector<Clock> clocks;       // when it would be accepted
  };
  std::variant<OpeningCheck, outcome::Invalid> check_opening(StoreSession& session, const OpenRequest& request,
                                                             const RequestContext& context) const;

  // Applies `command` to case `case_id`, provided its version is `expected_version`.
  // NotFound also for a case of another partnership or one the caller may not
  // know of. Checked in this order: the command exists (Invalid), the caller may
  // issue it (Forbidden), its facts (Invalid, Refused), the version (Stale), then
  // the workflow (NotAllowed, Refused). A case the step opens on the spine is
  // opened whatever the caller's role; if it is refused, the whole step is undone
  // and Refused.
  CommandOutcome apply(StoreSession& session, long long case_id, const Command& command, long long expected_version,
                       const RequestContext& context) const;

  // Stores `upload` (at most `max_bytes`) and appends a "document_attached" event
  // carrying its kind, type, size and SHA-256 (never its file name) to the case.
  // Attaching changes no state and no clock, so it is allowed in every state.
  // NotFound as for apply(); Forbidden as document_refusal() says; Invalid
  // (INVALID_DOCUMENT) as document_problem() says. The event is dated context.today.
  DocumentOutcome attach_document(StoreSession& session, long long case_id, const DocumentUpload& upload,
                                  std::size_t max_bytes, const RequestContext& context) const;

  // Case `case_id` as context.principal may see it, read in one read
  // transaction; nullopt when there is no such case or the reader may not know
  // of it (the two are not told apart). Throws StorageError for a case of a kind
  // no workflow declares.
  std::optional<CaseDetail> detail(StoreSession& session, long long case_id, const RequestContext& context) const;

  // The clocks of a case with their status on context.today (no storage). A rule
  // no workflow declares any more gives a null rule and "due soon" at 2 working days.
  std::vector<ClockView> clock_views(const std::vector<Clock>& clocks, const RequestContext& context) const;
  ClockView clock_view(const Clock& clock, const RequestContext& context) const;

  // Recomputes the clocks and agency-request due dates of every case with an open
  // clock, in every partnership, inside the caller's transaction (after a new
  // calendar is loaded).
  // Returns how many cases were recomputed.
  int reproject_open_clocks(StoreSession& session, const WorkingDayCalendar& calendar) const;

  // Gives the clocks stored before the time a clock was met was kept that time,
  // recomputed from each case's events (DeadlineRepository::fill_met_times),
  // inside the caller's transaction; nothing else stored changes. Run by
  // `casereview db migrate`; after it, there is nothing left to give. Returns
  // how many cases' clocks were looked at.
  int fill_met_times(StoreSession& session, const WorkingDayCalendar& calendar) const;

  // The terms each rule of a case runs on, as recorded in its first event; empty
  // when nothing is recorded. Throws JsonParseError if that payload is not JSON.
  static RuleTermsByRule recorded_terms(const std::vector<Event>& events);

 private:
  struct Parent {
    const CaseRecord* record = nullptr;
    std::string relation;
  };
  // open_within() and apply_within(), throwing FollowOnRefused.
  CommandOutcome open_or_throw(StoreSession& session, const OpenRequest& request, const RequestContext& context) const;
  CommandOutcome apply_or_throw(StoreSession& session, long long case_id, const Command& command,
                                long long expected_version, const RequestContext& context) const;
  // Opens a case inside the caller's transaction (also for follow-ons).
  CommandOutcome open_in_transaction(StoreSession& session, const Workflow& workflow, const Json& facts,
                                     const RequestContext& context, const Parent& parent) const;
  // What a decision needs that the engine reads from the store beforehand.
  struct Loaded {
    const RuleTermsByRule& terms;
    const Vocabularies& vocabularies;
    const std::map<long long, Reviewer>& reviewers;
  };
  CommandOutcome decide_and_store(StoreSession& session, CaseRecord record, const std::vector<Event>& history,
                                  const Workflow& workflow, const CommandSpec& command_spec, const Command& command,
                                  const RequestContext& context, const Loaded& loaded, const Parent& parent) const;
  std::vector<Warning> warnings_for(StoreSession& session, const Workflow& workflow, const Json& facts,
                                    const RequestContext& context) const;
  // The detail of `record` for context.principal, inside the caller's transaction.
  CaseDetail detail_in_transaction(StoreSession& session, const CaseRecord& record,
                                   const RequestContext& context) const;
  // Fills a Changed outcome's detail: in a read transaction of its own after
  // the command's committed, or inside the caller's transaction.
  void fill_detail_after_commit(StoreSession& session, CommandOutcome& result, const RequestContext& context) const;
  void fill_detail_in_transaction(StoreSession& session, CommandOutcome& result, const RequestContext& context) const;
  // Stores the case's clocks and records as `events` project them; `opened_now`
  // when the case was opened in this transaction, so that none are stored yet.
  void store_projections(StoreSession& session, long long case_id, const WorkflowSpec& spec,
                         const std::vector<Event>& events, const WorkingDayCalendar& calendar,
                         bool opened_now = false) const;

  const WorkflowRegistry& workflows_;
};

}  // namespace casereview
