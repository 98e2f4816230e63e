#pragma once
// The case owner: the person in the partnership's business unit who looks after
// a case day to day (chases the agencies, books the panel, follows up the
// reviewer). The dashboard names them and filters by them ("assigned to me").
//
// A manager assigns, changes or removes the owner; each change is an event in
// the case's chain ("owner_assigned", "owner_removed") carrying the username
// and the name as it was then, so the timeline reads the same after the account
// is renamed. Only an active member of the partnership whose role works cases
// (a manager or a panel member) may own one. An owner is a record-keeping fact,
// not a step: it never makes a case active in a period nor moves the day its
// retention runs from.

#include <string>
#include <string_view>

#include "casereview/engine/access.h"
#include "casereview/engine/date.h"

namespace casereview {

inline constexpr const char* kOwnerAssignedEvent = "owner_assigned";
inline constexpr const char* kOwnerRemovedEvent = "owner_removed";
bool is_owner_event(std::string_view type);

// Whether a member in `role` may own a case: those who read and work the
// partnership's cases (managers and panel members).
bool may_own_cases(Role role);

struct CaseOwner {
  long long case_id = 0;
  long long user_id = 0;
  std::string username;
  std::string display_name;  // as the account names the person now
  std::string assigned_by;
  Instant assigned_at;
};

}  // namespace casereview
