#pragma once
// Where each role's work is in the browser pages: the menu a signed-in person
// is offered and the page "/" and signing in lead to. Both follow from the
// access policy (access.h), so a page is offered exactly when its user may call
// the routes it draws from.

#include <vector>

#include "casereview/engine/access.h"

namespace casereview {

struct MenuItem {
  const char* path;   // the page's address, "/dashboard"
  const char* title;  // as the menu shows it, "Dashboard"
};

// The pages of `role`'s menu, in the one order every menu keeps.
std::vector<MenuItem> menu_of(Role role);

// Where `role`'s work starts: the first page of its menu that is a place to
// start from (the dashboard, else the timeliness chart, the agency's requests,
// the reviewer's workspace, administration, the national vocabularies).
const char* home_of(Role role);

}  // namespace casereview
