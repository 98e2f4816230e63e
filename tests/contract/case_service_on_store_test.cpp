// The case service's promise on a real store: every command is one transaction;
// a refusal, a stale version or a failure half-way leaves the case as it was.
#include <gtest/gtest.h>

#include "casereview/engine/case_service.h"
#include "casereview/workflows/all_workflows.h"
#include "failing_store.h"
#include "store_backends.h"

namespace casereview {
namespace {

using testing_support::FailingDeadlinesSession;
using testing_support::StoreTest;

Json opening_facts() {
  Json f = Json::object();
  f.set("became_aware_on", "2024-06-03");
  f.set("harm", "serious_harm");
  f.set("abuse_or_neglect", "suspected");
  f.set("location", "in_area");
  f.set("local_authority", "Northam City Council");
  f.set("summary", "Infant with unexplained injuries");
  return f;
}

class CaseServiceOnStore : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    workflows::register_all(registry);
    context.actor = "manager@northam";
    context.partnership_id = 1;
    context.today = *Date::parse("2024-06-10");
    context.now = *Instant::parse("2024-06-10T10:00:00Z");
    context.calendar = std::make_shared<const WorkingDayCalendar>(parse_bank_holiday_feed(shipped_bank_holiday_feed()));
  }
  CaseRecord open_case() {
    const CommandOutcome result = service.open(*session, "serious_incident_notification", opening_facts(), context);
    return std::get<outcome::Changed>(result).record;
  }
  Command submit(const char* date) {
    Json f = Json::object();
    f.set("submitted_on", date);
    return Command{"submit_notification", f};
  }

  WorkflowRegistry registry;
  CaseService service{registry};
  RequestContext context;
};

TEST_P(CaseServiceOnStore, OpeningStoresTheCaseItsFirstEventAndItsClocks) {
  const CaseRecord record = open_case();
  EXPECT_EQ(record.reference, "SIN-2024-0001");
  EXPECT_EQ(record.state, "notification_due");
  EXPECT_EQ(record.version, 1);
  const auto events = session->cases().events(record.id);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].actor, "manager@northam");
  EXPECT_EQ(events[0].effective_date.iso(), "2024-06-03");
  const Json payload = Json::parse(events[0].payload);
  EXPECT_EQ(payload["rules_in_force"]["sin.rapid_review"]["anchor"].as_string(), "notification_date");
  const auto clocks = session->deadlines().for_case(record.id);
  ASSERT_EQ(clocks.size(), 2u);
  EXPECT_EQ(clocks[0].due->date.iso(), "2024-06-10");
  EXPECT_FALSE(verify_chain(*session->cases().find(record.id), events));
}

TEST_P(CaseServiceOnStore, TheTermsInForceAtOpeningStayWithTheCase) {
  session->write_transaction([&] {
    session->rule_settings().put(1, "sin.rapid_review", RuleSetting{std::nullopt, "became_aware"}, "admin", context.now);
  });
  const CaseRecord record = open_case();
  session->write_transaction([&] {
    session->rule_settings().put(1, "sin.rapid_review", RuleSetting{std::nullopt, "notification_date"}, "admin",
                                 context.now);
  });
  service.apply(*session, record.id, submit("2024-06-07"), 1, context);
  for (const Clock& c : session->deadlines().for_case(record.id)) {
    if (c.rule_id != "sin.rapid_review") continue;
    EXPECT_EQ(c.terms.anchor_id, "became_aware");
    EXPECT_EQ(c.anchor.date.iso(), "2024-06-03");
    EXPECT_EQ(c.due->date.iso(), "2024-06-24");
  }
}

TEST_P(CaseServiceOnStore, ACommandAppendsAndReprojects) {
  const CaseRecord record = open_case();
  const CommandOutcome result = service.apply(*session, record.id, submit("2024-06-07"), 1, context);
  const auto& changed = std::get<outcome::Changed>(result);
  EXPECT_EQ(changed.record.state, "notified");
  EXPECT_EQ(changed.record.version, 2);
  ASSERT_EQ(changed.new_events.size(), 1u);
  EXPECT_EQ(changed.new_events[0].type, "notification_submitted");
  EXPECT_EQ(session->deadlines().for_case(record.id).size(), 3u);
}

TEST_P(CaseServiceOnStore, RefusalsAndStaleVersionsChangeNothing) {
  const CaseRecord record = open_case();
  const auto before = session->cases().events(record.id);
  EXPECT_TRUE(std::holds_alternative<outcome::Stale>(service.apply(*session, record.id, submit("2024-06-07"), 0, context)));
  EXPECT_TRUE(std::holds_alternative<outcome::Refused>(service.apply(*session, record.id, submit("2024-05-31"), 1, context)));
  EXPECT_TRUE(std::holds_alternative<outcome::Refused>(service.apply(*session, record.id, submit("2024-06-11"), 1, context)));
  EXPECT_TRUE(std::holds_alternative<outcome::Invalid>(service.apply(*session, record.id, submit("2023-02-29"), 1, context)));
  EXPECT_TRUE(std::holds_alternative<outcome::Invalid>(
      service.apply(*session, record.id, Command{"approve", Json::object()}, 1, context)));
  Json no_facts = Json::object();
  const auto not_allowed = service.apply(*session, record.id, Command{"submit_rapid_review", no_facts}, 1, context);
  // Facts are checked before the state: an empty submit_rapid_review is invalid.
  EXPECT_TRUE(std::holds_alternative<outcome::Invalid>(not_allowed));
  Json date = Json::object();
  date.set("submitted_on", "2024-06-07");
  const auto wrong_state = service.apply(*session, record.id, Command{"submit_rapid_review", date}, 1, context);
  ASSERT_TRUE(std::holds_alternative<outcome::NotAllowed>(wrong_state));
  EXPECT_EQ(std::get<outcome::NotAllowed>(wrong_state).allowed.size(), 3u);
  EXPECT_TRUE(std::holds_alternative<outcome::NotFound>(service.apply(*session, 9999, submit("2024-06-07"), 1, context)));
  const auto after = session->cases().find(record.id);
  EXPECT_EQ(after->version, 1);
  EXPECT_EQ(session->cases().events(record.id).size(), before.size());
}

TEST_P(CaseServiceOnStore, AnotherPartnershipsCaseIsNotFound) {
  const CaseRecord record = open_case();
  RequestContext elsewhere = context;
  elsewhere.partnership_id = 2;
  EXPECT_TRUE(std::holds_alternative<outcome::NotFound>(service.apply(*session, record.id, submit("2024-06-07"), 1, elsewhere)));
}

TEST_P(CaseServiceOnStore, AFailureHalfWayLeavesNothing) {
  const CaseRecord record = open_case();
  FailingDeadlinesSession failing(store->session());
  // The events are appended before the deadlines are written; the failure of the
  // second must undo the first.
  EXPECT_THROW(service.apply(failing, record.id, submit("2024-06-07"), 1, context), StorageError);
  const auto after = session->cases().find(record.id);
  EXPECT_EQ(after->version, 1);
  EXPECT_EQ(after->state, "notification_due");
  EXPECT_EQ(session->cases().events(record.id).size(), 1u);
  EXPECT_EQ(session->deadlines().for_case(record.id).size(), 2u);
  EXPECT_THROW(service.open(failing, "serious_incident_notification", opening_facts(), context), StorageError);
  EXPECT_EQ(session->cases().all_ids().size(), 1u);
}

TEST_P(CaseServiceOnStore, UnknownKindsAreInvalid) {
  const auto result = service.open(*session, "parking_ticket", opening_facts(), context);
  ASSERT_TRUE(std::holds_alternative<outcome::Invalid>(result));
  EXPECT_EQ(std::get<outcome::Invalid>(result).code, "UNKNOWN_CASE_KIND");
}

TEST_P(CaseServiceOnStore, ReprojectsOpenClocksWithANewCalendar) {
  const CaseRecord record = open_case();  // aware Monday 3 June 2024: due Monday 10 June
  // A new one-off bank holiday on Friday 7 June 2024 moves the open clocks a day.
  std::vector<BankHoliday> with_extra = parse_bank_holiday_feed(shipped_bank_holiday_feed());
  with_extra.push_back({*Date::parse("2024-06-07"), "Extra bank holiday", ""});
  const WorkingDayCalendar updated(with_extra);
  int changed = 0;
  session->write_transaction([&] { changed = service.reproject_open_clocks(*session, updated); });
  EXPECT_EQ(changed, 1);
  for (const Clock& c : session->deadlines().for_case(record.id)) EXPECT_EQ(c.due->date.iso(), "2024-06-11");
}

INSTANTIATE_TEST_SUITE_P(Backends, CaseServiceOnStore, ::testing::ValuesIn(testing_support::store_backends()),
                         testing_support::backend_name);

}  // namespace
}  // namespace casereview
