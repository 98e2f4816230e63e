#include "casereview/engine/access.h"

#include <algorithm>
#include <cctype>

#include "casereview/engine/repositories.h"

namespace casereview {
namespace {

struct RoleNames {
  Role role;
  const char* name;
  const char* title;
};
constexpr RoleNames kRoleNames[] = {
    {Role::Administrator, "administrator", "Administrator"},
    {Role::Manager, "manager", "Manager"},
    {Role::PanelMember, "panel_member", "Panel member"},
    {Role::AgencyContributor, "agency_contributor", "Agency contributor"},
    {Role::IndependentReviewer, "independent_reviewer", "Independent reviewer"},
    {Role::Scrutineer, "scrutineer", "Independent scrutineer"},
    {Role::Auditor, "auditor", "Auditor"},
    {Role::NationalEditor, "national_editor", "National vocabulary editor"},
};

}  // namespace

const char* role_name(Role role) {
  for (const auto& r : kRoleNames) {
    if (r.role == role) return r.name;
  }
  return "unknown";
}

const char* role_title(Role role) {
  for (const auto& r : kRoleNames) {
    if (r.role == role) return r.title;
  }
  return "Unknown";
}

std::string role_with_article(Role role) {
  std::string title = role_title(role);
  title[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(title[0])));
  const bool vowel = std::string("aeiou").find(title[0]) != std::string::npos;
  return (vowel ? "An " : "A ") + title;
}

std::optional<Role> role_from_name(std::string_view name) {
  for (const auto& r : kRoleNames) {
    if (name == r.name) return r.role;
  }
  return std::nullopt;
}

bool allowed(Role role, Permission permission) {
  switch (permission) {
    case Permission::ReadReference:
      return true;
    case Permission::ListCases:
      return role == Role::Manager || role == Role::PanelMember || role == Role::Scrutineer || role == Role::Auditor;
    case Permission::OpenCases:
    case Permission::ManageReviewers:
      return role == Role::Manager;
    case Permission::ReadIdentity:
      return role == Role::Manager || role == Role::PanelMember || role == Role::IndependentReviewer ||
             role == Role::AgencyContributor;
    case Permission::ReadOwnRequests:
      return role == Role::AgencyContributor;
    case Permission::ManageVocabularies:
      return role == Role::Administrator || role == Role::NationalEditor;
    case Permission::ManageNationalVocabularies:
      return role == Role::NationalEditor;
    case Permission::ManageRuleSettings:
    case Permission::ManagePartnership:
    case Permission::ManageUsers:
      return role == Role::Administrator;
    case Permission::ReadAccessLog:
    case Permission::VerifyAudit:
      return role == Role::Administrator || role == Role::Auditor;
    case Permission::RecordCheckpoint:
      return role == Role::Administrator;
    case Permission::ReadReminders:
      return role == Role::Administrator || role == Role::Manager;
    case Permission::ManageRetention:
      return role == Role::Administrator;
  }
  return false;
}

const char* permission_name(Permission permission) {
  switch (permission) {
    case Permission::ReadReference:
      return "read_reference";
    case Permission::ListCases:
      return "list_cases";
    case Permission::OpenCases:
      return "open_cases";
    case Permission::ReadIdentity:
      return "read_identity";
    case Permission::ReadOwnRequests:
      return "read_own_requests";
    case Permission::ManageReviewers:
      return "manage_reviewers";
    case Permission::ManageVocabularies:
      return "manage_vocabularies";
    case Permission::ManageNationalVocabularies:
      return "manage_national_vocabularies";
    case Permission::ManageRuleSettings:
      return "manage_rule_settings";
    case Permission::ManagePartnership:
      return "manage_partnership";
    case Permission::ManageUsers:
      return "manage_users";
    case Permission::ReadAccessLog:
      return "read_access_log";
    case Permission::VerifyAudit:
      return "verify_audit";
    case Permission::RecordCheckpoint:
      return "record_checkpoint";
    case Permission::ReadReminders:
      return "read_reminders";
    case Permission::ManageRetention:
      return "manage_retention";
  }
  return "unknown";
}

bool contract_in_force(const Contract& contract) { return contract.status == "signed" || contract.status == "active"; }

bool holds_active_contract(const Principal& principal, const ReviewRecords& records) {
  if (principal.role != Role::IndependentReviewer || principal.reviewer_id == 0) return false;
  return std::any_of(records.contracts.begin(), records.contracts.end(),
                     [&](const Contract& c) { return c.reviewer_id == principal.reviewer_id && contract_in_force(c); });
}

CaseView case_view(const Principal& principal, const CaseRecord& record, const ReviewRecords& records) {
  if (record.partnership_id != principal.partnership_id) return CaseView::None;
  switch (principal.role) {
    case Role::Manager:
    case Role::PanelMember:
      return CaseView::Full;
    case Role::Scrutineer:
    case Role::Auditor:
      return CaseView::Redacted;
    case Role::IndependentReviewer:
      // Contracts exist only on cases that commission a reviewer.
      return holds_active_contract(principal, records) ? CaseView::Full : CaseView::None;
    case Role::AgencyContributor:
    case Role::Administrator:
    case Role::NationalEditor:
      return CaseView::None;
  }
  return CaseView::None;
}

bool view_reads_records(const Principal& principal) { return principal.role == Role::IndependentReviewer; }

bool command_checks_read_records(const Principal& principal) {
  // may_know_of asks case_view first, then looks at an agency contributor's
  // requests; command_refusal looks only at what case_view does.
  return view_reads_records(principal) || principal.role == Role::AgencyContributor;
}

std::optional<std::string> document_refusal(const Principal& principal, const CaseRecord& record,
                                            const ReviewRecords& records) {
  switch (principal.role) {
    case Role::Manager:
    case Role::PanelMember:
    case Role::IndependentReviewer:
      if (case_view(principal, record, records) == CaseView::Full) return std::nullopt;
      break;
    case Role::AgencyContributor:
      if (may_know_of(principal, record, records)) return std::nullopt;
      break;
    default:
      break;
  }
  return role_with_article(principal.role) + " may not attach documents to " + record.reference + ".";
}

bool may_read_document(const Principal& principal, const CaseRecord& record, const ReviewRecords& records,
                       const std::string& uploaded_by) {
  if (record.partnership_id != principal.partnership_id) return false;
  return case_view(principal, record, records) == CaseView::Full || principal.username == uploaded_by;
}

bool may_know_of(const Principal& principal, const CaseRecord& record, const ReviewRecords& records) {
  if (case_view(principal, record, records) != CaseView::None) return true;
  if (principal.role != Role::AgencyContributor || record.partnership_id != principal.partnership_id) return false;
  return std::any_of(records.requests.begin(), records.requests.end(),
                     [&](const AgencyRequest& r) { return r.agency == principal.agency; });
}

std::optional<std::string> command_refusal(const Principal& principal, const std::vector<Role>& command_roles,
                                           const std::string& command, const Json& facts, const CaseRecord& record,
                                           const ReviewRecords& records) {
  const bool listed = std::find(command_roles.begin(), command_roles.end(), principal.role) != command_roles.end();
  if (!listed) {
    return role_with_article(principal.role) + " may not " + command + ".";
  }
  if (record.partnership_id != principal.partnership_id) return std::string("This case is in another partnership.");
  if (principal.role == Role::AgencyContributor) {
    const Json& agency = facts["agency"];
    if (!agency.is_string() || agency.as_string() != principal.agency) {
      return "An agency contributor answers only for their own agency (" + principal.agency + ").";
    }
  }
  if (principal.role == Role::IndependentReviewer && !holds_active_contract(principal, records)) {
    return std::string("An independent reviewer acts only on the review of their active contract.");
  }
  return std::nullopt;
}

Principal principal_of(const User& user, const Membership& membership) {
  Principal p;
  p.user_id = user.id;
  p.username = user.username;
  p.display_name = user.display_name;
  p.partnership_id = membership.partnership_id;
  p.partnership_code = membership.partnership_code;
  p.role = membership.role;
  p.agency = membership.agency;
  p.reviewer_id = membership.reviewer_id;
  return p;
}

const Membership* User::membership(long long partnership_id) const {
  for (const Membership& m : memberships) {
    if (m.partnership_id == partnership_id) return &m;
  }
  return nullptr;
}

}  // namespace casereview
