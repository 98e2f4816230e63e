// Publishing local reviews on a real server: the final report sent to each
// recipient with its date at least 7 working days before publication (a copy
// sent late is flagged and holds publication back), the recipients a
// partnership setting recorded with each review, a publication later than
// 6 months refused until the delay is explained to the Panel and the Secretary
// of State, a decision not to publish in full with its reason, and what a
// scrutineer sees: the paused clock beside the plain time since the decision.
// Today is fixed at 16 September 2022; the reviews run from November 2021.
#include <string>
#include <vector>

#include "api_fixture.h"

namespace casereview {
namespace {

using testing_support::ApiTest;
using testing_support::deadline;

class LcsprPublicationStory : public ApiTest {
 protected:
  // A serious incident whose rapid review, on `decided_on`, decides on a local
  // review: the local review's id.
  long long local_review(const std::string& aware, const std::string& submitted, const std::string& met,
                         const std::string& decided_on) const {
    const long long sin = open_notification(aware)["id"].as_integer();
    const long long rr = opened_id(step(sin, "submit_notification", R"({"submitted_on":")" + submitted + R"("})"));
    step(rr, "record_meeting", R"({"held_on":")" + met + R"(","agencies_attended":["Police","Health"]})");
    return opened_id(step(rr, "record_decision", R"({"decided_on":")" + decided_on + R"(","decision":"lcspr",
                              "rationale":"Learning about how agencies shared what they knew of the family.",
                              "facts":"A child of 9 admitted with injuries that agencies had reason to foresee.",
                              "key_practice_episodes":"Two referrals closed without a visit.",
                              "inequalities":"None found beyond the family's poverty.",
                              "local_review_criteria":["agencies_working_together"],
                              "parallel_processes":["police_investigation"],
                              "immediate_safety_actions":["Referral screening audited"],
                              "partners_agreeing":["local_authority","integrated_care_board","police"]})"));
  }

  // Terms of reference, a reviewer under a signed contract, and work started on `started_on`.
  void reviewer_at_work(long long lcspr, const std::string& agreed_on, const std::string& drafted_on,
                        const std::string& signed_on, const std::string& started_on) const {
    const auto reviewer = server().post_json(
        "/api/v1/reviewers", R"({"name":"Dr Sam Publication","organisation":"Independent","national_pool":true})");
    ASSERT_EQ(reviewer.status, 201) << reviewer.body;
    step(lcspr, "agree_terms_of_reference", R"({"agreed_on":")" + agreed_on + R"(","summary":"The year before"})");
    step(lcspr, "draft_contract",
         R"({"contract_ref":"C1","reviewer_id":)" + std::to_string(reviewer.json()["id"].as_integer()) +
             R"(,"scope":"Independent author","start_on":")" + started_on +
             R"(","end_on":"2022-12-30","fee_pounds":11000,"conflicts_checked":true,"drafted_on":")" + drafted_on +
             R"("})");
    step(lcspr, "sign_contract", R"({"contract_ref":"C1","signed_on":")" + signed_on + R"("})");
    step(lcspr, "start_review", R"({"contract_ref":"C1","started_on":")" + started_on + R"("})");
  }

  static std::string copy(const std::string& recipient, const std::string& sent_on) {
    return R"({"recipient":")" + recipient + R"(","sent_on":")" + sent_on + R"("})";
  }

  // The case's events of `type`, in the timeline's order.
  std::vector<Json> events_of(long long id, const std::string& type) const {
    std::vector<Json> out;
    const Json timeline = server().get("/api/v1/cases/" + std::to_string(id) + "/timeline").json();
    for (const Json& e : timeline["events"].items()) {
      if (e["type"].as_string() == type) out.push_back(e);
    }
    return out;
  }

  // The events of `type` in the case's timeline, as "recipient@date" (or the date alone).
  std::vector<std::string> recorded(long long id, const std::string& type) const {
    std::vector<std::string> out;
    for (const Json& e : events_of(id, type)) {
      const Json& who = e["payload"]["recipient"];
      out.push_back((who.is_string() ? who.as_string() + "@" : "") + e["effective_date"].as_string());
    }
    return out;
  }

  // The sentences of the case's events of `type`, in the timeline's order.
  std::vector<std::string> sentences(long long id, const std::string& type) const {
    std::vector<std::string> out;
    for (const Json& e : events_of(id, type)) out.push_back(e["sentence"].as_string());
    return out;
  }

  Json opening_payload(long long id) const {
    return server().get("/api/v1/cases/" + std::to_string(id) + "/timeline").json()["events"].items().at(0)["payload"];
  }
};

TEST_F(LcsprPublicationStory, EachRecipientWithItsDateADelayExplainedAReasonNotToPublishInFullAndTheScrutineersView) {
  // Every rule of the local review says where it comes from.
  const Json rules = server().get("/api/v1/deadline-rules").json();
  int lcspr_rules = 0;
  for (const Json& rule : rules["rules"].items()) {
    if (rule["case_kind"].as_string() != "lcspr") continue;
    ++lcspr_rules;
    const std::string source = rule["source"].as_string();
    EXPECT_TRUE(source.find("Working Together to Safeguard Children 2023") != std::string::npos ||
                source.find("Regulations 2018, regulation 14") != std::string::npos ||
                source.find("procedures") != std::string::npos)
        << rule["id"].as_string() << ": " << source;
    EXPECT_NE(rule["source_tag"].as_string(), "") << rule["id"].as_string();
    if (rule["id"].as_string() == "lcspr.notice_before_publication") {
      EXPECT_EQ(rule["source_tag"].as_string(), "known_practice");
      EXPECT_TRUE(rule["changeable"]["amount"].as_bool());
      EXPECT_TRUE(rule["changeable"]["anchor"].as_bool());
      EXPECT_EQ(rule["anchor_options"].items().size(), 2u);
      EXPECT_EQ(rule["in_force"]["anchor"].as_string(), "planned_publication_with_ofsted");
    }
  }
  EXPECT_EQ(lcspr_rules, 5);

  // Review A, decided on Monday 22 November 2021, opened while the partnership
  // sends the report to the Panel, the Secretary of State and Ofsted.
  const long long a = local_review("2021-11-01", "2021-11-03", "2021-11-18", "2021-11-22");
  EXPECT_EQ(opening_payload(a)["final_report_recipients"].canonical(),
            R"(["national_panel","secretary_of_state","ofsted"])");

  // The partnership then leaves Ofsted out; the change and its reason are recorded.
  const auto changed = admin().request(
      "PUT", "/api/v1/deadline-rules/lcspr.notice_before_publication/setting",
      R"({"anchor":"planned_publication","reason":"Our procedures send the report to the Panel and the Secretary of State."})",
      "application/json", {});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["in_force"]["anchor"].as_string(), "planned_publication");

  // Review B, decided on 1 March 2022, records the two recipients in force then.
  const long long b = local_review("2022-02-14", "2022-02-16", "2022-02-28", "2022-03-01");
  EXPECT_EQ(opening_payload(b)["final_report_recipients"].canonical(), R"(["national_panel","secretary_of_state"])");

  // Review A: on hold for an inquest from 1 February to 4 April 2022 (62 days).
  reviewer_at_work(a, "2021-12-01", "2021-12-06", "2021-12-20", "2022-01-10");
  // The timeline names the reviewer the contract was drafted with, from the register.
  EXPECT_EQ(sentences(a, "contract_drafted"),
            std::vector<std::string>{"Contract C1 drafted on 6 December 2021 with Dr Sam Publication, from 10 "
                                     "January 2022 to 30 December 2022, fee £11,000."});
  step(a, "put_on_hold", R"({"held_from":"2022-02-01","reason":"inquest","details":"The coroner asked us to wait",
                            "family_informed_on":"2022-02-02","panel_informed_on":"2022-02-02"})");
  step(a, "resume", R"({"resumed_on":"2022-04-04"})");
  step(a, "record_draft", R"({"draft_label":"v1","received_on":"2022-05-09"})");
  step(a, "record_sign_off", R"({"signed_off_on":"2022-05-23","publication":"full_report"})");
  step(a, "plan_publication", R"({"planned_on":"2022-06-10"})");
  // 7 working days before Friday 10 June 2022, over the Spring and Jubilee bank
  // holidays (2 and 3 June), is Monday 30 May.
  EXPECT_EQ((*deadline(read_case(a), "lcspr.notice_before_publication"))["due_date"].as_string(), "2022-05-30");
  step(a, "send_final_report", copy("national_panel", "2022-05-27"));
  const Json one_sent = step(a, "send_final_report", copy("secretary_of_state", "2022-05-27"));
  EXPECT_EQ(one_sent["state"].as_string(), "signed_off");  // Ofsted still to have it
  EXPECT_TRUE((*deadline(one_sent, "lcspr.notice_before_publication"))["met_on"].is_null());
  // The partnership's later setting does not take Ofsted off review A.
  const Json all_sent = step(a, "send_final_report", copy("ofsted", "2022-06-06"));
  EXPECT_EQ(all_sent["state"].as_string(), "report_sent");
  EXPECT_EQ((*deadline(all_sent, "lcspr.notice_before_publication"))["status"].as_string(), "met_late");
  EXPECT_EQ(
      recorded(a, "final_report_sent_to_recipient"),
      (std::vector<std::string>{"national_panel@2022-05-27", "secretary_of_state@2022-05-27", "ofsted@2022-06-06"}));
  EXPECT_EQ(recorded(a, "final_report_sent"), (std::vector<std::string>{"2022-06-06"}));
  // Ofsted's copy came late: not published on the planned day.
  const auto too_soon = attempt(a, "record_publication", R"({"published_on":"2022-06-10","where":"Website"})");
  ASSERT_EQ(too_soon.status, 422) << too_soon.body;
  EXPECT_NE(too_soon.json()["detail"].as_string().find("2022-06-15"), std::string::npos) << too_soon.body;
  step(a, "plan_publication", R"({"planned_on":"2022-06-17"})");
  EXPECT_EQ((*deadline(read_case(a), "lcspr.notice_before_publication"))["status"].as_string(), "met");
  // 17 June is later than 6 months after the decision (22 May): explain first.
  const auto unexplained = attempt(a, "record_publication", R"({"published_on":"2022-06-17","where":"Website"})");
  ASSERT_EQ(unexplained.status, 422) << unexplained.body;
  EXPECT_NE(unexplained.json()["detail"].as_string().find("2022-05-22"), std::string::npos) << unexplained.body;
  step(a, "explain_delay", R"({"explained_on":"2022-06-13",
                               "reasons":"The inquest paused the review for two months; the coroner's findings came in May."})");
  const Json published_a = step(a, "record_publication", R"({"published_on":"2022-06-17","where":"Website"})");
  EXPECT_EQ(published_a["state"].as_string(), "published");
  EXPECT_EQ((*deadline(published_a, "lcspr.publish"))["status"].as_string(), "met");
  EXPECT_EQ((*deadline(published_a, "lcspr.publish"))["due_date"].as_string(), "2022-07-23");    // 62 days on hold
  EXPECT_EQ((*deadline(published_a, "lcspr.explain_delay"))["status"].as_string(), "met_late");  // after 22 May

  // Review B: only the information about improvements, with the reason, to its two recipients.
  reviewer_at_work(b, "2022-03-07", "2022-03-14", "2022-03-21", "2022-04-04");
  step(b, "record_draft", R"({"draft_label":"v1","received_on":"2022-06-20"})");
  const auto no_reason =
      attempt(b, "record_sign_off", R"({"signed_off_on":"2022-07-04","publication":"improvements_information"})");
  ASSERT_EQ(no_reason.status, 422) << no_reason.body;
  EXPECT_EQ(no_reason.json()["errors"].items().at(0)["field"].as_string(), "not_in_full_reason");
  step(b, "record_sign_off", R"({"signed_off_on":"2022-07-04","publication":"improvements_information",
                                 "not_in_full_reason":"The family asked that the full account of the child's life stay private."})");
  step(b, "plan_publication", R"({"planned_on":"2022-08-12"})");
  const auto to_ofsted = attempt(b, "send_final_report", copy("ofsted", "2022-07-25"));
  ASSERT_EQ(to_ofsted.status, 422) << to_ofsted.body;
  EXPECT_NE(to_ofsted.json()["detail"].as_string().find("not to Ofsted"), std::string::npos) << to_ofsted.body;
  EXPECT_EQ(to_ofsted.json()["errors"].items().at(0)["field"].as_string(), "recipient");
  step(b, "send_final_report", copy("national_panel", "2022-07-25"));
  EXPECT_EQ(step(b, "send_final_report", copy("secretary_of_state", "2022-07-26"))["state"].as_string(), "report_sent");
  const Json published_b = step(b, "record_publication", R"({"published_on":"2022-08-12","where":"Website"})");
  EXPECT_EQ((*deadline(published_b, "lcspr.notice_before_publication"))["status"].as_string(), "met");
  EXPECT_EQ((*deadline(published_b, "lcspr.explain_delay"))["status"].as_string(), "not_required");
  const Json timeline_b = server().get("/api/v1/cases/" + std::to_string(b) + "/timeline").json();
  EXPECT_EQ(timeline_b["events"].items().back()["payload"]["publication"].as_string(), "improvements_information");

  // Review C, decided on 17 January 2022, on hold for a criminal trial since 3 May.
  const long long c = local_review("2022-01-04", "2022-01-05", "2022-01-13", "2022-01-17");
  step(c, "put_on_hold", R"({"held_from":"2022-05-03","reason":"criminal_trial","details":"Trial listed for November",
                            "family_informed_on":"2022-05-04","panel_informed_on":"2022-05-04"})");
  EXPECT_EQ((*deadline(read_case(c), "lcspr.explain_delay"))["status"].as_string(), "overdue");  // since 17 July

  // The scrutineer sees, beside each paused clock, the plain time since the decision.
  testing_support::add_user(db_path(), "scrutineer", "scrutineer");
  const auto scrutineer = server().as(server().sign_in("scrutineer", testing_support::kTestPassword));
  const Json held = scrutineer.get("/api/v1/cases/" + std::to_string(c)).json();
  const Json& paused = *deadline(held, "lcspr.publish");
  EXPECT_EQ(paused["status"].as_string(), "paused");
  EXPECT_EQ(paused["remaining"].as_integer(), 75);  // days from 3 May to 17 July
  EXPECT_EQ(paused["elapsed"].canonical(),
            Json::parse(R"({"from":"2022-01-17","to":"2022-09-16","running":true,"calendar_days":242,
                            "months":7,"days":30,"days_on_hold":136})")
                .canonical());
  const Json report = scrutineer.get("/api/v1/reports/timeliness?kind=lcspr").json();
  bool saw_a = false;
  for (const Json& item : report["cases"].items()) {
    if (item["id"].as_integer() != a) continue;
    saw_a = true;
    for (const Json& clock : item["clocks"].items()) {
      if (clock["rule_id"].as_string() != "lcspr.publish") continue;
      EXPECT_EQ(clock["status"].as_string(), "met");
      EXPECT_EQ(clock["pauses"].items().size(), 1u);
      EXPECT_EQ(clock["elapsed"].canonical(),
                Json::parse(R"({"from":"2021-11-22","to":"2022-06-17","running":false,"calendar_days":207,
                                "months":6,"days":26,"days_on_hold":62})")
                    .canonical());
    }
  }
  EXPECT_TRUE(saw_a);
  // A clock counted back from a planned date has no elapsed time of its own.
  EXPECT_TRUE((*deadline(scrutineer.get("/api/v1/cases/" + std::to_string(a)).json(),
                         "lcspr.notice_before_publication"))["elapsed"]
                  .is_null());

  // Explained late, but explained: the reminder is met late.
  step(c, "explain_delay", R"({"explained_on":"2022-09-12",
                               "reasons":"The criminal trial is listed for November; the police asked us to wait."})");
  EXPECT_EQ((*deadline(read_case(c), "lcspr.explain_delay"))["status"].as_string(), "met_late");

  const auto verified = testing_support::run_casereview({"audit", "verify", "--db", db_path()});
  EXPECT_EQ(verified.exit_code, 0) << verified.out;
}

}  // namespace
}  // namespace casereview
