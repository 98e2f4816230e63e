// Contract of ReviewRecordRepository: the stored projections of actions, agency
// requests, reviewer contracts and tags, per case and across a partnership.
#include <gtest/gtest.h>

#include "store_backends.h"

namespace casereview {
namespace {

using testing_support::each;
using testing_support::StoreTest;

Date d(const char* text) { return *Date::parse(text); }

ActionItem action(const char* ref, const char* due, const char* agency = "Police", const char* status = "open") {
  ActionItem a;
  a.ref = ref;
  a.recommendation = std::string("Recommendation ") + ref;
  a.action = std::string("Action ") + ref;
  a.owner_person = "Named lead";
  a.owner_agency = agency;
  a.due_on = d(due);
  a.desired_outcome = "Practice improves";
  a.status = status;
  a.added_on = d("2024-06-03");
  return a;
}

AgencyRequest request(const char* agency, const char* due) {
  AgencyRequest r;
  r.agency = agency;
  r.purpose = "information";
  r.requested_on = d("2024-06-03");
  r.rule_id = "rr.agency_return";
  if (*due) r.due = DueDate{d(due), std::nullopt, false};
  return r;
}

Contract contract(const char* ref, long long reviewer_id = 7) {
  Contract c;
  c.ref = ref;
  c.reviewer_id = reviewer_id;
  c.reviewer_name = "Dr Ada Byron";
  c.scope = "The local review";
  c.start_on = d("2024-07-01");
  c.end_on = d("2024-12-20");
  c.fee_pounds = 12000;
  c.drafted_on = d("2024-06-20");
  return c;
}

class ReviewRecordRepositoryContract : public StoreTest {
 protected:
  void replace(long long case_id, const ReviewRecords& records) {
    session->write_transaction([&] { session->review_records().replace_for_case(case_id, records); });
  }
};

TEST_P(ReviewRecordRepositoryContract, StoresEveryFieldOfACasesRecords) {
  const long long id = create_case().id;
  ActionItem done = action("R1.1", "2024-09-30", "Health", "completed");
  done.updated_on = d("2024-08-01");
  done.completed_on = d("2024-08-02");
  done.evidence = "Audit of \"safer sleep\" advice";
  done.note = "Closed at the partnership meeting";
  AgencyRequest returned = request("Health", "2024-06-24");
  returned.due->provisional = true;
  returned.returned_on = d("2024-06-21");
  returned.reminders = 2;
  returned.last_reminder_on = d("2024-06-20");
  Contract ended = contract("C1", 42);
  ended.status = "terminated";
  ended.signed_on = d("2024-06-25");
  ended.started_on = d("2024-07-01");
  ended.completed_on = d("2024-11-01");
  ended.terminated_on = d("2024-11-02");
  ended.termination_reason = "Conflict of interest found";
  replace(id, ReviewRecords{{done}, {returned}, {ended}, {{"theme", "neglect"}}});

  const ReviewRecords stored = session->review_records().for_case(id);
  ASSERT_EQ(stored.actions.size(), 1u);
  const ActionItem& a = stored.actions[0];
  EXPECT_EQ(a.ref, "R1.1");
  EXPECT_EQ(a.recommendation, "Recommendation R1.1");
  EXPECT_EQ(a.action, "Action R1.1");
  EXPECT_EQ(a.owner_person, "Named lead");
  EXPECT_EQ(a.owner_agency, "Health");
  EXPECT_EQ(a.due_on, d("2024-09-30"));
  EXPECT_EQ(a.desired_outcome, "Practice improves");
  EXPECT_EQ(a.status, "completed");
  EXPECT_EQ(a.added_on, d("2024-06-03"));
  EXPECT_EQ(a.updated_on, d("2024-08-01"));
  EXPECT_EQ(a.completed_on, d("2024-08-02"));
  EXPECT_EQ(a.evidence, "Audit of \"safer sleep\" advice");
  EXPECT_EQ(a.note, "Closed at the partnership meeting");
  ASSERT_EQ(stored.requests.size(), 1u);
  const AgencyRequest& r = stored.requests[0];
  EXPECT_EQ(r.agency, "Health");
  EXPECT_EQ(r.purpose, "information");
  EXPECT_EQ(r.requested_on, d("2024-06-03"));
  EXPECT_EQ(r.rule_id, "rr.agency_return");
  ASSERT_TRUE(r.due);
  EXPECT_EQ(r.due->date, d("2024-06-24"));
  EXPECT_TRUE(r.due->provisional);
  EXPECT_EQ(r.returned_on, d("2024-06-21"));
  EXPECT_EQ(r.reminders, 2);
  EXPECT_EQ(r.last_reminder_on, d("2024-06-20"));
  ASSERT_EQ(stored.contracts.size(), 1u);
  const Contract& c = stored.contracts[0];
  EXPECT_EQ(c.ref, "C1");
  EXPECT_EQ(c.reviewer_id, 42);
  EXPECT_EQ(c.reviewer_name, "Dr Ada Byron");
  EXPECT_EQ(c.scope, "The local review");
  EXPECT_EQ(c.start_on, d("2024-07-01"));
  EXPECT_EQ(c.end_on, d("2024-12-20"));
  EXPECT_EQ(c.fee_pounds, 12000);
  EXPECT_EQ(c.status, "terminated");
  EXPECT_EQ(c.drafted_on, d("2024-06-20"));
  EXPECT_EQ(c.signed_on, d("2024-06-25"));
  EXPECT_EQ(c.started_on, d("2024-07-01"));
  EXPECT_EQ(c.completed_on, d("2024-11-01"));
  EXPECT_EQ(c.terminated_on, d("2024-11-02"));
  EXPECT_EQ(c.termination_reason, "Conflict of interest found");
  ASSERT_EQ(stored.tags.size(), 1u);
  EXPECT_EQ(stored.tags[0].kind, "theme");
  EXPECT_EQ(stored.tags[0].code, "neglect");
}

TEST_P(ReviewRecordRepositoryContract, AnOpenActionAndAnUndatedRequestKeepTheirGaps) {
  const long long id = create_case().id;
  replace(id, ReviewRecords{{action("R1", "2024-09-30")}, {request("Police", "")}, {}, {}});
  const ReviewRecords stored = session->review_records().for_case(id);
  EXPECT_FALSE(stored.actions.at(0).updated_on);
  EXPECT_FALSE(stored.actions.at(0).completed_on);
  EXPECT_FALSE(stored.requests.at(0).due);
  EXPECT_FALSE(stored.requests.at(0).returned_on);
  EXPECT_FALSE(stored.requests.at(0).last_reminder_on);
}

TEST_P(ReviewRecordRepositoryContract, ReplacesACasesRecordsWholeAndOnlyThatCase) {
  const long long id = create_case().id, other = create_case().id;
  replace(id, ReviewRecords{{action("R1", "2024-09-30"), action("R2", "2024-09-30")},
                            {request("Police", "2024-06-24")},
                            {contract("C1")},
                            {{"theme", "neglect"}, {"factor", "social.co_sleeping"}}});
  replace(other, ReviewRecords{{action("R9", "2024-09-30")}, {}, {}, {}});
  replace(id, ReviewRecords{{action("R3", "2024-10-31")}, {}, {}, {}});
  const ReviewRecords stored = session->review_records().for_case(id);
  EXPECT_EQ(each(stored.actions, [](const ActionItem& a) { return a.ref; }), std::vector<std::string>{"R3"});
  EXPECT_TRUE(stored.requests.empty());
  EXPECT_TRUE(stored.contracts.empty());
  EXPECT_TRUE(stored.tags.empty());
  EXPECT_EQ(session->review_records().for_case(other).actions.size(), 1u);
  replace(id, ReviewRecords{});
  EXPECT_TRUE(session->review_records().for_case(id).actions.empty());
}

// Each step stores the case's requests again (the store writes only the rows
// that changed): what is read back is what was given, whatever changed, and
// the other case's rows at the same positions stay as they are.
TEST_P(ReviewRecordRepositoryContract, RequestsAddedChangedAndDroppedReadBackAsGiven) {
  const long long id = create_case().id, other = create_case().id;
  const auto stored_requests = [&](long long case_id) {
    return each(session->review_records().for_case(case_id).requests, [](const AgencyRequest& r) {
      return r.agency + " " + (r.due ? r.due->date.iso() : "undated") + " " +
             (r.returned_on ? r.returned_on->iso() : "awaited") + " " + std::to_string(r.reminders);
    });
  };
  replace(other, ReviewRecords{{}, {request("Police", "2024-06-20"), request("Health", "2024-06-21")}, {}, {}});
  replace(id, ReviewRecords{{}, {request("Police", "2024-06-24"), request("Health", "")}, {}, {}});
  // An undated request read after a dated one, then given that same date:
  // stored as dated, however the null's place held the date before it.
  replace(id, ReviewRecords{{}, {request("Police", "2024-06-24"), request("Health", "2024-06-24")}, {}, {}});
  EXPECT_EQ(stored_requests(id),
            (std::vector<std::string>{"Police 2024-06-24 awaited 0", "Health 2024-06-24 awaited 0"}));
  AgencyRequest returned = request("Police", "2024-06-24");
  returned.returned_on = d("2024-06-21");
  AgencyRequest reminded = request("Health", "");
  reminded.reminders = 1;
  reminded.last_reminder_on = d("2024-06-25");
  replace(id, ReviewRecords{{}, {returned, reminded, request("School", "2024-06-28")}, {}, {}});
  EXPECT_EQ(stored_requests(id), (std::vector<std::string>{"Police 2024-06-24 2024-06-21 0",
                                                           "School 2024-06-28 awaited 0", "Health undated awaited 1"}));
  EXPECT_EQ(session->review_records().for_case(id).requests.at(2).last_reminder_on, d("2024-06-25"));
  // The same again (a step that changes no request), then one dropped, then a
  // request's due date taken away.
  replace(id, ReviewRecords{{}, {returned, reminded, request("School", "2024-06-28")}, {}, {}});
  EXPECT_EQ(stored_requests(id).size(), 3u);
  replace(id, ReviewRecords{{}, {returned, request("Health", "2024-07-01")}, {}, {}});
  EXPECT_EQ(stored_requests(id),
            (std::vector<std::string>{"Police 2024-06-24 2024-06-21 0", "Health 2024-07-01 awaited 0"}));
  replace(id, ReviewRecords{{}, {request("Police", "")}, {}, {}});
  EXPECT_EQ(stored_requests(id), (std::vector<std::string>{"Police undated awaited 0"}));
  EXPECT_EQ(stored_requests(other),
            (std::vector<std::string>{"Police 2024-06-20 awaited 0", "Health 2024-06-21 awaited 0"}));
}

// The same for actions (by ref) and tags: an action changed, one added, one
// dropped, a tag added and one dropped, the other case's left as they are.
TEST_P(ReviewRecordRepositoryContract, ActionsAndTagsChangedAddedAndDroppedReadBackAsGiven) {
  const long long id = create_case().id, other = create_case().id;
  replace(other, ReviewRecords{{action("R1", "2024-09-30"), action("R2", "2024-10-31")},
                               {},
                               {},
                               {{"theme", "neglect"}, {"factor", "social.co_sleeping"}}});
  replace(id, ReviewRecords{{action("R1", "2024-09-30"), action("R2", "2024-10-31")},
                            {},
                            {contract("C1")},
                            {{"theme", "neglect"}, {"factor", "social.co_sleeping"}}});
  ActionItem done = action("R1", "2024-09-30", "Police", "completed");
  done.updated_on = d("2024-09-20");
  done.completed_on = d("2024-09-20");
  done.evidence = "Training delivered";
  const ReviewRecords later{{done, action("R3", "2024-08-31", "Health")},
                            {},
                            {contract("C1")},
                            {{"theme", "neglect"}, {"theme", "escalation"}}};
  replace(id, later);
  replace(id, later);  // a step that changes none of them

  const ReviewRecords stored = session->review_records().for_case(id);
  EXPECT_EQ(each(stored.actions, [](const ActionItem& a) { return a.ref + " " + a.status + " " + a.owner_agency; }),
            (std::vector<std::string>{"R3 open Health", "R1 completed Police"}));
  EXPECT_EQ(stored.actions.at(1).completed_on, d("2024-09-20"));
  EXPECT_EQ(stored.actions.at(1).evidence, "Training delivered");
  EXPECT_FALSE(stored.actions.at(0).completed_on);
  EXPECT_EQ(each(stored.tags, [](const CaseTag& t) { return t.kind + ":" + t.code; }),
            (std::vector<std::string>{"theme:escalation", "theme:neglect"}));
  EXPECT_EQ(stored.contracts.size(), 1u);
  const ReviewRecords theirs = session->review_records().for_case(other);
  EXPECT_EQ(each(theirs.actions, [](const ActionItem& a) { return a.ref + " " + a.status; }),
            (std::vector<std::string>{"R1 open", "R2 open"}));
  EXPECT_EQ(theirs.tags.size(), 2u);
}

TEST_P(ReviewRecordRepositoryContract, ACaseWithoutRecordsHasNone) {
  const long long id = create_case().id;
  for (long long case_id : {id, id + 1000}) {
    const ReviewRecords none = session->review_records().for_case(case_id);
    EXPECT_TRUE(none.actions.empty() && none.requests.empty() && none.contracts.empty() && none.tags.empty());
  }
}

TEST_P(ReviewRecordRepositoryContract, ACasesRecordsComeBackInTheirOrder) {
  const long long id = create_case().id;
  replace(id, ReviewRecords{{action("R2", "2024-09-30"), action("R3", "2024-08-31"), action("R1", "2024-09-30")},
                            {request("Police", ""), request("Health", "2024-06-28"), request("School", "2024-06-24")},
                            {contract("C2"), contract("C1")},
                            {{"theme", "neglect"}, {"factor", "social.co_sleeping"}, {"theme", "escalation"}}});
  const ReviewRecords stored = session->review_records().for_case(id);
  // Actions by due date, then ref; requests earliest due first, undated last;
  // contracts by ref; tags by kind, then code.
  EXPECT_EQ(each(stored.actions, [](const ActionItem& a) { return a.ref; }),
            (std::vector<std::string>{"R3", "R1", "R2"}));
  EXPECT_EQ(each(stored.requests, [](const AgencyRequest& r) { return r.agency; }),
            (std::vector<std::string>{"School", "Health", "Police"}));
  EXPECT_EQ(each(stored.contracts, [](const Contract& c) { return c.ref; }), (std::vector<std::string>{"C1", "C2"}));
  EXPECT_EQ(each(stored.tags, [](const CaseTag& t) { return t.kind + ":" + t.code; }),
            (std::vector<std::string>{"factor:social.co_sleeping", "theme:escalation", "theme:neglect"}));
}

// A case's requests alone, as for_case gives them, and only that case's.
TEST_P(ReviewRecordRepositoryContract, ACasesRequestsAloneAreThoseOfItsRecords) {
  const long long id = create_case().id, other = create_case().id;
  AgencyRequest returned = request("Health", "2024-06-28");
  returned.returned_on = d("2024-06-21");
  returned.reminders = 1;
  replace(id, ReviewRecords{{action("R1", "2024-09-30")},
                            {request("Police", ""), returned, request("School", "2024-06-24")},
                            {contract("C1")},
                            {{"theme", "neglect"}}});
  replace(other, ReviewRecords{{}, {request("GP", "2024-06-20")}, {}, {}});
  const std::vector<AgencyRequest> requests = session->review_records().requests_for_case(id);
  const std::vector<AgencyRequest> in_records = session->review_records().for_case(id).requests;
  const auto agencies = [](const AgencyRequest& r) { return r.agency; };
  EXPECT_EQ(each(requests, agencies), (std::vector<std::string>{"School", "Health", "Police"}));
  EXPECT_EQ(each(requests, agencies), each(in_records, agencies));
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[1].returned_on, d("2024-06-21"));
  EXPECT_EQ(requests[1].reminders, 1);
  EXPECT_EQ(requests[0].due->date, d("2024-06-24"));
  EXPECT_FALSE(requests[2].due);
  EXPECT_TRUE(session->review_records().requests_for_case(id + 1000).empty());
}

TEST_P(ReviewRecordRepositoryContract, ListsAPartnershipsActionsByDueDateThenCaseThenRef) {
  const long long west = another_partnership();
  const CaseRecord first = create_case(), second = create_case(), elsewhere = create_case(west);
  replace(first.id,
          ReviewRecords{{action("R2", "2024-09-30"), action("R1", "2024-10-31", "Health", "completed")}, {}, {}, {}});
  replace(second.id, ReviewRecords{{action("R1", "2024-09-30", "Health")}, {}, {}, {}});
  replace(elsewhere.id, ReviewRecords{{action("W1", "2024-01-31")}, {}, {}, {}});
  auto refs = [&](const ActionFilter& filter) {
    return each(session->review_records().actions(filter),
                [](const CaseAction& a) { return a.case_reference + " " + a.action.ref; });
  };
  ActionFilter filter;
  filter.partnership_id = 1;
  EXPECT_EQ(refs(filter), (std::vector<std::string>{"SIN-2024-0001 R2", "SIN-2024-0002 R1", "SIN-2024-0001 R1"}));
  const CaseAction listed = session->review_records().actions(filter).at(0);
  EXPECT_EQ(listed.case_id, first.id);
  EXPECT_EQ(listed.case_kind, "serious_incident_notification");
  EXPECT_EQ(listed.action.owner_agency, "Police");
  filter.case_id = second.id;
  EXPECT_EQ(refs(filter), std::vector<std::string>{"SIN-2024-0002 R1"});
  filter.case_id.reset();
  filter.status = "completed";
  EXPECT_EQ(refs(filter), std::vector<std::string>{"SIN-2024-0001 R1"});
  filter.status.reset();
  filter.owner_agency = "Police";
  EXPECT_EQ(refs(filter), std::vector<std::string>{"SIN-2024-0001 R2"});
  // Every filter at once, each value bound in its place.
  filter.case_kind = "serious_incident_notification";
  filter.status = "open";
  EXPECT_EQ(refs(filter), std::vector<std::string>{"SIN-2024-0001 R2"});
  filter.case_id = first.id;
  EXPECT_EQ(refs(filter), std::vector<std::string>{"SIN-2024-0001 R2"});
  filter.owner_agency = "Health";
  filter.status = "completed";
  EXPECT_EQ(refs(filter), std::vector<std::string>{"SIN-2024-0001 R1"});
  filter.case_id.reset();  // across the partnership, as the reports read them
  EXPECT_EQ(refs(filter), std::vector<std::string>{"SIN-2024-0001 R1"});
  filter.status.reset();
  filter.case_kind.reset();
  filter.owner_agency.reset();
  const CaseRecord death = create_case(1, "child_death_review", "CDR");
  replace(death.id, ReviewRecords{{action("D1", "2024-12-31")}, {}, {}, {}});
  filter.case_kind = "child_death_review";
  EXPECT_EQ(refs(filter), std::vector<std::string>{"CDR-2024-0001 D1"});
  filter.case_kind = "serious_incident_notification";
  EXPECT_EQ(refs(filter), (std::vector<std::string>{"SIN-2024-0001 R2", "SIN-2024-0002 R1", "SIN-2024-0001 R1"}));
  // Another partnership sees only its own, even when it names a case of ours.
  ActionFilter theirs;
  theirs.partnership_id = west;
  EXPECT_EQ(refs(theirs), std::vector<std::string>{"SIN-2024-0001 W1"});
  theirs.case_id = first.id;
  EXPECT_TRUE(refs(theirs).empty());
}

// Read without their texts, the same actions in the same order, each with
// everything counting it needs; the texts, and only they, are empty.
TEST_P(ReviewRecordRepositoryContract, ActionsReadWithoutTextsAreTheSameActionsWithEmptyTexts) {
  const CaseRecord first = create_case(), second = create_case();
  ActionItem completed = action("R1", "2024-10-31", "Health", "completed");
  completed.updated_on = d("2024-10-01");
  completed.completed_on = d("2024-10-02");
  completed.evidence = "Audit of strategy meetings";
  completed.note = "Signed off by the board";
  completed.impact = "Referrals now reach the meeting within a day";
  replace(first.id, ReviewRecords{{action("R2", "2024-09-30"), completed}, {}, {}, {}});
  replace(second.id, ReviewRecords{{action("R1", "2024-09-30", "Health")}, {}, {}, {}});
  ActionFilter filter;
  filter.partnership_id = 1;
  const std::vector<CaseAction> whole = session->review_records().actions(filter);
  filter.with_texts = false;
  const std::vector<CaseAction> counted = session->review_records().actions(filter);
  ASSERT_EQ(whole.size(), 3u);
  ASSERT_EQ(counted.size(), whole.size());
  for (std::size_t i = 0; i < whole.size(); ++i) {
    SCOPED_TRACE(whole[i].case_reference + " " + whole[i].action.ref);
    EXPECT_EQ(counted[i].case_id, whole[i].case_id);
    EXPECT_EQ(counted[i].case_reference, whole[i].case_reference);
    EXPECT_EQ(counted[i].case_kind, whole[i].case_kind);
    const ActionItem& c = counted[i].action;
    const ActionItem& w = whole[i].action;
    EXPECT_EQ(c.ref, w.ref);
    EXPECT_EQ(c.owner_agency, w.owner_agency);
    EXPECT_EQ(c.status, w.status);
    EXPECT_EQ(c.due_on, w.due_on);
    EXPECT_EQ(c.added_on, w.added_on);
    EXPECT_EQ(c.updated_on, w.updated_on);
    EXPECT_EQ(c.completed_on, w.completed_on);
    EXPECT_FALSE(w.recommendation.empty());
    for (const std::string* text :
         {&c.recommendation, &c.action, &c.owner_person, &c.desired_outcome, &c.evidence, &c.note, &c.impact}) {
      EXPECT_EQ(*text, "");
    }
  }
  // Each value from its own column, as stored (SQLite's rows are read
  // through its own interface, PostgreSQL's through SOCI).
  const ActionItem& read = whole[2].action;
  EXPECT_EQ(whole[2].case_id, first.id);
  EXPECT_EQ(read.ref, "R1");
  EXPECT_EQ(read.recommendation, completed.recommendation);
  EXPECT_EQ(read.action, completed.action);
  EXPECT_EQ(read.owner_person, completed.owner_person);
  EXPECT_EQ(read.owner_agency, "Health");
  EXPECT_EQ(read.desired_outcome, completed.desired_outcome);
  EXPECT_EQ(read.status, "completed");
  EXPECT_EQ(read.due_on, d("2024-10-31"));
  EXPECT_EQ(read.added_on, d("2024-06-03"));
  EXPECT_EQ(read.updated_on, d("2024-10-01"));
  EXPECT_FALSE(whole[0].action.updated_on);
  EXPECT_FALSE(whole[0].action.completed_on);
  EXPECT_EQ(whole[2].action.completed_on, d("2024-10-02"));
  EXPECT_EQ(whole[2].action.evidence, "Audit of strategy meetings");
  EXPECT_EQ(whole[2].action.note, "Signed off by the board");
  EXPECT_EQ(whole[2].action.impact, "Referrals now reach the meeting within a day");
}

TEST_P(ReviewRecordRepositoryContract, ListsAPartnershipsContractsByCaseThenRef) {
  const long long west = another_partnership();
  const CaseRecord first = create_case(), second = create_case(), elsewhere = create_case(west);
  replace(second.id, ReviewRecords{{}, {}, {contract("C1")}, {}});
  replace(first.id, ReviewRecords{{}, {}, {contract("C2"), contract("C1")}, {}});
  replace(elsewhere.id, ReviewRecords{{}, {}, {contract("W1")}, {}});
  const auto ours = session->review_records().contracts(1);
  EXPECT_EQ(each(ours, [](const CaseContract& c) { return c.case_reference + " " + c.contract.ref; }),
            (std::vector<std::string>{"SIN-2024-0001 C1", "SIN-2024-0001 C2", "SIN-2024-0002 C1"}));
  EXPECT_EQ(ours.at(0).case_id, first.id);
  EXPECT_EQ(ours.at(0).contract.reviewer_name, "Dr Ada Byron");
  const auto theirs = session->review_records().contracts(west);
  ASSERT_EQ(theirs.size(), 1u);
  EXPECT_EQ(theirs[0].case_id, elsewhere.id);
  EXPECT_TRUE(session->review_records().contracts(west + 1).empty());
}

TEST_P(ReviewRecordRepositoryContract, ListsAnAgencysRequestsEarliestDueFirst) {
  const long long west = another_partnership();
  const CaseRecord first = create_case(), second = create_case(), elsewhere = create_case(west);
  replace(first.id,
          ReviewRecords{
              {}, {request("Police", "2024-06-20"), request("Police", ""), request("Health", "2024-06-05")}, {}, {}});
  replace(second.id, ReviewRecords{{}, {request("Police", "2024-06-10")}, {}, {}});
  replace(elsewhere.id, ReviewRecords{{}, {request("Police", "2024-06-01")}, {}, {}});
  // Move the second case on, so that the version a request quotes is its case's.
  CaseRecord moved = second;
  std::vector<Event> events(1);
  events[0].type = "step";
  events[0].actor = "tester";
  events[0].recorded_at = *Instant::parse("2024-06-04T09:00:00Z");
  events[0].effective_date = d("2024-06-04");
  events[0].payload = "{}";
  chain_events(moved, events);
  session->write_transaction([&] { session->cases().append(moved, 0, events); });

  const auto police = session->review_records().requests_for_agency(1, "Police");
  ASSERT_EQ(police.size(), 3u);
  EXPECT_EQ(police[0].case_id, second.id);
  EXPECT_EQ(police[0].case_reference, "SIN-2024-0002");
  EXPECT_EQ(police[0].case_kind, "serious_incident_notification");
  EXPECT_EQ(police[0].case_version, 1);
  EXPECT_EQ(police[0].request.due->date, d("2024-06-10"));
  EXPECT_EQ(police[1].request.due->date, d("2024-06-20"));
  EXPECT_EQ(police[1].case_version, 0);
  EXPECT_FALSE(police[2].request.due);  // undated last
  EXPECT_EQ(session->review_records().requests_for_agency(1, "Health").size(), 1u);
  EXPECT_TRUE(session->review_records().requests_for_agency(1, "police").empty());  // agencies are named exactly
  const auto theirs = session->review_records().requests_for_agency(west, "Police");
  ASSERT_EQ(theirs.size(), 1u);
  EXPECT_EQ(theirs[0].case_id, elsewhere.id);
}

TEST_P(ReviewRecordRepositoryContract, FindsAndCountsTaggedCasesInThePartnership) {
  const long long west = another_partnership();
  const long long a = create_case().id, b = create_case().id, c = create_case().id, elsewhere = create_case(west).id;
  replace(c, ReviewRecords{{}, {}, {}, {{"theme", "neglect"}, {"theme", "voice_of_the_child"}}});
  replace(a,
          ReviewRecords{{}, {}, {}, {{"theme", "neglect"}, {"theme", "escalation"}, {"factor", "social.co_sleeping"}}});
  replace(b, ReviewRecords{{}, {}, {}, {{"factor", "social.co_sleeping"}}});
  replace(elsewhere, ReviewRecords{{}, {}, {}, {{"theme", "neglect"}, {"theme", "early_help"}}});

  EXPECT_EQ(session->review_records().cases_tagged(1, "theme", "neglect"), (std::vector<long long>{a, c}));
  EXPECT_EQ(session->review_records().cases_tagged(1, "factor", "social.co_sleeping"), (std::vector<long long>{a, b}));
  EXPECT_TRUE(session->review_records().cases_tagged(1, "factor", "neglect").empty());  // a theme's code
  EXPECT_EQ(session->review_records().cases_tagged(west, "theme", "neglect"), std::vector<long long>{elsewhere});

  const auto counts = session->review_records().tag_counts(1, "theme");
  EXPECT_EQ(each(counts, [](const TagCount& t) { return t.kind + ":" + t.code + "=" + std::to_string(t.cases); }),
            (std::vector<std::string>{"theme:neglect=2", "theme:escalation=1", "theme:voice_of_the_child=1"}));
  EXPECT_EQ(session->review_records().tag_counts(1, "factor").at(0).cases, 2);
  EXPECT_EQ(session->review_records().tag_counts(west, "theme").size(), 2u);
  EXPECT_TRUE(session->review_records().tag_counts(west, "factor").empty());
}

// The tags of the cases a filter picks, read at once: by case, each case's by
// kind then code; a case picked without tags, or not picked, has no entry.
TEST_P(ReviewRecordRepositoryContract, ReadsTheTagsOfTheCasesAFilterPicks) {
  const long long west = another_partnership();
  const long long a = create_case().id, b = create_case().id, untagged = create_case().id;
  const long long elsewhere = create_case(west).id;
  replace(a,
          ReviewRecords{{}, {}, {}, {{"theme", "neglect"}, {"factor", "social.co_sleeping"}, {"theme", "escalation"}}});
  replace(b, ReviewRecords{{}, {}, {}, {{"theme", "voice_of_the_child"}}});
  replace(elsewhere, ReviewRecords{{}, {}, {}, {{"theme", "neglect"}}});

  CaseFilter picked;
  picked.partnership_id = 1;
  picked.ids = {a, untagged, elsewhere};
  const auto tags = session->review_records().tags_for_cases(picked);
  ASSERT_EQ(tags.size(), 1u) << "b is not picked, untagged has none, elsewhere is of another partnership";
  EXPECT_EQ(each(tags.at(a), [](const CaseTag& t) { return t.kind + ":" + t.code; }),
            (std::vector<std::string>{"factor:social.co_sleeping", "theme:escalation", "theme:neglect"}));

  CaseFilter whole;
  whole.partnership_id = 1;
  std::vector<long long> tagged;
  for (const auto& [case_id, case_tags] : session->review_records().tags_for_cases(whole)) tagged.push_back(case_id);
  EXPECT_EQ(tagged, (std::vector<long long>{a, b}));
}

INSTANTIATE_TEST_SUITE_P(Backends, ReviewRecordRepositoryContract,
                         ::testing::ValuesIn(testing_support::store_backends()), testing_support::backend_name);

}  // namespace
}  // namespace casereview
