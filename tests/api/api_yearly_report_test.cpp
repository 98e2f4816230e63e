// The partnership's yearly report on a real server, from a data set with known
// answers: notifications made on 31 March and 1 April, one on time only because
// of the Spring and Jubilee bank holidays (2 and 3 June 2022), one late, one not
// yet made, a looked-after child's death without suspected abuse (not a serious
// incident), rapid reviews on time and late with their working days, each
// decision and Panel response, local reviews decided just before and within
// the year, one on hold since May, one published after a hold that ended before
// the year, actions, and the learning of rapid reviews that opened no local
// review. Today is Friday 16 September 2022; the year is 1 April 2022 to
// 31 March 2023.
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "api_fixture.h"
#include "casereview/engine/csv.h"
#include "casereview/engine/date.h"
#include "report_listing.h"

namespace casereview {
namespace {

using testing_support::ApiTest;

// The cases of the known-answer year, by their part in it.
struct KnownYear {
  long long sin0, rr0, published, sin1, rr1, on_hold, sin2, rr2, sin3, rr3, commissioned, sin4, rr4, sin5, sin6, sin7,
      rr7;
};

class YearlyReportStory : public ApiTest {
 protected:
  // The known-answer year described at the top of this file.
  KnownYear known_year() const {
    KnownYear y;
    // Decided on 1 March 2022 (before the year), on hold 23–30 March, published on 12 August 2022.
    y.sin0 = open_sin("2022-02-14", "death");
    y.rr0 = submit(y.sin0, "2022-02-16");
    y.published = decide(y.rr0, "2022-02-28", "2022-03-01", "lcspr", "[]");
    reviewer_at_work(y.published, "2022-03-14", "2022-03-21", "2022-03-22");
    step(y.published, "put_on_hold",
         R"({"held_from":"2022-03-23","reason":"inquest","details":"The coroner asked us to wait",
                                      "family_informed_on":"2022-03-23","panel_informed_on":"2022-03-23"})");
    step(y.published, "resume", R"({"resumed_on":"2022-03-30"})");
    step(y.published, "record_draft", R"({"draft_label":"v1","received_on":"2022-06-20"})");
    step(y.published, "record_sign_off", R"({"signed_off_on":"2022-07-04","publication":"full_report"})");
    step(y.published, "plan_publication", R"({"planned_on":"2022-08-12"})");
    for (const char* to : {"national_panel", "secretary_of_state", "ofsted"}) {
      step(y.published, "send_final_report", std::string(R"({"recipient":")") + to + R"(","sent_on":"2022-07-25"})");
    }
    step(y.published, "record_publication", R"({"published_on":"2022-08-12","where":"Website"})");
    add_action(y.published, "R1", "2023-01-31", "2022-08-15");

    // Made on Thursday 31 March 2022, the last day of the year before; its local
    // review (decided that day) is on hold for a trial since 3 May.
    y.sin1 = open_sin("2022-03-24", "death");
    y.rr1 = submit(y.sin1, "2022-03-31");
    y.on_hold = decide(y.rr1, "2022-03-31", "2022-03-31", "lcspr", "[]");
    reviewer_at_work(y.on_hold, "2022-04-11", "2022-04-20", "2022-04-25");
    step(y.on_hold, "put_on_hold", R"({"held_from":"2022-05-03","reason":"criminal_trial","details":"Trial listed",
                                    "family_informed_on":"2022-05-03","panel_informed_on":"2022-05-04"})");

    // Made on Friday 1 April 2022, the first day of the year: serious harm to a
    // looked-after child, on time (due 4 April); its rapid review no local review.
    y.sin2 = open_sin("2022-03-28", "serious_harm", R"(,"looked_after_child":true)");
    y.rr2 = submit(y.sin2, "2022-04-01");
    EXPECT_EQ(decide(y.rr2, "2022-04-19", "2022-04-20", "no_lcspr", R"(["professional_curiosity","neglect"])"), 0);
    step(y.rr2, "submit_to_panel", R"({"submitted_on":"2022-04-22"})");  // 13 working days (Easter in between)
    panel_response(y.rr2, "2022-05-06", "yes");
    add_action(y.rr2, "R1", "2022-08-31", "2022-05-10");  // overdue today
    add_action(y.rr2, "R2", "2022-12-31", "2022-05-10");
    step(y.rr2, "update_action",
         R"({"ref":"R2","status":"completed","updated_on":"2022-09-01","evidence":"Audit done",
        "impact":"Referrals are now shared within a day"})");

    // A care leaver of 17 died; aware Wednesday 1 June, made Thursday 9 June: on
    // time only because 2 and 3 June were bank holidays (due Friday 10 June).
    y.sin3 = open_sin("2022-06-01", "death", R"(,"care_leaver":true,"age":17)");
    y.rr3 = submit(y.sin3, "2022-06-09");
    y.commissioned = decide(y.rr3, "2022-06-27", "2022-06-28", "lcspr", R"(["working_with_fathers"])");
    step(y.rr3, "submit_to_panel", R"({"submitted_on":"2022-07-05"})");  // due 30 June: late, 18 working days
    panel_response(y.rr3, "2022-07-12", "yes");
    reviewer_at_work(y.commissioned, "2022-07-11", "2022-07-26", "2022-08-01");

    // Aware Monday 4 July, made Friday 15 July: late (due 11 July). The Panel did
    // not agree with "no local review"; the partners kept their decision.
    y.sin4 = open_sin("2022-07-04", "serious_harm");
    y.rr4 = submit(y.sin4, "2022-07-15");
    decide(y.rr4, "2022-07-28", "2022-08-01", "no_lcspr", R"(["professional_curiosity","information_sharing"])");
    step(y.rr4, "submit_to_panel", R"({"submitted_on":"2022-08-03"})");  // 13 working days
    panel_response(y.rr4, "2022-08-10", "no");
    step(y.rr4, "record_decision_after_panel", R"({"decided_on":"2022-08-17","decision":"no_lcspr",
        "rationale":"The learning is already being acted on.","learning_taken_forward":"A practice briefing.",
        "local_review_criteria":["recurrent_themes"],"partners_agreeing":["local_authority","integrated_care_board","police"]})");

    // Aware 8 September, not made by today (overdue since 15 September).
    y.sin5 = open_sin("2022-09-08", "death");
    // A looked-after child's death without suspected abuse: to the Secretary of
    // State and Ofsted only, not a serious incident notification.
    y.sin6 = open_sin("2022-05-03", "death", R"(,"looked_after_child":true)", "not_suspected");
    EXPECT_EQ(submit(y.sin6, "2022-05-04"), 0);
    // Made on 5 September; its rapid review is due on 27 September.
    y.sin7 = open_sin("2022-09-01", "serious_harm");
    y.rr7 = submit(y.sin7, "2022-09-05");
    return y;
  }
  long long open_sin(const std::string& aware, const std::string& harm, const std::string& more = "",
                     const std::string& abuse = "suspected") const {
    const auto r =
        server().post_json("/api/v1/cases", R"({"kind":"serious_incident_notification","facts":{
        "became_aware_on":")" + aware + R"(","harm":")" +
                                                harm + R"(","abuse_or_neglect":")" + abuse +
                                                R"(","location":"in_area","local_authority":"Northam City Council",
        "summary":"Known-answer case")" + more + "}}");
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json()["id"].as_integer();
  }
  // Submits the notification: the rapid review it opens (0 when none).
  long long submit(long long sin, const std::string& on) const {
    const Json r = step(sin, "submit_notification", R"({"submitted_on":")" + on + R"("})");
    return r["opened_cases"].items().empty() ? 0 : opened_id(r);
  }
  // The meeting and the decision; the local review it opens (0 when none).
  long long decide(long long rr, const std::string& met, const std::string& decided, const std::string& decision,
                   const std::string& themes) const {
    step(rr, "record_meeting", R"({"held_on":")" + met + R"(","agencies_attended":["Police","Health"]})");
    const Json r = step(rr, "record_decision",
                        R"({"decided_on":")" + decided + R"(","decision":")" + decision + R"(",
        "rationale":"Recorded for the known-answer data set.",
)" + (decision == "lcspr" ? "" : R"("learning_taken_forward":"A practice briefing to every agency.",)") +
                            R"(
        "facts":"A child harmed; the explanation does not fit.","key_practice_episodes":"Two referrals closed without a visit.",
        "inequalities":"None found: the family's circumstances gave no sign that inequality shaped the practice.","local_review_criteria":["recurrent_themes"],
        "parallel_processes":["police_investigation"],"immediate_safety_actions":["Siblings seen and safe"],
        "learning_themes":)" +
                            themes + R"(,"partners_agreeing":["local_authority","integrated_care_board","police"]})");
    return r["opened_cases"].items().empty() ? 0 : opened_id(r);
  }
  void panel_response(long long rr, const std::string& on, const std::string& agrees) const {
    step(rr, "record_panel_response",
         R"({"responded_on":")" + on + R"(","agrees_with_decision":")" + agrees + R"(","recommends_local_review":")" +
             agrees_to_recommend(agrees) + R"(","national_review":"no"})");
  }
  static std::string agrees_to_recommend(const std::string& agrees) { return agrees == "yes" ? "no" : "yes"; }
  void reviewer_at_work(long long lcspr, const std::string& drafted_on, const std::string& signed_on,
                        const std::string& started_on) const {
    const auto reviewer = server().post_json(
        "/api/v1/reviewers", R"({"name":"Dr Known Answer","organisation":"Independent","national_pool":true})");
    ASSERT_EQ(reviewer.status, 201) << reviewer.body;
    step(lcspr, "agree_terms_of_reference", R"({"agreed_on":")" + drafted_on + R"(","summary":"The year before"})");
    step(lcspr, "draft_contract",
         R"({"contract_ref":"C1","reviewer_id":)" + std::to_string(reviewer.json()["id"].as_integer()) +
             R"(,"scope":"Independent author","start_on":")" + started_on +
             R"(","end_on":"2022-12-30","fee_pounds":9000,"conflicts_checked":true,"drafted_on":")" + drafted_on +
             R"("})");
    step(lcspr, "sign_contract", R"({"contract_ref":"C1","signed_on":")" + signed_on + R"("})");
    step(lcspr, "start_review", R"({"contract_ref":"C1","started_on":")" + started_on + R"("})");
  }
  // A case's reference, as the reports name it.
  std::string reference_of(long long id) const {
    return server().get("/api/v1/cases/" + std::to_string(id)).json()["reference"].as_string();
  }
  void add_action(long long id, const std::string& ref, const std::string& due_on, const std::string& agreed_on) const {
    step(id, "add_action",
         R"({"ref":")" + ref + R"(","recommendation":"Share what is known","action":"Audit referrals",
        "owner_person":"Head of service","owner_agency":"Children's social care","due_on":")" +
             due_on + R"(",
        "desired_outcome":"Referrals are shared","agreed_on":")" +
             agreed_on + R"("})");
  }
};

// The references behind a figure, as the CSV joins them.
std::string references(const Json& figure) {
  std::string joined;
  for (const Json& c : figure["cases"].items()) joined += (joined.empty() ? "" : "; ") + c["reference"].as_string();
  return joined;
}

// The ids behind a figure, in the order given.
std::vector<long long> ids(const Json& figure) {
  std::vector<long long> out;
  for (const Json& c : figure["cases"].items()) out.push_back(c["id"].as_integer());
  EXPECT_EQ(figure["count"].as_integer(), static_cast<long long>(out.size()));
  return out;
}
using Ids = std::vector<long long>;

TEST_F(YearlyReportStory, EveryFigureOfTheFinancialYearWithTheCasesBehindIt) {
  const KnownYear y = known_year();
  const auto [sin0, rr0, published, sin1, rr1, on_hold, sin2, rr2, sin3, rr3, commissioned, sin4, rr4, sin5, sin6, sin7,
              rr7] = y;
  const auto r = server().get("/api/v1/reports/yearly");
  ASSERT_EQ(r.status, 200) << r.body;
  const Json report = r.json();
  EXPECT_EQ(report["period"]["from"].as_string(), "2022-04-01");
  EXPECT_EQ(report["period"]["to"].as_string(), "2023-03-31");
  EXPECT_EQ(report["today"].as_string(), "2022-09-16");

  const Json& n = report["notifications"];
  EXPECT_EQ(ids(n["made"]), (Ids{sin2, sin3, sin4, sin7}));
  EXPECT_EQ(ids(n["by_harm"]["death"]), (Ids{sin3}));
  EXPECT_EQ(ids(n["by_harm"]["serious_harm"]), (Ids{sin2, sin4, sin7}));
  EXPECT_EQ(ids(n["by_harm"]["other"]), Ids{});
  EXPECT_EQ(ids(n["by_looked_after_status"]["looked_after"]), (Ids{sin2}));
  EXPECT_EQ(ids(n["by_looked_after_status"]["care_leaver"]), (Ids{sin3}));
  EXPECT_EQ(ids(n["by_looked_after_status"]["neither"]), (Ids{sin4, sin7}));
  EXPECT_EQ(ids(n["timeliness"]["on_time"]), (Ids{sin2, sin3, sin7}));
  EXPECT_EQ(ids(n["timeliness"]["late"]), (Ids{sin4}));
  EXPECT_EQ(ids(n["timeliness"]["not_yet_made"]), (Ids{sin5}));
  EXPECT_EQ(n["made"]["cases"].items()[0]["href"].as_string(), "/api/v1/cases/" + std::to_string(sin2));
  EXPECT_EQ(n["made"]["cases"].items()[0]["reference"].as_string().rfind("SIN-2022-", 0), 0u);

  const Json& rr = report["rapid_reviews"];
  EXPECT_EQ(ids(rr["opened"]), (Ids{rr2, rr3, rr4, rr7}));
  EXPECT_EQ(ids(rr["timeliness"]["on_time"]), (Ids{rr2, rr4}));
  EXPECT_EQ(ids(rr["timeliness"]["late"]), (Ids{rr3}));
  EXPECT_EQ(ids(rr["timeliness"]["not_yet_submitted"]), (Ids{rr7}));
  std::vector<std::string> timings;
  for (const Json& t : rr["timeliness"]["reviews"].items()) {
    timings.push_back(t["started_on"].as_string() + " " +
                      (t["submitted_on"].is_null() ? "-" : t["submitted_on"].as_string()) + " " +
                      (t["working_days_taken"].is_null() ? "-" : std::to_string(t["working_days_taken"].as_integer())) +
                      " " + t["status"].as_string());
  }
  EXPECT_EQ(timings, (std::vector<std::string>{"2022-04-01 2022-04-22 13 met", "2022-06-09 2022-07-05 18 met_late",
                                               "2022-07-15 2022-08-03 13 met", "2022-09-05 - - on_track"}));
  EXPECT_EQ(ids(rr["decisions"]["lcspr"]), (Ids{rr3}));
  EXPECT_EQ(ids(rr["decisions"]["no_lcspr"]), (Ids{rr2, rr4}));
  EXPECT_EQ(ids(rr["decisions"]["national_review_referral"]), Ids{});
  EXPECT_EQ(ids(rr["decisions"]["criteria_not_met"]), Ids{});
  EXPECT_EQ(ids(rr["decisions_after_panel"]["no_lcspr"]), (Ids{rr4}));
  EXPECT_EQ(ids(rr["decisions_after_panel"]["lcspr"]), Ids{});
  EXPECT_EQ(ids(rr["panel_responses"]["agreed"]), (Ids{rr2, rr3}));
  EXPECT_EQ(ids(rr["panel_responses"]["did_not_agree"]), (Ids{rr4}));
  EXPECT_EQ(ids(rr["panel_responses"]["national_review"]), Ids{});

  const Json& l = report["lcsprs"];
  EXPECT_EQ(ids(l["commissioned"]), (Ids{commissioned}));
  EXPECT_EQ(ids(l["on_hold"]), (Ids{on_hold}));
  ASSERT_EQ(l["on_hold"]["holds"].items().size(), 1u);
  const Json& hold = l["on_hold"]["holds"].items()[0];
  EXPECT_EQ(hold["case_id"].as_integer(), on_hold);
  EXPECT_EQ(hold["from"].as_string(), "2022-05-03");
  EXPECT_TRUE(hold["to"].is_null());
  EXPECT_EQ(hold["reason"].as_string(), "criminal_trial");
  EXPECT_EQ(hold["days_held"].as_integer(), 136);
  EXPECT_EQ(ids(l["published"]), (Ids{published}));
  EXPECT_EQ(ids(l["published"]["on_time"]), (Ids{published}));
  EXPECT_EQ(ids(l["published"]["late"]), Ids{});
  ASSERT_EQ(l["commissioning"].items().size(), 1u);
  const Json& contract = l["commissioning"].items()[0];
  EXPECT_EQ(contract["case_id"].as_integer(), commissioned);
  EXPECT_EQ(contract["decided_on"].as_string(), "2022-06-28");
  EXPECT_EQ(contract["contract_signed_on"].as_string(), "2022-07-26");
  EXPECT_EQ(contract["calendar_days"].as_integer(), 28);
  EXPECT_EQ(contract["working_days"].as_integer(), 20);

  std::vector<std::string> actions;
  for (const Json& a : report["actions"].items()) {
    actions.push_back(std::to_string(a["case_id"].as_integer()) + " " + a["case_kind"].as_string() + " " +
                      std::to_string(a["open"].as_integer()) + "/" + std::to_string(a["completed"].as_integer()) + "/" +
                      std::to_string(a["overdue"].as_integer()));
  }
  EXPECT_EQ(actions, (std::vector<std::string>{std::to_string(published) + " lcspr 1/0/0",
                                               std::to_string(rr2) + " rapid_review 1/1/1"}));

  std::vector<std::string> themes;
  for (const Json& t : report["learning_themes_without_local_review"].items()) {
    std::string line = t["code"].as_string() + ":";
    for (long long id : ids(t)) line += " " + std::to_string(id);
    themes.push_back(line);
  }
  EXPECT_EQ(themes,
            (std::vector<std::string>{"information_sharing: " + std::to_string(rr4), "neglect: " + std::to_string(rr2),
                                      "professional_curiosity: " + std::to_string(rr2) + " " + std::to_string(rr4)}));

  // The same figures as CSV: each count with the references of its cases.
  const auto figures = server().get("/api/v1/reports/yearly?format=csv");
  ASSERT_EQ(figures.status, 200) << figures.body;
  EXPECT_EQ(figures.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(figures.headers.at("content-disposition"),
            "attachment; filename=\"yearly-report-figures-2022-04-01-to-2023-03-31.csv\"");
  std::map<std::string, std::vector<std::string>> rows;
  for (const auto& row : parse_csv(figures.body)) rows[row.at(0)] = row;
  EXPECT_EQ(rows["figure"], (std::vector<std::string>{"figure", "count", "case_references"}));
  EXPECT_EQ(rows["notifications.made"], (std::vector<std::string>{"notifications.made", "4", references(n["made"])}));
  EXPECT_EQ(rows["notifications.timeliness.late"].at(2), reference_of(sin4));
  EXPECT_EQ(rows["rapid_reviews.decisions.no_lcspr"].at(1), "2");
  EXPECT_EQ(rows["rapid_reviews.decisions.national_review_referral"],
            (std::vector<std::string>{"rapid_reviews.decisions.national_review_referral", "0", ""}));
  EXPECT_EQ(rows["lcsprs.published.on_time"].at(2), reference_of(published));
  EXPECT_EQ(rows["learning_themes_without_local_review.professional_curiosity"].at(2),
            reference_of(rr2) + "; " + reference_of(rr4));
  // The header; 10 notification figures; rapid reviews 4 + 6 decisions + 3 responses; 5 of local reviews; 3 themes.
  EXPECT_EQ(rows.size(), 1u + 10u + 13u + 5u + 3u) << figures.body;

  const auto timings_csv = parse_csv(server().get("/api/v1/reports/yearly?format=csv&table=rapid_review_timings").body);
  ASSERT_EQ(timings_csv.size(), 5u);
  EXPECT_EQ(timings_csv[0],
            (std::vector<std::string>{"case_reference", "started_on", "submitted_on", "working_days_taken", "status"}));
  EXPECT_EQ(timings_csv[2],
            (std::vector<std::string>{reference_of(rr3), "2022-06-09", "2022-07-05", "18", "met_late"}));
  EXPECT_EQ(timings_csv[4], (std::vector<std::string>{reference_of(rr7), "2022-09-05", "", "", "on_track"}));
  const auto holds_csv = parse_csv(server().get("/api/v1/reports/yearly?format=csv&table=holds").body);
  ASSERT_EQ(holds_csv.size(), 2u);
  EXPECT_EQ(holds_csv[1], (std::vector<std::string>{reference_of(on_hold), "2022-05-03", "", "criminal_trial", "136"}));
  const auto actions_csv = parse_csv(server().get("/api/v1/reports/yearly?format=csv&table=actions").body);
  ASSERT_EQ(actions_csv.size(), 3u);
  EXPECT_EQ(actions_csv[2], (std::vector<std::string>{reference_of(rr2), "rapid_review", "1", "1", "1"}));

  // The year before: 31 March in, 1 April out.
  const Json before = server().get("/api/v1/reports/yearly?from=2021-04-01&to=2022-03-31").json();
  EXPECT_EQ(ids(before["notifications"]["made"]), (Ids{sin0, sin1}));
  EXPECT_EQ(ids(before["lcsprs"]["commissioned"]), (Ids{published, on_hold}));
  EXPECT_EQ(before["lcsprs"]["on_hold"]["holds"].items().size(), 1u);  // the March hold, ended
  EXPECT_EQ(before["lcsprs"]["on_hold"]["holds"].items()[0]["days_held"].as_integer(), 7);
  // One end alone: to the end of its financial year.
  const Json from_june = server().get("/api/v1/reports/yearly?from=2022-06-01").json();
  EXPECT_EQ(from_june["period"]["to"].as_string(), "2023-03-31");
  EXPECT_EQ(ids(from_june["notifications"]["made"]), (Ids{sin3, sin4, sin7}));
}

// The Reports page asks for the first cases of each figure and the first rows
// of each table: every count stays whole, and totals says how long each table is.
TEST_F(YearlyReportStory, APageCanAskForTheFirstCasesOfEachFigureAndTheFirstRowsOfEachTable) {
  known_year();
  const auto whole = server().get("/api/v1/reports/yearly");
  ASSERT_EQ(whole.status, 200) << whole.body;
  const Json report = whole.json();
  const std::set<std::string> tables = {"rapid_reviews.timeliness.reviews", "lcsprs.on_hold.holds",
                                        "lcsprs.commissioning", "actions"};
  EXPECT_EQ(report["totals"]["rapid_review_timings"].as_integer(),
            static_cast<long long>(report["rapid_reviews"]["timeliness"]["reviews"].items().size()));
  EXPECT_EQ(report["totals"]["holds"].as_integer(),
            static_cast<long long>(report["lcsprs"]["on_hold"]["holds"].items().size()));
  EXPECT_EQ(report["totals"]["commissioning"].as_integer(),
            static_cast<long long>(report["lcsprs"]["commissioning"].items().size()));
  EXPECT_EQ(report["totals"]["actions"].as_integer(), static_cast<long long>(report["actions"].items().size()));

  const auto cut = server().get("/api/v1/reports/yearly?cases=1&rows=1");
  ASSERT_EQ(cut.status, 200) << cut.body;
  const testing_support::ListingCuts cuts = testing_support::expect_listed_as(report, cut.json(), 1, 1, tables);
  EXPECT_GT(cuts.figures, 0);
  // The rapid review timings and the actions: the known year has one hold and one contract.
  EXPECT_EQ(cuts.tables, 2);
  EXPECT_LT(cut.body.size(), whole.body.size());

  // cases=0: the counts alone.
  ASSERT_GT(report["notifications"]["made"]["count"].as_integer(), 0);
  const auto counts = server().get("/api/v1/reports/yearly?cases=0");
  ASSERT_EQ(counts.status, 200) << counts.body;
  testing_support::expect_listed_as(report, counts.json(), 0, SIZE_MAX, tables);
  EXPECT_EQ(counts.json()["notifications"]["made"]["count"], report["notifications"]["made"]["count"]);
  EXPECT_TRUE(counts.json()["notifications"]["made"]["cases"].items().empty());

  // A cap past every list changes nothing.
  const auto roomy = server().get("/api/v1/reports/yearly?cases=100000&rows=100000");
  ASSERT_EQ(roomy.status, 200) << roomy.body;
  EXPECT_EQ(roomy.body, whole.body);
}

TEST_F(YearlyReportStory, APeriodThatCannotBeReadIsRefused) {
  for (const char* query : {"?from=2022-04-02&to=2022-04-01", "?from=2023-02-29", "?to=April", "?year=2022",
                            "?format=xlsx", "?format=csv&table=everything", "?cases=-1", "?cases=100001", "?cases=ten",
                            "?rows=0", "?rows=1.5", "?format=csv&cases=5", "?format=csv&rows=5"}) {
    const auto r = server().get(std::string("/api/v1/reports/yearly") + query);
    EXPECT_EQ(r.status, 400) << query << ": " << r.body;
    EXPECT_EQ(r.json()["code"].as_string(), "INVALID_QUERY") << query;
  }
}

}  // namespace
}  // namespace casereview

namespace casereview {
namespace {

// One export of the known year, as records keyed by their column names.
std::vector<std::map<std::string, std::string>> export_rows(const testing_support::ServerProcess& server,
                                                            const std::string& dataset) {
  const auto r = server.get("/api/v1/exports/" + dataset + "?from=2022-04-01&to=2023-03-31");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(r.headers.at("content-disposition"),
            "attachment; filename=\"" + dataset + "-2022-04-01-to-2023-03-31.csv\"");
  const auto records = parse_csv(r.body);
  std::vector<std::map<std::string, std::string>> rows;
  for (std::size_t i = 1; i < records.size(); ++i) {
    EXPECT_EQ(records[i].size(), records[0].size()) << dataset << " row " << i;
    std::map<std::string, std::string> row;
    for (std::size_t c = 0; c < records[0].size(); ++c) row[records[0][c]] = records[i].at(c);
    rows.push_back(row);
  }
  return rows;
}

bool in_year(const std::string& iso) { return iso >= "2022-04-01" && iso <= "2023-03-31"; }

std::set<std::string> references_of(const Json& figure) {
  std::set<std::string> out;
  for (const Json& c : figure["cases"].items()) out.insert(c["reference"].as_string());
  return out;
}

TEST_F(YearlyReportStory, ItsFiguresCanBeCountedAgainFromTheExports) {
  const KnownYear y = known_year();
  // Typed text a spreadsheet would run is exported inert.
  step(y.rr2, "add_action", R"j({"ref":"R3","recommendation":"=HYPERLINK(\"http://x\",\"open\")",
      "action":"@SUM(1+1)","owner_person":"+lead","owner_agency":"-agency","due_on":"2023-01-31",
      "desired_outcome":"Shared, \"quoted\", and on\ntwo lines","agreed_on":"2022-09-01"})j");
  const Json report = server().get("/api/v1/reports/yearly").json();
  const auto cases = export_rows(server(), "cases");
  const auto clocks = export_rows(server(), "clocks");
  const auto actions = export_rows(server(), "actions");
  const auto themes = export_rows(server(), "themes");

  std::map<std::string, std::map<std::string, std::string>> case_by_reference;
  for (const auto& c : cases) case_by_reference[c.at("reference")] = c;
  const auto kind_of = [&](const std::string& reference) { return case_by_reference.at(reference).at("kind"); };

  // Rapid reviews opened, on time and late; local reviews commissioned.
  std::set<std::string> rr_opened, lcspr_commissioned;
  for (const auto& c : cases) {
    if (c.at("kind") == "rapid_review" && in_year(c.at("opened_on"))) rr_opened.insert(c.at("reference"));
    if (c.at("kind") == "lcspr" && in_year(c.at("opened_on"))) lcspr_commissioned.insert(c.at("reference"));
  }
  EXPECT_EQ(rr_opened, references_of(report["rapid_reviews"]["opened"]));
  EXPECT_EQ(lcspr_commissioned, references_of(report["lcsprs"]["commissioned"]));

  std::set<std::string> made, made_on_time, made_late, rr_on_time, rr_late, published;
  std::map<std::string, std::string> rr_working_days;
  for (const auto& k : clocks) {
    const std::string& ref = k.at("case_reference");
    if (k.at("rule_id") == "sin.notify_panel" && in_year(k.at("met_on"))) {
      made.insert(ref);
      (k.at("status") == "met" ? made_on_time : made_late).insert(ref);
    }
    if (k.at("rule_id") == "rr.submit_to_panel" && rr_opened.count(ref)) {
      if (k.at("status") == "met") rr_on_time.insert(ref);
      if (k.at("status") == "met_late") rr_late.insert(ref);
      rr_working_days[ref] = k.at("working_days_to_met");
    }
    if (k.at("rule_id") == "lcspr.publish" && in_year(k.at("met_on"))) published.insert(ref);
  }
  const Json& n = report["notifications"];
  EXPECT_EQ(made, references_of(n["made"]));
  EXPECT_EQ(made_on_time, references_of(n["timeliness"]["on_time"]));
  EXPECT_EQ(made_late, references_of(n["timeliness"]["late"]));
  EXPECT_EQ(rr_on_time, references_of(report["rapid_reviews"]["timeliness"]["on_time"]));
  EXPECT_EQ(rr_late, references_of(report["rapid_reviews"]["timeliness"]["late"]));
  for (const Json& t : report["rapid_reviews"]["timeliness"]["reviews"].items()) {
    const std::string taken =
        t["working_days_taken"].is_null() ? "" : std::to_string(t["working_days_taken"].as_integer());
    EXPECT_EQ(rr_working_days.at(t["case_reference"].as_string()), taken) << t.dump();
  }
  EXPECT_EQ(published, references_of(report["lcsprs"]["published"]));

  // Actions per review: open, completed, overdue.
  std::map<std::string, std::string> counted;
  for (const auto& a : actions) {
    if (a.at("added_on") > "2023-03-31") continue;
    std::string& line = counted[a.at("case_reference")];
    line += a.at("status") == "completed" ? "c" : (a.at("status") == "cancelled" ? "x" : "o");
    if (a.at("overdue") == "yes") line += "!";
  }
  for (const Json& a : report["actions"].items()) {
    const std::string& line = counted.at(a["case_reference"].as_string());
    EXPECT_EQ(std::count(line.begin(), line.end(), 'o'), a["open"].as_integer()) << line;
    EXPECT_EQ(std::count(line.begin(), line.end(), 'c'), a["completed"].as_integer()) << line;
    EXPECT_EQ(std::count(line.begin(), line.end(), '!'), a["overdue"].as_integer()) << line;
  }
  EXPECT_EQ(counted.size(), report["actions"].items().size());

  // Learning themes of rapid reviews opened in the year that opened no local review.
  std::set<std::string> with_local_review;
  for (const auto& c : cases) {
    if (c.at("kind") == "lcspr") with_local_review.insert(c.at("parent_reference"));
  }
  std::map<std::string, std::set<std::string>> theme_cases;
  for (const auto& t : themes) {
    const std::string& ref = t.at("case_reference");
    if (kind_of(ref) == "rapid_review" && rr_opened.count(ref) && !with_local_review.count(ref)) {
      theme_cases[t.at("code")].insert(ref);
    }
  }
  std::map<std::string, std::set<std::string>> reported;
  for (const Json& t : report["learning_themes_without_local_review"].items()) {
    reported[t["code"].as_string()] = references_of(t);
  }
  EXPECT_EQ(theme_cases, reported);

  // The typed text, inert and whole.
  const auto typed = std::find_if(actions.begin(), actions.end(), [](const auto& a) { return a.at("ref") == "R3"; });
  ASSERT_NE(typed, actions.end());
  EXPECT_EQ(typed->at("recommendation"), "'=HYPERLINK(\"http://x\",\"open\")");
  EXPECT_EQ(typed->at("action"), "'@SUM(1+1)");
  EXPECT_EQ(typed->at("owner_person"), "'+lead");
  EXPECT_EQ(typed->at("owner_agency"), "'-agency");
  EXPECT_EQ(typed->at("desired_outcome"), "Shared, \"quoted\", and on\ntwo lines");
}

TEST_F(YearlyReportStory, TheActionLogTheTimelinessAndTheCommissioningTakeAPeriod) {
  const KnownYear y = known_year();
  // Every action was agreed in this year (the default), none in the year before.
  const Json now = server().get("/api/v1/actions").json();
  EXPECT_EQ(now["period"]["from"].as_string(), "2022-04-01");
  EXPECT_EQ(now["actions"].items().size(), 3u);
  EXPECT_TRUE(server().get("/api/v1/actions?from=2021-04-01&to=2022-03-31").json()["actions"].items().empty());
  // Cases active in the year before: those opened (a notification: the local
  // authority became aware) by 31 March 2022, none of them closed.
  std::set<long long> active;
  for (const Json& c :
       server().get("/api/v1/reports/timeliness?from=2021-04-01&to=2022-03-31").json()["cases"].items()) {
    active.insert(c["id"].as_integer());
  }
  EXPECT_EQ(active, (std::set<long long>{y.sin0, y.rr0, y.published, y.sin1, y.rr1, y.on_hold, y.sin2}));
  // Local reviews active in the year before: decided on 1 and 31 March 2022.
  std::set<long long> commissioned;
  for (const Json& r :
       server().get("/api/v1/reports/lcspr-commissioning?from=2021-04-01&to=2022-03-31").json()["reviews"].items()) {
    commissioned.insert(r["case_id"].as_integer());
  }
  EXPECT_EQ(commissioned, (std::set<long long>{y.published, y.on_hold}));
}

// The timeliness page's form of the report (per_page): the clocks of the full
// report, a page at a time, filtered, sorted and counted on the server.
TEST_F(YearlyReportStory, TheTimelinessPageIsPagedFilteredSortedAndCountedOnTheServer) {
  known_year();
  const std::string period = "from=2021-04-01&to=2023-03-31";
  const Json full = server().get("/api/v1/reports/timeliness?" + period).json();
  const Date today = *Date::parse(full["today"].as_string());
  struct Expected {
    long long case_id;
    std::string rule, status;
    long days_late;
  };
  std::vector<Expected> clocks;
  const std::size_t cases = full["cases"].items().size();  // every case active in the period
  for (const Json& c : full["cases"].items()) {
    for (const Json& k : c["clocks"].items()) {
      const std::string status = k["status"].as_string();
      if (status == "not_required") continue;
      long late = 0;
      if ((status == "overdue" || status == "met_late") && k["due_date"].is_string()) {
        const Date end = k["met_on"].is_string() ? *Date::parse(k["met_on"].as_string()) : today;
        late = end.serial() - Date::parse(k["due_date"].as_string())->serial();
      }
      clocks.push_back({c["id"].as_integer(), k["rule_id"].as_string(), status, late});
    }
  }
  ASSERT_GT(clocks.size(), 7u);
  const auto page_of = [&](const std::string& query) {
    const auto r = server().get("/api/v1/reports/timeliness?" + period + "&" + query);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    return r.json();
  };

  // Page by page, in the full report's order, with the counts of the period.
  std::vector<std::string> paged, expected;
  // A clock as "CASE_ID RULE".
  const auto clock_key = [](long long case_id, const std::string& rule) {
    std::string key = std::to_string(case_id);
    key += ' ';
    key += rule;
    return key;
  };
  for (const Expected& e : clocks) expected.push_back(clock_key(e.case_id, e.rule));
  const int pages = static_cast<int>((clocks.size() + 2) / 3);
  for (int page = 1; page <= pages; ++page) {
    const Json p = page_of("per_page=3&page=" + std::to_string(page));
    EXPECT_EQ(p["page"].as_integer(), page);
    EXPECT_EQ(p["in_period"]["clocks"].as_integer(), static_cast<long long>(clocks.size()));
    EXPECT_EQ(p["in_period"]["cases"].as_integer(), static_cast<long long>(cases));
    EXPECT_EQ(p["matching"].as_integer(), static_cast<long long>(clocks.size()));
    EXPECT_LE(p["clocks"].items().size(), 3u);
    for (const Json& k : p["clocks"].items()) {
      paged.push_back(clock_key(k["case"]["id"].as_integer(), k["rule_id"].as_string()));
    }
  }
  EXPECT_EQ(paged, expected);
  // A page past the last shows the last.
  const Json beyond = page_of("per_page=3&page=" + std::to_string(pages + 5));
  EXPECT_EQ(beyond["page"].as_integer(), pages);
  EXPECT_EQ(beyond["clocks"].items().size(), clocks.size() - 3 * static_cast<std::size_t>(pages - 1));

  // Late only, most days late first, each with its days late; on time by rule among them.
  const Json late = page_of("per_page=200&show=late&sort=days_late&order=desc");
  std::vector<long> late_days;
  for (const Expected& e : clocks) {
    if (e.status == "overdue" || e.status == "met_late") late_days.push_back(e.days_late);
  }
  std::sort(late_days.rbegin(), late_days.rend());
  ASSERT_FALSE(late_days.empty()) << "the known year has a late clock";
  EXPECT_EQ(late["matching"].as_integer(), static_cast<long long>(late_days.size()));
  EXPECT_EQ(late["in_period"]["late"].as_integer(), static_cast<long long>(late_days.size()));
  std::vector<long> shown_days;
  for (const Json& k : late["clocks"].items()) {
    EXPECT_TRUE(k["status"].as_string() == "overdue" || k["status"].as_string() == "met_late") << k.dump();
    shown_days.push_back(static_cast<long>(k["days_late"].as_integer()));
  }
  EXPECT_EQ(shown_days, late_days);
  // The rules keep the report's order, however the clocks are sorted.
  std::vector<std::string> sorted_rules, unsorted_rules;
  for (const Json& rule : late["on_time"].items()) sorted_rules.push_back(rule["rule_id"].as_string());
  for (const Json& rule : page_of("per_page=1&show=late")["on_time"].items()) {
    unsorted_rules.push_back(rule["rule_id"].as_string());
  }
  EXPECT_EQ(sorted_rules, unsorted_rules);
  long long counted = 0;
  for (const Json& rule : late["on_time"].items()) {
    EXPECT_EQ(rule["met_on_time"].as_integer(), 0) << rule.dump();
    EXPECT_EQ(rule["percent"].as_integer(), 0) << rule.dump();
    counted += rule["met_late"].as_integer() + rule["overdue"].as_integer() + rule["running"].as_integer();
  }
  EXPECT_EQ(counted, late["matching"].as_integer());

  // Sorted by the statutory date, earliest first, a clock without one last.
  std::vector<std::string> dues;
  for (const Json& k : page_of("per_page=200&sort=due")["clocks"].items()) {
    dues.push_back(k["due_date"].is_string() ? k["due_date"].as_string() : "~");
  }
  EXPECT_TRUE(std::is_sorted(dues.begin(), dues.end()));

  // Each bad parameter is a 400 naming it.
  for (const auto& [query, field] :
       std::vector<std::pair<std::string, std::string>>{{"per_page=0", "per_page"},
                                                        {"per_page=201", "per_page"},
                                                        {"per_page=3&page=0", "page"},
                                                        {"per_page=3&sort=age", "sort"},
                                                        {"per_page=3&sort=due&order=up", "order"},
                                                        {"per_page=3&show=late,soon", "show"},
                                                        {"page=2", "page"},
                                                        {"sort=due", "sort"}}) {
    std::string target = "/api/v1/reports/timeliness?" + period;
    target += '&';
    target += query;
    const auto r = server().get(target);
    EXPECT_EQ(r.status, 400) << query;
    EXPECT_EQ(r.json()["errors"].items()[0]["field"].as_string(), field) << query << ": " << r.body;
  }
}

TEST_F(YearlyReportStory, TheCaseListAndTheDeadlinesTakeAPeriod) {
  const KnownYear y = known_year();
  const auto ids_of = [&](const std::string& target) {
    const auto r = server().get(target);
    EXPECT_EQ(r.status, 200) << r.body;
    std::set<long long> out;
    for (const Json& c : r.json()["cases"].items()) out.insert(c["id"].as_integer());
    return out;
  };
  // Without a period, every case; with one, the cases active in it.
  EXPECT_EQ(ids_of("/api/v1/cases?limit=500").size(), 17U);  // 8 notifications, 6 rapid and 3 local reviews
  EXPECT_EQ(ids_of("/api/v1/cases?limit=500&from=2021-04-01&to=2022-03-31"),
            (std::set<long long>{y.sin0, y.rr0, y.published, y.sin1, y.rr1, y.on_hold, y.sin2}));
  EXPECT_EQ(server().get("/api/v1/cases?from=2021-04-01&to=2022-03-31").json()["period"]["to"].as_string(),
            "2022-03-31");
  // The year after: only what is still open; the looked-after child's death
  // notified to the Secretary of State and Ofsted closed in May 2022.
  const std::set<long long> next_year = ids_of("/api/v1/cases?limit=500&from=2023-04-01&to=2024-03-31");
  EXPECT_EQ(next_year.count(y.sin6), 0U);
  EXPECT_EQ(next_year.count(y.sin5), 1U);
  EXPECT_EQ(ids_of("/api/v1/cases?limit=500&kind=lcspr&from=2021-04-01&to=2022-03-31"),
            (std::set<long long>{y.published, y.on_hold}));
  EXPECT_EQ(server().get("/api/v1/cases?from=2022-04-01&to=2022-03-31").status, 400);

  // Deadlines due in the second half of September 2022, and only those.
  std::set<std::string> expected, listed;
  for (const Json& d : server().get("/api/v1/deadlines").json()["deadlines"].items()) {
    const std::string due = d["due_date"].is_string() ? d["due_date"].as_string() : "";
    if (due >= "2022-09-16" && due <= "2022-09-30")
      expected.insert(d["case"]["reference"].as_string() + d["rule_id"].as_string());
  }
  const Json within = server().get("/api/v1/deadlines?from=2022-09-16&to=2022-09-30").json();
  for (const Json& d : within["deadlines"].items())
    listed.insert(d["case"]["reference"].as_string() + d["rule_id"].as_string());
  EXPECT_EQ(listed, expected);
  EXPECT_TRUE(listed.count(reference_of(y.rr7) + "rr.submit_to_panel")) << within.dump();  // due 27 September
  EXPECT_EQ(within["period"]["from"].as_string(), "2022-09-16");
  EXPECT_EQ(server().get("/api/v1/deadlines?from=2022-09-31").status, 400);
}

// Every file of a ZIP, by name.
std::map<std::string, std::string> unzipped(const std::string& zip) {
  std::istringstream in(zip);
  Poco::Zip::ZipArchive archive(in);
  std::map<std::string, std::string> files;
  for (auto it = archive.headerBegin(); it != archive.headerEnd(); ++it) {
    in.clear();
    Poco::Zip::ZipInputStream entry(in, it->second, true);
    files[it->first] = std::string(std::istreambuf_iterator<char>(entry), {});
  }
  return files;
}

TEST_F(YearlyReportStory, TheEvidencePackHoldsTheTimelinesDecisionsHoldsAndLearningOfTheYear) {
  const KnownYear y = known_year();
  // The difference an action made is recorded when it is completed, not before.
  const auto early = attempt(y.published, "update_action",
                             R"({"ref":"R1","status":"in_progress","updated_on":"2022-09-01","impact":"Too soon"})");
  EXPECT_EQ(early.status, 422) << early.body;
  EXPECT_EQ(early.json()["errors"].items().at(0)["field"].as_string(), "impact");

  const auto r = server().get("/api/v1/evidence-pack");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "application/zip");
  EXPECT_EQ(r.headers.at("content-disposition"), "attachment; filename=\"evidence-pack-2022-04-01-to-2023-03-31.zip\"");
  const auto files = unzipped(r.body);
  std::vector<std::string> names;
  names.reserve(files.size());
  for (const auto& [name, content] : files) names.push_back(name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"README.txt", "commissioning.csv", "decisions.csv", "figures.csv", "holds.csv",
                                      "learning_actions.csv", "rapid_review_timings.csv", "timelines.csv"}));
  EXPECT_EQ(files.at("figures.csv"), server().get("/api/v1/reports/yearly?format=csv").body);
  EXPECT_EQ(files.at("timelines.csv"), server().get("/api/v1/exports/clocks").body);
  EXPECT_EQ(files.at("learning_actions.csv"), server().get("/api/v1/exports/actions").body);
  EXPECT_EQ(files.at("decisions.csv"), server().get("/api/v1/exports/decisions").body);
  EXPECT_EQ(files.at("holds.csv"), server().get("/api/v1/exports/holds").body);

  // The same evidence as JSON, for the printable page: one item per CSV row.
  const Json evidence = server().get("/api/v1/reports/evidence").json();
  EXPECT_EQ(evidence["period"]["from"].as_string(), "2022-04-01");
  EXPECT_EQ(evidence["decisions"].items().size() + 1, parse_csv(files.at("decisions.csv")).size());
  EXPECT_EQ(evidence["holds"].items().size() + 1, parse_csv(files.at("holds.csv")).size());
  EXPECT_EQ(evidence["learning"].items().size() + 1, parse_csv(files.at("learning_actions.csv")).size());
  EXPECT_EQ(evidence["timelines"].items().size() + 1, parse_csv(files.at("timelines.csv")).size());
  EXPECT_EQ(evidence["holds"].items().at(0)["case_reference"].as_string(), reference_of(y.on_hold));
  EXPECT_EQ(evidence["holds"].items().at(0)["days_held"].as_integer(), 136);
  EXPECT_NE(files.at("README.txt").find("Period: 2022-04-01 to 2023-03-31"), std::string::npos);
  // As the page asks for it: each list cut to its first rows, with its total.
  const Json cut = server().get("/api/v1/reports/evidence?rows=1").json();
  for (const char* list : {"decisions", "holds", "learning", "timelines"}) {
    EXPECT_EQ(evidence["totals"][list].as_integer(), static_cast<long long>(evidence[list].items().size())) << list;
    EXPECT_EQ(cut["totals"][list].as_integer(), evidence["totals"][list].as_integer()) << list;
    ASSERT_EQ(cut[list].items().size(), 1u) << list;
    EXPECT_EQ(cut[list].items().at(0), evidence[list].items().at(0)) << list;
  }
  EXPECT_EQ(server().get("/api/v1/reports/evidence?rows=0").status, 400);

  // Decisions in the year: three rapid review decisions, one after the Panel's response, three responses.
  const auto decisions = parse_csv(files.at("decisions.csv"));
  ASSERT_EQ(decisions.size(), 8u) << files.at("decisions.csv");
  EXPECT_EQ(decisions[0], (std::vector<std::string>{"case_reference", "case_kind", "stage", "decided_on", "decision",
                                                    "rationale", "attendance", "partners_agreeing"}));
  std::vector<std::string> seen;
  for (std::size_t i = 1; i < decisions.size(); ++i) {
    seen.push_back(decisions[i][0] + " " + decisions[i][2] + " " + decisions[i][3]);
  }
  EXPECT_EQ(seen, (std::vector<std::string>{
                      reference_of(y.rr2) + " rapid_review_decision 2022-04-20",
                      reference_of(y.rr2) + " panel_response 2022-05-06",
                      reference_of(y.rr3) + " rapid_review_decision 2022-06-28",
                      reference_of(y.rr3) + " panel_response 2022-07-12",
                      reference_of(y.rr4) + " rapid_review_decision 2022-08-01",
                      reference_of(y.rr4) + " panel_response 2022-08-10",
                      reference_of(y.rr4) + " decision_after_panel 2022-08-17",
                  }));
  EXPECT_EQ(decisions[3],
            (std::vector<std::string>{reference_of(y.rr3), "rapid_review", "rapid_review_decision", "2022-06-28",
                                      "lcspr", "Recorded for the known-answer data set.", "Police; Health",
                                      "local_authority; integrated_care_board; police"}));
  EXPECT_EQ(decisions[6][4], "agrees with the decision: no; recommends a local review: yes; national review: no");

  // The hold of the year: the trial since 3 May (the March inquest ended before the year).
  const auto holds = parse_csv(files.at("holds.csv"));
  ASSERT_EQ(holds.size(), 2u) << files.at("holds.csv");
  EXPECT_EQ(holds[1], (std::vector<std::string>{reference_of(y.on_hold), "lcspr", "2022-05-03", "", "criminal_trial",
                                                "Trial listed", "136"}));

  // Learning, action, evidence, impact.
  const auto actions = parse_csv(files.at("learning_actions.csv"));
  const auto done = std::find_if(actions.begin(), actions.end(), [](const auto& row) { return row.at(2) == "R2"; });
  ASSERT_NE(done, actions.end());
  EXPECT_EQ(done->at(3), "Share what is known");
  EXPECT_EQ(done->at(13), "Audit done");
  EXPECT_EQ(done->at(14), "Referrals are now shared within a day");
  // The printable page's learning list shows the same texts as that row
  // (the reports that only count actions read them without).
  const auto shown =
      std::find_if(evidence["learning"].items().begin(), evidence["learning"].items().end(), [&](const Json& item) {
        return item["case_reference"].as_string() == done->at(0) && item["ref"].as_string() == "R2";
      });
  ASSERT_NE(shown, evidence["learning"].items().end());
  EXPECT_EQ((*shown)["recommendation"].as_string(), done->at(3));
  EXPECT_EQ((*shown)["action"].as_string(), done->at(4));
  EXPECT_EQ((*shown)["owner_person"].as_string(), done->at(5));
  EXPECT_EQ((*shown)["evidence"].as_string(), "Audit done");
  EXPECT_EQ((*shown)["impact"].as_string(), "Referrals are now shared within a day");
}

TEST_F(YearlyReportStory, TheCasesExportNamesACasesParentOnlyWhenThatIsExportedToo) {
  known_year();
  // Each case's parent_reference, by reference.
  const auto parents_in = [&](const std::string& query) {
    const auto r = server().get("/api/v1/exports/cases?" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    const auto records = parse_csv(r.body);
    EXPECT_EQ(records.at(0).at(7), "parent_reference");
    std::map<std::string, std::string> parents;
    for (std::size_t i = 1; i < records.size(); ++i) parents[records[i].at(1)] = records[i].at(7);
    return parents;
  };
  // Over a longer period every parent of the last quarter's cases is exported too.
  const auto longer = parents_in("from=2021-04-01&to=2023-03-31");
  const auto quarter = parents_in("from=2023-01-01&to=2023-03-31");
  int named = 0;
  int not_exported = 0;
  for (const auto& [reference, parent] : quarter) {
    const std::string& its_parent = longer.at(reference);
    if (its_parent.empty()) {
      EXPECT_EQ(parent, "") << reference;
    } else if (quarter.count(its_parent)) {
      EXPECT_EQ(parent, its_parent) << reference << ": its parent is exported with it";
      ++named;
    } else {
      EXPECT_EQ(parent, "") << reference << ": its parent " << its_parent << " ended before the quarter";
      ++not_exported;
    }
  }
  EXPECT_GT(named, 0);
  EXPECT_GT(not_exported, 0);
}

TEST_F(YearlyReportStory, AnExportThatDoesNotExistOrAPeriodThatCannotBeReadIsRefused) {
  const auto missing = server().get("/api/v1/exports/children");
  EXPECT_EQ(missing.status, 404) << missing.body;
  EXPECT_EQ(missing.json()["code"].as_string(), "NOT_FOUND");
  for (const char* query : {"?from=2022-04-02&to=2022-04-01", "?to=2023-02-29", "?format=csv"}) {
    const auto r = server().get(std::string("/api/v1/exports/cases") + query);
    EXPECT_EQ(r.status, 400) << query << ": " << r.body;
    EXPECT_EQ(r.json()["code"].as_string(), "INVALID_QUERY") << query;
  }
}

}  // namespace
}  // namespace casereview

namespace casereview {
namespace {

std::set<std::string> rows_where(const std::vector<std::map<std::string, std::string>>& rows, const char* key,
                                 const std::function<bool(const std::map<std::string, std::string>&)>& keep) {
  std::set<std::string> out;
  for (const auto& row : rows) {
    if (keep(row)) out.insert(row.at(key));
  }
  return out;
}

TEST_F(YearlyReportStory, ItsBreakdownsCanBeCountedFromTheSafeguardingRegister) {
  known_year();
  const Json report = server().get("/api/v1/reports/yearly").json();
  const auto reg = export_rows(server(), "safeguarding");
  // Made in the year as the national statistics count them: a serious incident
  // (abuse or neglect known or suspected) notified in the year.
  const auto made = [](const auto& r) {
    return in_year(r.at("notification_submitted_on")) && r.at("abuse_or_neglect") != "not_suspected";
  };
  const Json& n = report["notifications"];
  EXPECT_EQ(rows_where(reg, "reference", made), references_of(n["made"]));
  for (const char* harm : {"death", "serious_harm", "other"}) {
    EXPECT_EQ(rows_where(reg, "reference", [&](const auto& r) { return made(r) && r.at("harm") == harm; }),
              references_of(n["by_harm"][harm]))
        << harm;
  }
  EXPECT_EQ(rows_where(reg, "reference", [&](const auto& r) { return made(r) && r.at("looked_after_child") == "yes"; }),
            references_of(n["by_looked_after_status"]["looked_after"]));
  EXPECT_EQ(rows_where(reg, "reference",
                       [&](const auto& r) {
                         return made(r) && r.at("looked_after_child") == "no" && r.at("care_leaver") == "yes";
                       }),
            references_of(n["by_looked_after_status"]["care_leaver"]));
  EXPECT_EQ(rows_where(reg, "reference",
                       [&](const auto& r) {
                         return made(r) && r.at("looked_after_child") == "no" && r.at("care_leaver") == "no";
                       }),
            references_of(n["by_looked_after_status"]["neither"]));

  // Decisions and the Panel's responses of the rapid reviews opened in the year.
  std::set<std::string> opened = references_of(report["rapid_reviews"]["opened"]);
  const auto of_year = [&](const auto& r) { return opened.count(r.at("rapid_review_reference")) > 0; };
  const Json& rr = report["rapid_reviews"];
  for (const char* decision : {"lcspr", "no_lcspr", "national_review_referral", "criteria_not_met"}) {
    EXPECT_EQ(rows_where(reg, "rapid_review_reference",
                         [&](const auto& r) { return of_year(r) && r.at("decision") == decision; }),
              references_of(rr["decisions"][decision]))
        << decision;
  }
  for (const char* decision : {"lcspr", "no_lcspr"}) {
    EXPECT_EQ(rows_where(reg, "rapid_review_reference",
                         [&](const auto& r) { return of_year(r) && r.at("decision_after_panel") == decision; }),
              references_of(rr["decisions_after_panel"][decision]))
        << decision;
  }
  EXPECT_EQ(rows_where(reg, "rapid_review_reference",
                       [&](const auto& r) { return of_year(r) && r.at("panel_agrees") == "yes"; }),
            references_of(rr["panel_responses"]["agreed"]));
  EXPECT_EQ(rows_where(reg, "rapid_review_reference",
                       [&](const auto& r) { return of_year(r) && r.at("panel_agrees") == "no"; }),
            references_of(rr["panel_responses"]["did_not_agree"]));
  EXPECT_EQ(rows_where(reg, "rapid_review_reference",
                       [&](const auto& r) { return of_year(r) && r.at("panel_national_review") == "yes"; }),
            references_of(rr["panel_responses"]["national_review"]));
  // The figures are not all empty: the known year has each of these.
  EXPECT_EQ(references_of(n["by_harm"]["serious_harm"]).size(), 3U);
  EXPECT_EQ(references_of(rr["panel_responses"]["did_not_agree"]).size(), 1U);
}

TEST_F(YearlyReportStory, ItsHoldsCommissioningAndPendingFiguresCanBeCountedFromTheExports) {
  known_year();
  const Json report = server().get("/api/v1/reports/yearly").json();
  const Json& l = report["lcsprs"];
  // Holds: the local reviews on hold in the year, each hold with its dates, reason and length.
  std::set<std::string> held;
  std::vector<std::string> hold_rows, reported_holds;
  for (const auto& h : export_rows(server(), "holds")) {
    if (h.at("case_kind") != "lcspr") continue;
    held.insert(h.at("case_reference"));
    hold_rows.push_back(h.at("case_reference") + " " + h.at("held_from") + " " + h.at("resumed_on") + " " +
                        h.at("reason") + " " + h.at("days_held"));
  }
  for (const Json& h : l["on_hold"]["holds"].items()) {
    reported_holds.push_back(h["case_reference"].as_string() + " " + h["from"].as_string() + " " +
                             (h["to"].is_null() ? "" : h["to"].as_string()) + " " + h["reason"].as_string() + " " +
                             std::to_string(h["days_held"].as_integer()));
  }
  EXPECT_EQ(held, references_of(l["on_hold"]));
  EXPECT_EQ(hold_rows, reported_holds);
  EXPECT_EQ(hold_rows.size(), 1U);  // the trial since 3 May; the March inquest ended before the year

  // Days from each decision (a local review's opening) to its first signed contract.
  std::map<std::string, std::string> decided;
  for (const auto& c : export_rows(server(), "cases")) decided[c.at("reference")] = c.at("opened_on");
  std::map<std::string, std::string> first_signed;
  for (const auto& k : export_rows(server(), "contracts")) {
    if (k.at("signed_on").empty()) continue;
    std::string& first = first_signed[k.at("case_reference")];
    if (first.empty() || k.at("signed_on") < first) first = k.at("signed_on");
  }
  ASSERT_FALSE(l["commissioning"].items().empty());
  for (const Json& c : l["commissioning"].items()) {
    const std::string reference = c["case_reference"].as_string();
    EXPECT_EQ(decided.at(reference), c["decided_on"].as_string());
    ASSERT_TRUE(first_signed.count(reference)) << reference;
    EXPECT_EQ(first_signed.at(reference), c["contract_signed_on"].as_string());
    EXPECT_EQ(Date::parse(first_signed.at(reference))->serial() - Date::parse(decided.at(reference))->serial(),
              c["calendar_days"].as_integer());
  }

  // Still to do: notifications not yet made, rapid reviews not yet sent; local
  // reviews published on time or late.
  std::set<std::string> rr_opened = references_of(report["rapid_reviews"]["opened"]);
  std::set<std::string> not_made, not_sent, on_time, late;
  for (const auto& k : export_rows(server(), "clocks")) {
    const bool running = k.at("met_on").empty() && k.at("ended_on").empty();
    if (k.at("rule_id") == "sin.notify_panel" && running && in_year(k.at("anchor_date")))
      not_made.insert(k.at("case_reference"));
    if (k.at("rule_id") == "rr.submit_to_panel" && running && rr_opened.count(k.at("case_reference"))) {
      not_sent.insert(k.at("case_reference"));
    }
    if (k.at("rule_id") == "lcspr.publish" && in_year(k.at("met_on"))) {
      (k.at("status") == "met" ? on_time : late).insert(k.at("case_reference"));
    }
  }
  EXPECT_EQ(not_made, references_of(report["notifications"]["timeliness"]["not_yet_made"]));
  EXPECT_EQ(not_made.size(), 1U);
  EXPECT_EQ(not_sent, references_of(report["rapid_reviews"]["timeliness"]["not_yet_submitted"]));
  EXPECT_EQ(on_time, references_of(l["published"]["on_time"]));
  EXPECT_EQ(late, references_of(l["published"]["late"]));
}

TEST_F(YearlyReportStory, ItsSafeguardingRegisterRoundTripsThroughTheImporterIntoAnotherPartnership) {
  known_year();
  const std::string exported = server().get("/api/v1/exports/safeguarding?from=2022-04-01&to=2023-03-31").body;
  const auto original = export_rows(server(), "safeguarding");
  ASSERT_GE(original.size(), 8U);

  const auto added = testing_support::run_casereview(
      {"partnership", "add", "EAST", "--display-name", "Eastshire", "--db", db_path()}, "");
  ASSERT_EQ(added.exit_code, 0) << added.err;
  testing_support::add_user(db_path(), "east.manager", "manager", {"--partnership", "EAST"});
  const testing_support::Client east = server().as(server().sign_in("east.manager", testing_support::kTestPassword));

  const auto imported =
      east.request("POST", "/api/v1/imports/safeguarding?file_name=west.csv", exported, "text/csv", {});
  ASSERT_EQ(imported.status, 201) << imported.body;
  EXPECT_EQ(imported.json()["rows"].as_integer(), static_cast<long long>(original.size()));

  const auto again = east.get("/api/v1/exports/safeguarding?from=2022-04-01&to=2023-03-31");
  ASSERT_EQ(again.status, 200);
  const auto records = parse_csv(again.body);
  ASSERT_EQ(records.size(), original.size() + 1);
  std::multiset<std::string> before, after;
  const auto without_references = [](const std::vector<std::string>& header, const std::vector<std::string>& row) {
    std::string joined;
    for (std::size_t c = 0; c < header.size(); ++c) {
      if (header[c].find("reference") == std::string::npos || header[c] == "notification_system_reference" ||
          header[c] == "national_review_reference") {
        joined += header[c] + "=" + row.at(c) + "|";
      }
    }
    return joined;
  };
  const auto first = parse_csv(exported);
  for (std::size_t i = 1; i < first.size(); ++i) before.insert(without_references(first[0], first[i]));
  for (std::size_t i = 1; i < records.size(); ++i) after.insert(without_references(records[0], records[i]));
  EXPECT_EQ(before, after);
  // The imported history says where it came from: the source file's hash and row.
  const Json cases = east.get("/api/v1/cases").json();
  ASSERT_FALSE(cases["cases"].items().empty());
  const long long id = cases["cases"].items().front()["id"].as_integer();
  const Json timeline = east.get("/api/v1/cases/" + std::to_string(id) + "/timeline").json();
  const Json& first_event = timeline["events"].items().front();
  EXPECT_EQ(first_event["payload"]["imported"]["file_sha256"].as_string(), imported.json()["file_sha256"].as_string());
  EXPECT_EQ(first_event["payload"]["imported"]["file_name"].as_string(), "west.csv");
  // The same file twice is refused, and writes nothing.
  const auto twice = east.request("POST", "/api/v1/imports/safeguarding", exported, "text/csv", {});
  EXPECT_EQ(twice.status, 422) << twice.body;
  EXPECT_EQ(twice.json()["code"].as_string(), "IMPORT_REFUSED");
  EXPECT_EQ(east.get("/api/v1/cases").json()["cases"].items().size(), cases["cases"].items().size());
  // The same rows in another file (saved again with other line ends) are refused row by row.
  std::string saved_again = exported;
  for (std::size_t at = saved_again.find("\r\n"); at != std::string::npos; at = saved_again.find("\r\n", at)) {
    saved_again.erase(at, 1);
  }
  const auto again_rows =
      east.request("POST", "/api/v1/imports/safeguarding?dry_run=true", saved_again, "text/csv", {});
  ASSERT_EQ(again_rows.status, 422) << again_rows.body;
  EXPECT_EQ(again_rows.json()["refused"].items().size(), original.size());
  for (const Json& p : again_rows.json()["refused"].items()) {
    EXPECT_EQ(p["column"].as_string(), "reference") << p.dump();
  }
  // Imported back into the partnership it came from, every row is a case already there.
  const auto home = server().request("POST", "/api/v1/imports/safeguarding?dry_run=true", saved_again, "text/csv", {});
  ASSERT_EQ(home.status, 422) << home.body;
  EXPECT_EQ(home.json()["refused"].items().size(), original.size());
  EXPECT_NE(home.json()["refused"].items().at(0)["message"].as_string().find("already in casereview"),
            std::string::npos);
}

}  // namespace
}  // namespace casereview
