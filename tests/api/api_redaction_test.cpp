// Redaction by construction: known identifiers are planted in cases of two
// partnerships, and every answer a scrutineer, an auditor or the other
// partnership's users can obtain (lists, cases, timelines, spines, deadlines,
// reports, exports, errors) is scanned for them.
#include <gtest/gtest.h>

#include <algorithm>

#include "api_fixture.h"

namespace casereview {
namespace {

using testing_support::add_user;
using testing_support::ApiTest;
using testing_support::Client;
using testing_support::HttpResult;
using testing_support::kTestPassword;
using testing_support::run_casereview;

// Child A (two cases in the default partnership), child B (one case there) and
// child C (in the west partnership). Dates of birth are dates nothing else uses.
const std::vector<std::string> kChildA = {"Zephyrine", "Plantagenetova", "2021-02-13", "943 476 5919", "9434765919",
                                          "Quillfeather Lane", "Ysolde", "Caspian"};
const std::vector<std::string> kChildB = {"Marcellus", "Wimbourne-Trask", "2009-06-30", "401 023 2137", "4010232137",
                                          "Ottersley Mews", "Leontes"};
const std::vector<std::string> kChildC = {"Thaddeus", "Quorndon", "2020-11-03", "612 345 6784", "6123456784",
                                          "Brackenfold Close", "Perpetua"};
// Not identity, but the west's own: the default partnership never sees it.
const std::vector<std::string> kWestOnly = {"Westshire-only summary"};

std::string death_of_a() {
  return R"({"kind":"child_death_review","facts":{
      "date_of_death":"2021-05-08","time_of_death":"04:30","place_of_death":"home","notified_on":"2021-05-08",
      "notified_time":"10:00","expected":"unexpected","jar_triggers":["sudden_no_apparent_cause"],
      "resident_local_authority":"Northam City Council","notified_by":"Emergency department consultant",
      "summary":"Infant found unresponsive","given_name":"Zephyrine","family_name":"Plantagenetova",
      "date_of_birth":"2021-02-13","nhs_number":"943 476 5919","home_address":"17 Quillfeather Lane, Northam",
      "family_members":"Mother: Ysolde Plantagenetova; brother: Caspian Plantagenetova"}})";
}

std::string harm_to_b() {
  return R"({"kind":"serious_incident_notification","facts":{"became_aware_on":"2022-09-12","harm":"serious_harm",
      "abuse_or_neglect":"suspected","location":"in_area","local_authority":"Northam City Council","age":13,
      "summary":"Young person seriously injured","given_name":"Marcellus","family_name":"Wimbourne-Trask",
      "date_of_birth":"2009-06-30","nhs_number":"401 023 2137","home_address":"4 Ottersley Mews, Northam",
      "family_members":"Father: Leontes Wimbourne-Trask"}})";
}

std::string death_of_c() {
  return R"({"kind":"child_death_review","facts":{
      "date_of_death":"2022-09-01","place_of_death":"hospital","notified_on":"2022-09-01","expected":"expected",
      "jar_triggers":[],"resident_local_authority":"Westshire County Council","notified_by":"Hospice nurse",
      "summary":"Westshire-only summary of an expected death","given_name":"Thaddeus","family_name":"Quorndon",
      "date_of_birth":"2020-11-03","nhs_number":"612 345 6784","home_address":"2 Brackenfold Close, Westshire",
      "family_members":"Mother: Perpetua Quorndon"}})";
}

struct Answer {
  std::string what;
  HttpResult result;
};

// Everything `client` can ask for without changing anything: every list,
// report and export, the opening check, and every case id up to `highest_id` + 2
// through each case route and a command at a stale version (whose refusals are
// answers too).
std::vector<Answer> everything_obtainable(const Client& client, long long highest_id) {
  std::vector<Answer> out;
  auto get = [&](const std::string& target) { out.push_back({"GET " + target, client.get(target)}); };
  for (const char* target :
       {"/api/v1", "/api/v1/health", "/api/v1/reports/timeliness", "/api/v1/session", "/api/v1/workflows", "/api/v1/cases", "/api/v1/cases?limit=500",
        "/api/v1/cases?kind=child_death_review", "/api/v1/cases?overdue=true", "/api/v1/deadlines",
        "/api/v1/deadline-rules", "/api/v1/rule-setting-changes", "/api/v1/actions", "/api/v1/reviewers",
        "/api/v1/vocabularies/factors", "/api/v1/vocabularies/themes", "/api/v1/vocabularies/death-categories",
        "/api/v1/partnership/areas", "/api/v1/reports/lcspr-commissioning", "/api/v1/reports/learning-themes",
        "/api/v1/reports/modifiable-factors", "/api/v1/inbox", "/api/v1/users", "/api/v1/access-log",
        "/api/v1/access-log?format=csv", "/api/v1/audit/verification"}) {
    get(target);
  }
  for (long long id = 1; id <= highest_id + 2; ++id) {
    const std::string c = "/api/v1/cases/" + std::to_string(id);
    for (const std::string& suffix : {std::string(), std::string("/timeline"), std::string("/spine"),
                                      std::string("/deadlines")}) {
      get(c + suffix);
    }
    out.push_back({"POST " + c + "/commands",
                   client.post_json(c + "/commands", R"({"command":"record_agency_return","expected_version":1,
                                                          "facts":{"agency":"Police","returned_on":"2022-09-15"}})")});
  }
  out.push_back({"POST /api/v1/cases/checks", client.post_json("/api/v1/cases/checks", death_of_a())});
  return out;
}

// The first planted identifier found in any answer, as "identifier in what".
std::vector<std::string> leaks(const std::vector<Answer>& answers, const std::vector<std::vector<std::string>>& children) {
  std::vector<std::string> found;
  for (const Answer& a : answers) {
    for (const auto& child : children) {
      for (const std::string& marker : child) {
        if (a.result.body.find(marker) != std::string::npos) found.push_back(marker + " in " + a.what);
      }
    }
  }
  return found;
}

int successes(const std::vector<Answer>& answers) {
  return static_cast<int>(std::count_if(answers.begin(), answers.end(), [](const Answer& a) { return a.result.status == 200; }));
}

class Redaction : public ApiTest {};

TEST_F(Redaction, NothingIdentifyingReachesAScrutineerAnAuditorOrAnotherPartnership) {
  ASSERT_EQ(run_casereview({"partnership", "add", "west", "--display-name", "Westshire", "--db", db_path()}).exit_code, 0);
  add_user(db_path(), "scrutineer", "scrutineer");
  add_user(db_path(), "auditor", "auditor");
  add_user(db_path(), "west.manager", "manager", {"--partnership", "west"});
  add_user(db_path(), "west.scrutineer", "scrutineer", {"--partnership", "west"});

  // The board office records the cases (default partnership).
  const HttpResult a = server().post_json("/api/v1/cases", death_of_a());
  ASSERT_EQ(a.status, 201) << a.body;
  const long long cdr_a = a.json()["id"].as_integer();
  const long long sin_a = opened_id(step(cdr_a, "raise_serious_incident_notification",
                                         R"({"became_aware_on":"2021-05-08","abuse_or_neglect":"suspected",
                                             "location":"in_area","local_authority":"Northam City Council"})"));
  const long long rr_a = opened_id(step(sin_a, "submit_notification", R"({"submitted_on":"2021-05-12"})"));
  step(rr_a, "request_agency_information", R"({"agencies":["Police","Health visiting"],"requested_on":"2021-05-13"})");
  const HttpResult b = server().post_json("/api/v1/cases", harm_to_b());
  ASSERT_EQ(b.status, 201) << b.body;
  const long long sin_b = b.json()["id"].as_integer();
  // The board office does see who the children are (so the scan below is not vacuous).
  EXPECT_NE(server().get("/api/v1/cases/" + std::to_string(sin_a)).body.find("Plantagenetova"), std::string::npos);
  EXPECT_NE(server().get("/api/v1/cases/" + std::to_string(sin_b)).body.find("Ottersley Mews"), std::string::npos);

  // The other partnership records its own.
  const Client west_manager = server().as(server().sign_in("west.manager", kTestPassword));
  const HttpResult c = west_manager.post_json("/api/v1/cases", death_of_c());
  ASSERT_EQ(c.status, 201) << c.body;
  const long long cdr_c = c.json()["id"].as_integer();
  ASSERT_NE(west_manager.get("/api/v1/cases/" + std::to_string(cdr_c)).body.find("Quorndon"), std::string::npos);

  const long long highest = std::max({cdr_a, sin_a, rr_a, sin_b, cdr_c});
  const Client scrutineer = server().as(server().sign_in("scrutineer", kTestPassword));
  const Client auditor = server().as(server().sign_in("auditor", kTestPassword));
  const Client west_scrutineer = server().as(server().sign_in("west.scrutineer", kTestPassword));

  const auto seen_by_scrutineer = everything_obtainable(scrutineer, highest);
  const auto seen_by_auditor = everything_obtainable(auditor, highest);
  const auto seen_in_the_west = everything_obtainable(west_manager, highest);
  const auto seen_by_west_scrutineer = everything_obtainable(west_scrutineer, highest);
  EXPECT_EQ(leaks(seen_by_scrutineer, {kChildA, kChildB, kChildC, kWestOnly}), std::vector<std::string>{});
  EXPECT_EQ(leaks(seen_by_auditor, {kChildA, kChildB, kChildC, kWestOnly}), std::vector<std::string>{});
  EXPECT_EQ(leaks(seen_in_the_west, {kChildA, kChildB}), std::vector<std::string>{});
  EXPECT_EQ(leaks(seen_by_west_scrutineer, {kChildA, kChildB, kChildC}), std::vector<std::string>{});

  // The scans did read the cases: the scrutineer gets every case of the
  // partnership, the west none of them.
  EXPECT_GE(successes(seen_by_scrutineer), 20 + 4 * 4);
  const Json scrutinised = scrutineer.get("/api/v1/cases/" + std::to_string(cdr_a)).json();
  EXPECT_EQ(scrutinised["reference"].as_string(), a.json()["reference"].as_string());
  EXPECT_FALSE(scrutinised.contains("subject"));
  EXPECT_EQ(west_manager.get("/api/v1/cases/" + std::to_string(cdr_a)).status, 404);
  EXPECT_EQ(west_manager.get("/api/v1/cases").json()["cases"].items().size(), 1u);

  // One pseudonym per child, across cases.
  const auto pseudonym_of = [&](long long id) {
    return scrutineer.get("/api/v1/cases/" + std::to_string(id)).json()["pseudonym"].as_string();
  };
  EXPECT_EQ(pseudonym_of(cdr_a), pseudonym_of(sin_a));
  EXPECT_EQ(pseudonym_of(sin_a), pseudonym_of(rr_a));
  EXPECT_NE(pseudonym_of(cdr_a), pseudonym_of(sin_b));
  EXPECT_EQ(pseudonym_of(cdr_a).rfind("C-", 0), 0u);

  // The west's duplicate check does not see the default partnership's child.
  const Json check = west_manager.post_json("/api/v1/cases/checks", death_of_a()).json();
  EXPECT_TRUE(check["warnings"].items().empty()) << check.dump();
}

TEST_F(Redaction, EveryReadOfIdentityIsLoggedAndOnlyThose) {
  add_user(db_path(), "reader", "scrutineer");
  const HttpResult a = server().post_json("/api/v1/cases", death_of_a());
  ASSERT_EQ(a.status, 201) << a.body;
  const std::string id = std::to_string(a.json()["id"].as_integer());
  ASSERT_EQ(server().get("/api/v1/cases/" + id, {{"X-Access-Reason", "Preparing the panel meeting"}}).status, 200);
  const Client scrutineer = server().as(server().sign_in("reader", kTestPassword));
  ASSERT_EQ(scrutineer.get("/api/v1/cases/" + id).status, 200);
  ASSERT_EQ(server().get("/api/v1/cases/" + id + "/timeline").status, 200);  // no identity in a timeline

  const Json log = admin().get("/api/v1/access-log").json();
  const auto& entries = log["entries"].items();
  ASSERT_EQ(entries.size(), 2u) << log.dump();  // the opening, and the read with a reason
  EXPECT_EQ(entries[0]["username"].as_string(), "manager");
  EXPECT_EQ(entries[0]["case_reference"].as_string(), a.json()["reference"].as_string());
  EXPECT_EQ(entries[0]["reason"].as_string(), "Preparing the panel meeting");
  EXPECT_EQ(entries[0]["what"].as_string(), "case_identity");
  const HttpResult csv = admin().get("/api/v1/access-log?format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_NE(csv.body.find("\"Preparing the panel meeting\""), std::string::npos) << csv.body;
  EXPECT_EQ(admin().get("/api/v1/access-log?username=reader").json()["entries"].items().size(), 0u);
  // A reason a spreadsheet would run as a formula is exported inert.
  ASSERT_EQ(server().get("/api/v1/cases/" + id, {{"X-Access-Reason", "=HYPERLINK(\"http://x\")"}}).status, 200);
  EXPECT_NE(admin().get("/api/v1/access-log?format=csv").body.find("\"'=HYPERLINK(\"\"http://x\"\")\""),
            std::string::npos);
}

}  // namespace
}  // namespace casereview
