#pragma once
// The register of independent reviewers that partnerships commission to write
// local child safeguarding practice reviews.

#include <string>
#include <vector>

#include "casereview/engine/date.h"

namespace casereview {

// A reviewer's declaration of interests. One that `rules_out` the reviewer
// prevents a contract with them in this partnership.
struct ConflictDeclaration {
  long long id = 0;
  Date declared_on;
  std::string text;
  bool rules_out = false;
  std::string recorded_by;
};

struct Reviewer {
  long long id = 0;
  long long partnership_id = 0;
  std::string name;
  std::string organisation;
  bool national_pool = false;  // in the National Panel's pool of reviewers
  bool active = true;
  std::string recorded_by;
  Instant recorded_at;
  std::vector<ConflictDeclaration> declarations;

  bool ruled_out() const;
};

}  // namespace casereview
