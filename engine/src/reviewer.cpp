#include "casereview/engine/reviewer.h"

#include <algorithm>

namespace casereview {

bool Reviewer::ruled_out() const {
  return std::any_of(declarations.begin(), declarations.end(),
                     [](const ConflictDeclaration& d) { return d.rules_out; });
}

}  // namespace casereview
