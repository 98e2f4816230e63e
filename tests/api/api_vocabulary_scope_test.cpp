// National and local vocabularies (engine/include/casereview/engine/vocabulary.h):
// the national vocabulary editor keeps the codes every partnership shares; each
// partnership's administrator adds codes of its own and retires codes for
// itself; nothing one partnership does changes another's lists or refuses
// another's commands.
#include "api_fixture.h"

namespace casereview {
namespace {

using testing_support::add_user;
using testing_support::ApiTest;
using testing_support::Client;
using testing_support::HttpResult;
using testing_support::kTestPassword;
using testing_support::run_casereview;

class VocabularyScopeApi : public ApiTest {
 protected:
  static HttpResult set_status(const Client& who, const std::string& vocabulary, const std::string& code, bool active) {
    return who.request("PUT", "/api/v1/vocabularies/" + vocabulary + "/" + code + "/status",
                       active ? R"({"active":true})" : R"({"active":false})", "application/json", {});
  }
  // The code as `who` reads it from the list of `vocabulary`; null when it is not listed.
  static Json listed(const Client& who, const std::string& vocabulary, const std::string& code) {
    const Json body = who.get("/api/v1/vocabularies/" + vocabulary).json();
    for (const Json& c : body[vocabulary].items()) {
      if (c["code"].as_string() == code) return c;
    }
    return Json();
  }
};

TEST_F(VocabularyScopeApi, APartnershipsAdministratorChangesOnlyThatPartnershipsLists) {
  ASSERT_EQ(
      run_casereview({"partnership", "add", "south", "--display-name", "Southshire", "--db", db_path()}).exit_code, 0);
  add_user(db_path(), "south.admin", "administrator", {"--partnership", "south"});
  const Client south = server().as(server().sign_in("south.admin", kTestPassword));

  // South retires a national theme and a national factor for itself.
  const HttpResult retired = set_status(south, "themes", "neglect", false);
  ASSERT_EQ(retired.status, 200) << retired.body;
  EXPECT_EQ(retired.json()["scope"].as_string(), "partnership");
  EXPECT_TRUE(retired.json()["national"].as_bool());
  ASSERT_EQ(set_status(south, "factors", "child.mental_health", false).status, 200);
  EXPECT_FALSE(listed(south, "themes", "neglect")["active"].as_bool());
  EXPECT_FALSE(listed(south, "themes", "neglect")["retired_nationally"].as_bool());
  EXPECT_FALSE(listed(south, "factors", "child.mental_health")["active"].as_bool());
  EXPECT_TRUE(listed(admin(), "themes", "neglect")["active"].as_bool());
  EXPECT_TRUE(listed(admin(), "factors", "child.mental_health")["active"].as_bool());

  // South's own theme: local, and unknown here.
  const HttpResult added =
      south.post_json("/api/v1/vocabularies/themes", R"({"code":"southshire_transport","label":"Rural transport"})");
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_FALSE(added.json()["national"].as_bool());
  EXPECT_FALSE(listed(south, "themes", "southshire_transport")["national"].as_bool());
  EXPECT_TRUE(listed(admin(), "themes", "southshire_transport").is_null());

  // This partnership's own code is not South's to retire.
  ASSERT_EQ(admin()
                .post_json("/api/v1/vocabularies/themes", R"({"code":"northam_local_theme","label":"Northam only"})")
                .status,
            201);
  const HttpResult reach = set_status(south, "themes", "northam_local_theme", false);
  EXPECT_EQ(reach.status, 404);
  EXPECT_EQ(reach.json()["code"].as_string(), "CODE_NOT_FOUND");
  EXPECT_TRUE(listed(admin(), "themes", "northam_local_theme")["active"].as_bool());

  // Here, the theme South retired is still taken, and South's own is refused.
  const HttpResult decided = decide_rapid_review_with_themes(R"(["neglect","northam_local_theme"])");
  EXPECT_EQ(decided.status, 200) << decided.body;
  const HttpResult refused = decide_rapid_review_with_themes(R"(["southshire_transport"])");
  EXPECT_EQ(refused.status, 422) << refused.body;
}

TEST_F(VocabularyScopeApi, OnlyTheNationalEditorChangesTheNationalCodes) {
  add_user(db_path(), "ncmd.editor", "national_editor");
  const Client national = server().as(server().sign_in("ncmd.editor", kTestPassword));
  EXPECT_EQ(national.get("/api/v1/cases").status, 403);  // no case data

  // The national editor's code reaches every partnership; an administrator's does not.
  const HttpResult added = national.post_json(
      "/api/v1/vocabularies/factors",
      R"({"code":"service.national_new_factor","domain":"service_provision","label":"A national factor"})");
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_TRUE(added.json()["national"].as_bool());
  EXPECT_TRUE(listed(admin(), "factors", "service.national_new_factor")["national"].as_bool());
  // A partnership cannot take a national code for its own.
  EXPECT_EQ(admin()
                .post_json("/api/v1/vocabularies/factors",
                           R"({"code":"service.national_new_factor","domain":"child","label":"Ours"})")
                .status,
            409);

  // Retired nationally: retired for everyone, and not a partnership's to bring back.
  const HttpResult retired = set_status(national, "themes", "escalation", false);
  ASSERT_EQ(retired.status, 200) << retired.body;
  EXPECT_EQ(retired.json()["scope"].as_string(), "national");
  EXPECT_TRUE(listed(admin(), "themes", "escalation")["retired_nationally"].as_bool());
  const HttpResult restore = set_status(admin(), "themes", "escalation", true);
  EXPECT_EQ(restore.status, 409);
  EXPECT_EQ(restore.json()["code"].as_string(), "CODE_RETIRED_NATIONALLY");
  EXPECT_FALSE(listed(admin(), "themes", "escalation")["active"].as_bool());
  ASSERT_EQ(set_status(national, "themes", "escalation", true).status, 200);
  EXPECT_TRUE(listed(admin(), "themes", "escalation")["active"].as_bool());

  // A partnership's local code is not the national editor's to see or change.
  ASSERT_EQ(
      admin().post_json("/api/v1/vocabularies/themes", R"({"code":"northam_second_theme","label":"Northam"})").status,
      201);
  EXPECT_TRUE(listed(national, "themes", "northam_second_theme").is_null());
  EXPECT_EQ(set_status(national, "themes", "northam_second_theme", false).status, 404);
}

TEST_F(VocabularyScopeApi, APartnershipCannotAppointOrTakeOverTheNationalEditor) {
  const HttpResult appointed = admin().post_json(
      "/api/v1/users", R"({"username":"would.be.national","display_name":"Would be","role":"national_editor"})");
  EXPECT_EQ(appointed.status, 403);
  EXPECT_EQ(appointed.json()["code"].as_string(), "FORBIDDEN");
  add_user(db_path(), "ncmd.keeper", "national_editor");
  long long id = 0;
  for (const Json& u : admin().get("/api/v1/users").json()["users"].items()) {
    if (u["username"].as_string() == "ncmd.keeper") id = u["id"].as_integer();
    EXPECT_NE(u["username"].as_string(), "would.be.national");
  }
  ASSERT_NE(id, 0);
  const std::string user = "/api/v1/users/" + std::to_string(id);
  EXPECT_EQ(admin().post_json(user + "/password-reset", "").status, 403);
  EXPECT_EQ(admin().request("PUT", user + "/active", R"({"active":false})", "application/json", {}).status, 403);
  EXPECT_EQ(admin().request("PUT", user + "/email", R"({"email":"x@example.org"})", "application/json", {}).status,
            403);
  // The account still signs in with the password it had.
  EXPECT_FALSE(server().sign_in("ncmd.keeper", kTestPassword).session_cookie.empty());
}

TEST_F(VocabularyScopeApi, ALabelIsALineOfVisibleText) {
  for (const char* label : {"\u200B\u200B", "Tab\\there", "Over\u202Eride", "   "}) {
    const HttpResult r = admin().post_json("/api/v1/vocabularies/themes",
                                           std::string(R"({"code":"bad_label_theme","label":")") + label + "\"}");
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.json()["code"].as_string(), "INVALID_MEMBER") << r.body;
  }
  EXPECT_TRUE(listed(admin(), "themes", "bad_label_theme").is_null());
  const HttpResult nfd =
      admin().post_json("/api/v1/vocabularies/themes", R"({"code":"nfd_label_theme","label":"Zoe\u0308's school"})");
  ASSERT_EQ(nfd.status, 201) << nfd.body;
  EXPECT_EQ(listed(admin(), "themes", "nfd_label_theme")["label"].as_string(), "Zo\xC3\xAB's school");  // NFC
}

}  // namespace
}  // namespace casereview
