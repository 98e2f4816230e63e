// The access policy: who may do what, which cases they see and how much, and
// which steps they may take. The expectations are written out by hand, role by
// role, not derived from the policy they test.
#include "casereview/engine/access.h"

#include <gtest/gtest.h>

#include <map>

namespace casereview {
namespace {

Principal as(Role role, long long partnership = 1) {
  Principal p;
  p.username = role_name(role);
  p.role = role;
  p.partnership_id = partnership;
  if (role == Role::AgencyContributor) p.agency = "Police";
  if (role == Role::IndependentReviewer) p.reviewer_id = 7;
  return p;
}

CaseRecord a_case(const char* kind, long long partnership = 1) {
  CaseRecord r;
  r.id = 1;
  r.kind = kind;
  r.partnership_id = partnership;
  return r;
}

ReviewRecords with_contract(long long reviewer_id, const char* status) {
  ReviewRecords records;
  Contract c;
  c.ref = "C-1";
  c.reviewer_id = reviewer_id;
  c.status = status;
  records.contracts.push_back(c);
  return records;
}

TEST(AccessPolicy, RoleNamesRoundTripAndUnknownNamesAreRefused) {
  for (Role role : kAllRoles) EXPECT_EQ(role_from_name(role_name(role)), role);
  EXPECT_FALSE(role_from_name("superuser"));
  EXPECT_FALSE(role_from_name("Manager"));  // names are exact
}

TEST(AccessPolicy, EachRoleHoldsExactlyItsPermissions) {
  // Columns: administrator, manager, panel member, agency contributor,
  // independent reviewer, scrutineer, auditor, national vocabulary editor.
  const std::map<Permission, std::string> expected = {
      {Permission::ReadReference, "yyyyyyyy"},      {Permission::ListCases, "nyynnyyn"},
      {Permission::OpenCases, "nynnnnnn"},          {Permission::ReadIdentity, "nyyyynnn"},
      {Permission::ReadOwnRequests, "nnnynnnn"},    {Permission::ManageReviewers, "nynnnnnn"},
      {Permission::ManageVocabularies, "ynnnnnny"}, {Permission::ManageNationalVocabularies, "nnnnnnny"},
      {Permission::ManageRuleSettings, "ynnnnnnn"}, {Permission::ManagePartnership, "ynnnnnnn"},
      {Permission::ManageUsers, "ynnnnnnn"},        {Permission::ReadAccessLog, "ynnnnnyn"},
      {Permission::VerifyAudit, "ynnnnnyn"},        {Permission::RecordCheckpoint, "ynnnnnnn"},
      {Permission::ReadReminders, "yynnnnnn"},      {Permission::ManageRetention, "ynnnnnnn"},
  };
  ASSERT_EQ(expected.size(), std::size(kAllPermissions));
  for (const auto& [permission, row] : expected) {
    for (std::size_t i = 0; i < std::size(kAllRoles); ++i) {
      EXPECT_EQ(allowed(kAllRoles[i], permission), row[i] == 'y')
          << role_name(kAllRoles[i]) << " / " << permission_name(permission);
    }
  }
}

TEST(AccessPolicy, AnotherPartnershipsCaseIsNeverVisible) {
  for (Role role : kAllRoles) {
    EXPECT_EQ(case_view(as(role, 2), a_case("lcspr", 1), with_contract(7, "active")), CaseView::None)
        << role_name(role);
  }
}

TEST(AccessPolicy, ScrutinyIsRedactedAndTheBoardOfficeSeesIdentity) {
  const ReviewRecords none;
  EXPECT_EQ(case_view(as(Role::Manager), a_case("child_death_review"), none), CaseView::Full);
  EXPECT_EQ(case_view(as(Role::PanelMember), a_case("child_death_review"), none), CaseView::Full);
  EXPECT_EQ(case_view(as(Role::Scrutineer), a_case("child_death_review"), none), CaseView::Redacted);
  EXPECT_EQ(case_view(as(Role::Auditor), a_case("child_death_review"), none), CaseView::Redacted);
  EXPECT_EQ(case_view(as(Role::Administrator), a_case("child_death_review"), none), CaseView::None);
  EXPECT_EQ(case_view(as(Role::AgencyContributor), a_case("child_death_review"), none), CaseView::None);
}

TEST(AccessPolicy, AReviewerSeesOnlyTheReviewOfTheirContractWhileItIsInForce) {
  const Principal reviewer = as(Role::IndependentReviewer);
  EXPECT_EQ(case_view(reviewer, a_case("lcspr"), with_contract(7, "signed")), CaseView::Full);
  EXPECT_EQ(case_view(reviewer, a_case("lcspr"), with_contract(7, "active")), CaseView::Full);
  for (const char* ended : {"drafted", "completed", "terminated"}) {
    EXPECT_EQ(case_view(reviewer, a_case("lcspr"), with_contract(7, ended)), CaseView::None) << ended;
  }
  EXPECT_EQ(case_view(reviewer, a_case("lcspr"), with_contract(8, "active")), CaseView::None);  // someone else's
  // Any case without a contract of theirs (contracts exist only on the reviews
  // that commission a reviewer) stays unknown to them.
  EXPECT_EQ(case_view(reviewer, a_case("rapid_review"), ReviewRecords{}), CaseView::None);
}

// Callers skip reading a case's records when the view does not look at them
// (view_reads_records): for every other role, records that would open a case
// to someone (a contract in force, a request to their agency) change nothing.
TEST(AccessPolicy, OnlyAReviewersViewOfACaseDependsOnItsRecords) {
  ReviewRecords opening = with_contract(7, "active");
  AgencyRequest request;
  request.agency = "Police";
  opening.requests.push_back(request);
  for (Role role : kAllRoles) {
    Principal p = as(role);
    p.reviewer_id = 7;
    EXPECT_EQ(view_reads_records(p), role == Role::IndependentReviewer) << role_name(role);
    if (view_reads_records(p)) continue;
    EXPECT_EQ(case_view(p, a_case("lcspr"), opening), case_view(p, a_case("lcspr"), ReviewRecords{}))
        << role_name(role);
  }
  EXPECT_NE(case_view(as(Role::IndependentReviewer), a_case("lcspr"), opening),
            case_view(as(Role::IndependentReviewer), a_case("lcspr"), ReviewRecords{}));
}

// A step skips reading its case's records when its checks do not look at them
// (command_checks_read_records): for every other role, records that would let
// someone know of a case or act on it (a contract in force, a request to their
// agency) change neither check, whatever the command's roles.
TEST(AccessPolicy, OnlyAnAgencyContributorsAndAReviewersChecksOfAStepDependOnItsRecords) {
  ReviewRecords opening = with_contract(7, "active");
  AgencyRequest request;
  request.agency = "Police";
  opening.requests.push_back(request);
  Json facts = Json::object();
  facts.set("agency", "Police");
  const std::vector<Role> every_role(std::begin(kAllRoles), std::end(kAllRoles));
  for (Role role : kAllRoles) {
    Principal p = as(role);
    p.reviewer_id = 7;
    p.agency = "Police";
    const bool reads = role == Role::IndependentReviewer || role == Role::AgencyContributor;
    EXPECT_EQ(command_checks_read_records(p), reads) << role_name(role);
    const CaseRecord lcspr = a_case("lcspr");
    if (reads) {
      // Each looks at them: without the records, the case is closed to them.
      EXPECT_NE(may_know_of(p, lcspr, opening) && !command_refusal(p, every_role, "step", facts, lcspr, opening),
                may_know_of(p, lcspr, ReviewRecords{}) &&
                    !command_refusal(p, every_role, "step", facts, lcspr, ReviewRecords{}))
          << role_name(role);
      continue;
    }
    EXPECT_EQ(may_know_of(p, lcspr, opening), may_know_of(p, lcspr, ReviewRecords{})) << role_name(role);
    EXPECT_EQ(command_refusal(p, every_role, "step", facts, lcspr, opening),
              command_refusal(p, every_role, "step", facts, lcspr, ReviewRecords{}))
        << role_name(role);
  }
}

TEST(AccessPolicy, StepsAreRefusedToRolesTheCommandDoesNotName) {
  const std::vector<Role> panel = {Role::Manager, Role::PanelMember};
  const ReviewRecords none;
  const Json facts = Json::object();
  EXPECT_FALSE(command_refusal(as(Role::PanelMember), panel, "record_decision", facts, a_case("rapid_review"), none));
  const auto refusal =
      command_refusal(as(Role::Scrutineer), panel, "record_decision", facts, a_case("rapid_review"), none);
  ASSERT_TRUE(refusal);
  EXPECT_EQ(*refusal, "An independent scrutineer may not record_decision.");
  EXPECT_TRUE(command_refusal(as(Role::Manager, 2), panel, "record_decision", facts, a_case("rapid_review"), none));
}

TEST(AccessPolicy, AnAgencyAnswersOnlyForItself) {
  const std::vector<Role> roles = {Role::Manager, Role::AgencyContributor};
  Json own = Json::object();
  own.set("agency", "Police");
  Json other = Json::object();
  other.set("agency", "GP");
  EXPECT_FALSE(
      command_refusal(as(Role::AgencyContributor), roles, "record_agency_return", own, a_case("rapid_review"), {}));
  EXPECT_TRUE(
      command_refusal(as(Role::AgencyContributor), roles, "record_agency_return", other, a_case("rapid_review"), {}));
  EXPECT_TRUE(command_refusal(as(Role::AgencyContributor), roles, "record_agency_return", Json::object(),
                              a_case("rapid_review"), {}));
}

TEST(AccessPolicy, AnAgencyKnowsOfACaseOnlyThroughARequestToIt) {
  ReviewRecords asked;
  AgencyRequest request;
  request.agency = "Police";
  asked.requests.push_back(request);
  EXPECT_TRUE(may_know_of(as(Role::AgencyContributor), a_case("rapid_review"), asked));
  EXPECT_FALSE(may_know_of(as(Role::AgencyContributor), a_case("rapid_review"), {}));
  EXPECT_FALSE(may_know_of(as(Role::AgencyContributor, 2), a_case("rapid_review"), asked));  // another partnership
  asked.requests[0].agency = "GP";
  EXPECT_FALSE(may_know_of(as(Role::AgencyContributor), a_case("rapid_review"), asked));
  EXPECT_TRUE(may_know_of(as(Role::Scrutineer), a_case("rapid_review"), {}));
  EXPECT_FALSE(may_know_of(as(Role::Administrator), a_case("rapid_review"), {}));
}

TEST(AccessPolicy, AReviewerActsOnlyUnderAContractInForce) {
  const std::vector<Role> roles = {Role::Manager, Role::IndependentReviewer};
  const Json facts = Json::object();
  EXPECT_FALSE(command_refusal(as(Role::IndependentReviewer), roles, "record_draft", facts, a_case("lcspr"),
                               with_contract(7, "active")));
  EXPECT_TRUE(command_refusal(as(Role::IndependentReviewer), roles, "record_draft", facts, a_case("lcspr"),
                              with_contract(7, "completed")));
}

}  // namespace
}  // namespace casereview
