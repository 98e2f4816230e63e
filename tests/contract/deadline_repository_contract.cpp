// Contract of DeadlineRepository: the projection of each case's clocks.
#include <gtest/gtest.h>

#include "store_backends.h"

namespace casereview {
namespace {

using testing_support::StoreTest;

Date d(const char* text) { return *Date::parse(text); }

Clock clock(const char* rule, const char* anchor, const char* due) {
  Clock c;
  c.rule_id = rule;
  c.terms = {5, DeadlineUnit::WorkingDays, "became_aware"};
  c.anchor = {d(anchor), std::nullopt};
  c.due = DueDate{d(due), std::nullopt, false};
  return c;
}

class DeadlineRepositoryContract : public StoreTest {
 protected:
  long long make_case(const char* opened = "2024-06-03") {
    long long id = 0;
    session->write_transaction([&] {
      id = session->cases()
               .create(NewCase{"serious_incident_notification", "SIN", 1, d(opened), ""},
                       *Instant::parse("2024-06-03T09:00:00Z"))
               .id;
    });
    return id;
  }
  void replace(long long id, const std::vector<Clock>& clocks) {
    session->write_transaction([&] { session->deadlines().replace_for_case(id, clocks); });
  }
};

TEST_P(DeadlineRepositoryContract, StoresEveryFieldOfAClock) {
  const long long id = make_case();
  Clock full = clock("a.full", "2024-06-03", "2024-06-10");
  full.terms = {24, DeadlineUnit::Hours, "death"};
  full.anchor.at = Instant::parse("2024-06-03T14:00:00Z");
  full.due = DueDate{d("2024-06-04"), Instant::parse("2024-06-04T14:00:00Z"), true};
  full.met_on = d("2024-06-04");
  full.met_at = Instant::parse("2024-06-04T15:30:00Z");
  full.pauses = {{d("2024-06-03"), d("2024-06-03"), "checked \"twice\""}};
  Clock paused = clock("b.paused", "2024-06-03", "2024-06-10");
  paused.due.reset();
  paused.remaining = 3;
  paused.pauses = {{d("2024-06-05"), std::nullopt, "inquest"}};
  Clock ended = clock("c.ended", "2024-06-03", "2024-06-10");
  ended.ended_on = d("2024-06-06");
  replace(id, {full, paused, ended});

  const auto stored = session->deadlines().for_case(id);
  ASSERT_EQ(stored.size(), 3u);
  const Clock& f = stored[0];
  EXPECT_EQ(f.rule_id, "a.full");
  EXPECT_EQ(f.terms.amount, 24);
  EXPECT_EQ(f.terms.unit, DeadlineUnit::Hours);
  EXPECT_EQ(f.terms.anchor_id, "death");
  EXPECT_EQ(f.anchor.at, full.anchor.at);
  EXPECT_EQ(f.due->date, d("2024-06-04"));
  EXPECT_EQ(f.due->at, full.due->at);
  EXPECT_TRUE(f.due->provisional);
  EXPECT_EQ(f.met_on, d("2024-06-04"));
  EXPECT_EQ(f.met_at, full.met_at);
  ASSERT_EQ(f.pauses.size(), 1u);
  EXPECT_EQ(f.pauses[0].reason, "checked \"twice\"");
  EXPECT_EQ(f.pauses[0].to, d("2024-06-03"));
  const Clock& p = stored[1];
  EXPECT_FALSE(p.due);
  EXPECT_EQ(p.remaining, 3);
  EXPECT_TRUE(p.is_paused());
  EXPECT_EQ(stored[2].ended_on, d("2024-06-06"));
  EXPECT_FALSE(stored[2].met_at);
  // The reads across cases give the time too (the reports' timeliness).
  CaseFilter all;
  all.partnership_id = 1;
  const auto across = session->deadlines().for_cases(all);
  ASSERT_EQ(across.count(id), 1u);
  EXPECT_EQ(across.at(id)[0].met_at, full.met_at);
}

// Clocks stored now are never among those stored before the time met was kept
// (migration 0021 marks those), even one whose step gave no time; and giving
// times leaves the clocks of a case without marked ones as they are.
TEST_P(DeadlineRepositoryContract, ClocksStoredNowAreNotAwaitingTheirMetTimes) {
  const long long id = make_case();
  Clock hours = clock("h", "2024-06-03", "2024-06-04");
  hours.terms = {24, DeadlineUnit::Hours, "death"};
  hours.due->at = Instant::parse("2024-06-04T14:00:00Z");
  hours.met_on = d("2024-06-04");  // met by a step that gave no time
  replace(id, {hours});
  EXPECT_TRUE(session->deadlines().cases_stored_without_met_times().empty());
  Clock timed = hours;
  timed.met_at = Instant::parse("2024-06-04T10:00:00Z");
  session->write_transaction([&] { session->deadlines().fill_met_times(id, {timed}); });
  const auto stored = session->deadlines().for_case(id);
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_FALSE(stored[0].met_at);
}

TEST_P(DeadlineRepositoryContract, ReplacesACasesClocksWhole) {
  const long long id = make_case();
  replace(id, {clock("a", "2024-06-03", "2024-06-10"), clock("b", "2024-06-03", "2024-06-10")});
  replace(id, {clock("c", "2024-06-03", "2024-06-11")});
  const auto stored = session->deadlines().for_case(id);
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].rule_id, "c");
}

// Each step stores its case's clocks again, most of them as they were: what
// is read back is what was given, whichever changed, came or went, and the
// other case's clocks stay as they are.
TEST_P(DeadlineRepositoryContract, ClocksChangedAddedAndDroppedReadBackAsGiven) {
  const long long id = make_case(), other = make_case();
  replace(other, {clock("a", "2024-06-03", "2024-06-12"), clock("b", "2024-06-03", "2024-06-12"),
                  clock("c", "2024-06-03", "2024-06-12")});
  Clock paused = clock("b", "2024-06-03", "2024-06-10");
  paused.due.reset();
  paused.remaining = 3;
  paused.pauses = {{d("2024-06-05"), std::nullopt, "inquest"}};
  replace(id, {clock("a", "2024-06-03", "2024-06-10"), paused, clock("c", "2024-06-03", "2024-06-10")});
  Clock resumed = clock("b", "2024-06-03", "2024-06-13");
  resumed.pauses = {{d("2024-06-05"), d("2024-06-07"), "inquest"}};
  Clock met = clock("d", "2024-06-04", "2024-06-11");
  met.met_on = d("2024-06-06");
  met.met_at = Instant::parse("2024-06-06T11:00:00Z");
  replace(id, {clock("a", "2024-06-03", "2024-06-10"), resumed, met});
  replace(id, {clock("a", "2024-06-03", "2024-06-10"), resumed, met});  // a step that changes no clock

  const auto stored = session->deadlines().for_case(id);
  ASSERT_EQ(stored.size(), 3u);
  EXPECT_EQ(stored[0].rule_id, "a");
  EXPECT_EQ(stored[0].due->date, d("2024-06-10"));
  EXPECT_EQ(stored[1].rule_id, "b");
  ASSERT_TRUE(stored[1].due);
  EXPECT_EQ(stored[1].due->date, d("2024-06-13"));
  EXPECT_FALSE(stored[1].remaining);
  ASSERT_EQ(stored[1].pauses.size(), 1u);
  EXPECT_EQ(stored[1].pauses[0].to, d("2024-06-07"));
  EXPECT_EQ(stored[2].rule_id, "d");
  EXPECT_EQ(stored[2].met_on, d("2024-06-06"));
  EXPECT_EQ(stored[2].met_at, met.met_at);
  const auto theirs = session->deadlines().for_case(other);
  ASSERT_EQ(theirs.size(), 3u);
  for (const Clock& c : theirs) EXPECT_EQ(c.due->date, d("2024-06-12")) << c.rule_id;
  // A clock without a due hour read after one with it, then given that hour:
  // stored with it, however the null's place held the hour before it.
  Clock hour = clock("a", "2024-06-03", "2024-06-10");
  hour.due->at = Instant::parse("2024-06-10T12:00:00Z");
  Clock no_hour = clock("b", "2024-06-03", "2024-06-10");
  replace(id, {hour, no_hour});
  no_hour.due->at = hour.due->at;
  replace(id, {hour, no_hour});
  EXPECT_EQ(session->deadlines().for_case(id).at(1).due->at, hour.due->at);
  replace(id, {});
  EXPECT_TRUE(session->deadlines().for_case(id).empty());
}

TEST_P(DeadlineRepositoryContract, ListsOpenClocksEarliestFirstPausedLast) {
  const long long first = make_case(), second = make_case();
  Clock paused = clock("p", "2024-06-03", "2024-06-01");
  paused.due.reset();
  paused.pauses = {{d("2024-06-04"), std::nullopt, ""}};
  Clock met = clock("m", "2024-06-03", "2024-06-01");
  met.met_on = d("2024-06-02");
  replace(first, {clock("late", "2024-06-03", "2024-06-20"), paused, met});
  replace(second, {clock("early", "2024-06-03", "2024-06-05")});

  const auto open = session->deadlines().open_clocks(1);
  std::vector<std::string> rules;
  rules.reserve(open.size());
  for (const auto& cc : open) rules.push_back(cc.clock.rule_id);
  EXPECT_EQ(rules, (std::vector<std::string>{"early", "late", "p"}));
  EXPECT_EQ(open[0].case_id, second);
  EXPECT_EQ(open[0].case_reference, "SIN-2024-0002");
  EXPECT_EQ(open[0].case_kind, "serious_incident_notification");
  EXPECT_EQ(session->deadlines().cases_with_open_clocks(), (std::vector<long long>{first, second}));
  EXPECT_TRUE(session->deadlines().open_clocks(2).empty());  // another partnership sees none
}

TEST_P(DeadlineRepositoryContract, RefusesClocksForACaseThatDoesNotExist) {
  EXPECT_THROW(replace(424242, {clock("a", "2024-06-03", "2024-06-10")}), StorageError);
}

INSTANTIATE_TEST_SUITE_P(Backends, DeadlineRepositoryContract, ::testing::ValuesIn(testing_support::store_backends()),
                         testing_support::backend_name);

}  // namespace
}  // namespace casereview
