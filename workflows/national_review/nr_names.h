#pragma once
// Stable names of the national review workflow: the partnership's part in a
// national child safeguarding practice review carried out by the Child
// Safeguarding Practice Review Panel (stored or public: renaming one needs a
// migration).

namespace casereview::workflows::nr {

inline constexpr const char* kKind = "national_review";

namespace state {
inline constexpr const char* kNotOpened = "not_opened";  // pseudo-state, never stored
inline constexpr const char* kContributing = "contributing";
inline constexpr const char* kActingOnReport = "acting_on_report";
inline constexpr const char* kClosed = "closed";
}  // namespace state

namespace command {
inline constexpr const char* kOpen = "open_national_review";
inline constexpr const char* kRecordPanelRequest = "record_panel_request";
inline constexpr const char* kRecordInformationProvided = "record_information_provided";
inline constexpr const char* kRecordReportPublished = "record_report_published";
inline constexpr const char* kRecordPartnershipResponse = "record_partnership_response";
inline constexpr const char* kCloseNationalReview = "close_national_review";
}  // namespace command

namespace event {
inline constexpr const char* kOpened = "national_review_opened";
inline constexpr const char* kPanelRequest = "panel_request_recorded";
inline constexpr const char* kInformationProvided = "panel_information_provided";
inline constexpr const char* kReportPublished = "national_review_report_published";
inline constexpr const char* kPartnershipResponse = "partnership_response_recorded";
inline constexpr const char* kClosed = "national_review_closed";
}  // namespace event

namespace rule {
inline constexpr const char* kAnswerPanelRequest = "nr.answer_panel_request";
inline constexpr const char* kPartnershipResponse = "nr.partnership_response";
}  // namespace rule

}  // namespace casereview::workflows::nr
