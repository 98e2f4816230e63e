#pragma once
// Stable names of the commands every review shares (actions, agency requests).
// The event types they record are in engine/include/casereview/engine/review_records.h.

namespace casereview::workflows::review {

namespace command {
inline constexpr const char* kAddAction = "add_action";
inline constexpr const char* kUpdateAction = "update_action";
inline constexpr const char* kRequestAgencyInformation = "request_agency_information";
inline constexpr const char* kRecordAgencyReturn = "record_agency_return";
inline constexpr const char* kSendAgencyReminder = "send_agency_reminder";
}  // namespace command

}  // namespace casereview::workflows::review
