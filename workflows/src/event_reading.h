#pragma once
// Reading what a workflow recorded, for the reports and exports that count it:
// the latest event of a type, and a payload's members as text. A member that is
// absent or of another type reads as nothing, so that events recorded before a
// member existed still count.

#include <string>
#include <vector>

#include "casereview/engine/event.h"
#include "casereview/engine/json.h"

namespace casereview::workflows {

// The latest event of `type` in `events` (in the order recorded); nullptr when none.
const Event* last_of(const std::vector<Event>& events, const char* type);

// The member as text; "" when it is absent or not text.
std::string payload_text(const Json& payload, const char* member);
// The same of an event's payload, parsed here (for a member read once).
std::string payload_text(const Event& event, const char* member);

// The text items of a list member (codes, agencies); empty when it is absent or not a list.
std::vector<std::string> payload_texts(const Json& payload, const char* member);

}  // namespace casereview::workflows
