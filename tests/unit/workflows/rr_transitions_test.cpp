// The rapid review's transition table, row by row, including refused steps.
#include <gtest/gtest.h>

#include "casereview/workflows/factories.h"
#include "transition_table.h"

namespace casereview {
namespace {

using namespace testing_support;

const Date kToday = *Date::parse("2024-07-31");

Json opening(const char* notified = "2024-06-06") {
  return facts({{"notification_date", notified},
                {"became_aware_on", "2024-06-03"},
                {"harm", "serious_harm"},
                {"looked_after_child", false},
                {"summary", "Infant with unexplained injuries"}});
}

Json list(std::initializer_list<const char*> items) {
  Json out = Json::array();
  for (const char* i : items) out.push(i);
  return out;
}

Json ask(std::initializer_list<const char*> agencies, const char* on = "2024-06-07") {
  return facts({{"agencies", list(agencies)}, {"requested_on", on}});
}

Json agency_on(const char* agency, const char* field, const char* date) {
  return facts({{"agency", agency}, {field, date}});
}

Json meeting(const char* on = "2024-06-17") {
  return facts({{"held_on", on}, {"agencies_attended", list({"Police", "Health", "Children's social care"})}});
}

Json decision(const char* kind, const char* on = "2024-06-18") {
  Json d = facts({{"decided_on", on},
                  {"decision", kind},
                  {"rationale", "The case meets the criteria and offers significant learning for the partnership."},
                  {"learning_themes", list({"professional_curiosity"})}});
  if (std::string(kind) != "lcspr") {
    d.set("learning_taken_forward",
          "A multi-agency practice briefing and a single-agency audit of bruising protocols.");
  }
  return d;
}

Json action(const char* ref) {
  return facts({{"ref", ref},
                {"recommendation", "Strengthen the bruising protocol"},
                {"action", "Re-issue the protocol with a briefing"},
                {"owner_person", "Named nurse"},
                {"owner_agency", "Integrated care board"},
                {"due_on", "2024-09-30"},
                {"desired_outcome", "Every injury in a non-mobile baby is referred"},
                {"agreed_on", "2024-06-18"}});
}

const Setup kOpen = path({{"open_rapid_review", opening()}});
const Setup kAsked = then(kOpen, {{"request_agency_information", ask({"Police", "Health"})}});
const Setup kMet = then(kAsked, {{"record_meeting", meeting()}});
const Setup kDecided = then(kMet, {{"record_decision", decision("no_lcspr")}});
const Setup kSent = then(kDecided, {{"submit_to_panel", facts({{"submitted_on", "2024-06-19"}})}});
const Setup kResponded = then(
    kSent, {{"record_panel_response",
             facts({{"responded_on", "2024-07-01"}, {"agrees_with_decision", "yes"}, {"national_review", "no"}})}});
const Setup kActioned = then(kDecided, {{"add_action", action("R1")}});

std::vector<TransitionRow> rows() {
  return {
      {"open",
       path({}),
       "open_rapid_review",
       opening(),
       Expect::Accepted,
       "gathering_information",
       {"rapid_review_opened"}},
      {"open_dated_before_awareness", path({}), "open_rapid_review", opening("2024-06-01"), Expect::Refused,
       "notification_date"},
      {"ask_agencies",
       kOpen,
       "request_agency_information",
       ask({"Police", "Health"}),
       Expect::Accepted,
       "gathering_information",
       {"agency_information_requested"}},
      {"ask_an_agency_still_awaited", kAsked, "request_agency_information", ask({"Health"}, "2024-06-10"),
       Expect::Refused, "agencies"},
      {"agency_returns",
       kAsked,
       "record_agency_return",
       agency_on("Police", "returned_on", "2024-06-12"),
       Expect::Accepted,
       "gathering_information",
       {"agency_information_returned"}},
      {"agency_never_asked_returns", kAsked, "record_agency_return",
       agency_on("Education", "returned_on", "2024-06-12"), Expect::Refused, "agency"},
      {"agency_returns_before_asked", kAsked, "record_agency_return", agency_on("Police", "returned_on", "2024-06-06"),
       Expect::Refused, "returned_on"},
      {"agency_returns_twice",
       then(kAsked, {{"record_agency_return", agency_on("Police", "returned_on", "2024-06-12")}}),
       "record_agency_return", agency_on("Police", "returned_on", "2024-06-13"), Expect::Refused, "agency"},
      {"remind_agency",
       kAsked,
       "send_agency_reminder",
       agency_on("Health", "sent_on", "2024-06-13"),
       Expect::Accepted,
       "gathering_information",
       {"agency_reminder_sent"}},
      {"meeting", kAsked, "record_meeting", meeting(), Expect::Accepted, "meeting_held", {"meeting_recorded"}},
      {"meeting_before_notification", kAsked, "record_meeting", meeting("2024-06-05"), Expect::Refused, "held_on"},
      {"ask_after_meeting",
       kMet,
       "request_agency_information",
       ask({"Education"}, "2024-06-17"),
       Expect::Accepted,
       "meeting_held",
       {"agency_information_requested"}},
      {"return_after_meeting",
       kMet,
       "record_agency_return",
       agency_on("Health", "returned_on", "2024-06-17"),
       Expect::Accepted,
       "meeting_held",
       {"agency_information_returned"}},
      {"remind_after_meeting",
       kMet,
       "send_agency_reminder",
       agency_on("Health", "sent_on", "2024-06-17"),
       Expect::Accepted,
       "meeting_held",
       {"agency_reminder_sent"}},
      {"decide_lcspr",
       kMet,
       "record_decision",
       decision("lcspr"),
       Expect::Accepted,
       "decided",
       {"decision_recorded"},
       "lcspr"},
      {"decide_no_lcspr",
       kMet,
       "record_decision",
       decision("no_lcspr"),
       Expect::Accepted,
       "decided",
       {"decision_recorded"}},
      {"decide_national_referral",
       kMet,
       "record_decision",
       decision("national_review_referral"),
       Expect::Accepted,
       "decided",
       {"decision_recorded"}},
      {"decide_without_learning_route", kMet, "record_decision",
       facts({{"decided_on", "2024-06-18"},
              {"decision", "no_lcspr"},
              {"rationale", "The learning is already known and being acted on by the partnership."}}),
       Expect::Refused, "learning_taken_forward"},
      {"decide_without_rationale", kMet, "record_decision",
       facts({{"decided_on", "2024-06-18"}, {"decision", "lcspr"}, {"rationale", "Yes."}}), Expect::Refused,
       "rationale"},
      {"decide_before_meeting", kMet, "record_decision", decision("lcspr", "2024-06-14"), Expect::Refused,
       "decided_on"},
      {"decide_before_meeting_held", kAsked, "record_decision", decision("lcspr"), Expect::NotAllowed, ""},
      {"return_after_decision",
       kDecided,
       "record_agency_return",
       agency_on("Health", "returned_on", "2024-06-18"),
       Expect::Accepted,
       "decided",
       {"agency_information_returned"}},
      {"send",
       kDecided,
       "submit_to_panel",
       facts({{"submitted_on", "2024-06-19"}}),
       Expect::Accepted,
       "awaiting_panel",
       {"rapid_review_submitted"}},
      {"send_before_decision", kDecided, "submit_to_panel", facts({{"submitted_on", "2024-06-17"}}), Expect::Refused,
       "submitted_on"},
      {"send_undecided", kMet, "submit_to_panel", facts({{"submitted_on", "2024-06-19"}}), Expect::NotAllowed, ""},
      {"add_action_when_decided", kDecided, "add_action", action("R1"), Expect::Accepted, "decided", {"action_added"}},
      {"add_action_twice", kActioned, "add_action", action("R1"), Expect::Refused, "ref"},
      {"update_action_when_decided",
       kActioned,
       "update_action",
       facts({{"ref", "R1"}, {"status", "in_progress"}, {"updated_on", "2024-06-20"}}),
       Expect::Accepted,
       "decided",
       {"action_updated"}},
      {"complete_action_without_evidence", kActioned, "update_action",
       facts({{"ref", "R1"}, {"status", "completed"}, {"updated_on", "2024-06-20"}}), Expect::Refused, "evidence"},
      {"cancel_action_without_reason", kActioned, "update_action",
       facts({{"ref", "R1"}, {"status", "cancelled"}, {"updated_on", "2024-06-20"}}), Expect::Refused, "note"},
      {"update_unknown_action", kActioned, "update_action",
       facts({{"ref", "R9"}, {"status", "in_progress"}, {"updated_on", "2024-06-20"}}), Expect::Refused, "ref"},
      {"add_action_before_decision", kMet, "add_action", action("R1"), Expect::NotAllowed, ""},
      {"panel_response",
       kSent,
       "record_panel_response",
       facts({{"responded_on", "2024-07-01"}, {"agrees_with_decision", "yes"}, {"national_review", "no"}}),
       Expect::Accepted,
       "panel_responded",
       {"panel_response_recorded"}},
      {"panel_response_before_sending", kSent, "record_panel_response",
       facts({{"responded_on", "2024-06-18"}, {"agrees_with_decision", "yes"}, {"national_review", "no"}}),
       Expect::Refused, "responded_on"},
      {"add_action_when_sent", kSent, "add_action", action("R2"), Expect::Accepted, "awaiting_panel", {"action_added"}},
      {"update_action_when_sent",
       then(kSent, {{"add_action", action("R2")}}),
       "update_action",
       facts({{"ref", "R2"},
              {"status", "completed"},
              {"updated_on", "2024-06-25"},
              {"evidence", "Protocol re-issued; briefing delivered to 140 staff"}}),
       Expect::Accepted,
       "awaiting_panel",
       {"action_updated"}},
      {"add_action_after_response",
       kResponded,
       "add_action",
       action("R3"),
       Expect::Accepted,
       "panel_responded",
       {"action_added"}},
      {"update_action_after_response",
       then(kResponded, {{"add_action", action("R3")}}),
       "update_action",
       facts({{"ref", "R3"}, {"status", "cancelled"}, {"updated_on", "2024-07-02"}, {"note", "Superseded by R4"}}),
       Expect::Accepted,
       "panel_responded",
       {"action_updated"}},
      {"update_finished_action",
       then(kResponded,
            {{"add_action", action("R3")},
             {"update_action",
              facts({{"ref", "R3"}, {"status", "cancelled"}, {"updated_on", "2024-07-02"}, {"note", "Superseded"}})}}),
       "update_action", facts({{"ref", "R3"}, {"status", "in_progress"}, {"updated_on", "2024-07-03"}}),
       Expect::Refused, "ref"},
      {"respond_twice", kResponded, "record_panel_response",
       facts({{"responded_on", "2024-07-02"}, {"agrees_with_decision", "yes"}, {"national_review", "no"}}),
       Expect::NotAllowed, ""},
  };
}

class RapidReviewTransitions : public ::testing::TestWithParam<TransitionRow> {};

TEST_P(RapidReviewTransitions, DecideAsTheTableSays) {
  check_row(*workflows::make_rapid_review_workflow(), kToday, GetParam());
}

INSTANTIATE_TEST_SUITE_P(Rows, RapidReviewTransitions, ::testing::ValuesIn(rows()),
                         [](const auto& row) { return row.param.name; });

TEST(RapidReviewTable, EveryTransitionHasAnAcceptedRow) {
  for (const auto& t : untested_transitions(*workflows::make_rapid_review_workflow(), kToday, rows())) {
    ADD_FAILURE() << "no row takes " << t.from << " --" << t.command << "--> " << t.to;
  }
}

TEST(RapidReviewTable, RefusesEveryCommandWithoutARow) {
  expect_commands_without_rows_refused(*workflows::make_rapid_review_workflow(), kToday);
}

TEST(RapidReviewTable, ADecisionForALocalReviewOpensItWithTheDecisionDate) {
  const auto workflow = workflows::make_rapid_review_workflow();
  WorkflowDriver driver(*workflow, kToday);
  kMet(driver);
  const Accepted accepted = std::get<Accepted>(driver.run("record_decision", decision("lcspr")));
  EXPECT_EQ(accepted.opens.at(0).facts["decided_on"].as_string(), "2024-06-18");
  EXPECT_EQ(accepted.outcome, "Local child safeguarding practice review commissioned");
}

}  // namespace
}  // namespace casereview
