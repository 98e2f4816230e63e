#pragma once
// The shared review commands as MSM event types, for the machines that allow
// them. Plain structs: including this does not pull in MSM.

#include "review_names.h"
#include "step.h"

namespace casereview::workflows::review {

struct AddAction : Step {
  static constexpr const char* name = command::kAddAction;
};
struct UpdateAction : Step {
  static constexpr const char* name = command::kUpdateAction;
};
struct RequestAgencyInformation : Step {
  static constexpr const char* name = command::kRequestAgencyInformation;
};
struct RecordAgencyReturn : Step {
  static constexpr const char* name = command::kRecordAgencyReturn;
};
struct SendAgencyReminder : Step {
  static constexpr const char* name = command::kSendAgencyReminder;
};

}  // namespace casereview::workflows::review
