#pragma once
// Verification of the whole record: every case's event chain, as stored.

#include <vector>

#include "casereview/engine/event.h"
#include "casereview/engine/repositories.h"

namespace casereview {

struct AuditFinding {
  CaseRecord record;  // the case with the broken chain
  ChainBreak at;      // its first broken link
};

struct AuditReport {
  long long cases_checked = 0;
  long long events_checked = 0;
  std::vector<AuditFinding> broken;  // at most one finding per case, by case id
  bool intact() const { return broken.empty(); }
};

// Reads every case and its events through `cases` and verifies each chain.
AuditReport verify_all_chains(CaseRepository& cases);

}  // namespace casereview
