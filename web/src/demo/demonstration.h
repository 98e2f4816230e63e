#pragma once
// The demonstration data: every workflow on the case spine, dated back from the
// day it is loaded so that the clocks show every status (due soon, overdue, met,
// met late, paused, not required) whatever that day is. The children and
// families are fictional. Used by `casereview demo load` and by the test that
// loads it on every day of a year.
//
// Depends on the engine and the workflows only: no HTTP, no SQL.

#include <vector>

#include "casereview/engine/case_service.h"

namespace casereview::demo {

struct Demonstration {
  long long reviewer_id = 0;        // the reviewer whose contract is in force
  std::vector<long long> case_ids;  // every case opened, in the order opened
};

// Loads the demonstration into the partnership of `context` (its two areas, two
// register entries, one with a declared conflict of interest, and the cases),
// dated back from `context.today`, acting as `context`'s principal. The areas
// and register entries are one transaction, then every opening and every step
// is its own, so a failure part-way leaves what was loaded before it. The
// partnership should hold no cases yet (the caller checks). Throws
// std::logic_error naming the step when a workflow refuses one (the data no
// longer fits the rules), and StorageError as CaseService does.
Demonstration load_demonstration(StoreSession& session, const CaseService& cases, const RequestContext& context);

// Why a case or step was not accepted (": reason", "; field message", ...), for
// the exception that stops a load; "" for an outcome that says nothing more.
std::string why_refused(const CommandOutcome& result);

}  // namespace casereview::demo
