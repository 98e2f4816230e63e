// The route table: every path the server answers, in one place. The OpenAPI
// document (web/openapi.json) describes exactly these; tests/api checks both ways.
#include "api/handlers.h"
#include "http/router.h"

namespace casereview::web {

const std::vector<Route>& route_table() {
  using P = Permission;
  // Access is the coarse gate (auth.cpp); handlers then ask the access policy
  // about the particular case, agency or contract. Work::Scan: the reports,
  // exports and checks that read across the partnership and build a large
  // answer run on the scan workers (scan_workers.h).
  static const std::vector<Route> kRoutes = {
      {"GET", "/api/v1", get_index, "getIndex", kPublic},
      {"GET", "/api/v1/health", get_health, "getHealth", kPublic},
      {"GET", "/api/v1/openapi.json", get_openapi, "getOpenApi", kPublic},
      {"POST", "/api/v1/session", sign_in, "signIn", kPublic},
      {"GET", "/api/v1/session", get_session, "getSession", kSignedIn},
      {"DELETE", "/api/v1/session", sign_out, "signOut", kSignedIn},
      {"GET", "/api/v1/session/status", get_session_status, "getSessionStatus", kPublicSeeingSession},
      {"PUT", "/api/v1/session/password", change_password, "changePassword", kSignedIn},
      {"GET", "/api/v1/session/calendar-feed", get_calendar_feed_state, "getCalendarFeed", kSignedIn},
      {"POST", "/api/v1/session/calendar-feed", make_calendar_feed, "makeCalendarFeed", kSignedIn},
      {"DELETE", "/api/v1/session/calendar-feed", revoke_calendar_feed, "revokeCalendarFeed", kSignedIn},
      {"GET", "/api/v1/calendar-feeds/{token}", read_calendar_feed, "readCalendarFeed", kPublic},
      {"PUT", "/api/v1/session/email", set_own_email, "setOwnEmail", kSignedIn},
      {"GET", "/api/v1/workflows", list_workflows, "listWorkflows", kSignedIn},
      {"GET", "/api/v1/cases", list_cases, "listCases", needs(P::ListCases)},
      {"POST", "/api/v1/cases", open_case, "openCase", needs(P::OpenCases)},
      {"POST", "/api/v1/cases/checks", check_opening, "checkOpening", needs(P::OpenCases)},
      {"GET", "/api/v1/cases/{id}", get_case, "getCase", kSignedIn},
      {"POST", "/api/v1/cases/{id}/commands", apply_command, "applyCommand", kSignedIn},
      {"GET", "/api/v1/cases/{id}/timeline", get_timeline, "getTimeline", kSignedIn},
      {"GET", "/api/v1/cases/{id}/spine", get_spine, "getSpine", kSignedIn},
      {"PUT", "/api/v1/cases/{id}/owner", set_case_owner, "setCaseOwner", needs(P::OpenCases)},
      {"GET", "/api/v1/case-owners", list_case_owners, "listCaseOwners", needs(P::ListCases)},
      {"GET", "/api/v1/dashboard", get_dashboard, "getDashboard", needs(P::ListCases)},
      {"GET", "/api/v1/cases/{id}/deadlines", get_case_deadlines, "getCaseDeadlines", kSignedIn},
      {"GET", "/api/v1/cases/{id}/documents", list_case_documents, "listCaseDocuments", kSignedIn},
      {"POST", "/api/v1/cases/{id}/documents", upload_document, "uploadDocument", kSignedIn, BodySize::Document},
      {"GET", "/api/v1/documents/{id}", download_document, "downloadDocument", kSignedIn},
      {"GET", "/api/v1/document-types", list_document_types, "listDocumentTypes", kSignedIn},
      {"GET", "/api/v1/inbox", get_inbox, "getInbox", needs(P::ReadOwnRequests)},
      {"GET", "/api/v1/deadlines", list_deadlines, "listDeadlines", needs(P::ListCases)},
      {"GET", "/api/v1/deadlines/preview", preview_deadline, "previewDeadline", kSignedIn},
      {"GET", "/api/v1/deadline-rules", list_deadline_rules, "listDeadlineRules", kSignedIn},
      {"PUT", "/api/v1/deadline-rules/{id}/setting", put_rule_setting, "putRuleSetting", needs(P::ManageRuleSettings)},
      {"GET", "/api/v1/rule-setting-changes", list_rule_setting_changes, "listRuleSettingChanges", kSignedIn},
      {"GET", "/api/v1/actions", list_actions, "listActions", needs(P::ListCases)},
      {"GET", "/api/v1/reviewers", list_reviewers, "listReviewers", needs(P::ListCases)},
      {"POST", "/api/v1/reviewers", add_reviewer, "addReviewer", needs(P::ManageReviewers)},
      {"GET", "/api/v1/reviewers/{id}", get_reviewer, "getReviewer", needs(P::ListCases)},
      {"POST", "/api/v1/reviewers/{id}/declarations", declare_interest, "declareInterest", needs(P::ManageReviewers)},
      {"GET", "/api/v1/vocabularies/factors", list_factors, "listFactors", kSignedIn},
      {"POST", "/api/v1/vocabularies/factors", add_factor, "addFactor", needs(P::ManageVocabularies)},
      {"GET", "/api/v1/vocabularies/themes", list_themes, "listThemes", kSignedIn},
      {"POST", "/api/v1/vocabularies/themes", add_theme, "addTheme", needs(P::ManageVocabularies)},
      {"PUT", "/api/v1/vocabularies/{vocabulary}/{code}/status", set_code_status, "setCodeStatus",
       needs(P::ManageVocabularies)},
      {"GET", "/api/v1/vocabularies/death-categories", list_death_categories, "listDeathCategories", kSignedIn},
      {"GET", "/api/v1/partnership/areas", list_areas, "listAreas", kSignedIn},
      {"POST", "/api/v1/partnership/areas", add_area, "addArea", needs(P::ManagePartnership)},
      {"PUT", "/api/v1/calendar", load_calendar, "loadCalendar", needs(P::ManagePartnership)},
      {"GET", "/api/v1/reports/timeliness", report_timeliness, "reportTimeliness", needs(P::ListCases), BodySize::Json,
       Work::Scan},
      {"GET", "/api/v1/reports/lcspr-commissioning", report_commissioning, "reportCommissioning", needs(P::ListCases),
       BodySize::Json, Work::Scan},
      {"GET", "/api/v1/reports/learning-themes", report_learning_themes, "reportLearningThemes", needs(P::ListCases),
       BodySize::Json, Work::Scan},
      {"GET", "/api/v1/reports/modifiable-factors", report_modifiable_factors, "reportModifiableFactors",
       needs(P::ListCases), BodySize::Json, Work::Scan},
      {"GET", "/api/v1/reports/yearly", report_yearly, "reportYearly", needs(P::ListCases), BodySize::Json, Work::Scan},
      {"GET", "/api/v1/reports/cdop-annual", report_cdop_annual, "reportCdopAnnual", needs(P::ListCases),
       BodySize::Json, Work::Scan},
      {"GET", "/api/v1/exports/ncmd", export_ncmd, "exportNcmd", needs(P::ListCases), BodySize::Json, Work::Scan},
      {"GET", "/api/v1/exports/ncmd/schema", get_ncmd_export_schema, "getNcmdExportSchema", kPublic},
      {"GET", "/api/v1/exports/{dataset}", get_export, "getExport", needs(P::ListCases), BodySize::Json, Work::Scan},
      {"GET", "/api/v1/imports", list_imports, "listImports", needs(P::OpenCases)},
      {"GET", "/api/v1/imports/{sheet}/columns", get_import_columns, "getImportColumns", needs(P::OpenCases)},
      {"POST", "/api/v1/imports/{sheet}", import_sheet, "importSheet", needs(P::OpenCases), BodySize::Document},
      {"GET", "/api/v1/evidence-pack", get_evidence_pack, "getEvidencePack", needs(P::ListCases), BodySize::Json,
       Work::Scan},
      {"GET", "/api/v1/reports/evidence", report_evidence, "reportEvidence", needs(P::ListCases), BodySize::Json,
       Work::Scan},
      {"GET", "/api/v1/users", list_users, "listUsers", needs(P::ManageUsers)},
      {"POST", "/api/v1/users", add_user, "addUser", needs(P::ManageUsers)},
      {"POST", "/api/v1/users/{id}/password-reset", reset_password, "resetPassword", needs(P::ManageUsers)},
      {"PUT", "/api/v1/users/{id}/active", set_user_active, "setUserActive", needs(P::ManageUsers)},
      {"PUT", "/api/v1/users/{id}/email", set_user_email, "setUserEmail", needs(P::ManageUsers)},
      {"GET", "/api/v1/reminders", list_reminders, "listReminders", needs(P::ReadReminders)},
      {"GET", "/api/v1/retention", get_retention, "getRetention", needs(P::ManageRetention)},
      {"PUT", "/api/v1/retention/periods/{kind}", set_retention_period, "setRetentionPeriod",
       needs(P::ManageRetention)},
      {"PUT", "/api/v1/cases/{id}/legal-hold", set_legal_hold, "setLegalHold", needs(P::ManageRetention)},
      {"POST", "/api/v1/cases/{id}/identity-erasure", erase_identity, "eraseIdentity", needs(P::ManageRetention)},
      {"GET", "/api/v1/access-log", get_access_log, "getAccessLog", needs(P::ReadAccessLog)},
      {"GET", "/api/v1/audit/verification", get_audit_verification, "getAuditVerification", needs(P::VerifyAudit),
       BodySize::Json, Work::Scan},
      {"POST", "/api/v1/audit/checkpoints", record_checkpoint, "recordCheckpoint", needs(P::RecordCheckpoint)},
  };
  return kRoutes;
}

const RouteIndex& route_index() {
  static const RouteIndex kIndex(route_table());
  return kIndex;
}

}  // namespace casereview::web
