// Retention and erasure (engine/include/casereview/engine/retention.h): what
// falls due, a legal hold that stops it, and an administrator's erasure of a
// child's identity after which no role can read it, the reports still add up
// and the audit trail still verifies.
#include <filesystem>
#include <fstream>
#include <iterator>

#include "api_fixture.h"

namespace casereview {
namespace {

using testing_support::add_user;
using testing_support::ApiTest;
using testing_support::Client;
using testing_support::HttpResult;
using testing_support::kTestPassword;
using testing_support::run_casereview;

constexpr const char* kGivenName = "Ottoline";
constexpr const char* kFamilyName = "Harrowgate-Vane";
constexpr const char* kNhsNumber = "943 476 5919";
constexpr const char* kAddress = "9 Sallowmere Close, Northam";
constexpr const char* kDocumentText = "%PDF-1.4 Chronology for Ottoline Harrowgate-Vane of 9 Sallowmere Close";

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class RetentionApi : public ApiTest {
 protected:
  // A notification about a named child that found no abuse or neglect: closed
  // in February 2020, a chronology attached before it closed.
  long long closed_notification() const {
    const HttpResult opened =
        server().post_json("/api/v1/cases", std::string(R"({"kind":"serious_incident_notification",
        "facts":{"became_aware_on":"2020-02-03","harm":"serious_harm","abuse_or_neglect":"suspected",
        "location":"in_area","local_authority":"Northam City Council","age":6,
        "summary":"Child seen at hospital with an unexplained injury","given_name":")") +
                                                kGivenName + R"(","family_name":")" + kFamilyName +
                                                R"(","date_of_birth":"2013-11-20",
        "nhs_number":")" + kNhsNumber + R"(","home_address":")" +
                                                kAddress + R"("}})");
    EXPECT_EQ(opened.status, 201) << opened.body;
    const long long id = opened.json()["id"].as_integer();
    const HttpResult attached =
        server().request("POST", "/api/v1/cases/" + std::to_string(id) + "/documents?kind=chronology&name=c.pdf",
                         kDocumentText, "application/pdf", {});
    EXPECT_EQ(attached.status, 201) << attached.body;
    step(id, "record_criteria_not_met",
         R"({"decided_on":"2020-02-10","reason":"Strategy discussion found an accidental injury, no neglect."})");
    return id;
  }
  static Json item_of(const Json& retention, long long case_id) {
    for (const Json& c : retention["cases"].items()) {
      if (c["case_id"].as_integer() == case_id) return c;
    }
    return Json();
  }
  Json retention() const {
    const HttpResult r = admin().get("/api/v1/retention");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  HttpResult hold(long long id, bool held, const std::string& reason) const {
    return admin().request("PUT", "/api/v1/cases/" + std::to_string(id) + "/legal-hold",
                           std::string(R"({"held":)") + (held ? "true" : "false") + R"(,"reason":")" + reason + "\"}",
                           "application/json", {});
  }
  HttpResult erase(long long id, const std::string& reason, const std::string& confirm) const {
    return admin().post_json("/api/v1/cases/" + std::to_string(id) + "/identity-erasure",
                             R"({"reason":")" + reason + R"(","confirm_reference":")" + confirm + "\"}");
  }
};

TEST_F(RetentionApi, ListsWhatFallsDueAndALegalHoldStopsIt) {
  const long long id = closed_notification();
  const long long open_case = open_notification("2022-09-14")["id"].as_integer();

  // The shipped 25 years, from the last date recorded before closing.
  Json listed = item_of(retention(), id);
  ASSERT_FALSE(listed.is_null());
  EXPECT_EQ(listed["closed_on"].as_string(), "2020-02-10");
  EXPECT_EQ(listed["due_on"].as_string(), "2045-02-10");
  EXPECT_EQ(listed["status"].as_string(), "kept");
  EXPECT_TRUE(item_of(retention(), open_case).is_null());  // an open case is not retention's yet
  // Asked for the cases due only, it lists none and still counts every closed case.
  const Json none_due = admin().get("/api/v1/retention?status=due").json();
  EXPECT_TRUE(none_due["cases"].items().empty());
  EXPECT_EQ(none_due["counts"]["kept"].as_integer(), 1);
  EXPECT_EQ(none_due["counts"]["due"].as_integer(), 0);
  bool shipped_default = false;
  for (const Json& p : retention()["periods"].items()) {
    if (p["case_kind"].as_string() == "serious_incident_notification") {
      shipped_default = p["is_default"].as_bool() && p["years"].as_integer() == 25;
    }
  }
  EXPECT_TRUE(shipped_default);

  // The partnership keeps notifications two years: this one is now due.
  const HttpResult set = admin().request("PUT", "/api/v1/retention/periods/serious_incident_notification",
                                         R"({"years":2,"reason":"Information governance policy IG-7, notifications"})",
                                         "application/json", {});
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_FALSE(set.json()["is_default"].as_bool());
  listed = item_of(retention(), id);
  EXPECT_EQ(listed["due_on"].as_string(), "2022-02-10");
  EXPECT_EQ(listed["status"].as_string(), "due");
  EXPECT_EQ(retention()["counts"]["due"].as_integer(), 1);
  const Json only_due = admin().get("/api/v1/retention?status=due").json();
  ASSERT_EQ(only_due["cases"].items().size(), 1u);
  EXPECT_EQ(only_due["cases"].items()[0]["case_id"].as_integer(), id);

  // A hold keeps it, and refuses its erasure, until lifted; holding does not
  // move the day retention runs from.
  const HttpResult held = hold(id, true, "Civil claim notified by the council's legal team");
  ASSERT_EQ(held.status, 200) << held.body;
  EXPECT_EQ(item_of(retention(), id)["status"].as_string(), "held");
  EXPECT_EQ(item_of(retention(), id)["legal_hold"]["placed_by"].as_string(), "admin");
  const std::string reference = read_case(id)["reference"].as_string();
  const HttpResult refused = erase(id, "Retention period ended under policy IG-7", reference);
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(refused.json()["code"].as_string(), "LEGAL_HOLD");
  EXPECT_FALSE(read_case(id)["subject"].is_null());
  ASSERT_EQ(hold(id, false, "The claim was settled in August 2022").status, 200);
  EXPECT_EQ(item_of(retention(), id)["status"].as_string(), "due");
  EXPECT_EQ(item_of(retention(), id)["closed_on"].as_string(), "2020-02-10");
  const HttpResult again = hold(id, false, "Lifting a hold that is not there");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.json()["code"].as_string(), "NO_LEGAL_HOLD");

  // Both are in the case's chain.
  std::vector<std::string> types;
  for (const Json& e : server().get("/api/v1/cases/" + std::to_string(id) + "/timeline").json()["events"].items()) {
    types.push_back(e["type"].as_string());
  }
  EXPECT_NE(std::find(types.begin(), types.end(), "legal_hold_placed"), types.end());
  EXPECT_NE(std::find(types.begin(), types.end(), "legal_hold_lifted"), types.end());

  // Bad values change nothing.
  EXPECT_EQ(admin()
                .request("PUT", "/api/v1/retention/periods/serious_incident_notification",
                         R"({"years":0,"reason":"Too short to be a retention period"})", "application/json", {})
                .status,
            400);
  EXPECT_EQ(admin()
                .request("PUT", "/api/v1/retention/periods/serious_incident_notification",
                         R"({"years":5,"reason":"short"})", "application/json", {})
                .status,
            400);
  EXPECT_EQ(admin()
                .request("PUT", "/api/v1/retention/periods/no_such_kind",
                         R"({"years":5,"reason":"A kind that does not exist"})", "application/json", {})
                .status,
            404);
  EXPECT_EQ(item_of(retention(), id)["due_on"].as_string(), "2022-02-10");
}

TEST_F(RetentionApi, AnErasedIdentityIsUnreadableToEveryRoleAndTheRecordStillAddsUp) {
  add_user(db_path(), "panel", "panel_member");
  add_user(db_path(), "scrutineer", "scrutineer");
  add_user(db_path(), "auditor", "auditor");
  const Client panel = server().as(server().sign_in("panel", kTestPassword));
  const Client scrutineer = server().as(server().sign_in("scrutineer", kTestPassword));
  const Client auditor = server().as(server().sign_in("auditor", kTestPassword));
  const Client manager = server().as(server().sign_in("manager", kTestPassword));

  const long long id = closed_notification();
  const std::string path = "/api/v1/cases/" + std::to_string(id);
  const Json before = read_case(id);
  ASSERT_EQ(before["subject"]["given_name"].as_string(), kGivenName);
  const std::string pseudonym = scrutineer.get(path).json()["pseudonym"].as_string();
  ASSERT_FALSE(pseudonym.empty());
  const long long document = server().get(path + "/documents").json()["documents"].items().at(0)["id"].as_integer();
  ASSERT_EQ(server().get("/api/v1/documents/" + std::to_string(document)).body, kDocumentText);
  const std::string yearly = "/api/v1/reports/yearly?from=2019-04-01&to=2020-03-31";
  const Json report_before = server().get(yearly).json();
  const std::string export_before = server().get("/api/v1/exports/cases?from=2019-04-01&to=2020-03-31").body;

  // Confirmed by typing the reference; the reason may not name the child.
  const std::string reference = before["reference"].as_string();
  EXPECT_EQ(erase(id, "Retention ended under policy IG-7", "SIN-2020-0000").json()["code"].as_string(),
            "ERASURE_NOT_CONFIRMED");
  EXPECT_EQ(erase(id, std::string("Retention ended for ") + kGivenName + " " + kFamilyName, reference)
                .json()["code"]
                .as_string(),
            "IDENTIFIER_IN_FREE_TEXT");
  EXPECT_EQ(server()
                .post_json(path + "/identity-erasure",
                           R"({"reason":"A manager may not erase","confirm_reference":")" + reference + "\"}")
                .status,
            403);
  ASSERT_FALSE(read_case(id)["subject"].is_null());  // refusals changed nothing
  const HttpResult erased = erase(id, "Retention ended under policy IG-7", reference);
  ASSERT_EQ(erased.status, 200) << erased.body;
  EXPECT_EQ(erased.json()["documents_erased"].as_integer(), 1);
  EXPECT_EQ(erase(id, "Retention ended under policy IG-7", reference).json()["code"].as_string(), "IDENTITY_ERASED");

  // No role reads it: the case says it was erased, keeps its pseudonym and every event.
  for (const Client* who : {&manager, &panel, &scrutineer, &auditor}) {
    const HttpResult r = who->get(path);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(r.json()["subject"].is_null()) << r.body;
    EXPECT_EQ(r.json()["identity_erased"]["reason"].as_string(), "Retention ended under policy IG-7");
    EXPECT_EQ(r.json()["pseudonym"].as_string(), pseudonym);
    EXPECT_EQ(r.body.find(kFamilyName), std::string::npos);
    EXPECT_EQ(r.body.find(kGivenName), std::string::npos);
  }
  // The scrutineer still follows the child by the pseudonym the case had.
  const HttpResult searched = scrutineer.get("/api/v1/cases?q=" + pseudonym);
  ASSERT_EQ(searched.status, 200) << searched.body;
  ASSERT_EQ(searched.json()["cases"].items().size(), 1u) << searched.body;
  EXPECT_EQ(searched.json()["cases"].items()[0]["id"].as_integer(), id);
  EXPECT_EQ(searched.json()["cases"].items()[0]["pseudonym"].as_string(), pseudonym);
  const HttpResult download = server().get("/api/v1/documents/" + std::to_string(document));
  EXPECT_EQ(download.status, 410);
  EXPECT_EQ(download.json()["code"].as_string(), "DOCUMENT_ERASED");
  EXPECT_EQ(read_case(id)["version"].as_integer(), before["version"].as_integer() + 1);
  EXPECT_EQ(item_of(retention(), id)["status"].as_string(), "erased");

  // Every figure and export row is as it was.
  Json report_after = server().get(yearly).json();
  EXPECT_EQ(report_after, report_before);
  EXPECT_EQ(server().get("/api/v1/exports/cases?from=2019-04-01&to=2020-03-31").body, export_before);

  // The chains and checkpoints verify, through the API and the command line.
  const Json verified = admin().get("/api/v1/audit/verification").json();
  EXPECT_TRUE(verified["intact"].as_bool()) << verified.dump();
  EXPECT_GE(verified["events_checked"].as_integer(), 4);
  const auto cli = run_casereview({"audit", "verify", "--db", db_path()});
  EXPECT_EQ(cli.exit_code, 0) << cli.out << cli.err;

  // Nowhere in the file: a backup of the whole database holds neither the
  // name, the NHS number, the address nor the document.
  const std::string copy = db_path() + ".after-erasure";
  ASSERT_EQ(run_casereview({"backup", copy, "--db", db_path()}).exit_code, 0);
  const std::string bytes = file_bytes(copy);
  ASSERT_GT(bytes.size(), 10000u);
  for (const std::string& secret :
       {std::string(kFamilyName), std::string(kNhsNumber), std::string(kAddress), std::string("Chronology for")}) {
    EXPECT_EQ(bytes.find(secret), std::string::npos) << secret;
  }
  std::filesystem::remove(copy);
}

TEST_F(RetentionApi, AnOpenCaseOrOneWithoutIdentityIsNotErased) {
  const Json open = open_notification("2022-09-14");
  const HttpResult still_open =
      erase(open["id"].as_integer(), "Erasing an open case by mistake", open["reference"].as_string());
  EXPECT_EQ(still_open.status, 409);
  EXPECT_EQ(still_open.json()["code"].as_string(), "CASE_NOT_CLOSED");
  const long long anonymous = open_notification("2020-01-06")["id"].as_integer();
  step(anonymous, "record_criteria_not_met",
       R"({"decided_on":"2020-01-08","reason":"Strategy discussion found no abuse or neglect."})");
  const HttpResult nothing =
      erase(anonymous, "Nothing identifying was ever kept", read_case(anonymous)["reference"].as_string());
  EXPECT_EQ(nothing.status, 409);
  EXPECT_EQ(nothing.json()["code"].as_string(), "NOTHING_TO_ERASE");
  EXPECT_EQ(item_of(retention(), anonymous)["status"].as_string(), "no_identity");
  EXPECT_EQ(erase(999999, "No such case at all here", "SIN-2020-0001").status, 404);
}

}  // namespace
}  // namespace casereview
