#pragma once
// Route handlers: small functions from request to response. They decode input,
// call the engine, and show the result. What the caller got wrong leaves as
// ApiError; anything else thrown (StorageError...) is left to the dispatcher,
// which answers 500 (problem.h). Each takes its own store session; they are
// called from many threads at once and share only the App.

#include <set>

#include "casereview/engine/repositories.h"
#include "http/http_types.h"

namespace casereview::web {

class App;

// Service
HttpResponse get_index(const HttpRequest& request, App& app);
HttpResponse get_health(const HttpRequest& request, App& app);
HttpResponse get_openapi(const HttpRequest& request, App& app);
HttpResponse list_workflows(const HttpRequest& request, App& app);
HttpResponse list_areas(const HttpRequest& request, App& app);
HttpResponse add_area(const HttpRequest& request, App& app);
HttpResponse load_calendar(const HttpRequest& request, App& app);

// Cases
HttpResponse list_cases(const HttpRequest& request, App& app);
// dashboard_handlers.cpp
HttpResponse get_dashboard(const HttpRequest& request, App& app);
HttpResponse list_case_owners(const HttpRequest& request, App& app);
HttpResponse set_case_owner(const HttpRequest& request, App& app);
HttpResponse open_case(const HttpRequest& request, App& app);
HttpResponse check_opening(const HttpRequest& request, App& app);
HttpResponse get_case(const HttpRequest& request, App& app);
HttpResponse apply_command(const HttpRequest& request, App& app);
HttpResponse get_timeline(const HttpRequest& request, App& app);
HttpResponse get_case_deadlines(const HttpRequest& request, App& app);
HttpResponse get_spine(const HttpRequest& request, App& app);

// Documents
HttpResponse list_document_types(const HttpRequest& request, App& app);
HttpResponse upload_document(const HttpRequest& request, App& app);
HttpResponse list_case_documents(const HttpRequest& request, App& app);
HttpResponse download_document(const HttpRequest& request, App& app);

// The browser pages and their assets (web/ui)
HttpResponse serve_ui(const HttpRequest& request, App& app);

// Deadlines and rules
HttpResponse list_deadlines(const HttpRequest& request, App& app);
HttpResponse list_deadline_rules(const HttpRequest& request, App& app);
HttpResponse preview_deadline(const HttpRequest& request, App& app);
HttpResponse put_rule_setting(const HttpRequest& request, App& app);
HttpResponse list_rule_setting_changes(const HttpRequest& request, App& app);

// The reviewer register
HttpResponse list_reviewers(const HttpRequest& request, App& app);
HttpResponse add_reviewer(const HttpRequest& request, App& app);
HttpResponse get_reviewer(const HttpRequest& request, App& app);
HttpResponse declare_interest(const HttpRequest& request, App& app);

// Vocabularies
HttpResponse list_factors(const HttpRequest& request, App& app);
HttpResponse add_factor(const HttpRequest& request, App& app);
HttpResponse list_themes(const HttpRequest& request, App& app);
HttpResponse add_theme(const HttpRequest& request, App& app);
HttpResponse set_code_status(const HttpRequest& request, App& app);
HttpResponse list_death_categories(const HttpRequest& request, App& app);

// Signing in, users
HttpResponse sign_in(const HttpRequest& request, App& app);
HttpResponse get_session(const HttpRequest& request, App& app);
HttpResponse get_session_status(const HttpRequest& request, App& app);
HttpResponse sign_out(const HttpRequest& request, App& app);
HttpResponse change_password(const HttpRequest& request, App& app);
HttpResponse list_users(const HttpRequest& request, App& app);
HttpResponse add_user(const HttpRequest& request, App& app);
HttpResponse reset_password(const HttpRequest& request, App& app);
HttpResponse set_user_active(const HttpRequest& request, App& app);
HttpResponse set_user_email(const HttpRequest& request, App& app);
HttpResponse set_own_email(const HttpRequest& request, App& app);

// Reminder e-mails
HttpResponse list_reminders(const HttpRequest& request, App& app);

// Retention and erasure
HttpResponse get_retention(const HttpRequest& request, App& app);
HttpResponse set_retention_period(const HttpRequest& request, App& app);
HttpResponse set_legal_hold(const HttpRequest& request, App& app);
HttpResponse erase_identity(const HttpRequest& request, App& app);

// Identity on a need-to-know basis
HttpResponse get_inbox(const HttpRequest& request, App& app);
HttpResponse get_access_log(const HttpRequest& request, App& app);
// Records in the access log that `request`'s user read the identity of a case,
// with X-Access-Reason (its first 500 bytes) and the real time. Runs a write
// transaction of its own (not inside another: StorageError). The request must be
// signed in.
void log_identity_read(StoreSession& session, const HttpRequest& request, long long case_id, const std::string& what);
// The same for several cases in one transaction, for a view that can be sent
// without the identities: false, having recorded nothing, when the log cannot be
// written (a full disk, a read-only or busy database: IDENTITY_WITHHELD in the
// log); the caller then sends no identity and says so with kIdentityWithheld.
bool identity_reads_logged(StoreSession& session, const HttpRequest& request, const std::set<long long>& case_ids,
                           const std::string& what);
inline constexpr const char* kIdentityWithheld =
    "The child's identifying details are not shown: every read of them is recorded first, and the database cannot "
    "be written at the moment (its disk is full or it is read-only).";
// Said in the answer to a command that is stored but whose case could not be
// read back for the answer (the log has PAGE_NOT_READ_BACK).
inline constexpr const char* kPageUnavailable =
    "Saved. The case's page could not be read back just now: open the case again to see it.";

// The audit trail
HttpResponse get_audit_verification(const HttpRequest& request, App& app);
HttpResponse record_checkpoint(const HttpRequest& request, App& app);

// Across cases
HttpResponse list_actions(const HttpRequest& request, App& app);
HttpResponse report_timeliness(const HttpRequest& request, App& app);
HttpResponse report_commissioning(const HttpRequest& request, App& app);
HttpResponse report_learning_themes(const HttpRequest& request, App& app);
HttpResponse report_modifiable_factors(const HttpRequest& request, App& app);
HttpResponse report_yearly(const HttpRequest& request, App& app);
HttpResponse report_cdop_annual(const HttpRequest& request, App& app);
HttpResponse get_export(const HttpRequest& request, App& app);
HttpResponse get_evidence_pack(const HttpRequest& request, App& app);
HttpResponse report_evidence(const HttpRequest& request, App& app);
// import_handlers.cpp
HttpResponse list_imports(const HttpRequest& request, App& app);
HttpResponse get_import_columns(const HttpRequest& request, App& app);
HttpResponse import_sheet(const HttpRequest& request, App& app);
HttpResponse get_calendar_feed_state(const HttpRequest& request, App& app);
HttpResponse make_calendar_feed(const HttpRequest& request, App& app);
HttpResponse revoke_calendar_feed(const HttpRequest& request, App& app);
HttpResponse read_calendar_feed(const HttpRequest& request, App& app);
HttpResponse export_ncmd(const HttpRequest& request, App& app);
HttpResponse get_ncmd_export_schema(const HttpRequest& request, App& app);

}  // namespace casereview::web
