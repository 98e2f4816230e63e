// The whole spine on a real server: an unexpected infant death where abuse is
// suspected, through the child death review, the linked serious incident
// notification, the rapid review deciding a local review, the reviewer's
// contract, an on-hold period for a criminal trial, publication after the
// 7-working-day notice, and the actions that follow. Today is fixed at
// 16 September 2022; the story runs from January 2021.
#include "api_fixture.h"

namespace casereview {
namespace {

using testing_support::ApiTest;
using testing_support::deadline;

class InfantDeathStory : public ApiTest {};

// "2021-02-04" as the timeline writes it: "4 February 2021".
std::string in_words(const std::string& iso) {
  static const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                        "July",    "August",   "September", "October", "November", "December"};
  return std::to_string(std::stoi(iso.substr(8, 2))) + " " + kMonths[std::stoi(iso.substr(5, 2)) - 1] + " " +
         iso.substr(0, 4);
}

std::string death_notification() {
  return R"({"kind":"child_death_review","facts":{
      "date_of_death":"2021-01-08","time_of_death":"04:30","place_of_death":"home",
      "notified_on":"2021-01-08","notified_time":"10:00","expected":"unexpected",
      "jar_triggers":["sudden_no_apparent_cause"],"resident_local_authority":"Northam City Council",
      "notified_by":"Emergency department consultant",
      "summary":"Baby, 3 months, found unresponsive after sleeping on a sofa with a parent",
      "given_name":"Noah","family_name":"Storytest","date_of_birth":"2020-09-20","nhs_number":"943 476 5919",
      "home_address":"1 Example Row, Northam"}})";
}

TEST_F(InfantDeathStory, FromTheDeathToThePublishedReviewAndItsActions) {
  ASSERT_EQ(admin().post_json("/api/v1/partnership/areas", R"({"local_authority":"Northam City Council"})").status,
            200);

  // Before saving, the manager sees the deadlines the notification will start.
  const auto check = server().post_json("/api/v1/cases/checks", death_notification());
  ASSERT_EQ(check.status, 200) << check.body;
  EXPECT_TRUE(check.json()["would_open"].as_bool());
  EXPECT_TRUE(check.json()["warnings"].items().empty());
  EXPECT_EQ((*deadline(check.json(), "cdr.jar_discussion"))["due_at"].as_string(), "2021-01-09T04:30:00Z");

  // The child death review.
  const auto opened = server().post_json("/api/v1/cases", death_notification());
  ASSERT_EQ(opened.status, 201) << opened.body;
  const long long cdr = opened.json()["id"].as_integer();
  EXPECT_EQ(opened.json()["reference"].as_string(), "CDR-2021-0001");
  EXPECT_EQ(opened.json()["subject"]["family_name"].as_string(), "Storytest");
  EXPECT_EQ((*deadline(opened.json(), "cdr.notify_cdop"))["status"].as_string(), "met");
  const std::string timeline = server().get("/api/v1/cases/" + std::to_string(cdr) + "/timeline").body;
  for (const char* secret : {"Noah", "Storytest", "943 476 5919", "2020-09-20", "Example Row"}) {
    EXPECT_EQ(timeline.find(secret), std::string::npos) << secret << " is in the event log";
  }

  // A second notification of the same child is stopped with a warning, and nothing is opened.
  const auto again = server().post_json("/api/v1/cases", death_notification());
  ASSERT_EQ(again.status, 409);
  EXPECT_EQ(again.json()["code"].as_string(), "CONFIRMATION_REQUIRED");
  EXPECT_EQ(again.json()["warnings"].items()[0]["code"].as_string(), "POSSIBLE_DUPLICATE");
  EXPECT_EQ(again.json()["warnings"].items()[0]["cases"].items()[0].as_string(), "CDR-2021-0001");
  EXPECT_EQ(server().get("/api/v1/cases?kind=child_death_review").json()["cases"].items().size(), 1u);

  step(cdr, "record_jar_discussion",
       R"({"held_on":"2021-01-08","held_time":"14:00","agencies":["Police","Paediatrician"]})");
  EXPECT_EQ((*deadline(read_case(cdr), "cdr.jar_discussion"))["status"].as_string(), "met");
  step(cdr, "request_agency_information",
       R"({"agencies":["GP","Police","Health visiting"],"requested_on":"2021-01-11"})");
  step(cdr, "record_agency_return", R"({"agency":"GP","returned_on":"2021-01-20"})");

  // Abuse is suspected: one command raises the linked serious incident notification.
  const Json raised = step(cdr, "raise_serious_incident_notification",
                           R"({"became_aware_on":"2021-01-08","abuse_or_neglect":"suspected","location":"in_area",
                               "local_authority":"Northam City Council"})");
  const long long sin = opened_id(raised);
  Json sin_case = read_case(sin);
  EXPECT_EQ(sin_case["parent_case_id"].as_integer(), cdr);
  EXPECT_EQ(sin_case["subject"]["family_name"].as_string(), "Storytest");  // the same child
  EXPECT_EQ((*deadline(sin_case, "sin.notify_panel"))["due_date"].as_string(), "2021-01-15");
  step(sin, "record_partners_informed",
       R"({"informed_on":"2021-01-11","partners":["Local authority","Police","ICB"]})");
  const long long rr = opened_id(step(sin, "submit_notification", R"({"submitted_on":"2021-01-13"})"));
  EXPECT_EQ((*deadline(read_case(sin), "sin.notify_panel"))["status"].as_string(), "met");

  // The rapid review: 15 working days from the notification.
  EXPECT_EQ((*deadline(read_case(rr), "rr.submit_to_panel"))["due_date"].as_string(), "2021-02-03");
  step(rr, "request_agency_information",
       R"({"agencies":["Police","Health","Children's social care"],"requested_on":"2021-01-14"})");
  step(rr, "record_agency_return", R"({"agency":"Police","returned_on":"2021-01-20"})");
  step(rr, "record_agency_return", R"({"agency":"Health","returned_on":"2021-01-21"})");
  // The timeline says when the returns were due, from the case's requests.
  const std::string returns_due = read_case(rr)["records"]["agency_requests"].items().at(0)["due_on"].as_string();
  bool said_when_due = false;
  for (const Json& e : server().get("/api/v1/cases/" + std::to_string(rr) + "/timeline").json()["events"].items()) {
    if (e["type"].as_string() != "agency_information_requested") continue;
    EXPECT_EQ(e["sentence"].as_string(),
              "Asked Police, Health and Children's social care for information on 14 January 2021; returns due " +
                  in_words(returns_due) + ".");
    said_when_due = true;
  }
  EXPECT_TRUE(said_when_due);
  step(rr, "record_meeting",
       R"({"held_on":"2021-01-27","agencies_attended":["Police","Health","Children's social care","Education"]})");
  const Json decided = step(rr, "record_decision",
                            R"({"decided_on":"2021-01-28","decision":"lcspr",
                                "rationale":"Significant learning about safer sleep and working with fathers.",
                                "facts":"Baby of 3 months found unresponsive after sleeping on a sofa with a parent.",
                                "key_practice_episodes":"New-birth visit; the father not seen at any health contact.",
                                "inequalities":"The family lived in overcrowded temporary housing; no other inequality found.",
                                "local_review_criteria":["improvements_needed","recurrent_themes"],
                                "parallel_processes":["police_investigation","coroner"],
                                "immediate_safety_actions":["Safer sleep briefing to health visitors"],
                                "partners_agreeing":["local_authority","integrated_care_board","police"],
                                "learning_themes":["safer_sleeping","working_with_fathers"]})");
  const long long lcspr = opened_id(decided);
  EXPECT_EQ(decided["outcome"].as_string(), "Local child safeguarding practice review commissioned");
  step(rr, "submit_to_panel", R"({"submitted_on":"2021-02-02"})");
  EXPECT_EQ((*deadline(read_case(rr), "rr.submit_to_panel"))["status"].as_string(), "met");
  step(rr, "record_panel_response",
       R"({"responded_on":"2021-02-12","agrees_with_decision":"yes","national_review":"no"})");

  // The local review: a reviewer from the register under a signed contract.
  const auto reviewer = server().post_json(
      "/api/v1/reviewers", R"({"name":"Dr Jo Story","organisation":"Independent","national_pool":true})");
  ASSERT_EQ(reviewer.status, 201);
  const std::string reviewer_id = std::to_string(reviewer.json()["id"].as_integer());
  step(lcspr, "agree_terms_of_reference", R"({"agreed_on":"2021-02-22","summary":"The year before the death"})");
  step(lcspr, "draft_contract",
       R"({"contract_ref":"C1","reviewer_id":)" + reviewer_id +
           R"(,"scope":"Independent author","start_on":"2021-05-04","end_on":"2021-10-15",
                                       "fee_pounds":14000,"conflicts_checked":true,"drafted_on":"2021-03-01"})");
  step(lcspr, "sign_contract", R"({"contract_ref":"C1","signed_on":"2021-04-15"})");
  step(lcspr, "start_review", R"({"contract_ref":"C1","started_on":"2021-05-04"})");
  const Json commissioning = read_case(lcspr)["commissioning"];
  EXPECT_EQ(commissioning["calendar_days"].as_integer(), 77);  // 28 January to 15 April 2021
  EXPECT_EQ(commissioning["working_days"].as_integer(), 53);   // Good Friday and Easter Monday excluded
  step(lcspr, "record_monitoring", R"({"monitored_on":"2021-06-01","assessment":"on_track","note":"Chronology done"})");
  step(lcspr, "send_written_request",
       R"({"request_ref":"W1","sent_on":"2021-06-10","request":"Draft terms for the family meeting"})");
  step(lcspr, "record_written_answer", R"({"request_ref":"W1","answered_on":"2021-06-18","answer":"Sent"})");

  // On hold for the criminal trial: the 6-month clock pauses with 27 days left.
  EXPECT_EQ((*deadline(read_case(lcspr), "lcspr.publish"))["due_date"].as_string(), "2021-07-28");
  step(lcspr, "put_on_hold", R"({"held_from":"2021-07-01","reason":"criminal_trial",
                                 "details":"The police asked for the review to pause until the trial",
                                 "family_informed_on":"2021-07-02","panel_informed_on":"2021-07-02"})");
  Json held = read_case(lcspr);
  EXPECT_EQ(held["state"].as_string(), "on_hold");
  const Json* paused = deadline(held, "lcspr.publish");
  EXPECT_EQ((*paused)["status"].as_string(), "paused");
  EXPECT_EQ((*paused)["remaining"].as_integer(), 27);
  EXPECT_EQ(attempt(lcspr, "record_draft", R"({"draft_label":"v1","received_on":"2021-08-01"})").status, 409);
  // Publication will be later than 6 months after the decision: the Panel and
  // the Secretary of State are told why.
  step(lcspr, "explain_delay", R"({"explained_on":"2021-07-05",
                                   "reasons":"The criminal trial is listed for September; the police asked us to wait."})");
  step(lcspr, "resume", R"({"resumed_on":"2021-10-04","note":"Verdict given"})");
  Json resumed = read_case(lcspr);
  EXPECT_EQ(resumed["state"].as_string(), "in_review");
  EXPECT_EQ((*deadline(resumed, "lcspr.publish"))["due_date"].as_string(), "2021-10-31");  // 95 days later
  EXPECT_EQ((*deadline(resumed, "lcspr.publish"))["pauses"].items()[0]["to"].as_string(), "2021-10-04");

  // Sign-off, the report to the Panel, the Secretary of State and Ofsted, publication.
  step(lcspr, "record_draft", R"({"draft_label":"v1","received_on":"2021-10-11"})");
  step(lcspr, "record_sign_off",
       R"({"signed_off_on":"2021-10-18","publication":"full_report","learning_themes":["safer_sleeping"]})");
  step(lcspr, "plan_publication", R"({"planned_on":"2021-10-29"})");
  for (const std::string recipient : {"national_panel", "secretary_of_state", "ofsted"}) {
    step(lcspr, "send_final_report", R"({"sent_on":"2021-10-20","recipient":")" + recipient + R"("})");
  }
  EXPECT_EQ((*deadline(read_case(lcspr), "lcspr.notice_before_publication"))["status"].as_string(), "met");
  const auto too_soon =
      attempt(lcspr, "record_publication", R"({"published_on":"2021-10-28","where":"Partnership website"})");
  ASSERT_EQ(too_soon.status, 422);
  EXPECT_NE(too_soon.json()["detail"].as_string().find("2021-10-29"), std::string::npos);
  step(lcspr, "record_publication", R"({"published_on":"2021-10-29","where":"Partnership website"})");
  const Json published = read_case(lcspr);
  EXPECT_EQ((*deadline(published, "lcspr.publish"))["status"].as_string(), "met");
  EXPECT_EQ((*deadline(published, "lcspr.explain_delay"))["status"].as_string(), "met");
  step(lcspr, "complete_contract", R"({"contract_ref":"C1","completed_on":"2021-11-01"})");

  // The actions the safeguarding partners follow.
  step(lcspr, "add_action", R"({"ref":"R1","recommendation":"Safer sleep advice reflects situational risks",
                                "action":"Revise the safer sleep assessment","owner_person":"Public health lead",
                                "owner_agency":"Public health","due_on":"2022-03-31",
                                "desired_outcome":"Every family with risks gets tailored advice","agreed_on":"2021-11-01"})");
  step(lcspr, "add_action", R"({"ref":"R2","recommendation":"Fathers are seen in health visiting",
                                "action":"Audit contact with fathers","owner_person":"Head of health visiting",
                                "owner_agency":"Community health trust","due_on":"2022-06-30",
                                "desired_outcome":"Fathers are seen at new-birth visits","agreed_on":"2021-11-01"})");
  const auto no_evidence =
      attempt(lcspr, "update_action", R"({"ref":"R1","status":"completed","updated_on":"2022-03-01"})");
  EXPECT_EQ(no_evidence.status, 422);
  step(lcspr, "update_action", R"({"ref":"R1","status":"completed","updated_on":"2022-03-01",
                                   "evidence":"New assessment in use; audit of 40 visits"})");
  const auto overdue = server().get("/api/v1/actions?overdue=true").json();
  ASSERT_EQ(overdue["actions"].items().size(), 1u);
  EXPECT_EQ(overdue["actions"].items()[0]["ref"].as_string(), "R2");
  EXPECT_EQ(overdue["actions"].items()[0]["owner_agency"].as_string(), "Community health trust");

  // The CDOP finishes its review, with the safeguarding review's outcome in view.
  step(cdr, "record_review_meeting",
       R"({"held_on":"2021-04-12","agencies_attended":["GP","Police","Health visiting"]})");
  step(cdr, "record_panel_review", R"({"reviewed_on":"2021-11-15","category":"sudden_unexpected_unexplained",
                                       "score_child":"1","score_social_environment":"2","score_physical_environment":"2",
                                       "score_service_provision":"1",
                                       "modifiable_factors":["social.co_sleeping","physical.unsafe_sleep_environment"],
                                       "judgement":"modifiable_factors_identified",
                                       "learning":"Situational risks change what safer sleep advice must say",
                                       "learning_themes":["safer_sleeping"]})");
  step(cdr, "record_ncmd_submission", R"({"submitted_on":"2021-11-22","ncmd_reference":"NCMD-1"})");
  const Json death = read_case(cdr);
  EXPECT_EQ(death["state"].as_string(), "closed");
  std::vector<std::string> spine;
  for (const Json& c : death["spine"].items()) spine.push_back(c["kind"].as_string() + ":" + c["outcome"].as_string());
  EXPECT_EQ(
      spine,
      (std::vector<std::string>{
          "child_death_review:Reviewed: Sudden unexpected, unexplained death; modifiable factors identified",
          "serious_incident_notification:Notified to the National Panel; rapid review opened",
          "rapid_review:Local child safeguarding practice review commissioned; the Panel agreed", "lcspr:Published"}));

  // One combined timeline across the spine, in date order, showing the hold.
  const Json combined = server().get("/api/v1/cases/" + std::to_string(lcspr) + "/spine").json();
  EXPECT_EQ(combined["cases"].items().size(), 4u);
  const auto& events = combined["timeline"].items();
  EXPECT_EQ(events.front()["type"].as_string(), "death_notified");
  bool saw_hold = false;
  for (std::size_t i = 1; i < events.size(); ++i) {
    EXPECT_LE(events[i - 1]["effective_date"].as_string(), events[i]["effective_date"].as_string());
    saw_hold = saw_hold || (events[i]["type"].as_string() == "put_on_hold" &&
                            events[i]["payload"]["reason"].as_string() == "criminal_trial");
  }
  EXPECT_TRUE(saw_hold);

  // Reports across cases.
  const Json factors = server().get("/api/v1/reports/modifiable-factors").json()["modifiable_factors"];
  ASSERT_EQ(factors.items().size(), 2u);
  EXPECT_EQ(factors.items()[0]["cases"].as_integer(), 1);
  // Decided in January 2021: not active in the year before.
  EXPECT_TRUE(server()
                  .get("/api/v1/reports/lcspr-commissioning?from=2019-04-01&to=2020-03-31")
                  .json()["reviews"]
                  .items()
                  .empty());
  const Json report =
      server().get("/api/v1/reports/lcspr-commissioning?from=2020-04-01&to=2021-03-31").json()["reviews"];
  ASSERT_EQ(report.items().size(), 1u);
  EXPECT_EQ(report.items()[0]["contract_signed_on"].as_string(), "2021-04-15");
  EXPECT_EQ(report.items()[0]["working_days"].as_integer(), 53);

  // Nothing in the record was rewritten along the way.
  const auto verified = testing_support::run_casereview({"audit", "verify", "--db", db_path()});
  EXPECT_EQ(verified.exit_code, 0) << verified.out;
}

}  // namespace
}  // namespace casereview
