// The serious incident notification's transition table, row by row, including
// the steps it must refuse: these are the API's 409 and 422 cases.
#include <gtest/gtest.h>

#include <algorithm>

#include "casereview/workflows/factories.h"
#include "transition_table.h"

namespace casereview {
namespace {

using namespace testing_support;

const Date kToday = *Date::parse("2024-06-28");

Json opening(const char* abuse = "suspected", bool looked_after = false, const char* harm = "serious_harm") {
  return facts({{"became_aware_on", "2024-06-03"},
                {"harm", harm},
                {"abuse_or_neglect", abuse},
                {"location", "in_area"},
                {"looked_after_child", looked_after},
                {"local_authority", "Northam City Council"},
                {"summary", "Infant with unexplained injuries"}});
}

Json care_leaver(long long age, const char* harm = "death", const char* abuse = "not_suspected") {
  Json f = opening(abuse, false, harm);
  f.set("care_leaver", true);
  f.set("age", age);
  return f;
}

// `f` with the child's date of birth (an identifying fact) and, when `age` is
// negative, no age: the age is then worked out from the date of birth.
Json born_on(Json f, const char* date_of_birth, long long age = -1) {
  f.set("date_of_birth", date_of_birth);
  if (age < 0) {
    Json without = Json::object();
    for (const auto& [name, value] : f.members()) {
      if (name != "age") without.set(name, value);
    }
    return without;
  }
  f.set("age", age);
  return f;
}

Json partners_on(const char* date) {
  Json who = Json::array();
  who.push("Police");
  return facts({{"informed_on", date}, {"partners", who}});
}

Json on(const char* field, const char* date) { return facts({{field, date}}); }

const char* kReason = "The strategy discussion found no abuse or neglect concerns.";

const Setup kNotOpened = path({});
const Setup kDue = path({{"open_notification", opening()}});
const Setup kLookedAfterDeathDue = path({{"open_notification", opening("suspected", true, "death")}});
const Setup kCareLeaverDue = path({{"open_notification", care_leaver(19)}});
const Setup kLookedAfterDeathWithoutAbuseDue = path({{"open_notification", opening("not_suspected", true, "death")}});
const Setup kYoungCareLeaverNeglectDue = path({{"open_notification", care_leaver(17, "death", "suspected")}});
const Setup kPartnersTold = then(kDue, {{"record_partners_informed", partners_on("2024-06-04")}});
const Setup kNotified = then(kDue, {{"submit_notification", on("submitted_on", "2024-06-06")}});
const Setup kLookedAfterNotified =
    then(kLookedAfterDeathDue, {{"submit_notification", on("submitted_on", "2024-06-06")}});
const Setup kCareLeaverNotified = then(kCareLeaverDue, {{"submit_notification", on("submitted_on", "2024-06-06")}});
// A case opened and notified under the rules before December 2026: its opening
// did not say whether it was a serious incident, and the submission reached
// only the Panel, so Ofsted and the Secretary of State were recorded apart.
void as_recorded_before_routes(WorkflowDriver& driver) {
  auto& history = driver.history_as_recorded();
  for (Event& e : history) {
    if (e.type != "notification_opened") continue;
    Json payload = Json::object();
    const Json recorded = Json::parse(e.payload);
    for (const auto& [name, value] : recorded.members()) {
      if (name != "serious_incident") payload.set(name, value);
    }
    e.payload = payload.canonical();
  }
  history.erase(std::remove_if(history.begin(), history.end(),
                               [](const Event& e) {
                                 return e.type == "ofsted_notified" || e.type == "secretary_of_state_notified";
                               }),
                history.end());
}
const Setup kLegacyLookedAfterNotified =
    rewritten(kLookedAfterNotified, [](WorkflowDriver& driver) { as_recorded_before_routes(driver); });
const Setup kLegacyCareLeaverNotified =
    rewritten(kCareLeaverNotified, [](WorkflowDriver& driver) { as_recorded_before_routes(driver); });
const Setup kLegacyLookedAfterWithoutAbuseDue =
    rewritten(kLookedAfterDeathWithoutAbuseDue, [](WorkflowDriver& driver) { as_recorded_before_routes(driver); });
const Setup kClosed =
    then(kDue, {{"record_criteria_not_met", facts({{"decided_on", "2024-06-05"}, {"reason", kReason}})}});

std::vector<TransitionRow> rows() {
  return {
      {"open",
       kNotOpened,
       "open_notification",
       opening(),
       Expect::Accepted,
       "notification_due",
       {"notification_opened"}},
      {"open_looked_after_death",
       kNotOpened,
       "open_notification",
       opening("suspected", true, "death"),
       Expect::Accepted,
       "notification_due",
       {"notification_opened", "looked_after_death_recorded"}},
      {"open_looked_after_death_without_abuse",
       kNotOpened,
       "open_notification",
       opening("not_suspected", true, "death"),
       Expect::Accepted,
       "notification_due",
       {"notification_opened", "looked_after_death_recorded"}},
      {"open_care_leaver_death",
       kNotOpened,
       "open_notification",
       care_leaver(24),
       Expect::Accepted,
       "notification_due",
       {"notification_opened", "care_leaver_death_recorded"}},
      {"open_care_leaver_under_18_with_suspected_neglect",
       kNotOpened,
       "open_notification",
       care_leaver(17, "death", "suspected"),
       Expect::Accepted,
       "notification_due",
       {"notification_opened", "care_leaver_death_recorded"}},
      {"open_care_leaver_under_18_harmed_with_suspected_abuse",
       kNotOpened,
       "open_notification",
       care_leaver(17, "serious_harm", "suspected"),
       Expect::Accepted,
       "notification_due",
       {"notification_opened"}},
      {"open_care_leaver_of_15", kNotOpened, "open_notification", care_leaver(15), Expect::Refused, "age"},
      // The age comes from the date of birth when it is not given, and must agree with it when it is.
      {"open_care_leaver_aged_19_by_date_of_birth",
       kNotOpened,
       "open_notification",
       born_on(care_leaver(0), "2005-01-01"),
       Expect::Accepted,
       "notification_due",
       {"notification_opened", "care_leaver_death_recorded"}},
      {"open_care_leaver_aged_11_by_date_of_birth", kNotOpened, "open_notification",
       born_on(care_leaver(0), "2013-01-01"), Expect::Refused, "age"},
      {"open_care_leaver_whose_age_the_date_of_birth_contradicts", kNotOpened, "open_notification",
       born_on(care_leaver(19), "2013-01-01", 19), Expect::Refused, "age"},
      {"open_adult_by_date_of_birth", kNotOpened, "open_notification", born_on(opening(), "2000-01-01"),
       Expect::Refused, "age"},
      {"open_with_date_of_birth_after_awareness", kNotOpened, "open_notification", born_on(opening(), "2024-06-04"),
       Expect::Refused, "date_of_birth"},
      {"open_care_leaver_over_18_harmed_with_suspected_abuse", kNotOpened, "open_notification",
       care_leaver(20, "serious_harm", "suspected"), Expect::Refused, "harm"},
      {"open_without_abuse_or_neglect", kNotOpened, "open_notification", opening("not_suspected"), Expect::Refused,
       "abuse_or_neglect"},
      {"open_looked_after_harm_without_abuse", kNotOpened, "open_notification",
       opening("not_suspected", true, "serious_harm"), Expect::Refused, "abuse_or_neglect"},
      {"open_care_leaver_of_25", kNotOpened, "open_notification", care_leaver(25), Expect::Refused, "age"},
      {"open_care_leaver_harm", kNotOpened, "open_notification", care_leaver(20, "serious_harm"), Expect::Refused,
       "harm"},
      {"open_looked_after_and_care_leaver", kNotOpened, "open_notification",
       [] {
         Json f = care_leaver(19);
         f.set("looked_after_child", true);
         return f;
       }(),
       Expect::Refused, "care_leaver"},
      {"open_adult_not_care_leaver", kNotOpened, "open_notification",
       [] {
         Json f = opening();
         f.set("age", 19);
         return f;
       }(),
       Expect::Refused, "age"},
      {"open_with_bad_nhs_number", kNotOpened, "open_notification",
       [] {
         Json f = opening();
         f.set("nhs_number", "943 476 5918");
         return f;
       }(),
       Expect::Refused, "nhs_number"},
      {"open_twice", kDue, "open_notification", opening(), Expect::NotAllowed, ""},
      {"submit",
       kDue,
       "submit_notification",
       on("submitted_on", "2024-06-06"),
       Expect::Accepted,
       "notified",
       {"notification_submitted"},
       "rapid_review"},
      {"submit_care_leaver",
       kCareLeaverDue,
       "submit_notification",
       on("submitted_on", "2024-06-06"),
       Expect::Accepted,
       "notified_no_rapid_review",
       {"notification_submitted", "secretary_of_state_notified", "ofsted_notified"}},
      {"submit_looked_after_death_without_abuse",
       kLookedAfterDeathWithoutAbuseDue,
       "submit_notification",
       on("submitted_on", "2024-06-06"),
       Expect::Accepted,
       "notified_no_rapid_review",
       {"notification_submitted", "secretary_of_state_notified", "ofsted_notified"}},
      {"submit_looked_after_death_with_suspected_abuse",
       kLookedAfterDeathDue,
       "submit_notification",
       on("submitted_on", "2024-06-06"),
       Expect::Accepted,
       "notified",
       {"notification_submitted", "secretary_of_state_notified", "ofsted_notified"},
       "rapid_review"},
      {"submit_care_leaver_under_18_with_suspected_neglect",
       kYoungCareLeaverNeglectDue,
       "submit_notification",
       on("submitted_on", "2024-06-06"),
       Expect::Accepted,
       "notified",
       {"notification_submitted", "secretary_of_state_notified", "ofsted_notified"},
       "rapid_review"},
      {"submit_looked_after_ofsted_already_told",
       then(kLookedAfterDeathWithoutAbuseDue, {{"record_ofsted_notified", on("notified_on", "2024-06-04")}}),
       "submit_notification",
       on("submitted_on", "2024-06-06"),
       Expect::Accepted,
       "notified_no_rapid_review",
       {"notification_submitted", "secretary_of_state_notified"}},
      // Opened before the routes existed: the rule of the time (every case but a
      // care leaver's went to the Panel and its rapid review).
      {"submit_legacy_looked_after_death_without_abuse",
       kLegacyLookedAfterWithoutAbuseDue,
       "submit_notification",
       on("submitted_on", "2024-06-06"),
       Expect::Accepted,
       "notified",
       {"notification_submitted", "secretary_of_state_notified", "ofsted_notified"},
       "rapid_review"},
      {"submit_before_aware", kDue, "submit_notification", on("submitted_on", "2024-05-31"), Expect::Refused,
       "submitted_on"},
      {"submit_care_leaver_before_aware", kCareLeaverDue, "submit_notification", on("submitted_on", "2024-05-31"),
       Expect::Refused, "submitted_on"},
      {"criteria_not_met",
       kDue,
       "record_criteria_not_met",
       facts({{"decided_on", "2024-06-05"}, {"reason", kReason}}),
       Expect::Accepted,
       "criteria_not_met",
       {"criteria_not_met_recorded"}},
      {"criteria_not_met_unreasoned", kDue, "record_criteria_not_met",
       facts({{"decided_on", "2024-06-05"}, {"reason", "Not met."}}), Expect::Refused, "reason"},
      {"criteria_not_met_before_aware", kDue, "record_criteria_not_met",
       facts({{"decided_on", "2024-06-01"}, {"reason", kReason}}), Expect::Refused, "decided_on"},
      // A looked-after child's or care leaver's death is notified whatever the
      // criteria: there is no serious-incident decision to record.
      {"criteria_not_met_for_looked_after_death_without_abuse", kLookedAfterDeathWithoutAbuseDue,
       "record_criteria_not_met", facts({{"decided_on", "2024-06-05"}, {"reason", kReason}}), Expect::NotAllowed, ""},
      {"criteria_not_met_for_care_leaver", kCareLeaverDue, "record_criteria_not_met",
       facts({{"decided_on", "2024-06-05"}, {"reason", kReason}}), Expect::NotAllowed, ""},
      {"partners_while_due",
       kDue,
       "record_partners_informed",
       partners_on("2024-06-04"),
       Expect::Accepted,
       "notification_due",
       {"partners_informed"}},
      {"partners_before_aware", kDue, "record_partners_informed", partners_on("2024-06-02"), Expect::Refused,
       "informed_on"},
      {"partners_twice", kPartnersTold, "record_partners_informed", partners_on("2024-06-05"), Expect::Refused,
       "informed_on"},
      {"partners_while_notified",
       kNotified,
       "record_partners_informed",
       partners_on("2024-06-07"),
       Expect::Accepted,
       "notified",
       {"partners_informed"}},
      {"partners_after_care_leaver_notification",
       kCareLeaverNotified,
       "record_partners_informed",
       partners_on("2024-06-07"),
       Expect::Accepted,
       "notified_no_rapid_review",
       {"partners_informed"}},
      {"ofsted_while_due",
       kLookedAfterDeathDue,
       "record_ofsted_notified",
       on("notified_on", "2024-06-04"),
       Expect::Accepted,
       "notification_due",
       {"ofsted_notified"}},
      {"ofsted_after_notification_already_told", kLookedAfterNotified, "record_ofsted_notified",
       on("notified_on", "2024-06-07"), Expect::NotAllowed, ""},
      {"ofsted_after_legacy_notification",
       kLegacyLookedAfterNotified,
       "record_ofsted_notified",
       on("notified_on", "2024-06-07"),
       Expect::Accepted,
       "notified",
       {"ofsted_notified"}},
      {"ofsted_after_legacy_care_leaver_notification",
       kLegacyCareLeaverNotified,
       "record_ofsted_notified",
       on("notified_on", "2024-06-07"),
       Expect::Accepted,
       "notified_no_rapid_review",
       {"ofsted_notified"}},
      {"ofsted_for_care_leaver_while_due",
       kCareLeaverDue,
       "record_ofsted_notified",
       on("notified_on", "2024-06-04"),
       Expect::Accepted,
       "notification_due",
       {"ofsted_notified"}},
      {"ofsted_not_looked_after", kDue, "record_ofsted_notified", on("notified_on", "2024-06-04"), Expect::NotAllowed,
       ""},
      {"secretary_of_state_not_looked_after", kDue, "record_secretary_of_state_notified",
       on("notified_on", "2024-06-04"), Expect::NotAllowed, ""},
      {"ofsted_twice", then(kLookedAfterDeathDue, {{"record_ofsted_notified", on("notified_on", "2024-06-04")}}),
       "record_ofsted_notified", on("notified_on", "2024-06-05"), Expect::NotAllowed, ""},
      {"ofsted_before_aware", kLookedAfterDeathDue, "record_ofsted_notified", on("notified_on", "2024-06-01"),
       Expect::Refused, "notified_on"},
      {"secretary_of_state_while_due",
       kLookedAfterDeathDue,
       "record_secretary_of_state_notified",
       on("notified_on", "2024-06-04"),
       Expect::Accepted,
       "notification_due",
       {"secretary_of_state_notified"}},
      {"secretary_of_state_after_legacy_notification",
       kLegacyLookedAfterNotified,
       "record_secretary_of_state_notified",
       on("notified_on", "2024-06-07"),
       Expect::Accepted,
       "notified",
       {"secretary_of_state_notified"}},
      {"secretary_of_state_after_legacy_care_leaver_notification",
       kLegacyCareLeaverNotified,
       "record_secretary_of_state_notified",
       on("notified_on", "2024-06-07"),
       Expect::Accepted,
       "notified_no_rapid_review",
       {"secretary_of_state_notified"}},
      {"secretary_of_state_before_aware", kLookedAfterDeathDue, "record_secretary_of_state_notified",
       on("notified_on", "2024-06-01"), Expect::Refused, "notified_on"},
      {"notify_twice", kNotified, "submit_notification", on("submitted_on", "2024-06-07"), Expect::NotAllowed, ""},
      {"criteria_not_met_after_notification", kNotified, "record_criteria_not_met",
       facts({{"decided_on", "2024-06-07"}, {"reason", kReason}}), Expect::NotAllowed, ""},
      {"submit_when_closed", kClosed, "submit_notification", on("submitted_on", "2024-06-06"), Expect::NotAllowed, ""},
      {"partners_when_closed", kClosed, "record_partners_informed", partners_on("2024-06-06"), Expect::NotAllowed, ""},
      {"unknown_command", kDue, "approve", Json::object(), Expect::NotAllowed, ""},
  };
}

class SeriousIncidentTransitions : public ::testing::TestWithParam<TransitionRow> {};

TEST_P(SeriousIncidentTransitions, DecideAsTheTableSays) {
  const auto workflow = workflows::make_serious_incident_workflow();
  check_row(*workflow, kToday, GetParam());
}

INSTANTIATE_TEST_SUITE_P(Rows, SeriousIncidentTransitions, ::testing::ValuesIn(rows()),
                         [](const auto& row) { return row.param.name; });

TEST(SeriousIncidentTable, EveryTransitionHasAnAcceptedRow) {
  const auto workflow = workflows::make_serious_incident_workflow();
  for (const auto& t : untested_transitions(*workflow, kToday, rows())) {
    ADD_FAILURE() << "no row takes " << t.from << " --" << t.command << "--> " << t.to;
  }
}

TEST(SeriousIncidentTable, RefusesEveryCommandWithoutARow) {
  expect_commands_without_rows_refused(*workflows::make_serious_incident_workflow(), kToday);
}

TEST(SeriousIncidentTable, AcceptedRowsSendFactsTheSpecAccepts) {
  expect_accepted_rows_send_valid_facts(*workflows::make_serious_incident_workflow(), kToday, rows());
}

// The Ofsted and Secretary of State steps are offered only for the death of a
// looked-after child or a care leaver; the criteria decision only for a serious
// incident.
TEST(SeriousIncidentTable, OffersOnlyTheStepsThatApplyToTheCase) {
  const auto workflow = workflows::make_serious_incident_workflow();
  using Names = std::vector<std::string>;
  WorkflowDriver harm(*workflow, kToday);
  kDue(harm);
  EXPECT_EQ(harm.offered(), (Names{"submit_notification", "record_criteria_not_met", "record_partners_informed"}));
  WorkflowDriver looked_after(*workflow, kToday);
  kLookedAfterDeathWithoutAbuseDue(looked_after);
  EXPECT_EQ(looked_after.offered(), (Names{"submit_notification", "record_partners_informed", "record_ofsted_notified",
                                           "record_secretary_of_state_notified"}));
  WorkflowDriver leaver(*workflow, kToday);
  kCareLeaverNotified(leaver);
  EXPECT_EQ(leaver.offered(), (Names{"record_partners_informed"}));  // the notification reached them
  WorkflowDriver notified(*workflow, kToday);
  kNotified(notified);
  EXPECT_EQ(notified.offered(), (Names{"record_partners_informed"}));
}

// An age worked out from the date of birth is recorded with the opening (the
// route must be readable from the log alone) and decides the route: a care
// leaver of 19 by date of birth goes to the Secretary of State and Ofsted, and
// submitting opens no rapid review.
TEST(SeriousIncidentTable, AnAgeWorkedOutFromTheDateOfBirthDecidesTheRoute) {
  const auto workflow = workflows::make_serious_incident_workflow();
  WorkflowDriver driver(*workflow, kToday);
  driver.must_run("open_notification", born_on(care_leaver(0, "death", "suspected"), "2005-01-01"));
  const Json opened = Json::parse(driver.history().front().payload);
  EXPECT_EQ(opened["age"].as_integer(), 19);
  EXPECT_FALSE(opened["serious_incident"].as_bool());
  const Decision submitted = driver.run("submit_notification", on("submitted_on", "2024-06-06"));
  ASSERT_TRUE(std::holds_alternative<Accepted>(submitted));
  EXPECT_EQ(std::get<Accepted>(submitted).next_state, "notified_no_rapid_review");
  EXPECT_TRUE(std::get<Accepted>(submitted).opens.empty());
}

TEST(SeriousIncidentTable, TheRapidReviewItOpensCarriesTheNotificationsDates) {
  const auto workflow = workflows::make_serious_incident_workflow();
  WorkflowDriver driver(*workflow, kToday);
  kDue(driver);
  const Decision decision = driver.run("submit_notification", on("submitted_on", "2024-06-06"));
  const FollowOn& rr = std::get<Accepted>(decision).opens.at(0);
  EXPECT_EQ(rr.relation, "rapid_review");
  EXPECT_EQ(rr.facts["notification_date"].as_string(), "2024-06-06");
  EXPECT_EQ(rr.facts["became_aware_on"].as_string(), "2024-06-03");
  EXPECT_EQ(rr.facts["summary"].as_string(), "Infant with unexplained injuries");
}

}  // namespace
}  // namespace casereview
