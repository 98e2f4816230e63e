// The case as a reader sees it, built by the engine: after a step, from inside
// the step's own transaction; on a read, from one read transaction that no
// concurrent commit can split. What each role gets: the manager everything and
// the child, the scrutineer everything but the child, an agency that answered a
// request nothing but the summary, a reviewer without a contract nothing.
#include <gtest/gtest.h>

#include <map>

#include "case_service_fixture.h"

namespace casereview {
namespace {

using testing_support::opening_facts;

class CaseDetailOnStore : public testing_support::CaseServiceTest {
 protected:
  RequestContext as(Role role, const char* agency = "") {
    RequestContext c = context;
    c.principal.role = role;
    c.principal.username = std::string(role_name(role)) + "@northam";
    c.principal.agency = agency;
    return c;
  }
  std::vector<std::string> names(const std::vector<const CommandSpec*>& commands) {
    std::vector<std::string> out;
    out.reserve(commands.size());
    for (const CommandSpec* c : commands) out.push_back(c->name);
    return out;
  }
};

TEST_P(CaseDetailOnStore, AStepReturnsTheCaseAsItWasCommitted) {
  context.pseudonym_key = "a test key of the server";
  const CaseRecord sin = open_case();
  const CommandOutcome result = service.apply(*session, sin.id, submit("2024-06-07"), 1, context);
  const auto& changed = std::get<outcome::Changed>(result);
  const CaseDetail& d = changed.detail;
  EXPECT_EQ(d.view, CaseView::Full);
  EXPECT_EQ(d.record.state, "notified");
  EXPECT_EQ(d.record.version, 2);
  ASSERT_NE(d.spec, nullptr);
  EXPECT_EQ(d.spec->kind, "serious_incident_notification");
  // The spine already holds the rapid review the step opened, root first.
  ASSERT_EQ(d.spine.size(), 2u);
  EXPECT_EQ(d.spine[0].record.reference, "SIN-2024-0001");
  EXPECT_EQ(d.spine[1].record.reference, "RR-2024-0001");
  EXPECT_EQ(d.spine[1].spec->kind, "rapid_review");
  // The Panel's clock met by the step; telling the partners is due today.
  std::map<std::string, ClockStatus> statuses;
  for (const ClockView& c : d.clocks) statuses[c.clock.rule_id] = c.status;
  EXPECT_EQ(statuses, (std::map<std::string, ClockStatus>{{"sin.inform_partners", ClockStatus::DueToday},
                                                          {"sin.notify_panel", ClockStatus::Met}}));
  // Only what applies: this child was not looked after, so no Ofsted step.
  EXPECT_EQ(names(d.allowed_commands), (std::vector<std::string>{"record_partners_informed"}));
  ASSERT_TRUE(d.subject);
  EXPECT_EQ(d.subject->details["family_name"].as_string(), "Testchild");
  EXPECT_EQ(d.pseudonym.rfind("C-", 0), 0u);
  EXPECT_FALSE(d.commissioning);
}

TEST_P(CaseDetailOnStore, EachRoleSeesWhatItMay) {
  context.pseudonym_key = "a test key of the server";
  const CaseRecord sin = open_case();
  const auto manager = service.detail(*session, sin.id, context);
  ASSERT_TRUE(manager);
  EXPECT_TRUE(manager->subject);

  const auto scrutineer = service.detail(*session, sin.id, as(Role::Scrutineer));
  ASSERT_TRUE(scrutineer);
  EXPECT_EQ(scrutineer->view, CaseView::Redacted);
  EXPECT_FALSE(scrutineer->subject);
  EXPECT_EQ(scrutineer->pseudonym, manager->pseudonym);
  EXPECT_TRUE(scrutineer->allowed_commands.empty());
  EXPECT_EQ(scrutineer->clocks.size(), manager->clocks.size());

  EXPECT_FALSE(service.detail(*session, sin.id, as(Role::IndependentReviewer)));
  EXPECT_FALSE(service.detail(*session, sin.id, as(Role::Administrator)));
  EXPECT_FALSE(service.detail(*session, sin.id + 100, context));
  RequestContext elsewhere = context;
  elsewhere.principal.partnership_id = another_partnership();
  EXPECT_FALSE(service.detail(*session, sin.id, elsewhere));
}

TEST_P(CaseDetailOnStore, AnAgencyThatAnswersARequestGetsOnlyTheSummaryBack) {
  const CaseRecord sin = open_case();
  const auto rr =
      std::get<outcome::Changed>(service.apply(*session, sin.id, submit("2024-06-07"), 1, context)).opened.at(0);
  Json asked = Json::object();
  asked.set("agencies", Json::array().push("Police"));
  asked.set("requested_on", "2024-06-10");
  const auto requested =
      service.apply(*session, rr.id, Command{"request_agency_information", asked}, rr.version, context);
  ASSERT_TRUE(std::holds_alternative<outcome::Changed>(requested));
  Json answer = Json::object();
  answer.set("agency", "Police");
  answer.set("returned_on", "2024-06-10");
  const auto answered =
      service.apply(*session, rr.id, Command{"record_agency_return", answer},
                    std::get<outcome::Changed>(requested).record.version, as(Role::AgencyContributor, "Police"));
  const auto* changed = std::get_if<outcome::Changed>(&answered);
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->detail.view, CaseView::None);
  EXPECT_EQ(changed->detail.record.reference, "RR-2024-0001");
  EXPECT_TRUE(changed->detail.clocks.empty());
  EXPECT_TRUE(changed->detail.spine.empty());
  EXPECT_TRUE(changed->detail.records.requests.empty());
  EXPECT_FALSE(changed->detail.subject);
}

// A read transaction sees the store at one moment: a step committed by another
// session while it runs is not half-seen.
TEST_P(CaseDetailOnStore, AReadTransactionIsNotSplitByAnotherSessionsCommit) {
  const CaseRecord sin = open_case();
  auto other = store->session();
  long long version_seen_first = 0, version_seen_after = 0;
  std::size_t events_seen_after = 0;
  session->read_transaction([&] {
    version_seen_first = session->cases().find(sin.id)->version;
    ASSERT_TRUE(
        std::holds_alternative<outcome::Changed>(service.apply(*other, sin.id, submit("2024-06-07"), 1, context)));
    version_seen_after = session->cases().find(sin.id)->version;
    events_seen_after = session->cases().events(sin.id).size();
  });
  EXPECT_EQ(version_seen_first, 1);
  EXPECT_EQ(version_seen_after, 1);
  EXPECT_EQ(events_seen_after, 1u);
  EXPECT_EQ(session->cases().find(sin.id)->version, 2);  // after it, the commit shows
}

INSTANTIATE_TEST_SUITE_P(Backends, CaseDetailOnStore, ::testing::ValuesIn(testing_support::store_backends()),
                         testing_support::backend_name);

}  // namespace
}  // namespace casereview
