#pragma once
// Who may do what: the one access policy, applied by every route.
//
// A user acts in one partnership at a time, with one role there. Roles:
//  - administrator: users, partnership set-up, vocabularies, rule settings, the
//    access log, audit verification and the record of reminder e-mails; no case data;
//  - manager (the safeguarding partnership's business unit or the CDOP office):
//    everything about cases, identity included, and the record of reminder e-mails;
//  - panel member: reads cases, identity included; records decisions and analyses;
//  - agency contributor: only the requests addressed to their agency, only to answer;
//  - independent reviewer: only the local review of their contract in force;
//  - independent scrutineer: reads every case of the partnership, never identity;
//  - auditor: like the scrutineer, plus the access log and audit verification;
//  - national vocabulary editor (for the National Child Mortality Database):
//    the national modifiable factors and learning themes every partnership
//    codes with; no case data and nothing of any partnership's own. Appointed
//    by the service's operator (`casereview user add`), never by a partnership.
// Decisions that depend on a case (an agency's requests, a reviewer's contract)
// take the case's review records as input. Pure functions: thread-safe.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "casereview/engine/review_records.h"

namespace casereview {

enum class Role {
  Administrator,
  Manager,
  PanelMember,
  AgencyContributor,
  IndependentReviewer,
  Scrutineer,
  Auditor,
  NationalEditor,
};
inline constexpr Role kAllRoles[] = {
    Role::Administrator,       Role::Manager,    Role::PanelMember, Role::AgencyContributor,
    Role::IndependentReviewer, Role::Scrutineer, Role::Auditor,     Role::NationalEditor};
const char* role_name(Role role);          // "administrator", "manager", "panel_member", ... stable
const char* role_title(Role role);         // "Administrator", "Manager", "Panel member", ...
std::string role_with_article(Role role);  // "An administrator", "A manager", ... for messages
std::optional<Role> role_from_name(std::string_view name);

// The signed-in user as they act in this request.
struct Principal {
  long long user_id = 0;
  std::string username;  // recorded as the actor of every change
  std::string display_name;
  long long partnership_id = 0;
  std::string partnership_code;
  Role role = Role::Scrutineer;
  std::string agency;         // agency contributors: the agency they answer for
  long long reviewer_id = 0;  // independent reviewers: their entry in the register
};

struct User;
struct Membership;
// The user as they act in the partnership of `membership` (one of theirs).
Principal principal_of(const User& user, const Membership& membership);

enum class Permission {
  ReadReference,  // workflows, deadline rules, vocabularies, calendar: every signed-in user
  ListCases,      // lists of cases, deadlines, actions, reports in the partnership
  OpenCases,
  ReadIdentity,                // the child's identifying details (each read is logged)
  ReadOwnRequests,             // the agency's inbox
  ManageReviewers,             // the register and declarations
  ManageVocabularies,          // add local codes, retire codes for the partnership (or, with the next, nationally)
  ManageNationalVocabularies,  // add and retire the national codes
  ManageRuleSettings,
  ManagePartnership,  // the partnership's areas
  ManageUsers,
  ReadAccessLog,
  VerifyAudit,
  RecordCheckpoint,  // sign the chain heads
  ReadReminders,     // the record of reminder e-mails sent (who was reminded of what)
  ManageRetention,   // retention periods, legal holds, erasing a child's identity (retention.h)
};
bool allowed(Role role, Permission permission);
const char* permission_name(Permission permission);  // "list_cases", ... stable (OpenAPI x-access)
inline constexpr Permission kAllPermissions[] = {Permission::ReadReference,      Permission::ListCases,
                                                 Permission::OpenCases,          Permission::ReadIdentity,
                                                 Permission::ReadOwnRequests,    Permission::ManageReviewers,
                                                 Permission::ManageVocabularies, Permission::ManageNationalVocabularies,
                                                 Permission::ManageRuleSettings, Permission::ManagePartnership,
                                                 Permission::ManageUsers,        Permission::ReadAccessLog,
                                                 Permission::VerifyAudit,        Permission::RecordCheckpoint,
                                                 Permission::ReadReminders,      Permission::ManageRetention};

// How much of one case the principal may see.
enum class CaseView {
  None,      // answered as "not found": its existence is not revealed
  Redacted,  // everything but the child's identity, with a stable pseudonym instead
  Full,
};
// `records` are the case's review records (contracts for reviewers).
CaseView case_view(const Principal& principal, const CaseRecord& record, const ReviewRecords& records);
// Whether case_view() looks at the records for this principal: only a
// reviewer's view does (their contract). stored_case_view (case_detail.h)
// reads a case's records, five statements, only then.
bool view_reads_records(const Principal& principal);

// Whether a command on the case may be answered as anything but "not found":
// the principal may see the case, or it holds a request to their agency.
bool may_know_of(const Principal& principal, const CaseRecord& record, const ReviewRecords& records);

// Whether may_know_of() and command_refusal() look at the records for this
// principal: only an agency contributor's (their agency's requests) and an
// independent reviewer's (their contract) do. A step by anyone else skips
// reading them (CaseService::apply), five statements on the writer.
bool command_checks_read_records(const Principal& principal);

// Whether the principal may issue `command_roles`-restricted command `command`
// with `facts` on this case. Nullopt when allowed, else why not (a person's words).
std::optional<std::string> command_refusal(const Principal& principal, const std::vector<Role>& command_roles,
                                           const std::string& command, const Json& facts, const CaseRecord& record,
                                           const ReviewRecords& records);

// Whether the principal may attach a document to the case: managers and panel
// members; an agency contributor to a case holding a request to their agency;
// an independent reviewer to the review of their contract in force. Nullopt
// when allowed, else why not.
std::optional<std::string> document_refusal(const Principal& principal, const CaseRecord& record,
                                            const ReviewRecords& records);

// Whether the principal may read a document's name and content: whoever sees
// the case in full, and the person who attached it.
bool may_read_document(const Principal& principal, const CaseRecord& record, const ReviewRecords& records,
                       const std::string& uploaded_by);

// A reviewer's contract is in force from signing until it is completed or
// terminated (status "signed" or "active").
bool contract_in_force(const Contract& contract);
// True when the principal is an independent reviewer with a contract in force
// for this local review.
bool holds_active_contract(const Principal& principal, const ReviewRecords& records);

}  // namespace casereview
