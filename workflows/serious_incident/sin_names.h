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
inline constexpr const char* kNotifiedNoRapidReview = "notified_no_rapid_review";
inline constexpr const char* kCriteriaNotMet = "criteria_not_met";
}  // namespace state

namespace command {
inline constexpr const char* kOpen = "open_notification";
inline constexpr const char* kRecordPartnersInformed = "record_partners_informed";
inline constexpr const char* kSubmitNotification = "submit_notification";
inline constexpr const char* kRecordCriteriaNotMet = "record_criteria_not_met";
inline constexpr const char* kRecordOfstedNotified = "record_ofsted_notified";
inline constexpr const char* kRecordSecretaryOfStateNotified = "record_secretary_of_state_notified";
}  // namespace command

namespace event {
inline constexpr const char* kOpened = "notification_opened";
inline constexpr const char* kLookedAfterDeath = "looked_after_death_recorded";
inline constexpr const char* kCareLeaverDeath = "care_leaver_death_recorded";
inline constexpr const char* kPartnersInformed = "partners_informed";
inline constexpr const char* kNotificationSubmitted = "notification_submitted";
inline constexpr const char* kCriteriaNotMet = "criteria_not_met_recorded";
inline constexpr const char* kOfstedNotified = "ofsted_notified";
inline constexpr const char* kSecretaryOfStateNotified = "secretary_of_state_notified";
}  // namespace event

namespace rule {
inline constexpr const char* kNotifyPanel = "sin.notify_panel";
inline constexpr const char* kInformPartners = "sin.inform_partners";
inline constexpr const char* kNotifyOfsted = "sin.notify_ofsted";
inline constexpr const char* kNotifySecretaryOfState = "sin.notify_secretary_of_state";
inline constexpr const char* kCareLeaverNotifyOfsted = "sin.care_leaver_notify_ofsted";
inline constexpr const char* kCareLeaverNotifySecretaryOfState = "sin.care_leaver_notify_secretary_of_state";
}  // namespace rule

// The opening event's member that says whether the incident is a serious
// incident (abuse or neglect known or suspected, a child under 18): the Panel's
// notification, telling the partners and the rapid review apply only then.
// Absent in cases opened before it existed: those followed the old rule (every
// case but a care leaver's death went to the Panel).
inline constexpr const char* kSeriousIncidentMember = "serious_incident";

// How the rapid review a notification opens is linked to it on the case spine.
inline constexpr const char* kRapidReviewRelation = "rapid_review";

}  // namespace casereview::workflows::sin
