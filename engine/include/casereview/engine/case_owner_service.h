#pragma once
// Assigning a case's owner (case_owner.h), as a manager does it. One write
// transaction on the given session; a refusal changes nothing.

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "casereview/engine/case_service.h"
#include "casereview/engine/refusal.h"

namespace casereview {

// The members of the partnership who may own a case, active ones only, by name.
std::vector<User> eligible_case_owners(StoreSession& session, long long partnership_id);

struct OwnerChange {
  CaseRecord record;               // after the change (its version counts the event)
  std::optional<CaseOwner> owner;  // the owner now; empty when removed
  bool changed = false;            // false: the case already stood so, and nothing was recorded
};

// Makes `username` the owner of the partnership's case, or removes its owner
// (nullopt). Giving the owner it has already is no change and records nothing.
// Refused: 404 CASE_NOT_FOUND for another partnership's case or none; 400
// INVALID_MEMBER (field "owner") for a username that is not an active member of
// the partnership whose role may own cases.
std::variant<OwnerChange, ServiceRefusal> assign_case_owner(StoreSession& session, long long case_id,
                                                            const std::optional<std::string>& username,
                                                            const RequestContext& context);

}  // namespace casereview
