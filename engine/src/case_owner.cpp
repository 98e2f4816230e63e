#include "casereview/engine/case_owner.h"

namespace casereview {

bool is_owner_event(std::string_view type) { return type == kOwnerAssignedEvent || type == kOwnerRemovedEvent; }

bool may_own_cases(Role role) { return role == Role::Manager || role == Role::PanelMember; }

}  // namespace casereview
