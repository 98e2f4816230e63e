#pragma once
// The principal the demonstration data and the national data set are loaded
// as in the data tests: the partnership's business unit, a manager.

#include "casereview/engine/access.h"

namespace casereview::testing_support {

inline Principal business_unit() {
  Principal p;
  p.username = "demo:business-unit";
  p.display_name = "Business unit";
  p.partnership_id = 1;  // the partnership the first migration creates
  p.partnership_code = "default";
  p.role = Role::Manager;
  return p;
}

}  // namespace casereview::testing_support
