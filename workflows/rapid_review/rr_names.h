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
// The Panel did not agree, recommended a local review, or will not carry out the
// national review the partners asked for: the partners decide what next.
inline constexpr const char* kReconsidering = "reconsidering";
}  // namespace state

namespace command {
inline constexpr const char* kOpen = "open_rapid_review";
inline constexpr const char* kRecordMeeting = "record_meeting";
inline constexpr const char* kRecordDecision = "record_decision";
inline constexpr const char* kSubmitToPanel = "submit_to_panel";
inline constexpr const char* kRecordPanelResponse = "record_panel_response";
inline constexpr const char* kRecordDecisionAfterPanel = "record_decision_after_panel";
inline constexpr const char* kRecordNationalReview = "record_national_review";
}  // namespace command

namespace event {
inline constexpr const char* kOpened = "rapid_review_opened";
inline constexpr const char* kMeetingRecorded = "meeting_recorded";
inline constexpr const char* kDecisionRecorded = "decision_recorded";
inline constexpr const char* kSubmitted = "rapid_review_submitted";
inline constexpr const char* kPanelResponse = "panel_response_recorded";
inline constexpr const char* kDecisionAfterPanel = "decision_after_panel_recorded";
inline constexpr const char* kNationalReviewRecorded = "national_review_recorded";
}  // namespace event

namespace rule {
inline constexpr const char* kSubmitToPanel = "rr.submit_to_panel";
inline constexpr const char* kPanelResponse = "rr.panel_response";
inline constexpr const char* kAgencyReturn = "rr.agency_information_return";
}  // namespace rule

// How the cases a rapid review opens are linked to it on the spine (and the
// "opens" member of the event that opened them).
inline constexpr const char* kLcsprRelation = "lcspr";
inline constexpr const char* kNationalReviewRelation = "national_review";
inline constexpr const char* kOpensMember = "opens";
// The kinds of those cases.
inline constexpr const char* kLcsprKind = "lcspr";
inline constexpr const char* kNationalReviewKind = "national_review";

// Members of recorded events read by later steps. Events recorded before they
// existed lack them (see README, "What changed"): a response without
// kRecommendsLocalReview made no recommendation.
namespace fact {
inline constexpr const char* kDecision = "decision";
inline constexpr const char* kAgreesWithDecision = "agrees_with_decision";
inline constexpr const char* kRecommendsLocalReview = "recommends_local_review";
inline constexpr const char* kNationalReview = "national_review";
}  // namespace fact

}  // namespace casereview::workflows::rr
