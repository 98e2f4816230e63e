#pragma once
// Stable names of the child death review workflow (stored or public: renaming
// one needs a migration).

namespace casereview::workflows::cdr {

inline constexpr const char* kKind = "child_death_review";

namespace state {
inline constexpr const char* kNotOpened = "not_opened";  // pseudo-state, never stored
inline constexpr const char* kNotified = "notified";
inline constexpr const char* kGatheringInformation = "gathering_information";
inline constexpr const char* kMeetingHeld = "review_meeting_held";
inline constexpr const char* kPanelReviewed = "panel_reviewed";
inline constexpr const char* kClosed = "closed";
inline constexpr const char* kOnHold = "on_hold";  // for an inquest or a criminal process
}  // namespace state

namespace command {
inline constexpr const char* kNotifyDeath = "notify_death";
inline constexpr const char* kRecordJarDiscussion = "record_jar_discussion";
inline constexpr const char* kRaiseNotification = "raise_serious_incident_notification";
inline constexpr const char* kRecordReviewMeeting = "record_review_meeting";
inline constexpr const char* kRecordPanelReview = "record_panel_review";
inline constexpr const char* kImportLegacyPanelReview = "import_legacy_panel_review";
inline constexpr const char* kRecordNcmdSubmission = "record_ncmd_submission";
inline constexpr const char* kRecordKeyWorker = "record_key_worker";
inline constexpr const char* kPutOnHold = "put_review_on_hold";
inline constexpr const char* kResume = "resume_review";
}  // namespace command

namespace event {
inline constexpr const char* kDeathNotified = "death_notified";
inline constexpr const char* kJarStarted = "joint_agency_response_started";
inline constexpr const char* kJarDiscussion = "jar_discussion_held";
inline constexpr const char* kNotificationRaised = "serious_incident_notification_raised";
inline constexpr const char* kReviewMeeting = "review_meeting_held";
inline constexpr const char* kPanelReview = "panel_review_recorded";
inline constexpr const char* kNcmdSubmitted = "ncmd_submission_recorded";
inline constexpr const char* kKeyWorker = "key_worker_recorded";
inline constexpr const char* kOnHold = "review_put_on_hold";
inline constexpr const char* kResumed = "review_resumed";
}  // namespace event

namespace rule {
inline constexpr const char* kNotifyCdop = "cdr.notify_cdop";
inline constexpr const char* kJarDiscussion = "cdr.jar_discussion";
inline constexpr const char* kReportingFormReturn = "cdr.reporting_form_return";
inline constexpr const char* kReviewMeeting = "cdr.review_meeting";
inline constexpr const char* kPanelReview = "cdr.panel_review";
}  // namespace rule

// The JAR trigger of a suspected stillbirth without a health professional
// present (the only stillbirths a child death review covers).
inline constexpr const char* kUnattendedStillbirthTrigger = "stillbirth_no_health_professional";
// The JAR trigger that cannot go with an expected death: a sudden death with no
// apparent cause is unexpected by definition.
inline constexpr const char* kSuddenTrigger = "sudden_no_apparent_cause";

inline constexpr const char* kNotificationRelation = "serious_incident_notification";

}  // namespace casereview::workflows::cdr
