// The national review's transition table, row by row, including refused steps,
// and its clocks: the Panel's requests answered by the dates it set, and the
// reminder to agree the partnership's response to the report.
#include <gtest/gtest.h>

#include <optional>

#include "casereview/engine/clock.h"
#include "casereview/workflows/factories.h"
#include "transition_table.h"

namespace casereview {
namespace {

using namespace testing_support;

const Date kToday = *Date::parse("2025-03-31");

Json list(std::initializer_list<const char*> items) {
  Json out = Json::array();
  for (const char* i : items) out.push(i);
  return out;
}

Json opening() {
  return facts({{"decided_on", "2024-07-01"},
                {"panel_reference", "CSPRP-NR-2024-03"},
                {"partnership_part", "Chronology and access to the practitioners involved"},
                {"summary", "Infant with unexplained injuries"}});
}

Json request(const char* ref, const char* received, const char* due = nullptr) {
  Json r = facts({{"request_ref", ref}, {"received_on", received}, {"request", "Each agency's chronology"}});
  if (due) r.set("due_on", due);
  return r;
}

Json provided(const char* ref, const char* on) { return facts({{"request_ref", ref}, {"provided_on", on}}); }

Json report(const char* on = "2024-12-02") {
  return facts({{"published_on", on},
                {"publication", "full_report"},
                {"title", "Safeguarding infants where parents do not speak English"},
                {"recommendations", "Interpreters in every health contact; records of the language spoken."}});
}

Json partnership_response(const char* on = "2025-01-15") {
  return facts({{"responded_on", on},
                {"response", "An interpreting standard across health and children's services, audited in a year."},
                {"partners_agreeing", list({"local_authority", "integrated_care_board", "police"})}});
}

Json action(const char* ref) {
  return facts({{"ref", ref},
                {"recommendation", "Interpreters in every health contact"},
                {"action", "Adopt the interpreting standard"},
                {"owner_person", "Designated nurse"},
                {"owner_agency", "Integrated care board"},
                {"due_on", "2025-06-30"},
                {"desired_outcome", "No contact without an interpreter where one is needed"},
                {"agreed_on", "2025-01-15"}});
}

const Setup kOpen = path({{"open_national_review", opening()}});
const Setup kAsked = then(kOpen, {{"record_panel_request", request("P1", "2024-07-10", "2024-07-24")}});
const Setup kPublished = then(
    kAsked, {{"record_information_provided", provided("P1", "2024-07-22")}, {"record_report_published", report()}});
const Setup kResponded = then(kPublished, {{"record_partnership_response", partnership_response()}});
const Setup kClosed = then(kResponded, {{"close_national_review", facts({{"closed_on", "2025-02-03"}})}});

std::vector<TransitionRow> rows() {
  return {
      {"open",
       path({}),
       "open_national_review",
       opening(),
       Expect::Accepted,
       "contributing",
       {"national_review_opened"}},
      {"open_twice", kOpen, "open_national_review", opening(), Expect::NotAllowed, ""},
      {"panel_asks",
       kOpen,
       "record_panel_request",
       request("P1", "2024-07-10", "2024-07-24"),
       Expect::Accepted,
       "contributing",
       {"panel_request_recorded"}},
      {"panel_asks_without_a_date",
       kOpen,
       "record_panel_request",
       request("P1", "2024-07-10"),
       Expect::Accepted,
       "contributing",
       {"panel_request_recorded"}},
      {"panel_asks_under_a_used_reference", kAsked, "record_panel_request", request("P1", "2024-07-11"),
       Expect::Refused, "request_ref"},
      {"panel_asks_before_its_decision", kOpen, "record_panel_request", request("P1", "2024-06-28"), Expect::Refused,
       "received_on"},
      {"panel_asks_for_a_date_already_past", kOpen, "record_panel_request", request("P1", "2024-07-10", "2024-07-09"),
       Expect::Refused, "due_on"},
      {"partnership_provides",
       kAsked,
       "record_information_provided",
       provided("P1", "2024-07-22"),
       Expect::Accepted,
       "contributing",
       {"panel_information_provided"}},
      {"partnership_provides_for_no_request", kAsked, "record_information_provided", provided("P2", "2024-07-22"),
       Expect::Refused, "request_ref"},
      {"partnership_provides_twice", then(kAsked, {{"record_information_provided", provided("P1", "2024-07-22")}}),
       "record_information_provided", provided("P1", "2024-07-23"), Expect::Refused, "request_ref"},
      {"partnership_provides_before_asked", kAsked, "record_information_provided", provided("P1", "2024-07-09"),
       Expect::Refused, "provided_on"},
      {"report_published",
       kAsked,
       "record_report_published",
       report(),
       Expect::Accepted,
       "acting_on_report",
       {"national_review_report_published"}},
      {"report_dated_before_the_review", kOpen, "record_report_published", report("2024-06-01"), Expect::Refused,
       "published_on"},
      {"response_before_the_report", kAsked, "record_partnership_response", partnership_response(), Expect::NotAllowed,
       ""},
      {"response",
       kPublished,
       "record_partnership_response",
       partnership_response(),
       Expect::Accepted,
       "acting_on_report",
       {"partnership_response_recorded"}},
      {"response_dated_before_the_report", kPublished, "record_partnership_response",
       partnership_response("2024-11-29"), Expect::Refused, "responded_on"},
      {"response_in_a_word", kPublished, "record_partnership_response",
       [] {
         Json r = partnership_response();
         r.set("response", "Noted.");
         return r;
       }(),
       Expect::Refused, "response"},
      {"response_without_the_police", kPublished, "record_partnership_response",
       [] {
         Json r = partnership_response();
         r.set("partners_agreeing", list({"local_authority", "integrated_care_board"}));
         return r;
       }(),
       Expect::Refused, "partners_agreeing"},
      {"response_twice", kResponded, "record_partnership_response", partnership_response("2025-01-20"), Expect::Refused,
       "responded_on"},
      {"request_after_the_report", kPublished, "record_panel_request", request("P2", "2024-12-03"), Expect::NotAllowed,
       ""},
      {"add_action", kResponded, "add_action", action("N1"), Expect::Accepted, "acting_on_report", {"action_added"}},
      {"update_action",
       then(kResponded, {{"add_action", action("N1")}}),
       "update_action",
       facts({{"ref", "N1"}, {"status", "in_progress"}, {"updated_on", "2025-01-20"}}),
       Expect::Accepted,
       "acting_on_report",
       {"action_updated"}},
      {"add_action_while_contributing", kAsked, "add_action", action("N1"), Expect::NotAllowed, ""},
      {"close",
       kResponded,
       "close_national_review",
       facts({{"closed_on", "2025-02-03"}}),
       Expect::Accepted,
       "closed",
       {"national_review_closed"}},
      {"close_without_a_response", kPublished, "close_national_review", facts({{"closed_on", "2025-02-03"}}),
       Expect::Refused, "closed_on"},
      {"close_before_the_response", kResponded, "close_national_review", facts({{"closed_on", "2025-01-14"}}),
       Expect::Refused, "closed_on"},
      {"add_action_when_closed", kClosed, "add_action", action("N2"), Expect::Accepted, "closed", {"action_added"}},
      {"update_action_when_closed",
       then(kClosed, {{"add_action", action("N2")}}),
       "update_action",
       facts({{"ref", "N2"},
              {"status", "completed"},
              {"updated_on", "2025-03-03"},
              {"evidence", "Standard adopted by every provider; first audit done"}}),
       Expect::Accepted,
       "closed",
       {"action_updated"}},
      {"close_twice", kClosed, "close_national_review", facts({{"closed_on", "2025-02-04"}}), Expect::NotAllowed, ""},
  };
}

class NationalReviewTransitions : public ::testing::TestWithParam<TransitionRow> {};

TEST_P(NationalReviewTransitions, DecideAsTheTableSays) {
  check_row(*workflows::make_national_review_workflow(), kToday, GetParam());
}

INSTANTIATE_TEST_SUITE_P(Rows, NationalReviewTransitions, ::testing::ValuesIn(rows()),
                         [](const auto& row) { return row.param.name; });

TEST(NationalReviewTable, EveryTransitionHasAnAcceptedRow) {
  for (const auto& t : untested_transitions(*workflows::make_national_review_workflow(), kToday, rows())) {
    ADD_FAILURE() << "no row takes " << t.from << " --" << t.command << "--> " << t.to;
  }
}

TEST(NationalReviewTable, RefusesEveryCommandWithoutARow) {
  expect_commands_without_rows_refused(*workflows::make_national_review_workflow(), kToday);
}

TEST(NationalReviewTable, AcceptedRowsSendFactsTheSpecAccepts) {
  expect_accepted_rows_send_valid_facts(*workflows::make_national_review_workflow(), kToday, rows());
}

// The clocks of a case driven through the real workflow.
std::vector<Clock> clocks_of(const Workflow& workflow, const WorkflowDriver& driver) {
  return project_clocks(workflow.spec().rules, driver.terms, driver.history(), driver.calendar());
}

// A copy of the clock of `rule`, so that it outlives the vector it came from.
std::optional<Clock> clock(const std::vector<Clock>& clocks, const char* rule) {
  for (const Clock& c : clocks) {
    if (c.rule_id == rule) return c;
  }
  return std::nullopt;
}

TEST(NationalReviewClocks, ARequestIsDueOnTheDateThePanelSetAndMetByItsAnswer) {
  const auto workflow = workflows::make_national_review_workflow();
  WorkflowDriver driver(*workflow, kToday);
  kOpen(driver);
  EXPECT_FALSE(clock(clocks_of(*workflow, driver), "nr.answer_panel_request"));  // nothing asked yet
  driver.must_run("record_panel_request", request("P1", "2024-07-10", "2024-07-24"));
  const std::optional<Clock> asked = clock(clocks_of(*workflow, driver), "nr.answer_panel_request");
  ASSERT_TRUE(asked);
  EXPECT_EQ(asked->due->date.iso(), "2024-07-24");
  EXPECT_FALSE(asked->met_on);
  driver.must_run("record_information_provided", provided("P1", "2024-07-25"));
  const std::vector<Clock> answered = clocks_of(*workflow, driver);
  EXPECT_EQ(clock(answered, "nr.answer_panel_request")->met_on->iso(), "2024-07-25");  // a day late
  // A later request starts the clock again from its own date.
  driver.must_run("record_panel_request", request("P2", "2024-09-02", "2024-09-16"));
  const std::optional<Clock> again = clock(clocks_of(*workflow, driver), "nr.answer_panel_request");
  EXPECT_EQ(again->due->date.iso(), "2024-09-16");
  EXPECT_FALSE(again->met_on);
  // The report published: what is still asked is no longer needed.
  driver.must_run("record_report_published", report());
  EXPECT_EQ(clock(clocks_of(*workflow, driver), "nr.answer_panel_request")->ended_on->iso(), "2024-12-02");
}

// Two requests open at once: the clock follows the unanswered one due first, so
// an earlier request is not hidden by a later one; once both are answered it
// shows the one answered latest against its date.
TEST(NationalReviewClocks, SeveralOpenRequestsKeepTheEarliestUnansweredInView) {
  const auto workflow = workflows::make_national_review_workflow();
  WorkflowDriver driver(*workflow, kToday);
  kOpen(driver);
  driver.must_run("record_panel_request", request("P1", "2024-07-01", "2024-07-20"));
  driver.must_run("record_panel_request", request("P2", "2024-07-02", "2024-07-12"));
  EXPECT_EQ(clock(clocks_of(*workflow, driver), "nr.answer_panel_request")->due->date.iso(), "2024-07-12");
  driver.must_run("record_information_provided", provided("P2", "2024-07-10"));
  const std::optional<Clock> first_open = clock(clocks_of(*workflow, driver), "nr.answer_panel_request");
  EXPECT_EQ(first_open->due->date.iso(), "2024-07-20");  // P1, still unanswered
  EXPECT_FALSE(first_open->met_on);
  driver.must_run("record_information_provided", provided("P1", "2024-07-23"));
  const std::optional<Clock> all_answered = clock(clocks_of(*workflow, driver), "nr.answer_panel_request");
  EXPECT_EQ(all_answered->due->date.iso(), "2024-07-20");  // P1 was the late one
  EXPECT_EQ(all_answered->met_on->iso(), "2024-07-23");
  driver.must_run("record_panel_request", request("P3", "2024-08-01", "2024-08-15"));
  driver.must_run("record_information_provided", provided("P3", "2024-08-14"));
  EXPECT_EQ(clock(clocks_of(*workflow, driver), "nr.answer_panel_request")->met_on->iso(),
            "2024-07-23");  // P3 on time: the late answer stays in view
}

TEST(NationalReviewClocks, TheResponseIsAwaitedThreeMonthsAfterTheReport) {
  const auto workflow = workflows::make_national_review_workflow();
  WorkflowDriver driver(*workflow, kToday);
  kPublished(driver);
  const std::optional<Clock> awaited = clock(clocks_of(*workflow, driver), "nr.partnership_response");
  ASSERT_TRUE(awaited);
  EXPECT_EQ(awaited->due->date.iso(), "2025-03-02");
  driver.must_run("record_partnership_response", partnership_response());
  EXPECT_EQ(clock(clocks_of(*workflow, driver), "nr.partnership_response")->met_on->iso(), "2025-01-15");
}

}  // namespace
}  // namespace casereview
