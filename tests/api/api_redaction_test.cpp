// Redaction by construction: children's identities are planted in cases of two
// partnerships, and every answer a scrutineer, an auditor or the other
// partnership's users can obtain (lists, cases, timelines, spines, deadlines,
// documents and their downloads, reports, exports, errors, the pages, and every
// response header) is scanned for them with the whole-value identity scan
// (tests/support/identity_scan.h). A second suite plants real leaks and shows
// that the same scan finds exactly them.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "api_fixture.h"
#include "casereview/engine/csv.h"
#include "identity_scan.h"

namespace casereview {
namespace {

using testing_support::add_user;
using testing_support::ApiTest;
using testing_support::Client;
using testing_support::find_identity;
using testing_support::HttpResult;
using testing_support::Identity;
using testing_support::kTestPassword;
using testing_support::run_casereview;

// Child A (a death and its spine, in the default partnership), child B (a
// notification there) and child C (a death in the west partnership). Dates of
// birth are dates nothing else in these cases uses.
const Identity kChildA{"Zephyrine",    "Plantagenetova",    "2021-02-13",
                       "943 476 5919", "Quillfeather Lane", {"Ysolde", "Caspian"}};
const Identity kChildB{"Marcellus", "Wimbourne-Trask", "2009-06-30", "401 023 2137", "Ottersley Mews", {"Leontes"}};
const Identity kChildC{"Thaddeus", "Quorndon", "2020-11-03", "612 345 6784", "Brackenfold Close", {"Perpetua"}};
// Not identity, but the west's own: the default partnership never sees it.
constexpr const char* kWestOnly = "Westshire-only summary";

using Children = std::vector<std::pair<std::string, Identity>>;

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
// report and export, the opening check, the pages, every case id up to
// `highest_case` + 2 through each case route (documents included) and a command
// at a stale version (whose refusals are answers too), and every document id up
// to `highest_document` + 2.
std::vector<Answer> everything_obtainable(const Client& client, long long highest_case, long long highest_document) {
  std::vector<Answer> out;
  auto get = [&](const std::string& target) { out.push_back({"GET " + target, client.get(target)}); };
  for (const char* target :
       {"/api/v1",
        "/api/v1/health",
        "/api/v1/reports/timeliness",
        "/api/v1/session",
        "/api/v1/workflows",
        "/api/v1/cases",
        "/api/v1/cases?limit=500",
        "/api/v1/cases?kind=child_death_review",
        "/api/v1/cases?overdue=true",
        "/api/v1/cases?q=Plantagenetova",
        "/api/v1/cases?q=zephyrine%20plant",
        "/api/v1/cases?q=943%20476%205919",
        "/api/v1/cases?q=9434765919",
        "/api/v1/cases?q=13%2F02%2F2021",
        "/api/v1/cases?q=Wimbourne-Trask",
        "/api/v1/cases?q=Quorndon",
        "/api/v1/deadlines",
        "/api/v1/deadline-rules",
        "/api/v1/rule-setting-changes",
        "/api/v1/actions",
        "/api/v1/reviewers",
        "/api/v1/vocabularies/factors",
        "/api/v1/vocabularies/themes",
        "/api/v1/vocabularies/death-categories",
        "/api/v1/partnership/areas",
        "/api/v1/reports/lcspr-commissioning",
        "/api/v1/reports/learning-themes",
        "/api/v1/reports/modifiable-factors",
        "/api/v1/reports/yearly",
        "/api/v1/reports/yearly?from=2000-04-01&to=2099-03-31",
        "/api/v1/reports/yearly?from=2000-04-01&to=2099-03-31&format=csv",
        "/api/v1/reports/cdop-annual?from=2000-04-01&to=2099-03-31",
        "/api/v1/reports/cdop-annual?from=2000-04-01&to=2099-03-31&format=csv&table=time_to_review",
        "/api/v1/exports/ncmd?from=2000-04-01&to=2099-03-31",
        "/api/v1/inbox",
        "/api/v1/users",
        "/api/v1/access-log",
        "/api/v1/access-log?format=csv",
        "/api/v1/audit/verification",
        "/api/v1/document-types",
        "/",
        "/dashboard",
        "/cases",
        "/timeliness",
        "/actions",
        "/inbox",
        "/workspace"}) {
    get(target);
  }
  for (long long id = 1; id <= highest_case + 2; ++id) {
    const std::string c = "/api/v1/cases/" + std::to_string(id);
    for (const char* suffix : {"", "/timeline", "/spine", "/deadlines", "/documents"}) get(c + suffix);
    get("/cases/" + std::to_string(id));
    out.push_back({"POST " + c + "/commands",
                   client.post_json(c + "/commands", R"({"command":"record_agency_return","expected_version":1,
                                                          "facts":{"agency":"Police","returned_on":"2022-09-15"}})")});
  }
  for (long long id = 1; id <= highest_document + 2; ++id) get("/api/v1/documents/" + std::to_string(id));
  out.push_back({"POST /api/v1/cases/checks", client.post_json("/api/v1/cases/checks", death_of_a())});
  return out;
}

// An answer as the client receives it: every header, then the body.
std::string received(const HttpResult& r) {
  std::string text;
  for (const auto& [name, value] : r.headers) text.append(name).append(": ").append(value).append("\n");
  return text + r.body;
}

// Every sighting of a child in any answer, as "child: what (form) in answer".
std::vector<std::string> leaks(const std::vector<Answer>& answers, const Children& children) {
  std::vector<std::string> found;
  for (const Answer& a : answers) {
    const std::string text = received(a.result);
    for (const auto& [name, child] : children) {
      for (const auto& seen : find_identity(text, child)) {
        found.push_back(name + ": " + seen.what + " (" + seen.form + ") in " + a.what);
      }
    }
  }
  return found;
}

// The case ids whose own GET answered 200: what the scan really read.
std::set<long long> cases_read(const std::vector<Answer>& answers, long long highest_case) {
  std::set<long long> read;
  for (long long id = 1; id <= highest_case; ++id) {
    const std::string target = "GET /api/v1/cases/" + std::to_string(id);
    for (const Answer& a : answers) {
      if (a.what == target && a.result.status == 200) read.insert(id);
    }
  }
  return read;
}

bool shows(const std::vector<Answer>& answers, const std::string& phrase) {
  return std::any_of(answers.begin(), answers.end(),
                     [&](const Answer& a) { return received(a.result).find(phrase) != std::string::npos; });
}

class Redaction : public ApiTest {};

TEST_F(Redaction, NothingIdentifyingReachesAScrutineerAnAuditorOrAnotherPartnership) {
  ASSERT_EQ(run_casereview({"partnership", "add", "west", "--display-name", "Westshire", "--db", db_path()}).exit_code,
            0);
  add_user(db_path(), "scrutineer", "scrutineer", {"--partnership", "default"});
  add_user(db_path(), "auditor", "auditor", {"--partnership", "default"});
  add_user(db_path(), "west.manager", "manager", {"--partnership", "west"});
  add_user(db_path(), "west.scrutineer", "scrutineer", {"--partnership", "west"});

  // The business unit records the cases (default partnership), and a chronology
  // whose name and content say who the child is.
  const HttpResult a = server().post_json("/api/v1/cases", death_of_a());
  ASSERT_EQ(a.status, 201) << a.body;
  const long long cdr_a = a.json()["id"].as_integer();
  const long long sin_a = opened_id(step(cdr_a, "raise_serious_incident_notification",
                                         R"({"became_aware_on":"2021-05-08","abuse_or_neglect":"suspected",
                                             "location":"in_area","local_authority":"Northam City Council"})"));
  const long long rr_a = opened_id(step(sin_a, "submit_notification", R"({"submitted_on":"2021-05-12"})"));
  step(rr_a, "request_agency_information", R"({"agencies":["Police","Health visiting"],"requested_on":"2021-05-13"})");
  // A's death reviewed by the CDOP, so that the NCMD export holds it; who completed
  // the reporting form names the family, and is identifying.
  step(cdr_a, "request_agency_information", R"({"agencies":["Health visiting"],"requested_on":"2021-05-10"})");
  step(cdr_a, "record_agency_return", R"({"agency":"Health visiting","returned_on":"2021-05-20",
                                          "involvement":"before_the_death",
                                          "completed_by":"Health visitor to Ysolde Plantagenetova"})");
  step(cdr_a, "record_review_meeting", R"({"held_on":"2021-08-02","agencies_attended":["Health visiting"]})");
  step(cdr_a, "record_panel_review", R"({"reviewed_on":"2022-01-10","category":"sudden_unexpected_unexplained",
      "score_child":"1","score_social_environment":"1","score_physical_environment":"1",
      "score_service_provision":"1","judgement":"no_modifiable_factors"})");
  // A document may hold the child's identity; its name may not (screening.h).
  const std::string chronology = "Chronology for Zephyrine Plantagenetova, born 13/02/2021, NHS 943 476 5919.\n";
  const std::string documents = "/api/v1/cases/" + std::to_string(cdr_a) + "/documents?kind=chronology&name=";
  const HttpResult named =
      server().request("POST", documents + "Plantagenetova%20chronology.txt", chronology, "text/plain", {});
  ASSERT_EQ(named.status, 422) << named.body;
  EXPECT_EQ(named.json()["code"].as_string(), "IDENTIFIER_IN_FREE_TEXT");
  const HttpResult document =
      server().request("POST", documents + "Health%20visiting%20chronology.txt", chronology, "text/plain", {});
  ASSERT_EQ(document.status, 201) << document.body;
  const long long document_id = document.json()["id"].as_integer();
  const HttpResult b = server().post_json("/api/v1/cases", harm_to_b());
  ASSERT_EQ(b.status, 201) << b.body;
  const long long sin_b = b.json()["id"].as_integer();

  // The other partnership records its own.
  const Client west_manager = server().as(server().sign_in("west.manager", kTestPassword));
  const HttpResult c = west_manager.post_json("/api/v1/cases", death_of_c());
  ASSERT_EQ(c.status, 201) << c.body;
  const long long cdr_c = c.json()["id"].as_integer();

  const long long highest = std::max({cdr_a, sin_a, rr_a, sin_b, cdr_c});
  const std::set<long long> default_cases = {cdr_a, sin_a, rr_a, sin_b}, west_cases = {cdr_c};
  const Children everyone = {{"A", kChildA}, {"B", kChildB}, {"C", kChildC}};
  const Children default_children = {{"A", kChildA}, {"B", kChildB}};

  // The business unit does see who the children are, and the scan finds them
  // there: it is not blind.
  const Client manager = server().as(server().sign_in("manager", kTestPassword));
  const auto seen_by_manager = everything_obtainable(manager, highest, document_id);
  const auto manager_leaks = leaks(seen_by_manager, everyone);
  for (const char* expected : {"A: full name", "A: family name", "A: date of birth (2021-02-13)", "A: NHS number",
                               "A: street", "A: family member (Ysolde)", "B: family name", "B: street"}) {
    EXPECT_TRUE(std::any_of(manager_leaks.begin(), manager_leaks.end(),
                            [&](const std::string& l) { return l.rfind(expected, 0) == 0; }))
        << "the manager's answers show " << expected;
  }
  EXPECT_EQ(cases_read(seen_by_manager, highest), default_cases);

  const Client scrutineer = server().as(server().sign_in("scrutineer", kTestPassword));
  const Client auditor = server().as(server().sign_in("auditor", kTestPassword));
  const Client west_scrutineer = server().as(server().sign_in("west.scrutineer", kTestPassword));
  const auto seen_by_scrutineer = everything_obtainable(scrutineer, highest, document_id);
  const auto seen_by_auditor = everything_obtainable(auditor, highest, document_id);
  const auto seen_in_the_west = everything_obtainable(west_manager, highest, document_id);
  const auto seen_by_west_scrutineer = everything_obtainable(west_scrutineer, highest, document_id);
  EXPECT_EQ(leaks(seen_by_scrutineer, everyone), std::vector<std::string>{});
  EXPECT_EQ(leaks(seen_by_auditor, everyone), std::vector<std::string>{});
  EXPECT_EQ(leaks(seen_in_the_west, default_children), std::vector<std::string>{});
  EXPECT_EQ(leaks(seen_by_west_scrutineer, everyone), std::vector<std::string>{});
  EXPECT_FALSE(shows(seen_by_scrutineer, kWestOnly));
  EXPECT_FALSE(shows(seen_by_auditor, kWestOnly));
  EXPECT_TRUE(shows(seen_in_the_west, kWestOnly)) << "the west reads its own case";

  // Each scan read exactly the cases its reader may see, and the documents list.
  EXPECT_EQ(cases_read(seen_by_scrutineer, highest), default_cases);
  EXPECT_EQ(cases_read(seen_by_auditor, highest), default_cases);
  EXPECT_EQ(cases_read(seen_in_the_west, highest), west_cases);
  EXPECT_EQ(cases_read(seen_by_west_scrutineer, highest), west_cases);
  const Json listed = scrutineer.get("/api/v1/cases/" + std::to_string(cdr_a) + "/documents").json();
  ASSERT_EQ(listed["documents"].items().size(), 1u) << listed.dump();
  EXPECT_TRUE(listed["documents"].items()[0]["file_name"].is_null());
  EXPECT_NE(scrutineer.get("/api/v1/documents/" + std::to_string(document_id)).status, 200);
  const Json scrutinised = scrutineer.get("/api/v1/cases/" + std::to_string(cdr_a)).json();
  EXPECT_EQ(scrutinised["reference"].as_string(), a.json()["reference"].as_string());
  EXPECT_FALSE(scrutinised.contains("subject"));
  EXPECT_EQ(west_manager.get("/api/v1/cases").json()["cases"].items().size(), 1u);
  // The NCMD export the scans read holds A's reviewed death.
  const Json ncmd = scrutineer.get("/api/v1/exports/ncmd?from=2000-04-01&to=2099-03-31").json();
  ASSERT_EQ(ncmd["deaths"].items().size(), 1u) << ncmd.dump();
  EXPECT_EQ(ncmd["deaths"].items()[0]["case_id"].as_integer(), cdr_a);

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
  const auto rows = parse_csv(csv.body);
  ASSERT_EQ(rows.size(), 3u) << csv.body;
  EXPECT_EQ(rows[0], (std::vector<std::string>{"at", "username", "case_reference", "what", "reason"}));
  EXPECT_EQ(rows[1][4], "Preparing the panel meeting") << csv.body;
  EXPECT_EQ(admin().get("/api/v1/access-log?username=reader").json()["entries"].items().size(), 0u);
  // A reason a spreadsheet would run as a formula is exported inert.
  ASSERT_EQ(server().get("/api/v1/cases/" + id, {{"X-Access-Reason", "=HYPERLINK(\"http://x\")"}}).status, 200);
  const auto inert = parse_csv(admin().get("/api/v1/access-log?format=csv").body);
  ASSERT_GE(inert.size(), 2u);
  EXPECT_EQ(inert[1][4], "'=HYPERLINK(\"http://x\")");
  EXPECT_NE(admin().get("/api/v1/access-log?format=csv").body.find("\"'=HYPERLINK(\"\"http://x\"\")\""),
            std::string::npos);
}

// Real leaks, planted where a scrutineer reads them (a summary typed with the
// child's details in it), must be found, each kind of them, and nothing else:
// not a longer date that contains a child's date of birth.
class PlantedLeaks : public ApiTest {};

std::string notification_with_summary(const std::string& summary, const std::string& became_aware_on = "2022-09-12") {
  return R"({"kind":"serious_incident_notification","facts":{"became_aware_on":")" + became_aware_on +
         R"(","harm":"serious_harm","abuse_or_neglect":"suspected","location":"in_area",
            "local_authority":"Northam City Council","summary":")" +
         summary + R"("}})";
}

TEST_F(PlantedLeaks, TheScanFindsEachKindOfLeakAndNoLongerDate) {
  add_user(db_path(), "planted.scrutineer", "scrutineer");
  // Child D was born on 1 June 2021; child A as above.
  const Identity child_d{"Ottoline", "Harrowgate-Vane", "2021-06-01", "", "", {}};
  const HttpResult d = server().post_json("/api/v1/cases", R"({"kind":"child_death_review","facts":{
      "date_of_death":"2022-09-02","place_of_death":"hospital","notified_on":"2022-09-02","expected":"expected",
      "resident_local_authority":"Northam City Council","notified_by":"Ward sister","summary":"Expected death",
      "given_name":"Ottoline","family_name":"Harrowgate-Vane","date_of_birth":"2021-06-01"}})");
  ASSERT_EQ(d.status, 201) << d.body;
  ASSERT_EQ(server().post_json("/api/v1/cases", death_of_a()).status, 201);

  // Not leaks: a date containing child D's date of birth, in words and as a
  // statutory date of a case that became known on 11 June 2021.
  ASSERT_EQ(
      server().post_json("/api/v1/cases", notification_with_summary("Review due by 11 June 2021", "2021-06-11")).status,
      201);
  // Leaks, one of each kind.
  for (const char* summary : {"Sibling of ZEPHYRINE PLANTAGENETOVA injured", "Known to the Plantagenetova family",
                              "Cousin born on 13/02/2021", "Seen with OTTOLINE, born 01/06/2021"}) {
    ASSERT_EQ(server().post_json("/api/v1/cases", notification_with_summary(summary)).status, 201) << summary;
  }

  const Client scrutineer = server().as(server().sign_in("planted.scrutineer", kTestPassword));
  const auto highest = static_cast<long long>(server().get("/api/v1/cases?limit=500").json()["cases"].items().size());
  std::set<std::string> kinds;
  for (const std::string& leak :
       leaks(everything_obtainable(scrutineer, highest, 0), {{"A", kChildA}, {"D", child_d}})) {
    kinds.insert(leak.substr(0, leak.find(" in ")));
  }
  EXPECT_EQ(kinds, (std::set<std::string>{"A: full name (Zephyrine Plantagenetova)", "A: family name (Plantagenetova)",
                                          "A: date of birth (13/02/2021)", "D: date of birth (01/06/2021)"}));
}

}  // namespace
}  // namespace casereview
