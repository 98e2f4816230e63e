// The dashboard (GET /api/v1/dashboard) and case owners (PUT
// /api/v1/cases/{id}/owner, GET /api/v1/case-owners) over real HTTP: a page of
// rows with the child for a reader of identity (each logged) and the pseudonym
// for a scrutineer; filters, sort and paging checked; bad queries and owners
// refused with nothing changed.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "api_fixture.h"

namespace casereview {
namespace {

using testing_support::add_user;
using testing_support::ApiTest;
using testing_support::Client;
using testing_support::HttpResult;
using testing_support::kTestPassword;

std::string death(const std::string& given, const std::string& died_on) {
  return R"({"kind":"child_death_review","facts":{
      "date_of_death":")" +
         died_on + R"(","place_of_death":"hospital","notified_on":")" + died_on + R"(","expected":"expected",
      "jar_triggers":[],"resident_local_authority":"Northam City Council","notified_by":"Hospice nurse",
      "summary":"Expected death in hospital","given_name":")" +
         given + R"(","family_name":"Dashboardtest","date_of_birth":"2019-03-12"}})";
}

class DashboardApi : public ApiTest {
 protected:
  static void SetUpTestSuite() {
    ApiTest::SetUpTestSuite();
    add_user(db_path(), "panel", "panel_member", {"--display-name", "Priya Shah"});
    add_user(db_path(), "scrutineer", "scrutineer");
    const auto open = [](const std::string& body) {
      const HttpResult r = mutable_server().post_json("/api/v1/cases", body);
      if (r.status != 201) throw std::runtime_error(r.body);
      return r.json()["id"].as_integer();
    };
    earlier_ = open(death("Aurelia", "2022-06-01"));
    later_ = open(death("Benedict", "2022-08-01"));
    notification_ = mutable_server()
                        .post_json("/api/v1/cases", R"({"kind":"serious_incident_notification","facts":{
        "became_aware_on":"2022-09-14","harm":"death","abuse_or_neglect":"suspected","location":"in_area",
        "local_authority":"Northam City Council","summary":"Child died; neglect suspected"}})")
                        .json()["id"]
                        .as_integer();
  }
  static Json board(const Client& who, const std::string& query = "") {
    const HttpResult r = who.get("/api/v1/dashboard" + query);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    return r.json();
  }
  Json board(const std::string& query = "") const {
    const HttpResult r = server().get("/api/v1/dashboard" + query);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    return r.json();
  }
  static std::vector<long long> ids(const Json& page) {
    std::vector<long long> out;
    for (const Json& row : page["rows"].items()) out.push_back(row["case"]["id"].as_integer());
    return out;
  }
  HttpResult set_owner(long long case_id, const std::string& body) const {
    return server().request("PUT", "/api/v1/cases/" + std::to_string(case_id) + "/owner", body, "application/json", {});
  }
  static long long earlier_;
  static long long later_;
  static long long notification_;
};
long long DashboardApi::earlier_ = 0;
long long DashboardApi::later_ = 0;
long long DashboardApi::notification_ = 0;

TEST_F(DashboardApi, AManagerSeesOneRowPerCaseWithItsChildAndEachReadIsLogged) {
  const Json page = board();
  EXPECT_EQ(page["total"].as_integer(), 3);
  const std::vector<long long> shown = ids(page);
  EXPECT_EQ(std::set<long long>(shown.begin(), shown.end()), (std::set<long long>{earlier_, later_, notification_}));
  int named = 0;
  for (const Json& row : page["rows"].items()) {
    if (row["child"].is_null()) continue;
    ++named;
    EXPECT_EQ(row["child"]["family_name"].as_string(), "Dashboardtest");
    EXPECT_TRUE(row["pseudonym"].is_null());
  }
  EXPECT_EQ(named, 2) << "the two deaths name their child; the notification has none";
  const Json log = admin().get("/api/v1/access-log?case_id=" + std::to_string(earlier_)).json();
  bool logged = false;
  for (const Json& entry : log["entries"].items()) {
    if (entry["what"].as_string() == "dashboard" && entry["username"].as_string() == "manager") logged = true;
  }
  EXPECT_TRUE(logged) << log.dump();
}

TEST_F(DashboardApi, AScrutineerSeesPseudonymsAndNeverAName) {
  const Client scrutineer = server().as(server().sign_in("scrutineer", kTestPassword));
  const HttpResult r = scrutineer.get("/api/v1/dashboard");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body.find("Dashboardtest"), std::string::npos);
  EXPECT_EQ(r.body.find("Aurelia"), std::string::npos);
  int pseudonyms = 0;
  for (const Json& row : r.json()["rows"].items()) {
    EXPECT_FALSE(row.contains("child"));
    if (row["pseudonym"].is_string()) ++pseudonyms;
  }
  EXPECT_EQ(pseudonyms, 2);
}

TEST_F(DashboardApi, SortsEitherWayAndPages) {
  const Json soonest = board("?sort=due");
  const Json latest = board("?sort=-due");
  std::vector<std::string> due;
  for (const Json& row : soonest["rows"].items()) due.push_back(row["next"]["due_date"].as_string());
  EXPECT_TRUE(std::is_sorted(due.begin(), due.end()));
  std::vector<long long> reversed = ids(latest);
  std::reverse(reversed.begin(), reversed.end());
  EXPECT_EQ(ids(soonest), reversed);
  const Json second = board("?sort=due&per_page=2&page=2");
  EXPECT_EQ(second["total"].as_integer(), 3);
  EXPECT_EQ(ids(second), std::vector<long long>{ids(soonest)[2]});
  EXPECT_TRUE(board("?page=9")["rows"].items().empty());
}

TEST_F(DashboardApi, FiltersByKindStatusAndOwnerAndAssignedToMe) {
  EXPECT_EQ(ids(board("?kind=serious_incident_notification")), std::vector<long long>{notification_});
  const Json all = board();
  for (const auto& [status, count] : all["by_status"].members()) {
    const Json only = board("?status=" + status);
    EXPECT_EQ(only["total"].as_integer(), count.as_integer()) << status;
    for (const Json& row : only["rows"].items()) EXPECT_EQ(row["next"]["status"].as_string(), status);
  }
  ASSERT_EQ(set_owner(later_, R"({"owner":"panel"})").status, 200);
  EXPECT_EQ(ids(board("?owner=panel")), std::vector<long long>{later_});
  const Client panel = server().as(server().sign_in("panel", kTestPassword));
  EXPECT_EQ(ids(board(panel, "?mine=true")), std::vector<long long>{later_});
  EXPECT_TRUE(board("?mine=true")["rows"].items().empty()) << "nothing is the manager's";
  const std::vector<long long> none = ids(board("?owner=none"));
  EXPECT_EQ(std::set<long long>(none.begin(), none.end()), (std::set<long long>{earlier_, notification_}));
  const Json row = board("?owner=panel")["rows"].items()[0];
  EXPECT_EQ(row["owner"]["name"].as_string(), "Priya Shah");
  EXPECT_EQ(row["who_acts"]["people"].items()[0]["as"].as_string(), "case_owner");
  ASSERT_EQ(set_owner(later_, R"({"owner":null})").status, 200);
}

TEST_F(DashboardApi, RefusesABadQueryNamingTheParameter) {
  for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{{"?status=late", "status"},
                                                                                     {"?status=overdue,", "status"},
                                                                                     {"?kind=inquest", "kind"},
                                                                                     {"?owner=nobody", "owner"},
                                                                                     {"?owner=panel&mine=true", "mine"},
                                                                                     {"?sort=reference", "sort"},
                                                                                     {"?per_page=101", "per_page"},
                                                                                     {"?page=0", "page"},
                                                                                     {"?colour=red", "colour"}}) {
    const HttpResult r = server().get("/api/v1/dashboard" + query);
    EXPECT_EQ(r.status, 400) << query << ": " << r.body;
    EXPECT_EQ(r.json()["code"].as_string(), "INVALID_QUERY") << query;
    EXPECT_NE(r.body.find(field), std::string::npos) << query << ": " << r.body;
  }
}

// The page is kept for its reader's next request (web/src/api/kept_pages.h);
// a change through this server gives it up at once.
TEST_F(DashboardApi, APageAskedForAgainShowsAnOwnerGivenSince) {
  const auto owned_by_panel = [&] {
    const std::vector<long long> listed = ids(board("?owner=panel&per_page=100"));
    return std::find(listed.begin(), listed.end(), later_) != listed.end();
  };
  ASSERT_FALSE(owned_by_panel());
  ASSERT_FALSE(owned_by_panel());
  ASSERT_EQ(set_owner(later_, R"({"owner":"panel"})").status, 200);
  EXPECT_TRUE(owned_by_panel());
  ASSERT_EQ(set_owner(later_, R"({"owner":null})").status, 200);
  EXPECT_FALSE(owned_by_panel());
}

TEST_F(DashboardApi, AnOwnerIsGivenChangedAndRemovedAndABadOneChangesNothing) {
  const long long version = server().get("/api/v1/cases/" + std::to_string(earlier_)).json()["version"].as_integer();
  HttpResult r = set_owner(earlier_, R"({"owner":"panel"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.json()["changed"].as_bool());
  EXPECT_EQ(r.json()["owner"]["username"].as_string(), "panel");
  EXPECT_EQ(r.json()["version"].as_integer(), version + 1);
  const Json detail = server().get("/api/v1/cases/" + std::to_string(earlier_)).json();
  EXPECT_EQ(detail["owner"]["username"].as_string(), "panel");
  EXPECT_EQ(detail["owner"]["assigned_by"].as_string(), "manager");
  // The same owner again records nothing.
  r = set_owner(earlier_, R"({"owner":"panel"})");
  EXPECT_FALSE(r.json()["changed"].as_bool());
  EXPECT_EQ(r.json()["version"].as_integer(), version + 1);
  // Refused, each naming the member, and nothing changed.
  for (const auto& [body, status] : std::vector<std::pair<std::string, int>>{{R"({"owner":"admin"})", 400},
                                                                             {R"({"owner":"scrutineer"})", 400},
                                                                             {R"({"owner":"nobody"})", 400},
                                                                             {R"({"owner":""})", 400},
                                                                             {R"({"owner":7})", 400},
                                                                             {R"({})", 400},
                                                                             {R"({"owner":null,"x":1})", 400}}) {
    const HttpResult refused = set_owner(earlier_, body);
    EXPECT_EQ(refused.status, status) << body << ": " << refused.body;
  }
  EXPECT_EQ(set_owner(999999, R"({"owner":"panel"})").status, 404);
  const Json after = server().get("/api/v1/cases/" + std::to_string(earlier_)).json();
  EXPECT_EQ(after["version"].as_integer(), version + 1);
  EXPECT_EQ(after["owner"]["username"].as_string(), "panel");
  // Removed; the timeline says each change in words.
  r = set_owner(earlier_, R"({"owner":null})");
  EXPECT_TRUE(r.json()["owner"].is_null());
  std::vector<std::string> sentences;
  for (const Json& e :
       server().get("/api/v1/cases/" + std::to_string(earlier_) + "/timeline").json()["events"].items()) {
    sentences.push_back(e["sentence"].as_string());
  }
  ASSERT_GE(sentences.size(), 3u);
  EXPECT_EQ(sentences[sentences.size() - 2], "Priya Shah became the case owner.");
  EXPECT_EQ(sentences.back(), "Priya Shah is no longer the case owner.");
  // Only the people who may own a case are offered.
  std::vector<std::string> offered;
  for (const Json& o : server().get("/api/v1/case-owners").json()["owners"].items()) {
    offered.push_back(o["username"].as_string());
  }
  EXPECT_EQ(std::set<std::string>(offered.begin(), offered.end()), (std::set<std::string>{"manager", "panel"}));
}

}  // namespace
}  // namespace casereview
