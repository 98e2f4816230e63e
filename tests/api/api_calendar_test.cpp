// Refreshing the bank-holiday calendar over HTTP: a feed that is not valid
// changes nothing; a valid one becomes a new revision and moves the open
// deadlines it touches.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "api_fixture.h"

namespace casereview {
namespace {

using testing_support::ApiTest;

std::string shipped_feed() {
  std::ifstream in(std::string(CASEREVIEW_SOURCE_DIR) + "/engine/data/bank-holidays-england-and-wales.json");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The shipped feed with one more holiday in England and Wales, in date order.
std::string feed_with_holiday(const std::string& date, const std::string& title) {
  Json feed = Json::parse(shipped_feed());
  Json division = feed["england-and-wales"];
  Json events = Json::array();
  bool added = false;
  for (const Json& e : division["events"].items()) {
    if (!added && e["date"].as_string() > date) {
      Json extra = Json::object();
      extra.set("title", title);
      extra.set("date", date);
      extra.set("notes", "");
      extra.set("bunting", false);
      events.push(extra);
      added = true;
    }
    events.push(e);
  }
  division.set("events", events);
  feed.set("england-and-wales", division);
  return feed.dump();
}

class CalendarApi : public ApiTest {
 protected:
  long long revision() const { return server().get("/api/v1/health").json()["calendar"]["revision"].as_integer(); }
  std::string notify_due(long long id) const {
    const Json c = read_case(id);
    for (const Json& d : c["deadlines"].items()) {
      if (d["rule_id"].as_string() == "sin.notify_panel") return d["due_date"].as_string();
    }
    return "";
  }
};

TEST_F(CalendarApi, AFeedThatIsNotValidChangesNothing) {
  const long long before = revision();
  for (const std::string& body : {std::string(R"({"england-and-wales":{"division":"england-and-wales","events":[]}})"),
                                  std::string(R"({"scotland":{}})"), std::string("{}")}) {
    const auto r = admin().put_json("/api/v1/calendar", body);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.json()["code"].as_string(), "INVALID_CALENDAR_FEED");
    EXPECT_FALSE(r.json()["errors"].items().empty());
  }
  EXPECT_EQ(revision(), before);
}

TEST_F(CalendarApi, ANewHolidayIsANewRevisionAndMovesOpenDeadlines) {
  const long long id = open_notification("2022-09-14")["id"].as_integer();
  ASSERT_EQ(notify_due(id), "2022-09-22");  // 5 working days, the State Funeral skipped
  const long long before = revision();
  const auto r = admin().put_json("/api/v1/calendar", feed_with_holiday("2022-09-20", "One-off holiday"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["revision"].as_integer(), before + 1);
  EXPECT_EQ(revision(), before + 1);  // the health check shows the load at once
  ASSERT_EQ(r.json()["added"].items().size(), 1u);
  EXPECT_EQ(r.json()["added"].items()[0].as_string(), "2022-09-20 One-off holiday");
  EXPECT_GE(r.json()["cases_recomputed"].as_integer(), 1);
  EXPECT_EQ(notify_due(id), "2022-09-23");
  // Loading the shipped feed again takes the one-off out and moves the date back.
  const auto back = admin().put_json("/api/v1/calendar", shipped_feed());
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(back.json()["removed"].items()[0].as_string(), "2022-09-20 One-off holiday");
  EXPECT_EQ(notify_due(id), "2022-09-22");
}

TEST_F(CalendarApi, OnlyAnAdministratorMayLoadTheCalendar) {
  const auto r = server().request("PUT", "/api/v1/calendar", shipped_feed(), "application/json", {});  // as the manager
  EXPECT_EQ(r.status, 403);
}

}  // namespace
}  // namespace casereview
