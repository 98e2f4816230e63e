// Using the API as a manager would: log a notification, see its deadlines,
// record the steps, read the timeline.
#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>

#include <chrono>
#include <string>

#include "api_fixture.h"
#include "casereview/engine/date.h"

namespace casereview {
namespace {

using testing_support::ApiTest;
using testing_support::deadline;

class CasesApi : public ApiTest {};

TEST_F(CasesApi, HealthReportsSchemaCalendarAndToday) {
  const auto r = server().get("/api/v1/health");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
  const Json body = r.json();
  EXPECT_EQ(body["status"].as_string(), "ok");
  EXPECT_EQ(body["schema_version"].as_integer(), 24);
  EXPECT_EQ(body["today"].as_string(), testing_support::kStoryToday);
  EXPECT_EQ(body["calendar"]["published_from"].as_integer(), 2015);
  EXPECT_EQ(body["calendar"]["published_to"].as_integer(), 2027);
  EXPECT_EQ(r.headers.at("cache-control"), "no-store");
}

// The Date header (RFC 9110's IMF-fixdate), written once a second for each
// thread: an answer carries the second it was sent in, read on the real clock.
TEST_F(CasesApi, EveryAnswerIsDatedWithTheSecondItWasSent) {
  // Read on the clock Poco's Timestamp reads (CLOCK_REALTIME): time() reads
  // a coarser one, which may still give the second before just after it turns.
  const auto seconds_now = [] {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
  for (const std::string path : {"/api/v1/health", "/api/v1/cases", "/api/v1/nowhere"}) {
    const long long before = seconds_now();
    const auto r = server().get(path);
    const long long after = seconds_now();
    int zone = 0;
    const Poco::DateTime sent =
        Poco::DateTimeParser::parse(Poco::DateTimeFormat::HTTP_FORMAT, r.headers.at("date"), zone);
    EXPECT_EQ(zone, 0) << path;
    EXPECT_GE(sent.timestamp().epochTime(), before) << path << ": " << r.headers.at("date");
    EXPECT_LE(sent.timestamp().epochTime(), after) << path << ": " << r.headers.at("date");
  }
}

TEST_F(CasesApi, OpeningANotificationShowsItsStatutoryDeadlines) {
  const auto r = server().post_json(
      "/api/v1/cases",
      R"({"kind":"serious_incident_notification","facts":{"became_aware_on":"2022-09-14","harm":"death",
          "abuse_or_neglect":"suspected","location":"in_area","local_authority":"Northam City Council",
          "summary":"Child died; neglect suspected"}})");
  ASSERT_EQ(r.status, 201) << r.body;
  const Json body = r.json();
  EXPECT_EQ(r.headers.at("location"), "/api/v1/cases/" + std::to_string(body["id"].as_integer()));
  EXPECT_EQ(body["state"].as_string(), "notification_due");
  EXPECT_EQ(body["version"].as_integer(), 1);
  EXPECT_EQ(body["reference"].as_string().substr(0, 9), "SIN-2022-");
  const Json* notify = deadline(body, "sin.notify_panel");
  ASSERT_TRUE(notify);
  EXPECT_EQ((*notify)["due_date"].as_string(), "2022-09-22");  // the State Funeral on the 19th skipped
  EXPECT_FALSE((*notify)["provisional"].as_bool());
  EXPECT_EQ((*notify)["status"].as_string(), "on_track");  // 3 working days left on Friday 16th
  EXPECT_EQ((*notify)["working_days_left"].as_integer(), 3);
  EXPECT_TRUE(deadline(body, "sin.inform_partners"));
  EXPECT_FALSE(deadline(body, "sin.rapid_review"));
  std::vector<std::string> allowed;
  for (const Json& c : body["allowed_commands"].items()) allowed.push_back(c["name"].as_string());
  // Only the steps that apply: not the Ofsted and Secretary of State steps,
  // which are for the death of a looked-after child or a care leaver.
  EXPECT_EQ(allowed,
            (std::vector<std::string>{"submit_notification", "record_criteria_not_met", "record_partners_informed"}));
  ASSERT_EQ(body["new_events"].items().size(), 1u);
  EXPECT_EQ(body["new_events"].items()[0]["type"].as_string(), "notification_opened");
}

// The child's name typed into a summary: refused with the field and the kind
// of identifier, never the identifier, and nothing stored. The same for a
// document named after the child.
TEST_F(CasesApi, FreeTextThatNamesTheChildIsRefusedAndNothingIsStored) {
  const std::string body = R"({"kind":"serious_incident_notification","facts":{"became_aware_on":"2022-09-14",
      "harm":"death","abuse_or_neglect":"suspected","location":"in_area","local_authority":"Northam City Council",
      "summary":"MARIGOLD FENWICK\u00a0ZED, 3, bruising","given_name":"Marigold","family_name":"Fenwick Zed"}})";
  const auto before = server().get("/api/v1/cases").json()["cases"].items().size();
  const auto refused = server().post_json("/api/v1/cases", body);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.json()["code"].as_string(), "IDENTIFIER_IN_FREE_TEXT");
  EXPECT_EQ(refused.json()["errors"].items().at(0)["field"].as_string(), "summary");
  EXPECT_EQ(refused.body.find("arigold"), std::string::npos) << refused.body;
  EXPECT_EQ(refused.body.find("enwick"), std::string::npos) << refused.body;
  EXPECT_NE(refused.json()["detail"].as_string().find("the child's name"), std::string::npos);
  EXPECT_EQ(server().get("/api/v1/cases").json()["cases"].items().size(), before);

  const Json opened = open_notification();
  const long long id = opened["id"].as_integer();
  const auto step = command(id, "record_partners_informed", opened["version"].as_integer(),
                            R"({"informed_on":"2022-09-14","partners":["Police","Health visitor re 943 476 5919"]})");
  ASSERT_EQ(step.status, 422) << step.body;
  EXPECT_EQ(step.json()["code"].as_string(), "IDENTIFIER_IN_FREE_TEXT");
  EXPECT_EQ(step.json()["errors"].items().at(0)["field"].as_string(), "partners");
  EXPECT_EQ(step.body.find("5919"), std::string::npos);
  EXPECT_EQ(read_case(id)["version"].as_integer(), opened["version"].as_integer());
}

TEST_F(CasesApi, WithTodayFixedWhatIsRecordedIsRecordedOnThatDay) {
  // The server runs with --today 2022-09-16: an event is stamped on that day (at
  // the real time of day, in England), not on the day the test runs.
  const Json opened = open_notification();
  const Json timeline = server().get("/api/v1/cases/" + std::to_string(opened["id"].as_integer()) + "/timeline").json();
  ASSERT_EQ(timeline["events"].items().size(), 1u) << timeline.dump();
  const std::string recorded = timeline["events"].items()[0]["recorded_at"].as_string();
  const Instant at = *Instant::parse(recorded);
  EXPECT_EQ(london_date(at).iso(), "2022-09-16") << recorded;
}

TEST_F(CasesApi, StepsMoveTheCaseAndMeetItsClocks) {
  const Json opened = open_notification();
  const long long id = opened["id"].as_integer();
  auto r = command(id, "submit_notification", 1, R"({"submitted_on":"2022-09-15","panel_reference":"NP-1"})");
  ASSERT_EQ(r.status, 200) << r.body;
  Json body = r.json();
  EXPECT_EQ(body["state"].as_string(), "notified");
  EXPECT_EQ(body["version"].as_integer(), 2);
  EXPECT_EQ((*deadline(body, "sin.notify_panel"))["status"].as_string(), "met");
  // Submitting the notification opened its rapid review, which carries the 15-day clock.
  ASSERT_EQ(body["opened_cases"].items().size(), 1u);
  const long long rr_id = body["opened_cases"].items()[0]["id"].as_integer();
  const Json rr = server().get("/api/v1/cases/" + std::to_string(rr_id)).json();
  EXPECT_EQ(rr["kind"].as_string(), "rapid_review");
  EXPECT_EQ(rr["parent_case_id"].as_integer(), id);
  const Json* rapid = deadline(rr, "rr.submit_to_panel");
  ASSERT_TRUE(rapid);
  EXPECT_EQ((*rapid)["due_date"].as_string(), "2022-10-07");  // 15 working days after the 15th
  EXPECT_EQ((*rapid)["terms"]["anchor"].as_string(), "notification_date");

  r = command(id, "record_partners_informed", 2, R"({"informed_on":"2022-09-16","partners":["Police","ICB"]})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ((*deadline(r.json(), "sin.inform_partners"))["status"].as_string(), "met");

  const auto read = server().get("/api/v1/cases/" + std::to_string(id));
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.json()["version"].as_integer(), 3);

  const auto deadlines = server().get("/api/v1/cases/" + std::to_string(id) + "/deadlines");
  ASSERT_EQ(deadlines.status, 200);
  EXPECT_EQ(deadlines.json()["deadlines"].items().size(), 2u);
}

TEST_F(CasesApi, TheTimelineIsTheHashChainedRecord) {
  const Json opened = open_notification("2022-09-14");
  const long long id = opened["id"].as_integer();
  ASSERT_EQ(command(id, "submit_notification", 1, R"({"submitted_on":"2022-09-16"})").status, 200);
  const auto r = server().get("/api/v1/cases/" + std::to_string(id) + "/timeline");
  ASSERT_EQ(r.status, 200);
  const Json body = r.json();
  const auto& events = body["events"].items();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0]["actor"].as_string(), "manager");  // the signed-in user, never a header
  EXPECT_EQ(events[0]["effective_date"].as_string(), "2022-09-14");
  EXPECT_EQ(events[1]["type"].as_string(), "notification_submitted");
  EXPECT_EQ(events[1]["prev_hash"].as_string(), events[0]["hash"].as_string());
  EXPECT_EQ(events[1]["payload"]["submitted_on"].as_string(), "2022-09-16");
  EXPECT_EQ(body["case"]["reference"].as_string(), opened["reference"].as_string());
}

TEST_F(CasesApi, ListsCasesWithFilters) {
  open_notification();
  const Json closed = open_notification();
  ASSERT_EQ(command(closed["id"].as_integer(), "record_criteria_not_met", 1,
                    R"({"decided_on":"2022-09-15","reason":"Strategy discussion found no abuse or neglect."})")
                .status,
            200);
  const auto all = server().get("/api/v1/cases?kind=serious_incident_notification");
  ASSERT_EQ(all.status, 200);
  EXPECT_GE(all.json()["cases"].items().size(), 2u);
  const auto only_closed = server().get("/api/v1/cases?state=criteria_not_met");
  ASSERT_EQ(only_closed.status, 200);
  const Json closed_body = only_closed.json();
  for (const Json& c : closed_body["cases"].items()) {
    EXPECT_EQ(c["state"].as_string(), "criteria_not_met");
    EXPECT_TRUE(c["closed"].as_bool());
  }
  EXPECT_EQ(server().get("/api/v1/cases?limit=1").json()["cases"].items().size(), 1u);
}

// The list is kept for its reader's next request (web/src/api/kept_pages.h);
// a step taken through this server gives it up at once.
TEST_F(CasesApi, AListAskedForAgainShowsWhatWasDoneSince) {
  const std::string query = "/api/v1/cases?kind=serious_incident_notification&limit=500";
  const Json before = server().get(query).json();
  EXPECT_EQ(server().get(query).json(), before) << "the same page when nothing was done";
  const Json opened = open_notification();
  const Json after = server().get(query).json();
  EXPECT_EQ(after["total"].as_integer(), before["total"].as_integer() + 1);
  bool listed = false;
  for (const Json& c : after["cases"].items()) listed = listed || c["id"] == opened["id"];
  EXPECT_TRUE(listed) << after.dump();
  ASSERT_EQ(command(opened["id"].as_integer(), "record_criteria_not_met", 1,
                    R"({"decided_on":"2022-09-15","reason":"Strategy discussion found no abuse or neglect."})")
                .status,
            200);
  std::string state;
  for (const Json& c : server().get(query).json()["cases"].items()) {
    if (c["id"] == opened["id"]) state = c["state"].as_string();
  }
  EXPECT_EQ(state, "criteria_not_met");
}

TEST_F(CasesApi, DescribesEveryWorkflowFromItsMachine) {
  const auto r = server().get("/api/v1/workflows");
  ASSERT_EQ(r.status, 200);
  const Json body = r.json();
  std::vector<std::string> kinds;
  for (const Json& w : body["workflows"].items()) kinds.push_back(w["kind"].as_string());
  EXPECT_EQ(kinds, (std::vector<std::string>{"child_death_review", "serious_incident_notification", "rapid_review",
                                             "lcspr", "national_review"}));
  const Json& sin = body["workflows"].items().at(1);
  EXPECT_EQ(sin["transitions"].items().size(), 13u);
  EXPECT_TRUE(sin["transitions"].items()[0]["from"].is_null());
  EXPECT_EQ(sin["states"].items().size(), 4u);
  const Json& rr = body["workflows"].items().at(2);
  EXPECT_EQ(rr["opened_by_kind"].as_string(), "serious_incident_notification");
  EXPECT_EQ(rr["transitions"].items().size(), 25u);
  EXPECT_EQ(rr["states"].items().size(), 6u);
  const Json& national = body["workflows"].items().at(4);
  EXPECT_EQ(national["opened_by_kind"].as_string(), "rapid_review");
  EXPECT_EQ(national["transitions"].items().size(), 10u);
  EXPECT_EQ(national["states"].items().size(), 3u);
}

TEST_F(CasesApi, TheIndexLinksTheApi) {
  const auto r = server().get("/api/v1");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["links"]["openapi"].as_string(), "/api/v1/openapi.json");
}

}  // namespace
}  // namespace casereview
