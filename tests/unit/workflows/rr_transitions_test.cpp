// The rapid review's transition table, row by row, including refused steps.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

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

const char* kRationale = "The case meets the criteria and offers significant learning for the partnership.";

// A decision with everything the Panel's rapid review template asks for.
Json decision(const char* kind, const char* on = "2024-06-18") {
  Json d =
      facts({{"decided_on", on},
             {"decision", kind},
             {"rationale", kRationale},
             {"facts", "Infant of 9 weeks admitted with a fractured femur; the explanation given is inconsistent."},
             {"key_practice_episodes", "The 6-week check and two GP consultations for crying in the week before."},
             {"inequalities",
              "The family's first language is not English and no interpreter was used at the GP consultations."},
             {"local_review_criteria", list({"improvements_needed", "agencies_working_together"})},
             {"parallel_processes", list({"police_investigation"})},
             {"parallel_processes_details", "Police investigation by the child abuse investigation team."},
             {"immediate_safety_actions", list({"Sibling placed with grandparents under a safety plan"})},
             {"partners_agreeing", list({"local_authority", "integrated_care_board", "police"})},
             {"learning_themes", list({"professional_curiosity"})}});
  if (std::string(kind) != "lcspr") {
    d.set("learning_taken_forward",
          "A multi-agency practice briefing and a single-agency audit of bruising protocols.");
  }
  return d;
}

// `facts` with `member` set to `value` (or removed, when `value` is null).
Json with(Json f, const char* member, const Json& value) {
  if (value.is_null()) {
    Json out = Json::object();
    for (const auto& [name, v] : f.members()) {
      if (name != member) out.set(name, v);
    }
    return out;
  }
  f.set(member, value);
  return f;
}

Json response(const char* agrees, const char* national = "no", const char* on = "2024-07-01") {
  Json r = facts({{"responded_on", on}, {"agrees_with_decision", agrees}, {"national_review", national}});
  if (std::string(national) == "yes") {
    r.set("panel_reference", "CSPRP-NR-2024-03");
    r.set("partnership_part", "Chronology and access to the practitioners involved");
  }
  return r;
}

Json after_panel(const char* kind, const char* on = "2024-07-08") {
  Json d = facts({{"decided_on", on},
                  {"decision", kind},
                  {"rationale", "The Panel's response shows learning about interpreters across agencies."},
                  {"local_review_criteria", list({"panel_concluded_local_review", "agencies_working_together"})},
                  {"partners_agreeing", list({"local_authority", "integrated_care_board", "police"})}});
  if (std::string(kind) == "no_lcspr") {
    d.set("learning_taken_forward", "A thematic audit of interpreter use across health and children's services.");
  }
  return d;
}

Json national_review(const char* on = "2024-07-15") {
  return facts({{"decided_on", on},
                {"panel_reference", "CSPRP-NR-2024-07"},
                {"partnership_part", "Agency records and a practitioners' learning event"}});
}

// A case recorded before the rapid review followed the Panel's template and
// the Panel's challenge had a step of its own: the decision and the response
// held only the members of the time, and every response ended in
// panel_responded. Each response recorded here was settled; `said` is what the
// old response said instead.
void as_recorded_before_template(WorkflowDriver& driver, const std::map<std::string, Json>& said = {}) {
  for (Event& e : driver.history_as_recorded()) {
    const Json recorded = Json::parse(e.payload);
    Json payload = Json::object();
    if (e.type == "decision_recorded") {
      for (const auto& [name, value] : recorded.members()) {
        if (name == "decided_on" || name == "decision" || name == "rationale" || name == "learning_taken_forward" ||
            name == "immediate_safety_actions" || name == "learning_themes" || name == "opens") {
          payload.set(name, value);
        }
      }
    } else if (e.type == "panel_response_recorded") {
      for (const auto& [name, value] : recorded.members()) {
        if (name == "responded_on" || name == "agrees_with_decision" || name == "national_review" ||
            name == "comments") {
          payload.set(name, value);
        }
      }
      for (const auto& [name, value] : said) payload.set(name, value);
    } else {
      continue;
    }
    e.payload = payload.canonical();
  }
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
const Setup kResponded = then(kSent, {{"record_panel_response", response("yes")}});
const Setup kActioned = then(kDecided, {{"add_action", action("R1")}});
const Setup kReferralSent = then(kMet, {{"record_decision", decision("national_review_referral")},
                                        {"submit_to_panel", facts({{"submitted_on", "2024-06-19"}})}});
const Setup kLocalReviewSent =
    then(kMet, {{"record_decision", decision("lcspr")}, {"submit_to_panel", facts({{"submitted_on", "2024-06-19"}})}});
// The Panel did not agree with "no local review": the partners decide again.
const Setup kChallenged = then(kSent, {{"record_panel_response", response("no")}});
const Setup kAnswered = then(kChallenged, {{"record_decision_after_panel", after_panel("lcspr")}});
const Setup kNationalReviewOpened = then(kReferralSent, {{"record_panel_response", response("yes", "yes")}});
// Recorded under the old rules.
const Setup kLegacySent = rewritten(kSent, [](WorkflowDriver& driver) { as_recorded_before_template(driver); });
const Setup kLegacyChallenged = rewritten(kResponded, [](WorkflowDriver& driver) {
  as_recorded_before_template(driver, {{"agrees_with_decision", Json("no")}});
});
const Setup kLegacyAgreed = rewritten(kResponded, [](WorkflowDriver& driver) { as_recorded_before_template(driver); });
const Setup kLegacyNationalReview = rewritten(kResponded, [](WorkflowDriver& driver) {
  as_recorded_before_template(driver, {{"national_review", Json("yes")}});
});

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
       with(decision("no_lcspr"), "learning_taken_forward", Json()), Expect::Refused, "learning_taken_forward"},
      {"decide_without_rationale", kMet, "record_decision", with(decision("lcspr"), "rationale", "Yes."),
       Expect::Refused, "rationale"},
      {"decide_criteria_not_met",
       kMet,
       "record_decision",
       decision("criteria_not_met"),
       Expect::Accepted,
       "decided",
       {"decision_recorded"}},
      {"decide_without_saying_whether_inequalities_influenced", kMet, "record_decision",
       with(decision("lcspr"), "inequalities", "Not known."), Expect::Refused, "inequalities"},
      {"decide_with_no_criterion_and_a_criterion", kMet, "record_decision",
       with(decision("no_lcspr"), "local_review_criteria", list({"none", "recurrent_themes"})), Expect::Refused,
       "local_review_criteria"},
      {"decide_with_no_parallel_process_and_a_process", kMet, "record_decision",
       with(decision("no_lcspr"), "parallel_processes", list({"none_known", "coroner"})), Expect::Refused,
       "parallel_processes"},
      {"decide_without_the_police", kMet, "record_decision",
       with(decision("lcspr"), "partners_agreeing", list({"local_authority", "integrated_care_board"})),
       Expect::Refused, "partners_agreeing"},
      {"decide_with_no_partner_named", kMet, "record_decision", with(decision("lcspr"), "partners_agreeing", Json()),
       Expect::Refused, "partners_agreeing"},
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
       response("yes"),
       Expect::Accepted,
       "panel_responded",
       {"panel_response_recorded"}},
      {"panel_response_before_sending", kSent, "record_panel_response", response("yes", "no", "2024-06-18"),
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
      // The Panel's response: it settles the decision, or challenges it.
      {"panel_disagrees_with_no_local_review",
       kSent,
       "record_panel_response",
       response("no"),
       Expect::Accepted,
       "reconsidering",
       {"panel_response_recorded"}},
      {"panel_recommends_a_local_review",
       kSent,
       "record_panel_response",
       with(response("yes"), "recommends_local_review", "yes"),
       Expect::Accepted,
       "reconsidering",
       {"panel_response_recorded"}},
      {"panel_declines_the_national_review_referred",
       kReferralSent,
       "record_panel_response",
       response("yes"),
       Expect::Accepted,
       "reconsidering",
       {"panel_response_recorded"}},
      {"panel_carries_out_the_national_review_referred",
       kReferralSent,
       "record_panel_response",
       response("yes", "yes"),
       Expect::Accepted,
       "panel_responded",
       {"panel_response_recorded"},
       "national_review"},
      {"panel_disagrees_with_a_local_review_under_way",
       kLocalReviewSent,
       "record_panel_response",
       response("no"),
       Expect::Accepted,
       "panel_responded",
       {"panel_response_recorded"}},
      {"panel_national_review_without_its_reference", kReferralSent, "record_panel_response",
       with(response("yes", "yes"), "panel_reference", Json()), Expect::Refused, "panel_reference"},
      {"panel_national_review_without_the_partnerships_part", kReferralSent, "record_panel_response",
       with(response("yes", "yes"), "partnership_part", Json()), Expect::Refused, "partnership_part"},
      {"panel_challenge_dated_before_sending", kSent, "record_panel_response", response("no", "no", "2024-06-18"),
       Expect::Refused, "responded_on"},
      // The partners' decision after the Panel's challenge.
      {"local_review_after_the_panel",
       kChallenged,
       "record_decision_after_panel",
       after_panel("lcspr"),
       Expect::Accepted,
       "panel_responded",
       {"decision_after_panel_recorded"},
       "lcspr"},
      {"no_local_review_after_the_panel",
       kChallenged,
       "record_decision_after_panel",
       after_panel("no_lcspr"),
       Expect::Accepted,
       "panel_responded",
       {"decision_after_panel_recorded"}},
      {"decision_after_panel_before_its_response", kChallenged, "record_decision_after_panel",
       after_panel("lcspr", "2024-06-28"), Expect::Refused, "decided_on"},
      {"decision_after_panel_without_rationale", kChallenged, "record_decision_after_panel",
       with(after_panel("lcspr"), "rationale", "As the Panel says."), Expect::Refused, "rationale"},
      {"no_local_review_after_the_panel_without_learning_route", kChallenged, "record_decision_after_panel",
       with(after_panel("no_lcspr"), "learning_taken_forward", Json()), Expect::Refused, "learning_taken_forward"},
      {"decision_after_panel_with_no_criterion_and_a_criterion", kChallenged, "record_decision_after_panel",
       with(after_panel("no_lcspr"), "local_review_criteria", list({"none", "recurrent_themes"})), Expect::Refused,
       "local_review_criteria"},
      {"decision_after_panel_without_the_integrated_care_board", kChallenged, "record_decision_after_panel",
       with(after_panel("lcspr"), "partners_agreeing", list({"local_authority", "police"})), Expect::Refused,
       "partners_agreeing"},
      {"decision_after_panel_twice", kAnswered, "record_decision_after_panel", after_panel("lcspr", "2024-07-09"),
       Expect::NotAllowed, ""},
      {"decision_after_panel_when_the_panel_agreed", kResponded, "record_decision_after_panel", after_panel("lcspr"),
       Expect::NotAllowed, ""},
      {"decision_after_panel_before_the_response", kSent, "record_decision_after_panel", after_panel("lcspr"),
       Expect::NotAllowed, ""},
      {"add_action_while_reconsidering",
       kChallenged,
       "add_action",
       action("R5"),
       Expect::Accepted,
       "reconsidering",
       {"action_added"}},
      {"update_action_while_reconsidering",
       then(kChallenged, {{"add_action", action("R5")}}),
       "update_action",
       facts({{"ref", "R5"}, {"status", "in_progress"}, {"updated_on", "2024-07-03"}}),
       Expect::Accepted,
       "reconsidering",
       {"action_updated"}},
      // A national review the Panel decides on after its response.
      {"national_review_later",
       kResponded,
       "record_national_review",
       national_review(),
       Expect::Accepted,
       "panel_responded",
       {"national_review_recorded"},
       "national_review"},
      {"national_review_while_reconsidering",
       kChallenged,
       "record_national_review",
       national_review(),
       Expect::Accepted,
       "reconsidering",
       {"national_review_recorded"},
       "national_review"},
      {"national_review_dated_before_sending", kResponded, "record_national_review", national_review("2024-06-18"),
       Expect::Refused, "decided_on"},
      {"national_review_twice", kNationalReviewOpened, "record_national_review", national_review(), Expect::NotAllowed,
       ""},
      {"national_review_before_the_response", kSent, "record_national_review", national_review(), Expect::NotAllowed,
       ""},
      // Cases recorded under the old rules keep their history and decide sensibly.
      {"legacy_decision_then_panel_disagrees",
       kLegacySent,
       "record_panel_response",
       response("no"),
       Expect::Accepted,
       "reconsidering",
       {"panel_response_recorded"}},
      {"legacy_decision_then_panel_agrees",
       kLegacySent,
       "record_panel_response",
       response("yes"),
       Expect::Accepted,
       "panel_responded",
       {"panel_response_recorded"}},
      {"legacy_disagreement_then_local_review",
       kLegacyChallenged,
       "record_decision_after_panel",
       after_panel("lcspr"),
       Expect::Accepted,
       "panel_responded",
       {"decision_after_panel_recorded"},
       "lcspr"},
      {"legacy_agreement_then_decision_after_panel", kLegacyAgreed, "record_decision_after_panel", after_panel("lcspr"),
       Expect::NotAllowed, ""},
      {"legacy_national_review_then_linked",
       kLegacyNationalReview,
       "record_national_review",
       national_review(),
       Expect::Accepted,
       "panel_responded",
       {"national_review_recorded"},
       "national_review"},
      {"respond_twice", kResponded, "record_panel_response", response("yes", "no", "2024-07-02"), Expect::NotAllowed,
       ""},
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

// After the Panel's response, only the steps that apply to the case are offered:
// updating an action only once there is one.
TEST(RapidReviewTable, OffersTheStepsThatFollowThePanelsResponse) {
  const auto workflow = workflows::make_rapid_review_workflow();
  using Names = std::vector<std::string>;
  WorkflowDriver sent(*workflow, kToday);
  kSent(sent);
  EXPECT_EQ(sent.offered(), (Names{"record_panel_response", "add_action"}));
  WorkflowDriver challenged(*workflow, kToday);
  kChallenged(challenged);
  EXPECT_EQ(challenged.offered(), (Names{"record_decision_after_panel", "record_national_review", "add_action"}));
  WorkflowDriver agreed(*workflow, kToday);
  kResponded(agreed);
  EXPECT_EQ(agreed.offered(), (Names{"record_national_review", "add_action"}));
  WorkflowDriver national(*workflow, kToday);
  kNationalReviewOpened(national);
  EXPECT_EQ(national.offered(), (Names{"add_action"}));
  WorkflowDriver answered(*workflow, kToday);
  kAnswered(answered);
  EXPECT_EQ(answered.offered(), (Names{"record_national_review", "add_action"}));
  WorkflowDriver legacy(*workflow, kToday);
  kLegacyChallenged(legacy);
  EXPECT_EQ(legacy.offered(), (Names{"record_decision_after_panel", "record_national_review", "add_action"}));
  // Updating an action is offered once there is one not yet finished.
  national.must_run("add_action", action("R2"));
  EXPECT_EQ(national.offered(), (Names{"add_action", "update_action"}));
}

TEST(RapidReviewTable, TheLocalReviewOpenedAfterThePanelRunsFromTheNewDecisionWithItsRationale) {
  const auto workflow = workflows::make_rapid_review_workflow();
  WorkflowDriver driver(*workflow, kToday);
  kChallenged(driver);
  EXPECT_EQ(driver.history().back().type, "panel_response_recorded");
  const Accepted accepted = std::get<Accepted>(driver.run("record_decision_after_panel", after_panel("lcspr")));
  const FollowOn& lcspr = accepted.opens.at(0);
  EXPECT_EQ(lcspr.relation, "lcspr");
  EXPECT_EQ(lcspr.facts["decided_on"].as_string(), "2024-07-08");
  EXPECT_EQ(lcspr.facts["rationale"].as_string(), after_panel("lcspr")["rationale"].as_string());
  EXPECT_EQ(lcspr.facts["summary"].as_string(), "Infant with unexplained injuries");
  EXPECT_EQ(accepted.outcome, "Local child safeguarding practice review commissioned after the Panel's response");
}

TEST(RapidReviewTable, TheNationalReviewCarriesThePanelsReferenceAndThePartnershipsPart) {
  const auto workflow = workflows::make_rapid_review_workflow();
  WorkflowDriver driver(*workflow, kToday);
  kReferralSent(driver);
  const Accepted accepted = std::get<Accepted>(driver.run("record_panel_response", response("yes", "yes")));
  const FollowOn& review = accepted.opens.at(0);
  EXPECT_EQ(review.kind, "national_review");
  EXPECT_EQ(review.relation, "national_review");
  EXPECT_EQ(review.facts["decided_on"].as_string(), "2024-07-01");
  EXPECT_EQ(review.facts["panel_reference"].as_string(), "CSPRP-NR-2024-03");
  EXPECT_EQ(review.facts["partnership_part"].as_string(), "Chronology and access to the practitioners involved");
  EXPECT_EQ(accepted.outcome,
            "Referred to the National Panel for a national review; the Panel agreed and will carry out a national "
            "review");
}

// The rows' facts are what the API would accept: every accepted row's facts
// pass the command's declared fields, so the table tests the workflow as used.
TEST(RapidReviewTable, AcceptedRowsSendFactsTheSpecAccepts) {
  expect_accepted_rows_send_valid_facts(*workflows::make_rapid_review_workflow(), kToday, rows());
}

// Recording or chasing a return is offered only while an agency asked has not
// returned: not before anyone is asked, and not once every return is in.
TEST(RapidReviewTable, OffersAgencyReturnsOnlyWhileOneIsAwaited) {
  const auto workflow = workflows::make_rapid_review_workflow();
  const auto offers = [](const WorkflowDriver& driver, const char* step) {
    const auto offered = driver.offered();
    return std::find(offered.begin(), offered.end(), step) != offered.end();
  };
  WorkflowDriver opened(*workflow, kToday);
  kOpen(opened);
  EXPECT_FALSE(offers(opened, "record_agency_return"));
  EXPECT_FALSE(offers(opened, "send_agency_reminder"));
  WorkflowDriver driver(*workflow, kToday);
  kAsked(driver);
  EXPECT_TRUE(offers(driver, "record_agency_return"));
  EXPECT_TRUE(offers(driver, "send_agency_reminder"));
  driver.must_run("record_agency_return", agency_on("Police", "returned_on", "2024-06-12"));
  EXPECT_TRUE(offers(driver, "record_agency_return")) << "Health has not returned";
  driver.must_run("record_agency_return", agency_on("Health", "returned_on", "2024-06-12"));
  EXPECT_FALSE(offers(driver, "record_agency_return"));
  EXPECT_FALSE(offers(driver, "send_agency_reminder"));
}

}  // namespace
}  // namespace casereview
