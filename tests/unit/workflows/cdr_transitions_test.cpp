// The child death review's transition table, row by row, including refused
// steps: the JAR wherever a trigger applies (an expected death in custody
// too), the linked notification, reporting forms answered in structure, the
// key worker, a hold for an inquest or a criminal process, and the panel's
// analysis kept consistent (one category, by the form's rule). Some rows start
// from a case as the rules before December 2026 recorded it.
#include <gtest/gtest.h>

#include <algorithm>

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

// The notification form in full, as the NCMD collects it.
Json full_notification() {
  Json f = death("expected", list({"in_custody_or_detained"}));
  f.set("place_of_death", "other");
  f.set("date_of_birth", "2008-03-02");
  f.set("summary", "Young person died in a secure setting after a long illness");
  f.set("sex", "male");
  f.set("ethnicity", "white_british");
  f.set("looked_after", "yes");
  f.set("child_protection_plan", "no");
  f.set("coroner_informed", "yes");
  f.set("post_mortem", "coronial");
  f.set("home_address", "1 Example Street, Northam");
  f.set("general_practitioner", "Dr Example, Northam Health Centre");
  f.set("professionals_involved", list({"A. Nurse, school nurse", "B. Worker, social worker"}));
  return f;
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

Json forms_with(std::initializer_list<const char*> agencies, std::initializer_list<const char*> supplementary) {
  return with(forms(agencies), "supplementary_forms", list(supplementary));
}

// A reporting form returned with its answers.
Json answered(const char* agency, std::initializer_list<const char*> supplementary = {}) {
  Json f = facts({{"agency", agency},
                  {"returned_on", "2024-06-14"},
                  {"involvement", "before_the_death"},
                  {"involvement_summary", "Routine contacts; safer sleep advice given at the new birth visit."},
                  {"child_factors", "Born at term; no health concerns."},
                  {"family_environment", "Parents reported sofa sleeping when tired."},
                  {"service_provision", "No concern about the services given."},
                  {"bereavement_support_offered", "yes"},
                  {"bereavement_support", "Referred to a bereavement charity."},
                  {"completed_by", "C. Visitor, health visitor"}});
  if (supplementary.size()) {
    f.set("supplementary_forms_answered", list(supplementary));
    f.set("supplementary_answers", "Sleeping on a sofa with a parent; no smoking in the home.");
  }
  return f;
}

Json key_worker(const char* on = "2024-06-03") {
  return facts({{"appointed_on", on},
                {"key_worker_role", "Specialist nurse for child death, Northam"},
                {"key_worker_name", "D. Keyworker"},
                {"bereavement_support_offered", "yes"},
                {"support_given", "Leaflet on the review; bereavement charity referral; key worker's number."},
                {"family_told_of_review", true}});
}

Json hold(const char* from = "2024-07-01", const char* held_for = "inquest") {
  return facts({{"held_from", from},
                {"held_for", held_for},
                {"reason", "The coroner opened an inquest and adjourned it until the post-mortem results."}});
}

const Setup kNotified = path({{"notify_death", death()}});
const Setup kExpectedNotified = path({{"notify_death", death("expected", list({}))}});
const Setup kExpectedInCustody = path({{"notify_death", full_notification()}});
const Setup kGathering = then(kNotified, {{"request_agency_information", forms({"GP", "Police"})}});
const Setup kMeetingHeld = then(
    kGathering,
    {{"record_review_meeting", facts({{"held_on", "2024-09-02"}, {"agencies_attended", list({"GP", "Police"})}})}});
const Setup kGatheringWithSupplementary =
    then(kNotified, {{"request_agency_information", forms_with({"GP", "Police"}, {"sudden_unexpected_death"})}});
const Setup kHeldWhileGathering = then(kGathering, {{"put_review_on_hold", hold()}});
const Setup kHeldAfterMeeting =
    then(kMeetingHeld, {{"put_review_on_hold", hold("2024-09-10", "criminal_proceedings")}});
// A case notified and sent its forms under the rules before December 2026: the
// notification had none of the form's later members, and supplementary forms
// were named in free text.
void as_recorded_before_ncmd_forms(WorkflowDriver& driver) {
  for (Event& e : driver.history_as_recorded()) {
    if (e.type != "agency_information_requested") continue;
    Json payload = Json::parse(e.payload);
    payload.set("supplementary_forms", list({"SUDI form (Form B2)"}));
    e.payload = payload.canonical();
  }
}
const Setup kOldGathering =
    rewritten(kGathering, [](WorkflowDriver& driver) { as_recorded_before_ncmd_forms(driver); });
const Setup kOldHeld = then(kOldGathering, {{"put_review_on_hold", hold()}});
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
      {"notify_expected_in_custody_needs_a_jar",
       path({}),
       "notify_death",
       death("expected", list({"in_custody_or_detained"})),
       Expect::Accepted,
       "notified",
       {"death_notified", "joint_agency_response_started"}},
      {"notify_expected_external_cause_needs_a_jar",
       path({}),
       "notify_death",
       death("expected", list({"external_cause"})),
       Expect::Accepted,
       "notified",
       {"death_notified", "joint_agency_response_started"}},
      {"notify_with_the_full_notification_form",
       path({}),
       "notify_death",
       full_notification(),
       Expect::Accepted,
       "notified",
       {"death_notified", "joint_agency_response_started"}},
      {"notify_expected_but_sudden_without_cause", path({}), "notify_death", death("expected"), Expect::Refused,
       "expected"},
      {"notify_unattended_stillbirth_without_its_trigger", path({}), "notify_death",
       with(death(), "suspected_unattended_stillbirth", true), Expect::Refused, "jar_triggers"},
      {"notify_unattended_stillbirth",
       path({}),
       "notify_death",
       with(with(with(death("unexpected", list({"stillbirth_no_health_professional"})), "date_of_birth", "2024-06-01"),
                 "suspected_unattended_stillbirth", true),
            "summary", "Suspected stillbirth at home, no midwife present"),
       Expect::Accepted,
       "notified",
       {"death_notified", "joint_agency_response_started"}},
      {"notify_on_the_day_before_the_time_of_death", path({}), "notify_death", with(death(), "notified_time", "06:30"),
       Expect::Refused, "notified_time"},
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
      {"jar_after_an_expected_death_in_custody",
       kExpectedInCustody,
       "record_jar_discussion",
       facts({{"held_on", "2024-06-01"}, {"agencies", list({"Police", "Health", "Prison service"})}}),
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
      {"raise_notification_for_a_looked_after_child_without_suspected_abuse",
       kNotified,
       "raise_serious_incident_notification",
       with(with(raise(), "abuse_or_neglect", "not_suspected"), "looked_after_child", true),
       Expect::Accepted,
       "notified",
       {"serious_incident_notification_raised"},
       "serious_incident_notification"},
      {"raise_notification_without_suspected_abuse_for_a_child_not_looked_after", kNotified,
       "raise_serious_incident_notification", with(raise(), "abuse_or_neglect", "not_suspected"), Expect::Refused,
       "abuse_or_neglect"},
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
      {"request_forms_with_supplementary",
       kNotified,
       "request_agency_information",
       forms_with({"GP"}, {"sudden_unexpected_death", "neonatal"}),
       Expect::Accepted,
       "gathering_information",
       {"agency_information_requested"}},
      {"form_answered_in_structure",
       kGatheringWithSupplementary,
       "record_agency_return",
       answered("GP", {"sudden_unexpected_death"}),
       Expect::Accepted,
       "gathering_information",
       {"agency_information_returned"}},
      {"form_answers_a_supplementary_form_not_sent", kGatheringWithSupplementary, "record_agency_return",
       answered("GP", {"neonatal"}), Expect::Refused, "supplementary_forms_answered"},
      {"form_support_offered_but_not_said", kGathering, "record_agency_return",
       with(answered("GP"), "bereavement_support", Json()), Expect::Refused, "bereavement_support"},
      {"form_from_an_agency_not_asked", kGathering, "record_agency_return", answered("School"), Expect::Refused,
       "agency"},
      {"old_case_form_returned",
       kOldGathering,
       "record_agency_return",
       answered("GP"),
       Expect::Accepted,
       "gathering_information",
       {"agency_information_returned"}},
      {"old_case_form_answers_a_free_text_form", kOldGathering, "record_agency_return",
       answered("GP", {"sudden_unexpected_death"}), Expect::Refused, "supplementary_forms_answered"},
      {"key_worker_notified",
       kNotified,
       "record_key_worker",
       key_worker(),
       Expect::Accepted,
       "notified",
       {"key_worker_recorded"}},
      {"key_worker_gathering",
       kGathering,
       "record_key_worker",
       key_worker("2024-06-10"),
       Expect::Accepted,
       "gathering_information",
       {"key_worker_recorded"}},
      {"key_worker_after_meeting",
       kMeetingHeld,
       "record_key_worker",
       key_worker("2024-09-03"),
       Expect::Accepted,
       "review_meeting_held",
       {"key_worker_recorded"}},
      {"key_worker_on_hold",
       kHeldWhileGathering,
       "record_key_worker",
       key_worker("2024-07-02"),
       Expect::Accepted,
       "on_hold",
       {"key_worker_recorded"}},
      {"key_worker_before_death", kNotified, "record_key_worker", key_worker("2024-05-30"), Expect::Refused,
       "appointed_on"},
      {"key_worker_support_offered_but_not_said", kNotified, "record_key_worker",
       with(key_worker(), "support_given", Json()), Expect::Refused, "support_given"},
      {"key_worker_after_review", kReviewed, "record_key_worker", key_worker("2025-03-13"), Expect::NotAllowed, ""},
      {"hold_while_gathering",
       kGathering,
       "put_review_on_hold",
       hold(),
       Expect::Accepted,
       "on_hold",
       {"review_put_on_hold"}},
      {"hold_after_meeting",
       kMeetingHeld,
       "put_review_on_hold",
       hold("2024-09-10", "criminal_proceedings"),
       Expect::Accepted,
       "on_hold",
       {"review_put_on_hold"}},
      {"hold_before_death", kGathering, "put_review_on_hold", hold("2024-05-01"), Expect::Refused, "held_from"},
      {"hold_before_forms", kNotified, "put_review_on_hold", hold(), Expect::NotAllowed, ""},
      {"hold_twice", kHeldWhileGathering, "put_review_on_hold", hold("2024-07-02"), Expect::NotAllowed, ""},
      {"meeting_while_on_hold", kHeldWhileGathering, "record_review_meeting",
       facts({{"held_on", "2024-09-02"}, {"agencies_attended", list({"GP"})}}), Expect::NotAllowed, ""},
      {"form_returned_on_hold",
       kHeldWhileGathering,
       "record_agency_return",
       with(answered("Police"), "returned_on", "2024-07-05"),
       Expect::Accepted,
       "on_hold",
       {"agency_information_returned"}},
      {"reminder_on_hold",
       kHeldWhileGathering,
       "send_agency_reminder",
       facts({{"agency", "Police"}, {"sent_on", "2024-07-05"}}),
       Expect::Accepted,
       "on_hold",
       {"agency_reminder_sent"}},
      {"raise_on_hold",
       kHeldWhileGathering,
       "raise_serious_incident_notification",
       raise(),
       Expect::Accepted,
       "on_hold",
       {"serious_incident_notification_raised"},
       "serious_incident_notification"},
      {"resume_to_gathering",
       kHeldWhileGathering,
       "resume_review",
       facts({{"resumed_on", "2024-10-01"}, {"note", "Inquest concluded."}}),
       Expect::Accepted,
       "gathering_information",
       {"review_resumed"}},
      {"resume_to_meeting_held",
       kHeldAfterMeeting,
       "resume_review",
       facts({{"resumed_on", "2024-12-01"}}),
       Expect::Accepted,
       "review_meeting_held",
       {"review_resumed"}},
      {"resume_before_the_hold", kHeldWhileGathering, "resume_review", facts({{"resumed_on", "2024-06-20"}}),
       Expect::Refused, "resumed_on"},
      {"resume_when_not_held", kGathering, "resume_review", facts({{"resumed_on", "2024-10-01"}}), Expect::NotAllowed,
       ""},
      {"old_case_held_and_resumed",
       then(kOldHeld, {{"record_agency_return", with(answered("GP"), "returned_on", "2024-07-05")}}),
       "resume_review",
       facts({{"resumed_on", "2024-10-01"}}),
       Expect::Accepted,
       "gathering_information",
       {"review_resumed"}},
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
      {"review_two_categories_highest_recorded",
       kMeetingHeld,
       "record_panel_review",
       with(with(review("no_modifiable_factors", list({})), "applicable_categories",
                 list({"sudden_unexpected_unexplained", "infection"})),
            "category", "infection"),
       Expect::Accepted,
       "panel_reviewed",
       {"panel_review_recorded"}},
      {"review_two_categories_lower_recorded", kMeetingHeld, "record_panel_review",
       with(review("no_modifiable_factors", list({})), "applicable_categories",
            list({"sudden_unexpected_unexplained", "infection"})),
       Expect::Refused, "category"},
      {"review_category_not_among_those_that_apply", kMeetingHeld, "record_panel_review",
       with(review("no_modifiable_factors", list({})), "applicable_categories", list({"infection"})), Expect::Refused,
       "category"},
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

TEST(ChildDeathReviewTable, AcceptedRowsSendFactsTheSpecAccepts) {
  expect_accepted_rows_send_valid_facts(*workflows::make_child_death_review_workflow(), kToday, rows());
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

// The facts the engine keeps out of the event log: the child, the family, and
// the professionals whose names identify the family's case.
TEST(ChildDeathReviewTable, IdentifyingFactsAreTheChildFamilyAndProfessionalsNames) {
  const auto workflow = workflows::make_child_death_review_workflow();
  std::vector<std::string> identifying;
  for (const CommandSpec& command : workflow->spec().commands) {
    for (const FieldSpec& field : command.fields) {
      if (field.identifying) identifying.push_back(command.name + "." + field.name);
    }
  }
  EXPECT_EQ(identifying, (std::vector<std::string>{
                             "notify_death.given_name", "notify_death.family_name", "notify_death.date_of_birth",
                             "notify_death.nhs_number", "notify_death.home_address", "notify_death.family_members",
                             "notify_death.general_practitioner", "notify_death.professionals_involved",
                             "record_agency_return.completed_by", "record_key_worker.key_worker_name"}));
}

TEST(ChildDeathReviewTable, TheNotificationFormComesInSectionsInOrder) {
  const auto workflow = workflows::make_child_death_review_workflow();
  std::vector<std::string> order;
  for (const FieldSpec& field : workflow->spec().command("notify_death")->fields) {
    EXPECT_FALSE(field.section.empty()) << field.name;
    if (order.empty() || order.back() != field.section) order.push_back(field.section);
  }
  EXPECT_EQ(order, (std::vector<std::string>{"The death", "The notification", "About the child", "The child's status",
                                             "Coroner and post-mortem", "Professionals involved"}));
}

// Codes a form does not list are refused before any rule is applied.
TEST(ChildDeathReviewTable, FormsTakeOnlyTheirListedCodes) {
  const auto workflow = workflows::make_child_death_review_workflow();
  const Vocabularies vocabularies = test_vocabularies();
  const std::map<long long, Reviewer> reviewers;
  const FactReferences refs{vocabularies, reviewers};
  const auto problems = [&](const char* command, const Json& facts) {
    std::vector<std::string> fields;
    for (const FactProblem& p : validate_facts(*workflow->spec().command(command), facts, kToday, refs)) {
      fields.push_back(p.field);
    }
    return fields;
  };
  EXPECT_TRUE(problems("notify_death", full_notification()).empty());
  EXPECT_EQ(problems("notify_death", with(death(), "ethnicity", "british")), std::vector<std::string>{"ethnicity"});
  EXPECT_TRUE(problems("request_agency_information", forms_with({"GP"}, {"sudden_unexpected_death"})).empty());
  EXPECT_EQ(problems("request_agency_information", forms_with({"GP"}, {"sudi_form"})),
            std::vector<std::string>{"supplementary_forms"});
  EXPECT_TRUE(problems("record_agency_return", answered("GP", {"neonatal"})).empty());
  EXPECT_EQ(problems("put_review_on_hold", with(hold(), "held_for", "trial")), std::vector<std::string>{"held_for"});
  EXPECT_EQ(problems("record_panel_review",
                     with(review("no_modifiable_factors", list({})), "applicable_categories", list({"sudden"}))),
            std::vector<std::string>{"applicable_categories"});
}

TEST(ChildDeathReviewTable, TwoApplicableCategoriesRecordTheRuleWithTheCategory) {
  const auto workflow = workflows::make_child_death_review_workflow();
  WorkflowDriver driver(*workflow, kToday);
  kMeetingHeld(driver);
  const Accepted accepted = std::get<Accepted>(
      driver.run("record_panel_review", with(with(review("no_modifiable_factors", list({})), "applicable_categories",
                                                  list({"sudden_unexpected_unexplained", "infection"})),
                                             "category", "infection")));
  const Json& payload = accepted.events.at(0).payload;
  EXPECT_EQ(payload["category"].as_string(), "infection");
  EXPECT_EQ(payload["category_rule"].as_string(), "highest_applicable_in_list");
  EXPECT_EQ(payload["applicable_categories"].items().size(), 2U);
}

// A case opened before December 2026 offers the new steps where its state has
// them, and its recorded notification still decides the JAR.
TEST(ChildDeathReviewTable, AnOldCaseIsOfferedTheNewStepsOfItsState) {
  const auto workflow = workflows::make_child_death_review_workflow();
  WorkflowDriver driver(*workflow, kToday);
  kOldGathering(driver);
  const auto offered = driver.offered();
  for (const char* step : {"record_key_worker", "put_review_on_hold", "record_agency_return"}) {
    EXPECT_NE(std::find(offered.begin(), offered.end(), step), offered.end()) << step;
  }
  EXPECT_TRUE(std::holds_alternative<Accepted>(
      driver.run("record_jar_discussion", facts({{"held_on", "2024-06-02"}, {"agencies", list({"Police"})}}))));
}

}  // namespace
}  // namespace casereview
