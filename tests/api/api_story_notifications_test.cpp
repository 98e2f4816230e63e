// Shorter stories on a real server: serious harm where the rapid review decides
// no local review and records its learning themes; the death of a looked-after
// child with and without suspected abuse; the death of a care leaver under and
// over 18.
#include <algorithm>

#include "api_fixture.h"

namespace casereview {
namespace {

using testing_support::ApiTest;
using testing_support::deadline;

class NotificationStories : public ApiTest {
 protected:
  long long open_sin(const std::string& facts) {
    const auto r =
        server().post_json("/api/v1/cases", R"({"kind":"serious_incident_notification","facts":)" + facts + "}");
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json()["id"].as_integer();
  }
};

TEST_F(NotificationStories, SeriousHarmWithoutALocalReviewKeepsItsLearningFindable) {
  const long long sin =
      open_sin(R"({"became_aware_on":"2022-06-06","harm":"serious_harm","abuse_or_neglect":"suspected",
                                     "location":"in_area","local_authority":"Westshire County Council",
                                     "summary":"Infant, 7 weeks, with unexplained rib fractures"})");
  const long long rr = opened_id(step(sin, "submit_notification", R"({"submitted_on":"2022-06-08"})"));
  step(rr, "record_meeting",
       R"({"held_on":"2022-06-20","agencies_attended":["Police","Health","Children's social care"]})");
  // What the Panel's rapid review template asks for, beside the decision itself.
  const std::string template_facts = R"("facts":"Infant of 7 weeks with rib fractures; the explanation does not fit.",
      "key_practice_episodes":"A bruise seen at the 6-week check and not referred.",
      "inequalities":"None found: the family's circumstances gave no sign that inequality shaped the practice.",
      "local_review_criteria":["recurrent_themes"],"parallel_processes":["police_investigation"],
      "partners_agreeing":["local_authority","integrated_care_board","police"])";
  const auto unexplained = attempt(rr, "record_decision",
                                   R"({"decided_on":"2022-06-21","decision":"no_lcspr",
                                   "rationale":"The learning is known and being acted on already.",
                                   "immediate_safety_actions":["Siblings seen and safe"],)" +
                                       template_facts + "}");
  ASSERT_EQ(unexplained.status, 422);
  EXPECT_EQ(unexplained.json()["errors"].items()[0]["field"].as_string(), "learning_taken_forward");
  const auto unknown_theme = attempt(rr, "record_decision",
                                     R"({"decided_on":"2022-06-21","decision":"no_lcspr",
                                     "rationale":"The learning is known and being acted on already.",
                                     "learning_taken_forward":"A practice briefing and a single-agency audit.",
                                     "immediate_safety_actions":["Siblings seen and safe"],
                                     "learning_themes":["made_up_theme"],)" +
                                         template_facts + "}");
  ASSERT_EQ(unknown_theme.status, 422);
  EXPECT_EQ(read_case(rr)["version"].as_integer(), 2);  // nothing recorded by either refusal
  const Json decided = step(rr, "record_decision",
                            R"({"decided_on":"2022-06-21","decision":"no_lcspr",
                                "rationale":"The learning is known and being acted on already.",
                                "learning_taken_forward":"A practice briefing and a single-agency audit.",
                                "immediate_safety_actions":["Siblings seen and safe"],
                                "learning_themes":["injuries_in_non_mobile_babies","professional_curiosity"],)" +
                                template_facts + "}");
  EXPECT_TRUE(decided["opened_cases"].items().empty());  // no local review
  EXPECT_EQ(decided["outcome"].as_string(), "No local review: learning taken forward another way");
  step(rr, "submit_to_panel", R"({"submitted_on":"2022-06-24"})");
  const Json sent = read_case(rr);
  EXPECT_EQ((*deadline(sent, "rr.submit_to_panel"))["status"].as_string(), "met");
  EXPECT_EQ((*deadline(sent, "rr.panel_response"))["kind"].as_string(), "reminder");
  EXPECT_EQ((*deadline(sent, "rr.panel_response"))["status"].as_string(), "overdue");  // awaited since July
  std::vector<std::string> themes;
  for (const Json& t : sent["records"]["learning_themes"].items()) themes.push_back(t["code"].as_string());
  EXPECT_EQ(themes, (std::vector<std::string>{"injuries_in_non_mobile_babies", "professional_curiosity"}));

  // Learning from rapid reviews that did not become local reviews, found across cases.
  const Json found = server().get("/api/v1/cases?theme=professional_curiosity").json();
  ASSERT_EQ(found["cases"].items().size(), 1u);
  EXPECT_EQ(found["cases"].items()[0]["id"].as_integer(), rr);
  const Json counts = server().get("/api/v1/reports/learning-themes").json()["learning_themes"];
  EXPECT_EQ(counts.items().size(), 2u);
  EXPECT_EQ(counts.items()[0]["href"].as_string().rfind("/api/v1/cases?theme=", 0), 0u);
}

// The names of the allowed commands in a case body.
std::vector<std::string> allowed(const Json& body) {
  std::vector<std::string> out;
  for (const Json& c : body["allowed_commands"].items()) out.push_back(c["name"].as_string());
  return out;
}

bool has(const std::vector<std::string>& names, const char* name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

TEST_F(NotificationStories, ALookedAfterChildsDeathWithoutSuspectedAbuseGoesToTheSecretaryOfStateAndOfstedOnly) {
  const long long sin = open_sin(R"({"became_aware_on":"2022-09-09","harm":"death","abuse_or_neglect":"not_suspected",
                                     "location":"in_area","looked_after_child":true,"local_authority":"Westshire County Council",
                                     "summary":"Looked-after young person, 16, died in supported accommodation"})");
  const Json opened = read_case(sin);
  // Became aware on Friday 9 September 2022: the two notifications are due a week later, today.
  for (const char* rule : {"sin.notify_ofsted", "sin.notify_secretary_of_state"}) {
    ASSERT_TRUE(deadline(opened, rule)) << rule;
    EXPECT_EQ((*deadline(opened, rule))["due_date"].as_string(), "2022-09-16") << rule;
    EXPECT_EQ((*deadline(opened, rule))["status"].as_string(), "due_today") << rule;
  }
  // Not a serious incident: the Panel does not consider it, the partners' clock does not run.
  EXPECT_FALSE(deadline(opened, "sin.notify_panel"));
  EXPECT_FALSE(deadline(opened, "sin.inform_partners"));
  EXPECT_FALSE(has(allowed(opened), "record_criteria_not_met"));
  EXPECT_TRUE(has(allowed(opened), "record_ofsted_notified"));

  step(sin, "record_ofsted_notified", R"({"notified_on":"2022-09-14"})");
  const Json told = read_case(sin);
  EXPECT_FALSE(has(allowed(told), "record_ofsted_notified"));  // done: no longer offered
  EXPECT_EQ(attempt(sin, "record_ofsted_notified", R"({"notified_on":"2022-09-16"})").status, 409);
  const Json submitted = step(sin, "submit_notification", R"({"submitted_on":"2022-09-15"})");
  EXPECT_EQ(submitted["state"].as_string(), "notified_no_rapid_review");
  EXPECT_TRUE(submitted["opened_cases"].items().empty());
  EXPECT_EQ(submitted["outcome"].as_string(),
            "Looked-after child's death notified to the Secretary of State and Ofsted; not a serious incident, no "
            "rapid review");
  // The notification reached the Secretary of State that day; Ofsted keeps its own earlier date.
  EXPECT_EQ((*deadline(submitted, "sin.notify_secretary_of_state"))["met_on"].as_string(), "2022-09-15");
  EXPECT_EQ((*deadline(submitted, "sin.notify_ofsted"))["met_on"].as_string(), "2022-09-14");
  EXPECT_TRUE(server().get("/api/v1/cases?kind=rapid_review").json()["cases"].items().empty());
}

TEST_F(NotificationStories, ALookedAfterChildsDeathWithSuspectedAbuseIsASeriousIncidentToo) {
  const long long sin = open_sin(R"({"became_aware_on":"2022-09-09","harm":"death","abuse_or_neglect":"suspected",
                                     "location":"in_area","looked_after_child":true,"local_authority":"Westshire County Council",
                                     "summary":"Looked-after child, 12, died; neglect by the placement suspected"})");
  const Json opened = read_case(sin);
  for (const char* rule :
       {"sin.notify_panel", "sin.inform_partners", "sin.notify_ofsted", "sin.notify_secretary_of_state"}) {
    EXPECT_TRUE(deadline(opened, rule)) << rule;
  }
  const Json submitted = step(sin, "submit_notification", R"({"submitted_on":"2022-09-15"})");
  const long long rr = opened_id(submitted);
  for (const char* rule : {"sin.notify_panel", "sin.notify_ofsted", "sin.notify_secretary_of_state"}) {
    EXPECT_EQ((*deadline(submitted, rule))["status"].as_string(), "met") << rule;
  }
  EXPECT_EQ(read_case(rr)["kind"].as_string(), "rapid_review");
}

TEST_F(NotificationStories, ACareLeaverUnder18WithSuspectedNeglectHasARapidReview) {
  const long long sin = open_sin(R"({"became_aware_on":"2022-09-12","harm":"death","abuse_or_neglect":"suspected",
                                     "location":"in_area","care_leaver":true,"age":17,
                                     "local_authority":"Northam City Council","summary":"Care leaver, 17, died; neglect suspected"})");
  const Json opened = read_case(sin);
  for (const char* rule :
       {"sin.notify_panel", "sin.care_leaver_notify_ofsted", "sin.care_leaver_notify_secretary_of_state"}) {
    EXPECT_TRUE(deadline(opened, rule)) << rule;
  }
  const Json submitted = step(sin, "submit_notification", R"({"submitted_on":"2022-09-14"})");
  EXPECT_EQ(submitted["state"].as_string(), "notified");
  EXPECT_EQ(read_case(opened_id(submitted))["kind"].as_string(), "rapid_review");
  EXPECT_EQ((*deadline(submitted, "sin.care_leaver_notify_ofsted"))["status"].as_string(), "met");
}

TEST_F(NotificationStories, ACareLeaverOver18IsNotifiedToTheSecretaryOfStateAndOfstedWithoutARapidReview) {
  const auto too_old = server().post_json(
      "/api/v1/cases",
      R"({"kind":"serious_incident_notification","facts":{"became_aware_on":"2022-09-12","harm":"death",
                          "abuse_or_neglect":"not_suspected","location":"in_area","care_leaver":true,"age":25,
                          "local_authority":"Northam City Council","summary":"Care leaver died"}})");
  ASSERT_EQ(too_old.status, 422);
  EXPECT_EQ(too_old.json()["errors"].items()[0]["field"].as_string(), "age");
  const long long sin = open_sin(R"({"became_aware_on":"2022-09-12","harm":"death","abuse_or_neglect":"suspected",
                                     "location":"in_area","care_leaver":true,"age":21,
                                     "local_authority":"Northam City Council","summary":"Care leaver, 21, died in their flat"})");
  const Json opened = read_case(sin);
  // 21: not a child, so not a serious incident whatever is suspected.
  EXPECT_FALSE(deadline(opened, "sin.notify_panel"));
  ASSERT_TRUE(deadline(opened, "sin.care_leaver_notify_ofsted"));
  EXPECT_EQ((*deadline(opened, "sin.care_leaver_notify_ofsted"))["due_date"].as_string(),
            "2022-09-20");  // the 19th a holiday
  const Json submitted = step(sin, "submit_notification", R"({"submitted_on":"2022-09-14"})");
  EXPECT_EQ(submitted["state"].as_string(), "notified_no_rapid_review");
  EXPECT_TRUE(submitted["closed"].as_bool());
  EXPECT_TRUE(submitted["opened_cases"].items().empty());
  EXPECT_EQ(submitted["spine"].items().size(), 1u);
  for (const char* rule : {"sin.care_leaver_notify_ofsted", "sin.care_leaver_notify_secretary_of_state"}) {
    EXPECT_EQ((*deadline(submitted, rule))["status"].as_string(), "met") << rule;
  }
  EXPECT_EQ(submitted["outcome"].as_string(),
            "Care leaver's death notified to the Secretary of State and Ofsted; no rapid review");
  EXPECT_TRUE(server().get("/api/v1/cases?kind=rapid_review").json()["cases"].items().empty());
}

// The date of birth decides the age when no age is given, and refuses an age it
// contradicts: an 11-year-old recorded as a care leaver of 19 is refused and
// nothing is opened; a care leaver of 19 by date of birth goes the care
// leaver's way.
TEST_F(NotificationStories, TheDateOfBirthDecidesTheAgeAndRefusesAnAgeItContradicts) {
  const std::string facts = R"("became_aware_on":"2022-09-12","harm":"death","abuse_or_neglect":"suspected",
                               "location":"in_area","care_leaver":true,"local_authority":"Northam City Council",
                               "summary":"Care leaver died")";
  const auto notifications = [&] {
    return server().get("/api/v1/cases?kind=serious_incident_notification").json()["cases"].items().size();
  };
  const std::size_t before = notifications();
  const auto contradicted = server().post_json(
      "/api/v1/cases", R"({"kind":"serious_incident_notification","facts":{)" + facts +
                           R"(,"age":19,"date_of_birth":"2011-03-02","given_name":"Jordan","family_name":"Pell"}})");
  ASSERT_EQ(contradicted.status, 422) << contradicted.body;
  EXPECT_EQ(contradicted.json()["errors"].items()[0]["field"].as_string(), "age");
  const auto born_later = server().post_json(
      "/api/v1/cases", R"({"kind":"serious_incident_notification","facts":{)" + facts +
                           R"(,"date_of_birth":"2022-09-13","given_name":"Jordan","family_name":"Pell"}})");
  ASSERT_EQ(born_later.status, 422) << born_later.body;
  EXPECT_EQ(born_later.json()["errors"].items()[0]["field"].as_string(), "date_of_birth");
  EXPECT_EQ(notifications(), before);

  const long long sin = open_sin("{" + facts + R"(,"date_of_birth":"2003-05-20","given_name":"Jordan",
                                               "family_name":"Pell"})");
  const Json opened = read_case(sin);
  EXPECT_FALSE(deadline(opened, "sin.notify_panel"));
  EXPECT_TRUE(deadline(opened, "sin.care_leaver_notify_secretary_of_state"));
  EXPECT_EQ(step(sin, "submit_notification", R"({"submitted_on":"2022-09-14"})")["state"].as_string(),
            "notified_no_rapid_review");
}

}  // namespace
}  // namespace casereview
