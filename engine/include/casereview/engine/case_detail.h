#pragma once
// A case as one reader sees it, assembled in the engine so that every way of
// showing a case (the API after a step, the API on a read) shows the same thing
// read at one moment: CaseService builds it inside the step's own write
// transaction, or inside one read transaction. web/ only serialises it.
// Its WorkflowSpec and CommandSpec pointers point into the CaseService's
// WorkflowRegistry and stay valid as long as that registry.

#include <optional>
#include <string>
#include <vector>

#include "casereview/engine/access.h"
#include "casereview/engine/case_owner.h"
#include "casereview/engine/clock.h"
#include "casereview/engine/event.h"
#include "casereview/engine/repositories.h"
#include "casereview/engine/retention.h"
#include "casereview/engine/review_records.h"
#include "casereview/engine/subject.h"
#include "casereview/engine/vocabulary.h"
#include "casereview/engine/workflow.h"

namespace casereview {

// A clock with what the reader needs to act on it.
struct ClockView {
  Clock clock;
  const DeadlineRule* rule = nullptr;  // null only for a rule no workflow declares any more
  ClockStatus status = ClockStatus::OnTrack;
  std::optional<int> working_days_left;
  std::optional<Elapsed> elapsed;  // the plain time it has run (see clock.h)
};

struct CaseDetail {
  CaseRecord record;
  const WorkflowSpec* spec = nullptr;  // never null in a detail CaseService returns
  // How much the reader may see. None (a step taken by someone who may not read
  // the case, such as an agency answering a request): only `record` and `spec`
  // are filled. Redacted: everything but `subject`.
  CaseView view = CaseView::None;
  std::vector<ClockView> clocks;
  // By role alone: apply() may still refuse one (another agency's request, no
  // contract in force).
  // The steps that apply to this case now (Workflow::offered_commands) and that
  // the reader's role may take; a listed step may still be refused on its facts.
  std::vector<const CommandSpec*> allowed_commands;
  ReviewRecords records;
  SharedVocabularies vocabularies;  // the labels of the codes in `records`; null when not read
  // For a workflow that commissions a reviewer: the time from the decision to a
  // signed contract.
  std::optional<CommissioningTime> commissioning;
  struct SpineCase {
    CaseRecord record;
    // Null for a kind no workflow declares.
    const WorkflowSpec* spec = nullptr;
  };
  std::vector<SpineCase> spine;  // the visible cases of its spine, root first
  std::string pseudonym;         // "" when the case has no subject or the context no key
  // The child's identifying details: only for a Full view by a role that may
  // read identity. The caller logs the read (it is a write, done after).
  std::optional<Subject> subject;
  // When the child's identity was erased (retention.h): who, when and why; the
  // pseudonym above is then the one the case had.
  std::optional<IdentityErasure> erasure;
  // Who owns the case (case_owner.h), read in the same transaction; none when
  // nobody does or the view is None.
  std::optional<CaseOwner> owner;
};

// Every case on the spine of `record` that `principal` may see: its root first,
// then each case's children in the order they were opened. Reads only, without
// a transaction of its own (call it inside one for a consistent view); follows
// at most 16 parents up and 64 cases in all (a guard against damaged links).
std::vector<CaseRecord> visible_spine(StoreSession& session, const Principal& principal, const CaseRecord& record);

// case_view() of a stored case, reading its review records only when the
// principal's view depends on them (view_reads_records). Reads only.
CaseView stored_case_view(StoreSession& session, const Principal& principal, const CaseRecord& record);

}  // namespace casereview
