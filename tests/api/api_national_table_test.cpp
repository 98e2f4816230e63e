// The yearly report reproduces a published national table. The Department for
// Education's official statistics count the serious incident notifications made
// in England in the year to 31 March 2025 as 338: 162 deaths, 167 serious harm
// and 9 other, 93 of them about looked-after children. Loaded as notifications
// made in that year (with one made the day before it began and one the day
// after it ended, which must not count), the report prints the same numbers.
// Its own server, on 30 June 2025, after the year.
#include <map>
#include <memory>
#include <string>

#include "api_fixture.h"
#include "casereview/engine/csv.h"
#include "casereview/engine/date.h"
#include "temp_dir.h"

namespace casereview {
namespace {

using testing_support::add_user;
using testing_support::Client;
using testing_support::kTestPassword;
using testing_support::ServerProcess;
using testing_support::TempDir;

constexpr int kMade = 338, kDeaths = 162, kSeriousHarm = 167, kOther = 9, kLookedAfter = 93;

class NationalTable : public ::testing::Test {
 protected:
  void SetUp() override {
    add_user(db, "manager", "manager");
    server = std::make_unique<ServerProcess>(db, std::vector<std::string>{"--today", "2025-06-30"});
    manager = std::make_unique<Client>(server->as(server->sign_in("manager", kTestPassword)));
  }
  void TearDown() override { EXPECT_EQ(server->stop(), 0) << server->log(); }

  // A notification the local authority became aware of and made on `day`.
  void made(const std::string& day, const std::string& harm, bool looked_after) const {
    const auto opened = manager->post_json("/api/v1/cases", R"({"kind":"serious_incident_notification","facts":{
        "became_aware_on":")" + day + R"(","harm":")" + harm + R"(","abuse_or_neglect":"suspected",
        "location":"in_area","local_authority":"Northam City Council","summary":"As the national table counts it")" +
                                                                (looked_after ? R"(,"looked_after_child":true)" : "") +
                                                                "}}");
    ASSERT_EQ(opened.status, 201) << opened.body;
    const Json c = opened.json();
    const auto submitted = manager->post_json("/api/v1/cases/" + std::to_string(c["id"].as_integer()) + "/commands",
                                              R"({"command":"submit_notification","expected_version":)" +
                                                  std::to_string(c["version"].as_integer()) +
                                                  R"(,"facts":{"submitted_on":")" + day + R"("}})");
    ASSERT_EQ(submitted.status, 200) << submitted.body;
  }

  TempDir scratch;
  std::string db = scratch.file("national.db");
  std::unique_ptr<ServerProcess> server;
  std::unique_ptr<Client> manager;
};

TEST_F(NationalTable, TheYearToMarch2025CountsAsTheOfficialStatistics) {
  const Date first = *Date::parse("2024-04-01");
  for (int i = 0; i < kMade; ++i) {
    // Spread over the year's first 360 days; harm in the table's proportions;
    // looked-after children an exact 93 of 338 (93 is coprime to 338).
    const std::string day = first.plus_days(i * 360L / kMade).iso();
    const std::string harm = i < kDeaths ? "death" : i < kDeaths + kSeriousHarm ? "serious_harm" : "other";
    made(day, harm, (i * kLookedAfter) % kMade < kLookedAfter);
  }
  made("2024-03-31", "death", true);          // the year before
  made("2025-04-01", "serious_harm", false);  // the year after

  const auto r = manager->get("/api/v1/reports/yearly?from=2024-04-01&to=2025-03-31");
  ASSERT_EQ(r.status, 200) << r.body;
  const Json& n = r.json()["notifications"];
  EXPECT_EQ(n["made"]["count"].as_integer(), kMade);
  EXPECT_EQ(n["by_harm"]["death"]["count"].as_integer(), kDeaths);
  EXPECT_EQ(n["by_harm"]["serious_harm"]["count"].as_integer(), kSeriousHarm);
  EXPECT_EQ(n["by_harm"]["other"]["count"].as_integer(), kOther);
  EXPECT_EQ(n["by_looked_after_status"]["looked_after"]["count"].as_integer(), kLookedAfter);
  EXPECT_EQ(n["by_looked_after_status"]["care_leaver"]["count"].as_integer(), 0);
  EXPECT_EQ(n["by_looked_after_status"]["neither"]["count"].as_integer(), kMade - kLookedAfter);
  EXPECT_EQ(n["timeliness"]["on_time"]["count"].as_integer(), kMade);  // each made the day it was known

  // The same table as CSV, as a partnership would paste it into its report.
  std::map<std::string, std::string> counts;
  for (const auto& row :
       parse_csv(manager->get("/api/v1/reports/yearly?from=2024-04-01&to=2025-03-31&format=csv").body)) {
    counts[row.at(0)] = row.at(1);
  }
  EXPECT_EQ(counts["notifications.made"], "338");
  EXPECT_EQ(counts["notifications.by_harm.death"], "162");
  EXPECT_EQ(counts["notifications.by_harm.serious_harm"], "167");
  EXPECT_EQ(counts["notifications.by_harm.other"], "9");
  EXPECT_EQ(counts["notifications.by_looked_after_status.looked_after"], "93");
}

}  // namespace
}  // namespace casereview
