#pragma once
// Stable names of the local child safeguarding practice review workflow (stored
// or public: renaming one needs a migration).

namespace casereview::workflows::lcspr {

inline constexpr const char* kKind = "lcspr";

namespace state {
inline constexpr const char* kNotOpened = "not_opened";  // pseudo-state, never stored
inline constexpr const char* kCommissioning = "commissioning";
inline constexpr const char* kInReview = "in_review";
inline constexpr const char* kSignedOff = "signed_off";
inline constexpr const char* kReportSent = "report_sent";
inline constexpr const char* kPublished = "published";
inline constexpr const char* kClosed = "closed";
inline constexpr const char* kOnHold = "on_hold";
}  // namespace state

namespace command {
inline constexpr const char* kOpen = "open_lcspr";
inline constexpr const char* kRecordPanelEndorsement = "record_panel_endorsement";
inline constexpr const char* kAgreeTermsOfReference = "agree_terms_of_reference";
inline constexpr const char* kDraftContract = "draft_contract";
inline constexpr const char* kSignContract = "sign_contract";
inline constexpr const char* kStartReview = "start_review";
inline constexpr const char* kTerminateContract = "terminate_contract";
inline constexpr const char* kCompleteContract = "complete_contract";
inline constexpr const char* kRecordMonitoring = "record_monitoring";
inline constexpr const char* kSendWrittenRequest = "send_written_request";
inline constexpr const char* kRecordWrittenAnswer = "record_written_answer";
inline constexpr const char* kRecordDraft = "record_draft";
inline constexpr const char* kRecordSignOff = "record_sign_off";
inline constexpr const char* kPlanPublication = "plan_publication";
inline constexpr const char* kSendFinalReport = "send_final_report";
inline constexpr const char* kExplainDelay = "explain_delay";
inline constexpr const char* kRecordPublication = "record_publication";
inline constexpr const char* kCloseReview = "close_review";
inline constexpr const char* kPutOnHold = "put_on_hold";
inline constexpr const char* kRecordHoldNotifications = "record_hold_notifications";
inline constexpr const char* kResume = "resume";
}  // namespace command

namespace event {
inline constexpr const char* kOpened = "lcspr_opened";
inline constexpr const char* kPanelEndorsed = "panel_endorsement_recorded";
inline constexpr const char* kTermsAgreed = "terms_of_reference_agreed";
inline constexpr const char* kReviewStarted = "review_started";
inline constexpr const char* kMonitoring = "monitoring_recorded";
inline constexpr const char* kWrittenRequest = "written_request_sent";
inline constexpr const char* kWrittenAnswer = "written_answer_received";
inline constexpr const char* kDraft = "draft_received";
inline constexpr const char* kSignedOff = "report_signed_off";
inline constexpr const char* kPublicationPlanned = "publication_planned";
// The report (or the information about improvements) went to one recipient.
inline constexpr const char* kReportSentTo = "final_report_sent_to_recipient";
// It has reached every recipient: recorded with the last one's copy (and, for a
// case opened before the recipients were recorded one by one, on its own).
inline constexpr const char* kReportSent = "final_report_sent";
inline constexpr const char* kDelayExplained = "delay_explained";
inline constexpr const char* kPublished = "report_published";
inline constexpr const char* kClosed = "review_closed";
inline constexpr const char* kOnHold = "put_on_hold";
inline constexpr const char* kHoldNotified = "hold_notifications_recorded";
inline constexpr const char* kResumed = "resumed";
}  // namespace event

namespace rule {
inline constexpr const char* kPublish = "lcspr.publish";
inline constexpr const char* kNoticeBeforePublication = "lcspr.notice_before_publication";
inline constexpr const char* kKeepPublished = "lcspr.keep_published";
inline constexpr const char* kWrittenAnswer = "lcspr.written_answer";
inline constexpr const char* kExplainDelay = "lcspr.explain_delay";
}  // namespace rule

// Who receives the final report before publication (stored in events, and as
// the anchor ids of rule::kNoticeBeforePublication, the partnership's setting).
namespace recipient {
inline constexpr const char* kPanel = "national_panel";
inline constexpr const char* kSecretaryOfState = "secretary_of_state";
inline constexpr const char* kOfsted = "ofsted";
}  // namespace recipient

// The anchors of rule::kNoticeBeforePublication: the same planned date, each
// naming the recipients a partnership sends the report to.
namespace notice_anchor {
// The Panel and the Secretary of State: every case opened before the choice existed.
inline constexpr const char* kPanelAndSecretaryOfState = "planned_publication";
inline constexpr const char* kWithOfsted = "planned_publication_with_ofsted";
}  // namespace notice_anchor

}  // namespace casereview::workflows::lcspr
