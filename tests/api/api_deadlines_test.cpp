// Deadline rules, the preview a manager sees before saving, and the list of
// everything open across cases.
#include <map>

#include "api_fixture.h"

namespace casereview {
namespace {

using testing_support::ApiTest;

class DeadlinesApi : public ApiTest {};

TEST_F(DeadlinesApi, RulesArePublicWithTheirSources) {
  const auto r = server().get("/api/v1/deadline-rules");
  ASSERT_EQ(r.status, 200);
  const Json body = r.json();
  const auto& rules = body["rules"].items();
  ASSERT_EQ(rules.size(), 21u);
  std::map<std::string, const Json*> by_id;
  for (const Json& rule : rules) {
    for (const char* member :
         {"id", "title", "measures", "who_acts", "unit", "source", "source_tag", "closes_on", "kind"}) {
      ASSERT_TRUE(rule[member].is_string()) << member;
      EXPECT_FALSE(rule[member].as_string().empty()) << member;
    }
    EXPECT_TRUE(rule["amount"].is_integer());
    EXPECT_TRUE(rule["anchor"]["event"].is_string());
    EXPECT_TRUE(rule["partnership_may_change"].is_bool());
    by_id[rule["id"].as_string()] = &rule;
  }
  const Json& notify = *by_id.at("sin.notify_panel");
  EXPECT_EQ(notify["amount"].as_integer(), 5);
  EXPECT_EQ(notify["unit"].as_string(), "working_days");
  EXPECT_EQ(notify["source_tag"].as_string(), "statutory");
  EXPECT_FALSE(notify["partnership_may_change"].as_bool());
  const Json& rapid = *by_id.at("rr.submit_to_panel");
  EXPECT_TRUE(rapid["partnership_may_change"].as_bool());
  EXPECT_EQ(rapid["anchor_options"].items().size(), 2u);
  EXPECT_EQ(rapid["in_force"]["anchor"].as_string(), "notification_date");
  EXPECT_EQ((*by_id.at("lcspr.notice_before_publication"))["unit"].as_string(), "working_days_before");
  EXPECT_EQ((*by_id.at("lcspr.keep_published"))["kind"].as_string(), "minimum_period");
  EXPECT_EQ((*by_id.at("lcspr.explain_delay"))["kind"].as_string(), "reminder");
  EXPECT_EQ((*by_id.at("rr.panel_response"))["kind"].as_string(), "reminder");
  // The rapid review's 15 working days are the Panel's guidance, the response a reminder: neither is statutory.
  EXPECT_EQ(rapid["source_tag"].as_string(), "local_procedure");
  EXPECT_NE(rapid["source"].as_string().find("not a statutory time limit"), std::string::npos);
  EXPECT_EQ((*by_id.at("rr.panel_response"))["source_tag"].as_string(), "local_procedure");
  // The national review: the Panel's own date for its requests; a partnership setting for the response.
  EXPECT_EQ((*by_id.at("nr.answer_panel_request"))["anchor"]["event"].as_string(), "panel_request_recorded");
  EXPECT_EQ((*by_id.at("nr.partnership_response"))["source_tag"].as_string(), "known_practice");
  EXPECT_TRUE((*by_id.at("nr.partnership_response"))["partnership_may_change"].as_bool());
  EXPECT_EQ((*by_id.at("cdr.notify_cdop"))["unit"].as_string(), "hours");
}

TEST_F(DeadlinesApi, PreviewShowsTheDueDateBeforeSaving) {
  const auto r = server().get("/api/v1/deadlines/preview?rule=sin.notify_panel&anchor=2022-09-14");
  ASSERT_EQ(r.status, 200) << r.body;
  const Json body = r.json();
  EXPECT_EQ(body["due_date"].as_string(), "2022-09-22");
  EXPECT_FALSE(body["provisional"].as_bool());
  ASSERT_EQ(body["bank_holidays_in_between"].items().size(), 1u);
  EXPECT_EQ(body["bank_holidays_in_between"].items()[0]["date"].as_string(), "2022-09-19");
  EXPECT_NE(body["explanation"].as_string().find("Thursday 22 September 2022"), std::string::npos);
}

TEST_F(DeadlinesApi, PreviewMarksDatesBeyondThePublishedCalendarProvisional) {
  const auto r = server().get("/api/v1/deadlines/preview?rule=rr.submit_to_panel&anchor=2027-12-20");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.json()["provisional"].as_bool());
  EXPECT_EQ(r.json()["due_date"].as_string(), "2028-01-13");
}

TEST_F(DeadlinesApi, PreviewRefusesBadQueries) {
  for (const char* target :
       {"/api/v1/deadlines/preview?rule=sin.nope&anchor=2022-09-14",
        "/api/v1/deadlines/preview?rule=sin.notify_panel&anchor=2023-02-29",
        "/api/v1/deadlines/preview?rule=sin.notify_panel", "/api/v1/deadlines/preview?anchor=2022-09-14",
        "/api/v1/deadlines/preview?rule=sin.notify_panel&anchor=2022-09-14&extra=1"}) {
    const auto r = server().get(target);
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_EQ(r.content_type, "application/problem+json; charset=utf-8") << target;
  }
  EXPECT_EQ(server().get("/api/v1/deadlines/preview?rule=sin.nope&anchor=2022-09-14").json()["code"].as_string(),
            "UNKNOWN_RULE");
}

// Every rule, at both ends of the supported range and beyond: a due date in
// the range (200) or a 400 that names the anchor; never a crash, a hang or a 5xx.
TEST_F(DeadlinesApi, PreviewAtAndBeyondTheEndsOfTheRangeAnswersADateOrNamesTheAnchor) {
  const Json rules = server().get("/api/v1/deadline-rules").json();
  int answered = 0;
  int refused = 0;
  for (const Json& rule : rules["rules"].items()) {
    const std::string id = rule["id"].as_string();
    for (const char* anchor : {"1900-01-01", "1900-01-02", "2199-12-30", "2199-12-31", "1899-12-31", "2200-01-01",
                               "9999-12-31", "0000-00-00", "10000-01-01"}) {
      const auto r = server().get("/api/v1/deadlines/preview?rule=" + id + "&anchor=" + anchor);
      if (r.status == 200) {
        const std::string due = r.json()["due_date"].as_string();
        EXPECT_GE(due, "1900-01-01") << id << " " << anchor;
        EXPECT_LE(due, "2199-12-31") << id << " " << anchor;
        ++answered;
        continue;
      }
      ASSERT_EQ(r.status, 400) << id << " " << anchor << ": " << r.body;
      const Json problem = r.json();
      EXPECT_EQ(problem["code"].as_string(), "INVALID_QUERY") << id << " " << anchor;
      ASSERT_EQ(problem["errors"].items().size(), 1u) << r.body;
      EXPECT_EQ(problem["errors"].items()[0]["field"].as_string(), "anchor") << id << " " << anchor;
      ++refused;
    }
  }
  EXPECT_GT(answered, 0);
  EXPECT_GT(refused, 0);
  // The request that once hung a thread: the rule's 12 months run past 2199.
  const auto far = server().get("/api/v1/deadlines/preview?rule=cdr.panel_review&anchor=9999-12-31");
  ASSERT_EQ(far.status, 400);
  EXPECT_EQ(far.json()["detail"].as_string(),
            "anchor \"9999-12-31\" is outside the dates casereview supports (1900-01-01 to 2199-12-31).");
  const auto late = server().get("/api/v1/deadlines/preview?rule=cdr.panel_review&anchor=2199-12-31");
  ASSERT_EQ(late.status, 400);
  EXPECT_EQ(late.json()["detail"].as_string(),
            "anchor: the due date 12 calendar months after 2199-12-31 would fall after 2199-12-31, the last date "
            "casereview supports.");
}

TEST_F(DeadlinesApi, ListsOpenDeadlinesAcrossCasesInDueOrder) {
  const Json late = open_notification("2022-09-01");  // notify due 2022-09-08: overdue on the 16th
  const Json fresh = open_notification("2022-09-16");
  const auto r = server().get("/api/v1/deadlines");
  ASSERT_EQ(r.status, 200);
  const Json body = r.json();
  const auto& items = body["deadlines"].items();
  ASSERT_GE(items.size(), 4u);
  for (std::size_t i = 1; i < items.size(); ++i) {
    if (items[i]["due_date"].is_null()) continue;
    EXPECT_LE(items[i - 1]["due_date"].as_string(), items[i]["due_date"].as_string());
  }
  bool saw_late = false;
  for (const Json& item : items) {
    if (item["case"]["id"].as_integer() == late["id"].as_integer()) {
      EXPECT_EQ(item["status"].as_string(), "overdue");
      saw_late = true;
    }
  }
  EXPECT_TRUE(saw_late);

  const auto overdue = server().get("/api/v1/deadlines?status=overdue");
  ASSERT_EQ(overdue.status, 200);
  const Json overdue_body = overdue.json();
  for (const Json& item : overdue_body["deadlines"].items()) EXPECT_EQ(item["status"].as_string(), "overdue");
  const auto soon = server().get("/api/v1/deadlines?within_working_days=3");
  const Json soon_body = soon.json();
  for (const Json& item : soon_body["deadlines"].items()) EXPECT_LE(item["working_days_left"].as_integer(), 3);
  EXPECT_EQ(server().get("/api/v1/deadlines?status=late").status, 400);
  EXPECT_EQ(server().get("/api/v1/deadlines?within_working_days=-1").status, 400);
  EXPECT_TRUE(fresh["id"].is_integer());
}

}  // namespace
}  // namespace casereview
