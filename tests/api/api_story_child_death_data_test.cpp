// Child death reviews collect what the National Child Mortality Database
// collects, on a real server: an expected death in custody still has its Joint
// Agency Response; a death notified with the whole notification form, two
// agencies' reporting forms answered in structure, a supplementary form, the
// family's key worker, an inquest that holds the review (pausing the CDOP
// clock with its reason, then resuming it with the time used), and an analysis
// where two categories could apply, resolved by the analysis form's rule.
// Identifying answers (the child, the family, the GP, the professionals, the
// key worker) never reach the event log: a scrutineer reads the timeline.
// Today is fixed at 16 September 2022.
#include <algorithm>

#include "api_fixture.h"
#include "casereview/engine/csv.h"

namespace casereview {
namespace {

using testing_support::add_user;
using testing_support::ApiTest;
using testing_support::deadline;
using testing_support::kTestPassword;

class ChildDeathDataStory : public ApiTest {};

std::string custody_death() {
  return R"({"kind":"child_death_review","facts":{
      "date_of_death":"2022-09-12","time_of_death":"23:10","place_of_death":"other",
      "notified_on":"2022-09-13","notified_time":"08:30","expected":"expected",
      "jar_triggers":["in_custody_or_detained"],"resident_local_authority":"Northam City Council",
      "notified_by":"Healthcare lead, secure children's home",
      "summary":"Young person with a life-limiting condition died while detained in a secure setting",
      "sex":"female","looked_after":"yes","coroner_informed":"yes","post_mortem":"coronial",
      "given_name":"Philippa","family_name":"Custodytest","date_of_birth":"2006-05-19"}})";
}

TEST_F(ChildDeathDataStory, AnExpectedDeathInCustodyStillHasItsJointAgencyResponse) {
  // Before saving, the JAR's 24 hours from the death are in the preview.
  const auto check = server().post_json("/api/v1/cases/checks", custody_death());
  ASSERT_EQ(check.status, 200) << check.body;
  // 23:10 British Summer Time on 12 September is 22:10 UTC; the discussion is due 24 hours later.
  EXPECT_EQ((*deadline(check.json(), "cdr.jar_discussion"))["due_at"].as_string(), "2022-09-13T22:10:00Z");

  const auto opened = server().post_json("/api/v1/cases", custody_death());
  ASSERT_EQ(opened.status, 201) << opened.body;
  const long long cdr = opened.json()["id"].as_integer();
  const Json opened_case = opened.json();
  ASSERT_NE(deadline(opened_case, "cdr.jar_discussion"), nullptr) << opened.body;
  const std::string timeline = server().get("/api/v1/cases/" + std::to_string(cdr) + "/timeline").body;
  EXPECT_NE(timeline.find("joint_agency_response_started"), std::string::npos) << timeline;

  step(cdr, "record_jar_discussion",
       R"({"held_on":"2022-09-13","held_time":"15:00","agencies":["Police","Health","Secure home"]})");
  EXPECT_EQ((*deadline(read_case(cdr), "cdr.jar_discussion"))["status"].as_string(), "met");

  // A sudden death with no apparent cause cannot be expected.
  std::string sudden = custody_death();
  sudden.replace(sudden.find("in_custody_or_detained"), std::string("in_custody_or_detained").size(),
                 "sudden_no_apparent_cause");
  sudden.replace(sudden.find("Philippa"), std::string("Philippa").size(), "Rosalind");  // another child
  const auto refused = server().post_json("/api/v1/cases", sudden);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.json()["errors"].items().at(0)["field"].as_string(), "expected");
}

// The JAR discussion is due 24 hours after the death: one held later on the day
// it falls due is late, and says so wherever its clock is shown, as well after
// the clock is stored and read back as in the command's own answer.
TEST_F(ChildDeathDataStory, AJointAgencyDiscussionAfterItsDueHourOnItsDueDayIsLate) {
  std::string death = custody_death();
  death.replace(death.find("Philippa"), std::string("Philippa").size(), "Henrietta");  // another child
  const auto opened = server().post_json("/api/v1/cases", death);
  ASSERT_EQ(opened.status, 201) << opened.body;
  const long long cdr = opened.json()["id"].as_integer();

  // Due at 22:10 UTC on 13 September; held at 23:45 British Summer Time, 22:45 UTC.
  const Json answer = step(cdr, "record_jar_discussion",
                           R"({"held_on":"2022-09-13","held_time":"23:45","agencies":["Police","Health"]})");
  // The clock of the discussion in `body`, copied out of it (or null).
  const auto jar_clock = [](const Json& body) {
    const Json* found = deadline(body, "cdr.jar_discussion");
    return found ? *found : Json();
  };
  const Json answered = jar_clock(answer);
  ASSERT_TRUE(answered.is_object()) << answer.canonical();
  EXPECT_EQ(answered["status"].as_string(), "met_late");
  EXPECT_EQ(answered["met_on"].as_string(), "2022-09-13");
  EXPECT_EQ(answered["met_at"].as_string(), "2022-09-13T22:45:00Z");
  EXPECT_EQ(answered["due_at"].as_string(), "2022-09-13T22:10:00Z");

  const Json read = jar_clock(read_case(cdr));
  ASSERT_TRUE(read.is_object());
  EXPECT_EQ(read["status"].as_string(), "met_late");
  EXPECT_EQ(read["met_at"].as_string(), "2022-09-13T22:45:00Z");
  const Json listed = jar_clock(server().get("/api/v1/cases/" + std::to_string(cdr) + "/deadlines").json());
  ASSERT_TRUE(listed.is_object());
  EXPECT_EQ(listed["status"].as_string(), "met_late");

  // The clocks export says so too, with the hours that make it late.
  const std::string reference = read_case(cdr)["reference"].as_string();
  const auto rows = parse_csv(server().get("/api/v1/exports/clocks?from=2022-04-01&to=2023-03-31").body);
  ASSERT_FALSE(rows.empty());
  const auto column = [&](const std::string& name) {
    const auto at = std::find(rows[0].begin(), rows[0].end(), name);
    EXPECT_NE(at, rows[0].end()) << name;
    return static_cast<std::size_t>(at - rows[0].begin());
  };
  int found = 0;
  for (const auto& row : rows) {
    if (row.at(column("case_reference")) != reference || row.at(column("rule_id")) != "cdr.jar_discussion") continue;
    ++found;
    EXPECT_EQ(row.at(column("status")), "met_late");
    EXPECT_EQ(row.at(column("due_at")), "2022-09-13T22:10:00Z");
    EXPECT_EQ(row.at(column("met_at")), "2022-09-13T22:45:00Z");
  }
  EXPECT_EQ(found, 1);
}

std::string full_notification() {
  return R"({"kind":"child_death_review","facts":{
      "date_of_death":"2022-03-04","time_of_death":"02:15","place_of_death":"home",
      "expected":"unexpected","jar_triggers":["sudden_no_apparent_cause"],
      "summary":"Infant, 3 months, found unresponsive in the parents' bed",
      "notified_on":"2022-03-04","notified_time":"09:00","notified_by":"Emergency department consultant",
      "resident_local_authority":"Northam City Council",
      "given_name":"Ottoline","family_name":"Brackenridge","date_of_birth":"2021-11-20","nhs_number":"943 476 5919",
      "sex":"female","ethnicity":"mixed_white_asian",
      "home_address":"14 Heron Close, Northam","family_members":"Mother Imelda Brackenridge; father Caspian Vey",
      "looked_after":"no","child_protection_plan":"yes",
      "coroner_informed":"yes","post_mortem":"coronial",
      "general_practitioner":"Dr Quillfeather, Marsh Lane Surgery",
      "professionals_involved":["Wren Ashdown, health visitor","PC Tobias Verrall, Northam Police"]}})";
}

TEST_F(ChildDeathDataStory, AChildDeathReviewCollectsWhatTheNationalDatabaseCollects) {
  add_user(db_path(), "scrutineer", "scrutineer");

  // The notification form, in full.
  const auto opened = server().post_json("/api/v1/cases", full_notification());
  ASSERT_EQ(opened.status, 201) << opened.body;
  const long long cdr = opened.json()["id"].as_integer();
  EXPECT_EQ(opened.json()["subject"]["general_practitioner"].as_string(), "Dr Quillfeather, Marsh Lane Surgery");
  EXPECT_EQ(opened.json()["subject"]["professionals_involved"].items().size(), 2u);
  step(cdr, "record_jar_discussion", R"({"held_on":"2022-03-04","held_time":"11:00","agencies":["Police","Health"]})");

  // The family's key worker, and what the family was given.
  step(cdr, "record_key_worker",
       R"({"appointed_on":"2022-03-05","key_worker_role":"Specialist nurse for child death, Northam",
           "key_worker_name":"Marigold Fenwick","bereavement_support_offered":"yes",
           "support_given":"Leaflet on the review; referral to a bereavement charity; the key worker's number",
           "family_told_of_review":true})");
  const Json subject = read_case(cdr)["subject"];
  EXPECT_EQ(subject["key_worker_name"].as_string(), "Marigold Fenwick");
  EXPECT_EQ(subject["family_name"].as_string(), "Brackenridge");  // joined, not replaced

  // Reporting forms, with the supplementary form that fits a sudden death.
  step(cdr, "request_agency_information",
       R"({"agencies":["GP","Health visiting","Police"],"requested_on":"2022-03-07",
           "supplementary_forms":["sudden_unexpected_death"]})");
  step(cdr, "record_agency_return",
       R"({"agency":"GP","returned_on":"2022-03-15","involvement":"before_the_death",
           "involvement_summary":"Registered at birth; two routine appointments, no concerns recorded.",
           "child_factors":"Born at 39 weeks; immunisations up to date.",
           "family_environment":"Mother's low mood noted at the six-week check.",
           "service_provision":"No concern about the services given.",
           "bereavement_support_offered":"no","completed_by":"Dr Quillfeather, GP"})");
  step(cdr, "record_agency_return",
       R"({"agency":"Health visiting","returned_on":"2022-03-18","involvement":"before_the_death",
           "involvement_summary":"New birth visit and one follow-up; safer sleep advice given.",
           "bereavement_support_offered":"yes","bereavement_support":"Visit offered and bereavement leaflet given.",
           "supplementary_forms_answered":["sudden_unexpected_death"],
           "supplementary_answers":"Found in the parents' bed; no smoking in the home; parents had not drunk alcohol.",
           "completed_by":"Wren Ashdown, health visitor"})");
  // A supplementary form the agency was not sent is refused, with the reason.
  const auto not_sent = attempt(cdr, "record_agency_return",
                                R"({"agency":"Police","returned_on":"2022-03-20",
                                    "supplementary_forms_answered":["neonatal"]})");
  ASSERT_EQ(not_sent.status, 422) << not_sent.body;
  EXPECT_EQ(not_sent.json()["errors"].items().at(0)["field"].as_string(), "supplementary_forms_answered");
  const Json timeline_json = server().get("/api/v1/cases/" + std::to_string(cdr) + "/timeline").json();
  const Json* health_visiting = nullptr;
  for (const Json& e : timeline_json["events"].items()) {
    if (e["type"].as_string() == "agency_information_returned" &&
        e["payload"]["agency"].as_string() == "Health visiting") {
      health_visiting = &e;
    }
  }
  ASSERT_NE(health_visiting, nullptr);
  EXPECT_EQ((*health_visiting)["payload"]["bereavement_support_offered"].as_string(), "yes");
  EXPECT_EQ((*health_visiting)["payload"]["supplementary_forms_answered"].items().at(0).as_string(),
            "sudden_unexpected_death");
  EXPECT_FALSE((*health_visiting)["payload"].contains("completed_by"));
  // Both forms' authors are kept, with the child's identity, away from the log.
  const Json completed_by = read_case(cdr)["subject"]["completed_by"];
  ASSERT_TRUE(completed_by.is_array()) << completed_by.canonical();
  ASSERT_EQ(completed_by.items().size(), 2u);
  EXPECT_EQ(completed_by.items()[0].as_string(), "Dr Quillfeather, GP");
  EXPECT_EQ(completed_by.items()[1].as_string(), "Wren Ashdown, health visitor");

  // The inquest holds the review: the CDOP clock pauses with its reason.
  EXPECT_EQ((*deadline(read_case(cdr), "cdr.panel_review"))["due_date"].as_string(), "2023-03-04");
  const Json held = step(cdr, "put_review_on_hold",
                         R"({"held_from":"2022-04-01","held_for":"inquest",
                             "reason":"The coroner opened an inquest and adjourned it for the post-mortem results."})");
  EXPECT_EQ(held["state"].as_string(), "on_hold");
  const Json on_hold = read_case(cdr);
  const Json* paused = deadline(on_hold, "cdr.panel_review");
  ASSERT_NE(paused, nullptr);
  EXPECT_EQ((*paused)["status"].as_string(), "paused");
  EXPECT_EQ((*paused)["pauses"].items().at(0)["reason"].as_string(),
            "The coroner opened an inquest and adjourned it for the post-mortem results.");
  EXPECT_EQ((*deadline(on_hold, "cdr.review_meeting"))["status"].as_string(), "paused");
  EXPECT_EQ(attempt(cdr, "record_review_meeting", R"({"held_on":"2022-05-02","agencies_attended":["GP"]})").status,
            409);
  // The Police still return their form while the review waits.
  step(cdr, "record_agency_return",
       R"({"agency":"Police","returned_on":"2022-04-20","involvement":"after_the_death_only"})");

  // The inquest concludes: the review resumes with the time used, 91 days later.
  const Json resumed = step(cdr, "resume_review", R"({"resumed_on":"2022-07-01","note":"Inquest concluded."})");
  EXPECT_EQ(resumed["state"].as_string(), "gathering_information");
  EXPECT_EQ((*deadline(read_case(cdr), "cdr.panel_review"))["due_date"].as_string(), "2023-06-03");
  EXPECT_EQ((*deadline(read_case(cdr), "cdr.review_meeting"))["due_date"].as_string(), "2022-09-03");
  step(cdr, "record_review_meeting",
       R"({"held_on":"2022-08-10","agencies_attended":["GP","Health visiting","Police"]})");

  // Two categories could apply: the analysis form's rule records the highest in the list.
  const std::string analysis = R"({"reviewed_on":"2022-09-14",
      "applicable_categories":["sudden_unexpected_unexplained","infection"],"category":"CATEGORY",
      "score_child":"1","score_social_environment":"2","score_physical_environment":"2","score_service_provision":"1",
      "modifiable_factors":["social.co_sleeping"],"judgement":"modifiable_factors_identified",
      "learning":"Safer sleep advice must reach both parents."})";
  std::string lower = analysis;
  lower.replace(lower.find("CATEGORY"), 8, "sudden_unexpected_unexplained");
  const auto wrong = attempt(cdr, "record_panel_review", lower);
  ASSERT_EQ(wrong.status, 422) << wrong.body;
  EXPECT_NE(wrong.body.find("9. Infection"), std::string::npos) << wrong.body;
  std::string highest = analysis;
  highest.replace(highest.find("CATEGORY"), 8, "infection");
  const Json reviewed = step(cdr, "record_panel_review", highest);
  EXPECT_EQ(reviewed["state"].as_string(), "panel_reviewed");
  // The timeline gives the factor by its label in the partnership's vocabulary.
  std::string panel_sentence;
  for (const Json& e : server().get("/api/v1/cases/" + std::to_string(cdr) + "/timeline").json()["events"].items()) {
    if (e["type"].as_string() == "panel_review_recorded") panel_sentence = e["sentence"].as_string();
  }
  EXPECT_NE(panel_sentence.find("modifiable factors: Co-sleeping"), std::string::npos) << panel_sentence;
  EXPECT_EQ((*deadline(read_case(cdr), "cdr.panel_review"))["status"].as_string(), "met");

  // As a scrutineer: the timeline has the answers, and nothing that identifies the family.
  const auto scrutineer = server().as(server().sign_in("scrutineer", kTestPassword));
  const auto read = scrutineer.get("/api/v1/cases/" + std::to_string(cdr) + "/timeline");
  ASSERT_EQ(read.status, 200) << read.body;
  for (const char* answer :
       {"mixed_white_asian", "child_protection_plan", "coronial", "sudden_unexpected_death",
        "Specialist nurse for child death", "The coroner opened an inquest", "highest_applicable_in_list"}) {
    EXPECT_NE(read.body.find(answer), std::string::npos) << answer << " is not in the timeline";
  }
  for (const char* secret :
       {"Ottoline", "Brackenridge", "2021-11-20", "943 476 5919", "Heron Close", "Imelda", "Caspian", "Quillfeather",
        "Marsh Lane", "Wren Ashdown", "Tobias Verrall", "Marigold Fenwick"}) {
    EXPECT_EQ(read.body.find(secret), std::string::npos) << secret << " is in the event log";
  }
  const auto case_read = scrutineer.get("/api/v1/cases/" + std::to_string(cdr));
  ASSERT_EQ(case_read.status, 200);
  EXPECT_EQ(case_read.body.find("Marigold Fenwick"), std::string::npos);
}

// Every rule of the child death review says where it comes from, and which are
// local practice.
TEST_F(ChildDeathDataStory, EveryChildDeathRuleCitesItsSource) {
  const auto rules = server().get("/api/v1/deadline-rules");
  ASSERT_EQ(rules.status, 200);
  const Json body = rules.json();
  int cdr_rules = 0;
  for (const Json& rule : body["rules"].items()) {
    if (rule["case_kind"].as_string() != "child_death_review") continue;
    ++cdr_rules;
    EXPECT_GT(rule["source"].as_string().size(), 60u) << rule["id"].as_string();
    EXPECT_EQ(rule["source"].as_string().find("board"), std::string::npos) << rule["id"].as_string();
    const std::string id = rule["id"].as_string();
    if (id == "cdr.review_meeting") {
      EXPECT_EQ(rule["source_tag"].as_string(), "local_procedure");
      EXPECT_NE(rule["source"].as_string().find("sets no time"), std::string::npos);
    }
    if (id == "cdr.notify_cdop" || id == "cdr.jar_discussion" || id == "cdr.panel_review") {
      EXPECT_NE(rule["source"].as_string().find("Child Death Review Statutory and Operational Guidance (England) 2018"),
                std::string::npos)
          << id;
      EXPECT_NE(rule["source"].as_string().find("partnership setting"), std::string::npos) << id;
    }
  }
  EXPECT_EQ(cdr_rules, 5);
}

}  // namespace
}  // namespace casereview
