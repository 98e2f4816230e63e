// Searching the case list (GET /api/v1/cases?q=): a reference or part of one
// for everyone; the child's name, NHS number (with or without spaces) and date
// of birth only for those who may read identity, each case found that way shown
// with its child and logged as a read of identity; a pseudonym for everyone.
#include <gtest/gtest.h>

#include <set>

#include "api_fixture.h"

namespace casereview {
namespace {

using testing_support::add_user;
using testing_support::ApiTest;
using testing_support::Client;
using testing_support::HttpResult;
using testing_support::kTestPassword;

std::string death(const std::string& given, const std::string& family, const std::string& born,
                  const std::string& nhs) {
  return R"({"kind":"child_death_review","facts":{
      "date_of_death":"2022-09-10","place_of_death":"hospital","notified_on":"2022-09-10","expected":"expected",
      "jar_triggers":[],"resident_local_authority":"Northam City Council","notified_by":"Hospice nurse",
      "summary":"Expected death in hospital","given_name":")" +
         given + R"(","family_name":")" + family + R"(","date_of_birth":")" + born + R"(","nhs_number":")" + nhs +
         R"("}})";
}

class CaseSearchApi : public ApiTest {
 protected:
  static void SetUpTestSuite() {
    ApiTest::SetUpTestSuite();
    add_user(db_path(), "scrutineer", "scrutineer");
    const auto open = [](const std::string& body) {
      const HttpResult r = mutable_server().post_json("/api/v1/cases", body);
      if (r.status != 201) throw std::runtime_error(r.body);
      return r.json();
    };
    const Json a = open(death("Rosalind", "Featherstonehaugh-Ives", "2019-03-12", "943 476 5919"));
    const Json b = open(death("Rosamund", "Quillby", "2020-07-01", "401 023 2137"));
    rosalind_ = a["id"].as_integer();
    rosalind_reference_ = a["reference"].as_string();
    quillby_ = b["id"].as_integer();
  }

  // The ids listed for `q`, as `client` (a Client, or the server as the manager) asks.
  template <class Asker>
  static std::set<long long> found(const Asker& client, const std::string& q) {
    const HttpResult r = client.get("/api/v1/cases?q=" + q);
    EXPECT_EQ(r.status, 200) << q << ": " << r.body;
    std::set<long long> ids;
    for (const Json& c : r.json()["cases"].items()) ids.insert(c["id"].as_integer());
    return ids;
  }

  static long long rosalind_;
  static std::string rosalind_reference_;
  static long long quillby_;
};
long long CaseSearchApi::rosalind_ = 0;
std::string CaseSearchApi::rosalind_reference_;
long long CaseSearchApi::quillby_ = 0;

TEST_F(CaseSearchApi, AManagerFindsAChildByNhsNumberNameOrDateOfBirthHoweverTyped) {
  const std::set<long long> rosalind{rosalind_};
  for (const char* q :
       {"9434765919", "943%20476%205919", "%20943%20476%205919%20", "rosalind", "ROSALIND%20feather", "Ives",
        "ives%20ros", "12%2F03%2F2019", "12.3.2019", "12%20March%202019", "12%20mar%202019", "2019-03-12"}) {
    EXPECT_EQ(found(server(), q), rosalind) << q;
  }
  // A word begins a name; it is not any part of one.
  EXPECT_EQ(found(server(), "osalind"), std::set<long long>{});
  // Two children whose given names begin alike.
  EXPECT_EQ(found(server(), "rosa"), (std::set<long long>{rosalind_, quillby_}));
  // Another NHS number, another date, a name nobody has: nothing.
  EXPECT_EQ(found(server(), "9434765918"), std::set<long long>{});
  EXPECT_EQ(found(server(), "13%2F03%2F2019"), std::set<long long>{});
  EXPECT_EQ(found(server(), "Nobody"), std::set<long long>{});
}

TEST_F(CaseSearchApi, ACaseFoundByItsChildShowsTheChildAndTheReadIsLogged) {
  const Json body = server().get("/api/v1/cases?q=943%20476%205919").json();
  ASSERT_EQ(body["cases"].items().size(), 1u);
  const Json& child = body["cases"].items()[0]["child"];
  EXPECT_EQ(child["given_name"].as_string(), "Rosalind");
  EXPECT_EQ(child["family_name"].as_string(), "Featherstonehaugh-Ives");
  EXPECT_EQ(child["date_of_birth"].as_string(), "2019-03-12");
  EXPECT_EQ(body["total"].as_integer(), 1);
  EXPECT_EQ(body["searched_by"].dump(), R"(["reference","pseudonym","identity"])");
  const Json log = admin().get("/api/v1/access-log?case_id=" + std::to_string(rosalind_)).json();
  bool logged = false;
  for (const Json& entry : log["entries"].items()) {
    if (entry["what"].as_string() == "case_search" && entry["username"].as_string() == "manager") logged = true;
  }
  EXPECT_TRUE(logged) << log.dump();
  // The plain list names no child.
  for (const Json& c : server().get("/api/v1/cases").json()["cases"].items()) {
    EXPECT_TRUE(c["child"].is_null()) << c.dump();
  }
}

TEST_F(CaseSearchApi, AScrutineerNeverFindsAChildByWhoTheyAreOnlyByPseudonymOrReference) {
  const Client scrutineer = server().as(server().sign_in("scrutineer", kTestPassword));
  for (const char* q : {"9434765919", "943%20476%205919", "Rosalind", "Featherstonehaugh-Ives", "12%2F03%2F2019"}) {
    const HttpResult r = scrutineer.get("/api/v1/cases?q=" + std::string(q));
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(r.json()["cases"].items().empty()) << q << ": " << r.body;
    EXPECT_EQ(r.json()["searched_by"].dump(), R"(["reference","pseudonym"])");
  }
  const std::string pseudonym =
      scrutineer.get("/api/v1/cases/" + std::to_string(rosalind_)).json()["pseudonym"].as_string();
  ASSERT_EQ(pseudonym.size(), 12u);
  const Json by_pseudonym = scrutineer.get("/api/v1/cases?q=" + pseudonym).json();
  ASSERT_EQ(by_pseudonym["cases"].items().size(), 1u) << by_pseudonym.dump();
  EXPECT_EQ(by_pseudonym["cases"].items()[0]["id"].as_integer(), rosalind_);
  EXPECT_EQ(by_pseudonym["cases"].items()[0]["pseudonym"].as_string(), pseudonym);
  EXPECT_TRUE(by_pseudonym["cases"].items()[0]["child"].is_null());
  // Typed in lower case too.
  std::string lower = pseudonym;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_EQ(found(scrutineer, lower), std::set<long long>{rosalind_});
  EXPECT_EQ(found(scrutineer, rosalind_reference_), std::set<long long>{rosalind_});
}

TEST_F(CaseSearchApi, AReferenceOrPartOfOneFindsItsCaseAndResultsArePaged) {
  EXPECT_EQ(found(server(), rosalind_reference_), std::set<long long>{rosalind_});
  const std::string number = rosalind_reference_.substr(rosalind_reference_.size() - 4);
  EXPECT_EQ(found(server(), number).count(rosalind_), 1u);
  const Json first = server().get("/api/v1/cases?q=CDR&limit=1").json();
  ASSERT_EQ(first["total"].as_integer(), 2);
  ASSERT_EQ(first["cases"].items().size(), 1u);
  const Json second = server().get("/api/v1/cases?q=CDR&limit=1&offset=1").json();
  ASSERT_EQ(second["cases"].items().size(), 1u);
  EXPECT_NE(first["cases"].items()[0]["id"].as_integer(), second["cases"].items()[0]["id"].as_integer());
  // '%' and '_' are what they are, never wildcards.
  EXPECT_EQ(found(server(), "CDR%25"), std::set<long long>{});
  EXPECT_EQ(found(server(), "C_R"), std::set<long long>{});
}

TEST_F(CaseSearchApi, ASearchOfFewerThanTwoCharactersIsRefusedAndChangesNothing) {
  for (const char* q : {"", "x", "%20%20", "%E2%80%8B%E2%80%8B"}) {
    const HttpResult r = server().get("/api/v1/cases?q=" + std::string(q));
    EXPECT_EQ(r.status, 400) << q;
    EXPECT_EQ(r.json()["code"].as_string(), "INVALID_QUERY") << r.body;
  }
}

}  // namespace
}  // namespace casereview
