// The agency contributor's inbox on the demonstration data: a request waiting
// shows who the child is (each showing in the access log); once answered it is
// listed by reference and dates only, for a year after the answer.
#include <gtest/gtest.h>

#include "api_fixture.h"
#include "casereview/engine/date.h"

namespace casereview {
namespace {

using testing_support::add_user;
using testing_support::Client;
using testing_support::HttpResult;
using testing_support::run_casereview;
using testing_support::ServerProcess;
using testing_support::TempDir;

constexpr const char* kDemoPassword = "demonstration only 2026";

class AgencyInbox : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string db = scratch_.file("inbox.db");
    const auto loaded = run_casereview({"demo", "load", "--db", db});
    ASSERT_EQ(loaded.exit_code, 0) << loaded.err;
    add_user(db, "auditing.admin", "administrator", {"--partnership", "default"});
    server_ = std::make_unique<ServerProcess>(db);
  }

  // The request to the demonstration's agency (Health visiting) on `case_id` in the inbox.
  static const Json* request_on(const Json& inbox, long long case_id) {
    for (const Json& r : inbox["requests"].items()) {
      if (r["case_id"].as_integer() == case_id) return &r;
    }
    return nullptr;
  }

  long long inbox_reads(const Client& admin, long long case_id) {
    long long reads = 0;
    const Json log = admin.get("/api/v1/access-log?case_id=" + std::to_string(case_id)).json();
    for (const Json& e : log["entries"].items()) {
      reads += e["username"].as_string() == "demo.agency" && e["what"].as_string() == "agency_inbox" ? 1 : 0;
    }
    return reads;
  }

  TempDir scratch_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(AgencyInbox, ShowsWhoTheChildIsOnlyWhileTheRequestWaits) {
  const Client agency = server_->as(server_->sign_in("demo.agency", kDemoPassword));
  const Client manager = server_->as(server_->sign_in("demo.manager", kDemoPassword));
  const Client admin = server_->as(server_->sign_in("auditing.admin", testing_support::kTestPassword));

  const Json before = agency.get("/api/v1/inbox").json();
  EXPECT_EQ(before["answered_since"].as_string(), Date::parse(before["today"].as_string())->plus_months(-12).iso());
  long long waiting = 0;
  for (const Json& r : before["requests"].items()) {
    if (r["returned_on"].is_null()) waiting = r["case_id"].as_integer();
  }
  ASSERT_NE(waiting, 0) << "the demonstration has a request waiting for Health visiting: " << before.dump();
  ASSERT_FALSE((*request_on(before, waiting))["subject"].is_null()) << "the child of a waiting request is shown";
  const long long reads = inbox_reads(admin, waiting);
  EXPECT_GE(reads, 1) << "showing the child was logged";

  // The manager records Health visiting's return: the request is answered.
  const Json detail = manager.get("/api/v1/cases/" + std::to_string(waiting)).json();
  const HttpResult returned = manager.post_json(
      "/api/v1/cases/" + std::to_string(waiting) + "/commands",
      R"({"command":"record_agency_return","expected_version":)" + std::to_string(detail["version"].as_integer()) +
          R"(,"facts":{"agency":"Health visiting","returned_on":")" + before["today"].as_string() + R"("}})");
  ASSERT_EQ(returned.status, 200) << returned.body;

  const Json after = agency.get("/api/v1/inbox").json();
  const Json* answered = request_on(after, waiting);
  ASSERT_NE(answered, nullptr) << "an answer of today is listed: " << after.dump();
  EXPECT_EQ((*answered)["returned_on"].as_string(), before["today"].as_string());
  EXPECT_TRUE((*answered)["subject"].is_null()) << "the child of an answered request is not shown";
  EXPECT_EQ(inbox_reads(admin, waiting), reads) << "and no read of identity is logged for it";
}

// A death reviewed long ago: Health visiting asked and answered `answered_days_ago`
// days before today. Returns the case's id.
long long death_answered(const Client& manager, Date today, int answered_days_ago) {
  const auto day = [&](int days_ago) { return today.plus_days(-days_ago).iso(); };
  const std::string facts =
      R"({"date_of_death":")" + day(answered_days_ago + 30) + R"(","place_of_death":"hospital","notified_on":")" +
      day(answered_days_ago + 30) +
      R"(","expected":"expected","resident_local_authority":"Northam City Council","notified_by":"Consultant",)"
      R"("summary":"Child with a life-limiting condition died in hospital.","given_name":"Ada","family_name":"Oldfield",)"
      R"("date_of_birth":")" +
      day(answered_days_ago + 900) + R"(","sex":"female"})";
  HttpResult opened = manager.post_json("/api/v1/cases", R"({"kind":"child_death_review","facts":)" + facts + "}");
  if (opened.status == 409) {  // a warning to confirm (a late notification): confirmed as the manager would
    std::string codes;
    for (const Json& w : opened.json()["warnings"].items())
      codes += (codes.empty() ? "\"" : ",\"") + w["code"].as_string() + "\"";
    opened = manager.post_json("/api/v1/cases",
                               R"({"kind":"child_death_review","facts":)" + facts + R"(,"confirm":[)" + codes + "]}");
  }
  EXPECT_EQ(opened.status, 201) << opened.body;
  const long long id = opened.json()["id"].as_integer();
  long long version = opened.json()["version"].as_integer();
  for (const auto& [command, step] : std::vector<std::pair<std::string, std::string>>{
           {"request_agency_information",
            R"({"agencies":["Health visiting"],"requested_on":")" + day(answered_days_ago + 10) + R"("})"},
           {"record_agency_return",
            R"({"agency":"Health visiting","returned_on":")" + day(answered_days_ago) + R"("})"}}) {
    Json body = Json::object();
    body.set("command", command);
    body.set("expected_version", version);
    body.set("facts", Json::parse(step));
    const HttpResult r = manager.post_json("/api/v1/cases/" + std::to_string(id) + "/commands", body.dump());
    EXPECT_EQ(r.status, 200) << command << ": " << r.body;
    version = r.json()["version"].as_integer();
  }
  return id;
}

TEST_F(AgencyInbox, ListsAnswersOfTheLastTwelveMonthsOnly) {
  const Client agency = server_->as(server_->sign_in("demo.agency", kDemoPassword));
  const Client manager = server_->as(server_->sign_in("demo.manager", kDemoPassword));
  const Date today = *Date::parse(agency.get("/api/v1/inbox").json()["today"].as_string());
  const long long recent = death_answered(manager, today, 200);
  const long long old = death_answered(manager, today, 400);
  const Json inbox = agency.get("/api/v1/inbox").json();
  const Json* listed = request_on(inbox, recent);
  ASSERT_NE(listed, nullptr) << "an answer 200 days old is listed: " << inbox.dump();
  EXPECT_EQ((*listed)["returned_on"].as_string(), today.plus_days(-200).iso());
  EXPECT_TRUE((*listed)["subject"].is_null());
  EXPECT_EQ(request_on(inbox, old), nullptr) << "an answer 400 days old is not";
}

}  // namespace
}  // namespace casereview
