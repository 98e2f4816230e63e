#pragma once
// Stable names of the serious incident notification workflow. They are stored
// (states, event types, rule ids) or part of the API (commands, facts): renaming
// one needs a migration of stored data.

namespace casereview::workflows::sin {

inline constexpr const char* kKind = "serious_incident_notification";

namespace state {
inline constexpr const char* kNotOpened = "not_opened";  // pseudo-state, never stored
inline constexpr const char* kNotificationDue = "notification_due";
inline constexpr const char* kNotified = "notified";
inline constexpr const char* kRapidReviewSubmitted = "rapid_review_submitted";
inline constexpr const char* kCriteriaNotMet = "criteria_not_met";
}  // namespace state

namespace command {
inline constexpr const char* kOpen = "open_notification";
inline constexpr const char* kRecordPartnersInformed = "record_partners_informed";
inline constexpr const char* kSubmitNotification = "submit_notification";
inline constexpr const char* kRecordCriteriaNotMet = "record_criteria_not_met";
inline constexpr const char* kSubmitRapidReview = "submit_rapid_review";
}  // namespace command

namespace event {
inline constexpr const char* kOpened = "notification_opened";
inline constexpr const char* kPartnersInformed = "partners_informed";
inline constexpr const char* kNotificationSubmitted = "notification_submitted";
inline constexpr const char* kCriteriaNotMet = "criteria_not_met_recorded";
inline constexpr const char* kRapidReviewSubmitted = "rapid_review_submitted";
}  // namespace event

namespace rule {
inline constexpr const char* kNotifyPanel = "sin.notify_panel";
inline constexpr const char* kInformPartners = "sin.inform_partners";
inline constexpr const char* kRapidReview = "sin.rapid_review";
}  // namespace rule

}  // namespace casereview::workflows::sin
