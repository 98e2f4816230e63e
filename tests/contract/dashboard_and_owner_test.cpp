// The case owner's assignment (case_owner_service.h) and the dashboard
// (dashboard.h) on the real CaseService and every workflow, on each backend.
#include <gtest/gtest.h>

#include <algorithm>

#include "case_service_fixture.h"
#include "casereview/engine/case_owner_service.h"
#include "casereview/engine/dashboard.h"
#include "casereview/engine/retention.h"

namespace casereview {
namespace {

using testing_support::each;
using testing_support::opening_facts;

const Instant kNow = *Instant::parse("2024-06-10T10:00:00Z");

class DashboardAndOwners : public testing_support::CaseServiceTest {
 protected:
  User add_user(const char* username, const char* name, Role role, const char* agency = "", bool active = true) {
    User u;
    u.username = username;
    u.display_name = name;
    u.password_hash = "$argon2id$stand-in";
    u.active = active;
    u.created_at = kNow;
    u.created_by = "installer";
    u.memberships = {Membership{1, "default", role, agency, 0}};
    User added;
    session->write_transaction([&] { added = session->users().add(u); });
    return added;
  }
  // A serious incident the partnership became aware of on `aware_on`, about a
  // child of its own (no duplicate warning between them).
  CaseRecord notified(const char* aware_on, const char* given_name) {
    Json facts = opening_facts();
    facts.set("became_aware_on", aware_on);
    facts.set("given_name", given_name);
    facts.set("nhs_number", Json());
    return std::get<outcome::Changed>(open("serious_incident_notification", facts)).record;
  }
  std::variant<OwnerChange, ServiceRefusal> give(long long case_id, const std::optional<std::string>& username) {
    return assign_case_owner(*session, case_id, username, context);
  }
  DashboardPage board(const DashboardQuery& query = {}) { return dashboard_page(*session, service, context, query); }
  static std::vector<std::string> references(const DashboardPage& page) {
    return each(page.rows, [](const DashboardRow& r) { return r.next.case_reference; });
  }
};

TEST_P(DashboardAndOwners, AnOwnerIsRecordedInTheChainAndChangedOrRemoved) {
  add_user("alex", "Alex Morgan", Role::Manager);
  add_user("priya", "Priya Shah", Role::PanelMember);
  const CaseRecord c = open_case();
  auto given = give(c.id, std::string("alex"));
  ASSERT_TRUE(std::holds_alternative<OwnerChange>(given));
  EXPECT_TRUE(std::get<OwnerChange>(given).changed);
  EXPECT_EQ(std::get<OwnerChange>(given).record.version, c.version + 1);
  ASSERT_TRUE(session->case_owners().find(c.id));
  EXPECT_EQ(session->case_owners().find(c.id)->display_name, "Alex Morgan");

  // The same owner again is no change and records nothing.
  given = give(c.id, std::string("alex"));
  EXPECT_FALSE(std::get<OwnerChange>(given).changed);
  EXPECT_EQ(session->cases().find(c.id)->version, c.version + 1);

  given = give(c.id, std::string("priya"));
  EXPECT_TRUE(std::get<OwnerChange>(given).changed);
  given = give(c.id, std::nullopt);
  EXPECT_TRUE(std::get<OwnerChange>(given).changed);
  EXPECT_FALSE(std::get<OwnerChange>(given).owner);
  EXPECT_FALSE(session->case_owners().find(c.id));
  given = give(c.id, std::nullopt);
  EXPECT_FALSE(std::get<OwnerChange>(given).changed);

  const std::vector<Event> events = session->cases().events(c.id);
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[1].type, "owner_assigned");
  EXPECT_EQ(Json::parse(events[1].payload)["owner_name"].as_string(), "Alex Morgan");
  EXPECT_EQ(events[2].type, "owner_assigned");
  EXPECT_EQ(Json::parse(events[2].payload)["previous"].as_string(), "alex");
  EXPECT_EQ(events[3].type, "owner_removed");
  EXPECT_EQ(Json::parse(events[3].payload)["previous_name"].as_string(), "Priya Shah");
  EXPECT_EQ(events[3].prev_hash, events[2].hash);
  EXPECT_EQ(session->cases().find(c.id)->head_hash, events[3].hash);
  // An owner is not a step: the case's last step is still its opening.
  EXPECT_EQ(last_step_on(events, c.opened_on), events[0].effective_date);
}

TEST_P(DashboardAndOwners, OnlyAnActiveMemberWhoWorksCasesMayOwnOne) {
  add_user("sam", "Sam Okafor", Role::Scrutineer);
  add_user("gone", "Former Manager", Role::Manager, "", false);
  const CaseRecord c = open_case();
  for (const char* who : {"sam", "gone", "nobody"}) {
    const auto refused = give(c.id, std::string(who));
    ASSERT_TRUE(std::holds_alternative<ServiceRefusal>(refused)) << who;
    EXPECT_EQ(std::get<ServiceRefusal>(refused).code, "INVALID_MEMBER") << who;
    EXPECT_EQ(std::get<ServiceRefusal>(refused).field, "owner") << who;
  }
  EXPECT_FALSE(session->case_owners().find(c.id));
  EXPECT_EQ(session->cases().find(c.id)->version, c.version);
  // Another partnership's case is not found, and is not changed.
  add_user("alex", "Alex Morgan", Role::Manager);
  RequestContext elsewhere = context;
  elsewhere.principal.partnership_id = another_partnership();
  const auto other = assign_case_owner(*session, c.id, std::string("alex"), elsewhere);
  ASSERT_TRUE(std::holds_alternative<ServiceRefusal>(other));
  EXPECT_EQ(std::get<ServiceRefusal>(other).code, "CASE_NOT_FOUND");
  EXPECT_FALSE(session->case_owners().find(c.id));
  EXPECT_EQ(each(eligible_case_owners(*session, 1), [](const User& u) { return u.username; }),
            std::vector<std::string>{"alex"});
}

TEST_P(DashboardAndOwners, ShowsEachCaseOnceByItsNextDueDateEitherWayAndPaged) {
  const CaseRecord late = notified("2024-06-03", "Ada");
  const CaseRecord soon = notified("2024-06-05", "Bea");
  const CaseRecord later = notified("2024-06-07", "Cal");
  const DashboardPage all = board();
  EXPECT_EQ(all.total, 3);
  EXPECT_EQ(references(all), (std::vector<std::string>{late.reference, soon.reference, later.reference}));
  for (const DashboardRow& row : all.rows) {
    const auto due = session->deadlines().for_case(row.next.case_id);
    // The row's clock is the case's open clock due first.
    for (const Clock& c : due) {
      if (c.is_open() && c.due) {
        EXPECT_LE(row.next.clock.due->date, c.due->date) << row.next.case_reference;
      }
    }
    EXPECT_EQ(row.others_due + 1, std::count_if(due.begin(), due.end(), [](const Clock& c) { return c.is_open(); }));
  }
  DashboardQuery latest;
  latest.sort = DashboardSort::DueLast;
  EXPECT_EQ(references(board(latest)), (std::vector<std::string>{later.reference, soon.reference, late.reference}));

  DashboardQuery paged;
  paged.per_page = 2;
  paged.page = 2;
  const DashboardPage second = board(paged);
  EXPECT_EQ(second.total, 3);
  EXPECT_EQ(references(second), std::vector<std::string>{later.reference});
  paged.page = 3;
  EXPECT_TRUE(board(paged).rows.empty());
  paged.page = 0;
  EXPECT_THROW(board(paged), std::invalid_argument);
}

// A kept dashboard (web/src/api/kept_pages.h) is kept until the first instant
// a status it counts turns before the day does: a clock due at an hour.
TEST_P(DashboardAndOwners, SaysWhenAStatusItCountsTurnsBeforeTheDayEnds) {
  notified("2024-06-03", "Ada");
  EXPECT_FALSE(board().turns_after.has_value()) << "a notification's clocks run by the day";
  Json death = Json::object();
  death.set("date_of_death", "2024-06-10");
  death.set("place_of_death", "home");
  death.set("notified_on", "2024-06-10");
  death.set("expected", "unexpected");
  death.set("jar_triggers", Json::array().push("sudden_no_apparent_cause"));
  death.set("resident_local_authority", "Northam City Council");
  death.set("notified_by", "Emergency department consultant");
  death.set("summary", "Infant found unresponsive at home");
  death.set("given_name", "Oliver");
  death.set("family_name", "Example");
  death.set("date_of_birth", "2024-02-10");
  const auto opened = open("child_death_review", death);
  ASSERT_TRUE(std::holds_alternative<outcome::Changed>(opened));
  const long long death_id = std::get<outcome::Changed>(opened).record.id;

  const DashboardPage page = board();
  ASSERT_TRUE(page.turns_after.has_value()) << "a death's first clocks run by the hour";
  EXPECT_LT(context.now, *page.turns_after);
  const auto row = std::find_if(page.rows.begin(), page.rows.end(),
                                [&](const DashboardRow& r) { return r.next.case_id == death_id; });
  ASSERT_NE(row, page.rows.end());
  ASSERT_TRUE(row->next.clock.due && row->next.clock.due->at);
  EXPECT_EQ(*row->next.clock.due->at, *page.turns_after) << "the death's next clock, due first";
  EXPECT_NE(row->view.status, ClockStatus::Overdue);

  // Just past it, that status has turned, and the instant is no longer one to wait for.
  context.now = page.turns_after->plus_seconds(1);
  const DashboardPage later = board();
  EXPECT_NE(later.turns_after, page.turns_after);
  const auto turned = std::find_if(later.rows.begin(), later.rows.end(),
                                   [&](const DashboardRow& r) { return r.next.case_id == death_id; });
  ASSERT_NE(turned, later.rows.end());
  EXPECT_EQ(turned->view.status, ClockStatus::Overdue);
}

TEST_P(DashboardAndOwners, FiltersByOwnerKindAndStatusAndCountsEachStatus) {
  add_user("alex", "Alex Morgan", Role::Manager);
  add_user("priya", "Priya Shah", Role::PanelMember);
  const CaseRecord a = notified("2024-06-03", "Ada");
  const CaseRecord b = notified("2024-06-05", "Bea");
  const CaseRecord c = notified("2024-06-07", "Cal");
  ASSERT_TRUE(std::holds_alternative<OwnerChange>(give(a.id, std::string("alex"))));
  ASSERT_TRUE(std::holds_alternative<OwnerChange>(give(c.id, std::string("priya"))));

  DashboardQuery alex;
  alex.owner = "alex";
  const DashboardPage mine = board(alex);
  EXPECT_EQ(references(mine), std::vector<std::string>{a.reference});
  ASSERT_TRUE(mine.rows[0].owner);
  EXPECT_EQ(mine.rows[0].owner->display_name, "Alex Morgan");
  // The owner is who acts when the record names nobody else.
  ASSERT_EQ(mine.rows[0].people.size(), 1u);
  EXPECT_EQ(mine.rows[0].people[0].as, ActingPerson::As::CaseOwner);
  EXPECT_EQ(mine.rows[0].people[0].name, "Alex Morgan");

  DashboardQuery nobody;
  nobody.owner = "";
  EXPECT_EQ(references(board(nobody)), std::vector<std::string>{b.reference});

  DashboardQuery deaths;
  deaths.kind = "child_death_review";
  EXPECT_EQ(board(deaths).total, 0);

  // Each status asked for: exactly the rows whose next thing due is in it, and
  // the counts beside the filter add up to every case.
  const DashboardPage all = board();
  long long counted = 0;
  for (const auto& [status, n] : all.by_status) {
    counted += n;
    DashboardQuery only;
    only.statuses = {status};
    const DashboardPage in = board(only);
    EXPECT_EQ(in.total, n) << status_name(status);
    for (const DashboardRow& row : in.rows) EXPECT_EQ(row.view.status, status);
    EXPECT_EQ(in.by_status, all.by_status) << "the counts do not depend on the status asked";
  }
  EXPECT_EQ(counted, all.total);
  EXPECT_GE(all.by_status.size(), 2u) << "three cases due on different days are not all in one status";
}

TEST_P(DashboardAndOwners, NamesTheAgencyContactsOfTheReturnsOwed) {
  add_user("pat", "Pat Constable", Role::AgencyContributor, "Police");
  add_user("alex", "Alex Morgan", Role::Manager);
  const auto opened = open("child_death_review", [] {
    Json f = Json::object();
    f.set("date_of_death", "2024-06-01");
    f.set("place_of_death", "home");
    f.set("notified_on", "2024-06-02");
    f.set("expected", "expected");  // no joint agency response, whose discussion would be due first
    f.set("resident_local_authority", "Northam City Council");
    f.set("notified_by", "Hospice nurse");
    f.set("summary", "Expected death of a child with a life-limiting condition");
    f.set("given_name", "Oliver");
    f.set("family_name", "Example");
    f.set("date_of_birth", "2024-02-10");
    return f;
  }());
  ASSERT_TRUE(std::holds_alternative<outcome::Changed>(opened));
  const CaseRecord death = std::get<outcome::Changed>(opened).record;
  Json asked = Json::object();
  asked.set("agencies", Json::array().push("Police").push("Health visiting"));
  asked.set("requested_on", "2024-06-03");
  const auto requested =
      service.apply(*session, death.id, Command{"request_agency_information", asked}, death.version, context);
  ASSERT_TRUE(std::holds_alternative<outcome::Changed>(requested));
  ASSERT_TRUE(std::holds_alternative<OwnerChange>(give(death.id, std::string("alex"))));

  const DashboardPage page = board();
  ASSERT_EQ(page.rows.size(), 1u);
  const DashboardRow& row = page.rows[0];
  ASSERT_EQ(row.next.clock.rule_id, "cdr.reporting_form_return") << "the returns are due before anything else";
  ASSERT_EQ(row.people.size(), 1u);
  EXPECT_EQ(row.people[0].as, ActingPerson::As::AgencyContact);
  EXPECT_EQ(row.people[0].name, "Pat Constable");
  EXPECT_EQ(row.people[0].agency, "Police");
  EXPECT_EQ(row.agencies_without_contact, std::vector<std::string>{"Health visiting"});
  ASSERT_TRUE(row.owner);
  EXPECT_EQ(row.owner->username, "alex");
}

INSTANTIATE_TEST_SUITE_P(Backends, DashboardAndOwners, ::testing::ValuesIn(testing_support::store_backends()),
                         testing_support::backend_name);

}  // namespace
}  // namespace casereview
