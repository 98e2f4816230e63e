#pragma once
// Stable names of the rapid review workflow (stored or public: renaming one needs
// a migration).

namespace casereview::workflows::rr {

inline constexpr const char* kKind = "rapid_review";

namespace state {
inline constexpr const char* kNotOpened = "not_opened";  // pseudo-state, never stored
inline constexpr const char* kGatheringInformation = "gathering_information";
inline constexpr const char* kMeetingHeld = "meeting_held";
inline constexpr const char* kDecided = "decided";
inline constexpr const char* kAwaitingPanel = "awaiting_panel";
inline constexpr const char* kPanelResponded = "panel_responded";
}  // namespace state

namespace command {
inline constexpr const char* kOpen = "open_rapid_review";
inline constexpr const char* kRecordMeeting = "record_meeting";
inline constexpr const char* kRecordDecision = "record_decision";
inline constexpr const char* kSubmitToPanel = "submit_to_panel";
inline constexpr const char* kRecordPanelResponse = "record_panel_response";
}  // namespace command

namespace event {
inline constexpr const char* kOpened = "rapid_review_opened";
inline constexpr const char* kMeetingRecorded = "meeting_recorded";
inline constexpr const char* kDecisionRecorded = "decision_recorded";
inline constexpr const char* kSubmitted = "rapid_review_submitted";
inline constexpr const char* kPanelResponse = "panel_response_recorded";
}  // namespace event

namespace rule {
inline constexpr const char* kSubmitToPanel = "rr.submit_to_panel";
inline constexpr const char* kPanelResponse = "rr.panel_response";
inline constexpr const char* kAgencyReturn = "rr.agency_information_return";
}  // namespace rule

inline constexpr const char* kLcsprRelation = "lcspr";

}  // namespace casereview::workflows::rr
