// The child death review's transition table, row by row, including refused
// steps: the JAR only where a trigger applies, the linked notification, and the
// panel's analysis kept consistent.
#include <gtest/gtest.h>

#include "casereview/workflows/factories.h"
#include "transition_table.h"

namespace casereview {
namespace {

using namespace testing_support;

const Date kToday = *Date::parse("2025-06-30");

Json list(std::initializer_list<const char*> items) {
  Json out = Json::array();
  for (const char* i : items) out.push(i);
  return out;
}

Json death(const char* expected = "unexpected", Json triggers = list({"sudden_no_apparent_cause"})) {
  return facts({{"date_of_death", "2024-06-01"},
                {"time_of_death", "06:40"},
                {"place_of_death", "home"},
                {"notified_on", "2024-06-01"},
                {"notified_time", "11:15"},
                {"expected", expected},
                {"jar_triggers", triggers},
                {"resident_local_authority", "Northam City Council"},
                {"notified_by", "Emergency department consultant"},
                {"summary", "Infant found unresponsive at home"},
                {"given_name", "Oliver"},
                {"family_name", "Example"},
                {"date_of_birth", "2024-02-10"},
                {"nhs_number", "943 476 5919"}});
}

Json with(Json base, const char* name, Json value) {
  base.set(name, std::move(value));
  return base;
}

Json review(const char* judgement, Json factors, const char* social = "2", const char* physical = "2") {
  return facts({{"reviewed_on", "2025-03-12"},
                {"category", "sudden_unexpected_unexplained"},
                {"score_child", "1"},
                {"score_social_environment", social},
                {"score_physical_environment", physical},
                {"score_service_provision", "1"},
                {"modifiable_factors", factors},
                {"judgement", judgement},
                {"learning", "Safer sleep advice must reflect situational risks."},
                {"learning_themes", list({"safer_sleeping"})}});
}

Json raise() {
  return facts({{"became_aware_on", "2024-06-03"},
                {"abuse_or_neglect", "suspected"},
                {"location", "in_area"},
                {"local_authority", "Northam City Council"}});
}

Json forms(std::initializer_list<const char*> agencies, const char* on = "2024-06-05") {
  return facts({{"agencies", list(agencies)}, {"requested_on", on}});
}

const Setup kNotified = path({{"notify_death", death()}});
const Setup kExpectedNotified = path({{"notify_death", death("expected", list({}))}});
const Setup kGathering = then(kNotified, {{"request_agency_information", forms({"GP", "Police"})}});
const Setup kMeetingHeld = then(
    kGathering,
    {{"record_review_meeting", facts({{"held_on", "2024-09-02"}, {"agencies_attended", list({"GP", "Police"})}})}});
const Setup kReviewed = then(
    kMeetingHeld, {{"record_panel_review", review("modifiable_factors_identified", list({"social.co_sleeping"}))}});
const Setup kClosed = then(kReviewed, {{"record_ncmd_submission", facts({{"submitted_on", "2025-03-20"}})}});

Json action(const char* ref) {
  return facts({{"ref", ref},
                {"recommendation", "Tailor safer sleep advice"},
                {"action", "Safer sleep training for health visitors"},
                {"owner_person", "Public health lead"},
                {"owner_agency", "Public health"},
                {"due_on", "2025-09-30"},
                {"desired_outcome", "Every family with situational risks receives tailored advice"},
                {"agreed_on", "2025-03-12"}});
}

std::vector<TransitionRow> rows() {
  return {
      {"notify_unexpected_with_jar",
       path({}),
       "notify_death",
       death(),
       Expect::Accepted,
       "notified",
       {"death_notified", "joint_agency_response_started"}},
      {"notify_expected",
       path({}),
       "notify_death",
       death("expected", list({})),
       Expect::Accepted,
       "notified",
       {"death_notified"}},
      {"notify_expected_with_trigger", path({}), "notify_death", death("expected"), Expect::Refused, "expected"},
      {"notify_before_death", path({}), "notify_death", with(death(), "notified_on", "2024-05-31"), Expect::Refused,
       "notified_on"},
      {"notify_born_after_death", path({}), "notify_death", with(death(), "date_of_birth", "2024-06-02"),
       Expect::Refused, "date_of_birth"},
      {"notify_an_adult", path({}), "notify_death", with(death(), "date_of_birth", "2006-06-01"), Expect::Refused,
       "date_of_birth"},
      {"notify_bad_nhs_number", path({}), "notify_death", with(death(), "nhs_number", "1234567890"), Expect::Refused,
       "nhs_number"},
      {"jar",
       kNotified,
       "record_jar_discussion",
       facts({{"held_on", "2024-06-01"}, {"held_time", "15:00"}, {"agencies", list({"Police", "Health"})}}),
       Expect::Accepted,
       "notified",
       {"jar_discussion_held"}},
      {"jar_when_not_required", kExpectedNotified, "record_jar_discussion",
       facts({{"held_on", "2024-06-01"}, {"agencies", list({"Police"})}}), Expect::Refused, ""},
      {"jar_twice",
       then(kNotified, {{"record_jar_discussion", facts({{"held_on", "2024-06-01"}, {"agencies", list({"Police"})}})}}),
       "record_jar_discussion", facts({{"held_on", "2024-06-02"}, {"agencies", list({"Police"})}}), Expect::Refused,
       "held_on"},
      {"jar_while_gathering",
       kGathering,
       "record_jar_discussion",
       facts({{"held_on", "2024-06-02"}, {"agencies", list({"Police"})}}),
       Expect::Accepted,
       "gathering_information",
       {"jar_discussion_held"}},
      {"raise_notification",
       kNotified,
       "raise_serious_incident_notification",
       raise(),
       Expect::Accepted,
       "notified",
       {"serious_incident_notification_raised"},
       "serious_incident_notification"},
      {"raise_notification_twice", then(kNotified, {{"raise_serious_incident_notification", raise()}}),
       "raise_serious_incident_notification", raise(), Expect::Refused, ""},
      {"raise_notification_before_death", kNotified, "raise_serious_incident_notification",
       with(raise(), "became_aware_on", "2024-05-30"), Expect::Refused, "became_aware_on"},
      {"raise_while_gathering",
       kGathering,
       "raise_serious_incident_notification",
       raise(),
       Expect::Accepted,
       "gathering_information",
       {"serious_incident_notification_raised"},
       "serious_incident_notification"},
      {"raise_after_meeting",
       kMeetingHeld,
       "raise_serious_incident_notification",
       raise(),
       Expect::Accepted,
       "review_meeting_held",
       {"serious_incident_notification_raised"},
       "serious_incident_notification"},
      {"raise_after_review",
       kReviewed,
       "raise_serious_incident_notification",
       raise(),
       Expect::Accepted,
       "panel_reviewed",
       {"serious_incident_notification_raised"},
       "serious_incident_notification"},
      {"request_forms",
       kNotified,
       "request_agency_information",
       forms({"GP", "Police"}),
       Expect::Accepted,
       "gathering_information",
       {"agency_information_requested"}},
      {"request_more_forms",
       kGathering,
       "request_agency_information",
       forms({"School"}, "2024-06-10"),
       Expect::Accepted,
       "gathering_information",
       {"agency_information_requested"}},
      {"form_returned",
       kGathering,
       "record_agency_return",
       facts({{"agency", "GP"}, {"returned_on", "2024-06-14"}}),
       Expect::Accepted,
       "gathering_information",
       {"agency_information_returned"}},
      {"form_reminder",
       kGathering,
       "send_agency_reminder",
       facts({{"agency", "Police"}, {"sent_on", "2024-06-20"}}),
       Expect::Accepted,
       "gathering_information",
       {"agency_reminder_sent"}},
      {"form_returned_after_meeting",
       kMeetingHeld,
       "record_agency_return",
       facts({{"agency", "Police"}, {"returned_on", "2024-09-03"}}),
       Expect::Accepted,
       "review_meeting_held",
       {"agency_information_returned"}},
      {"meeting",
       kGathering,
       "record_review_meeting",
       facts({{"held_on", "2024-09-02"}, {"agencies_attended", list({"GP"})}}),
       Expect::Accepted,
       "review_meeting_held",
       {"review_meeting_held"}},
      {"meeting_before_death", kGathering, "record_review_meeting",
       facts({{"held_on", "2024-05-01"}, {"agencies_attended", list({"GP"})}}), Expect::Refused, "held_on"},
      {"meeting_before_forms", kNotified, "record_review_meeting",
       facts({{"held_on", "2024-09-02"}, {"agencies_attended", list({"GP"})}}), Expect::NotAllowed, ""},
      {"review",
       kMeetingHeld,
       "record_panel_review",
       review("modifiable_factors_identified", list({"social.co_sleeping"})),
       Expect::Accepted,
       "panel_reviewed",
       {"panel_review_recorded"}},
      {"review_no_factors",
       kMeetingHeld,
       "record_panel_review",
       review("no_modifiable_factors", list({})),
       Expect::Accepted,
       "panel_reviewed",
       {"panel_review_recorded"}},
      {"review_factor_in_domain_scored_1", kMeetingHeld, "record_panel_review",
       review("modifiable_factors_identified", list({"social.co_sleeping"}), "1"), Expect::Refused,
       "modifiable_factors"},
      {"review_identified_without_factors", kMeetingHeld, "record_panel_review",
       review("modifiable_factors_identified", list({})), Expect::Refused, "modifiable_factors"},
      {"review_none_with_factors", kMeetingHeld, "record_panel_review",
       review("no_modifiable_factors", list({"social.co_sleeping"})), Expect::Refused, "judgement"},
      {"review_insufficient_without_a_0", kMeetingHeld, "record_panel_review",
       review("insufficient_information", list({})), Expect::Refused, "judgement"},
      {"review_insufficient",
       kMeetingHeld,
       "record_panel_review",
       review("insufficient_information", list({}), "0"),
       Expect::Accepted,
       "panel_reviewed",
       {"panel_review_recorded"}},
      {"review_before_meeting", kMeetingHeld, "record_panel_review",
       with(review("no_modifiable_factors", list({})), "reviewed_on", "2024-08-01"), Expect::Refused, "reviewed_on"},
      {"legacy_review",
       kMeetingHeld,
       "import_legacy_panel_review",
       review("modifiable_factors_identified", list({"social.co_sleeping"}), "3", "1*"),
       Expect::Accepted,
       "panel_reviewed",
       {"panel_review_recorded"}},
      {"legacy_review_1_star_is_1", kMeetingHeld, "import_legacy_panel_review",
       review("modifiable_factors_identified", list({"social.co_sleeping"}), "1*"), Expect::Refused,
       "modifiable_factors"},
      {"ncmd",
       kReviewed,
       "record_ncmd_submission",
       facts({{"submitted_on", "2025-03-20"}}),
       Expect::Accepted,
       "closed",
       {"ncmd_submission_recorded"}},
      {"ncmd_before_review", kReviewed, "record_ncmd_submission", facts({{"submitted_on", "2025-03-01"}}),
       Expect::Refused, "submitted_on"},
      {"add_action_reviewed",
       kReviewed,
       "add_action",
       action("R1"),
       Expect::Accepted,
       "panel_reviewed",
       {"action_added"}},
      {"update_action_reviewed",
       then(kReviewed, {{"add_action", action("R1")}}),
       "update_action",
       facts({{"ref", "R1"}, {"status", "in_progress"}, {"updated_on", "2025-03-20"}}),
       Expect::Accepted,
       "panel_reviewed",
       {"action_updated"}},
      {"add_action_closed", kClosed, "add_action", action("R2"), Expect::Accepted, "closed", {"action_added"}},
      {"update_action_closed",
       then(kClosed, {{"add_action", action("R2")}}),
       "update_action",
       facts(
           {{"ref", "R2"}, {"status", "completed"}, {"updated_on", "2025-06-01"}, {"evidence", "Training delivered"}}),
       Expect::Accepted,
       "closed",
       {"action_updated"}},
      {"add_action_before_review", kMeetingHeld, "add_action", action("R1"), Expect::NotAllowed, ""},
  };
}

class ChildDeathReviewTransitions : public ::testing::TestWithParam<TransitionRow> {};

TEST_P(ChildDeathReviewTransitions, DecideAsTheTableSays) {
  check_row(*workflows::make_child_death_review_workflow(), kToday, GetParam());
}

INSTANTIATE_TEST_SUITE_P(Rows, ChildDeathReviewTransitions, ::testing::ValuesIn(rows()),
                         [](const auto& row) { return row.param.name; });

TEST(ChildDeathReviewTable, EveryTransitionHasAnAcceptedRow) {
  for (const auto& t : untested_transitions(*workflows::make_child_death_review_workflow(), kToday, rows())) {
    ADD_FAILURE() << "no row takes " << t.from << " --" << t.command << "--> " << t.to;
  }
}

TEST(ChildDeathReviewTable, RefusesEveryCommandWithoutARow) {
  expect_commands_without_rows_refused(*workflows::make_child_death_review_workflow(), kToday);
}

TEST(ChildDeathReviewTable, RecordsTimesInEnglandAndAnAgeGroupNotTheBirthDate) {
  const auto workflow = workflows::make_child_death_review_workflow();
  WorkflowDriver driver(*workflow, kToday);
  const Accepted accepted = std::get<Accepted>(driver.run("notify_death", death()));
  const Json& payload = accepted.events.at(0).payload;
  EXPECT_EQ(payload["died_at"].as_string(), "2024-06-01T05:40:00Z");  // 06:40 British Summer Time
  EXPECT_EQ(payload["effective_at"].as_string(), "2024-06-01T10:15:00Z");
  EXPECT_EQ(payload["age_group"].as_string(), "infant");
}

TEST(ChildDeathReviewTable, LegacyScoresAreMappedAndKept) {
  const auto workflow = workflows::make_child_death_review_workflow();
  WorkflowDriver driver(*workflow, kToday);
  kMeetingHeld(driver);
  const Accepted accepted = std::get<Accepted>(driver.run(
      "import_legacy_panel_review", review("modifiable_factors_identified", list({"social.co_sleeping"}), "3", "1*")));
  const Json& payload = accepted.events.at(0).payload;
  EXPECT_EQ(payload["scores"]["social_environment"].as_integer(), 2);
  EXPECT_EQ(payload["scores"]["physical_environment"].as_integer(), 1);
  EXPECT_EQ(payload["legacy_scores"]["social_environment"].as_string(), "3");
  EXPECT_FALSE(payload.contains("score_social_environment"));
  EXPECT_EQ(accepted.outcome, "Reviewed: Sudden unexpected, unexplained death; modifiable factors identified");
}

}  // namespace
}  // namespace casereview
