// A failed write leaves nothing behind: the real case service on a real store,
// with one repository replaced by a fake that fails (failing_store.h) at the
// first, or a later, write of a command. After the failure the store must be
// exactly as it was, and the same command must then succeed on it.
#include <gtest/gtest.h>

#include <sstream>

#include "case_service_fixture.h"
#include "failing_store.h"

namespace casereview {
namespace {

using testing_support::FailingCaseRepository;
using testing_support::FailingSubjectRepository;
using testing_support::opening_facts;
using testing_support::SessionWith;

// Everything the case service writes, case by case, as text: the case row,
// its events, its subject, its clocks and its review records.
std::string snapshot(StoreSession& s) {
  std::ostringstream out;
  for (long long id : s.cases().all_ids()) {
    const CaseRecord c = *s.cases().find(id);
    out << c.reference << " v" << c.version << " " << c.state << " " << c.head_hash << " parent " << c.parent_case_id
        << ", " << s.cases().events(id).size() << " events\n";
    if (auto subject = s.subjects().find(id)) out << "  subject " << subject->commitment() << "\n";
    for (const Clock& k : s.deadlines().for_case(id)) {
      out << "  clock " << k.rule_id << " due " << (k.due ? k.due->date.iso() : "-") << " met "
          << (k.met_on ? k.met_on->iso() : "-") << "\n";
    }
    const ReviewRecords r = s.review_records().for_case(id);
    out << "  " << r.actions.size() << " actions, " << r.requests.size() << " requests, " << r.contracts.size()
        << " contracts, " << r.tags.size() << " tags\n";
  }
  return out.str();
}

Command request_information(const char* requested_on) {
  Json agencies = Json::array();
  agencies.push("Police");
  agencies.push("Health visiting");
  Json f = Json::object();
  f.set("agencies", agencies);
  f.set("requested_on", requested_on);
  return Command{"request_agency_information", f};
}

class CaseServiceFailures : public testing_support::CaseServiceTest {
 protected:
  const OpenRequest notification{"serious_incident_notification", opening_facts(), {}};
};

TEST_P(CaseServiceFailures, OpeningWhoseSubjectCannotBeStoredLeavesNoCase) {
  SessionWith<FailingSubjectRepository> failing(store->session());
  // The case row and its first event are written before the subject.
  EXPECT_THROW(service.open(failing, notification, context), StorageError);
  EXPECT_TRUE(session->cases().all_ids().empty());
  EXPECT_TRUE(session->deadlines().cases_with_open_clocks().empty());
  EXPECT_EQ(snapshot(*session), "");
  // Nothing of the child was kept (no duplicate warning), nor the reference used up.
  const auto opened = service.open(*session, notification, context);
  ASSERT_TRUE(std::holds_alternative<outcome::Changed>(opened));
  const CaseRecord record = std::get<outcome::Changed>(opened).record;
  EXPECT_EQ(record.reference, "SIN-2024-0001");
  EXPECT_EQ(record.version, 1);
  EXPECT_EQ(session->cases().events(record.id).size(), 1u);
  EXPECT_TRUE(session->subjects().find(record.id));
}

// The notification's submission appends to it (1st append) and then opens its
// rapid review (2nd append): a failure at either undoes both.
TEST_P(CaseServiceFailures, ACommandWhoseAppendFailsLeavesNoTraceOfItsLinkedCase) {
  const CaseRecord sin = open_case();
  const std::string before = snapshot(*session);
  for (int failing_append : {1, 2}) {
    SCOPED_TRACE("append " + std::to_string(failing_append) + " fails");
    SessionWith<FailingCaseRepository> failing(store->session(), failing_append);
    EXPECT_THROW(service.apply(failing, sin.id, submit("2024-06-07"), 1, context), StorageError);
    EXPECT_EQ(failing.fake().appends(), failing_append);
    const CaseRecord after = *session->cases().find(sin.id);
    EXPECT_EQ(after.version, 1);
    EXPECT_EQ(after.state, "notification_due");
    EXPECT_EQ(session->cases().events(sin.id).size(), 1u);
    for (const Clock& k : session->deadlines().for_case(sin.id)) EXPECT_FALSE(k.met_on) << k.rule_id;
    EXPECT_TRUE(session->cases().children(sin.id).empty());
    EXPECT_EQ(session->cases().all_ids(), std::vector<long long>{sin.id});
    EXPECT_EQ(snapshot(*session), before);
  }
  const auto submitted = std::get<outcome::Changed>(service.apply(*session, sin.id, submit("2024-06-07"), 1, context));
  EXPECT_EQ(submitted.opened.at(0).reference, "RR-2024-0001");
}

TEST_P(CaseServiceFailures, ALinkedCaseWhoseSubjectCannotBeStoredUndoesTheStep) {
  const CaseRecord sin = open_case();
  const std::string before = snapshot(*session);
  SessionWith<FailingSubjectRepository> failing(store->session());
  // The rapid review carries the child over: its subject is the last write.
  EXPECT_THROW(service.apply(failing, sin.id, submit("2024-06-07"), 1, context), StorageError);
  EXPECT_EQ(session->cases().find(sin.id)->version, 1);
  EXPECT_TRUE(session->cases().children(sin.id).empty());
  EXPECT_EQ(snapshot(*session), before);
  EXPECT_EQ(
      std::get<outcome::Changed>(service.apply(*session, sin.id, submit("2024-06-07"), 1, context)).record.version, 2);
}

TEST_P(CaseServiceFailures, AStepWhoseAppendFailsRecordsNoRequests) {
  const CaseRecord sin = open_case();
  const CaseRecord rr =
      std::get<outcome::Changed>(service.apply(*session, sin.id, submit("2024-06-07"), 1, context)).opened.at(0);
  const std::string before = snapshot(*session);
  SessionWith<FailingCaseRepository> failing(store->session(), 1);
  EXPECT_THROW(service.apply(failing, rr.id, request_information("2024-06-10"), 1, context), StorageError);
  EXPECT_EQ(session->cases().find(rr.id)->version, 1);
  EXPECT_TRUE(session->review_records().for_case(rr.id).requests.empty());
  EXPECT_TRUE(session->review_records().requests_for_agency(1, "Police").empty());
  EXPECT_EQ(snapshot(*session), before);
  // The same step on a store that works records both requests.
  ASSERT_TRUE(std::holds_alternative<outcome::Changed>(
      service.apply(*session, rr.id, request_information("2024-06-10"), 1, context)));
  EXPECT_EQ(session->review_records().for_case(rr.id).requests.size(), 2u);
}

// A step is stored once its transaction commits; the case is then read again
// for the answer. A failure of that read is reported as such, never as the
// step's: the outcome is Changed, with why the page was not read.
TEST_P(CaseServiceFailures, AStepWhoseCaseCannotBeReadBackAfterTheCommitIsStored) {
  const CaseRecord sin = open_case();
  SessionWith<FailingCaseRepository> failing(store->session(), 0);
  failing.fail_read_transactions();
  const CommandOutcome applied = service.apply(failing, sin.id, submit("2024-06-07"), 1, context);
  ASSERT_TRUE(std::holds_alternative<outcome::Changed>(applied));
  const auto& submitted = std::get<outcome::Changed>(applied);
  EXPECT_EQ(submitted.detail_not_read, "injected failure: the connection was lost before a read");
  EXPECT_EQ(submitted.detail.record.id, 0);  // nothing half-drawn
  EXPECT_EQ(submitted.record.version, 2);
  EXPECT_EQ(submitted.opened.at(0).reference, "RR-2024-0001");
  EXPECT_EQ(session->cases().find(sin.id)->version, 2);
  EXPECT_EQ(session->cases().events(sin.id).size(), 2u);

  const CommandOutcome opened = service.open(failing, notification, context);
  ASSERT_TRUE(std::holds_alternative<outcome::Changed>(opened));
  const auto& second = std::get<outcome::Changed>(opened);
  EXPECT_FALSE(second.detail_not_read.empty());
  EXPECT_EQ(session->cases().find(second.record.id)->reference, "SIN-2024-0002");

  // Read back on a working session, the page is there and nothing is said.
  const auto next = std::get<outcome::Changed>(
      service.apply(*session, submitted.opened.at(0).id, request_information("2024-06-10"), 1, context));
  EXPECT_EQ(next.detail_not_read, "");
  EXPECT_EQ(next.detail.record.version, 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, CaseServiceFailures, ::testing::ValuesIn(testing_support::store_backends()),
                         testing_support::backend_name);

}  // namespace
}  // namespace casereview
