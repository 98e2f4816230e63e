// Users' e-mail addresses, where their reminders go: set by an administrator
// (adding a user, or later), by the user themselves, or from the command line;
// shown with the users and the session; an address that is not one is refused
// with nothing changed.
#include "api_fixture.h"

namespace casereview {
namespace {

using testing_support::ApiTest;
using testing_support::HttpResult;
using testing_support::run_casereview;

class UserEmailApi : public ApiTest {
 protected:
  // The listed user with this username, or null.
  Json listed(const std::string& username) const {
    for (const Json& u : admin().get("/api/v1/users").json()["users"].items()) {
      if (u["username"].as_string() == username) return u;
    }
    return Json();
  }
  static void expect_invalid_email(const HttpResult& r) {
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.json()["code"].as_string(), "INVALID_MEMBER") << r.body;
    EXPECT_EQ(r.json()["errors"].items().at(0)["field"].as_string(), "email") << r.body;
  }
};

// Addresses that are not one: two @, none, a space, a line break that would
// add a header, a display name, nothing before or after the @, 255 characters.
const std::vector<std::string> kNotAddresses = {"a@b@example.org",
                                                "no.at.example.org",
                                                "with space@example.org",
                                                "x@example.org\r\nBcc: y@example.org",
                                                "Name <n@ex.org>",
                                                "@example.org",
                                                "name@",
                                                std::string(243, 'a') + "@example.org"};

TEST_F(UserEmailApi, AnAdministratorSetsAnAddressWhenAddingAUserAndLater) {
  const auto added = admin().post_json("/api/v1/users", R"({"username":"mail.one","display_name":"Mail One",
      "role":"manager","email":"mail.one@example.org","password":"A long enough passphrase"})");
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(added.json()["email"].as_string(), "mail.one@example.org");
  EXPECT_EQ(listed("mail.one")["email"].as_string(), "mail.one@example.org");
  const std::string path = "/api/v1/users/" + std::to_string(added.json()["id"].as_integer()) + "/email";

  const auto changed = admin().put_json(path, R"({"email":"one.mail@example.org"})");
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["email"].as_string(), "one.mail@example.org");
  const std::string longest = std::string(242, 'b') + "@example.org";  // 254 characters
  EXPECT_EQ(admin().put_json(path, R"({"email":")" + longest + "\"}").json()["email"].as_string(), longest);
  const auto removed = admin().put_json(path, R"({"email":null})");
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_TRUE(removed.json()["email"].is_null());
  EXPECT_TRUE(listed("mail.one")["email"].is_null());
  EXPECT_EQ(admin().put_json("/api/v1/users/999999/email", R"({"email":"x@example.org"})").json()["code"].as_string(),
            "USER_NOT_FOUND");
}

TEST_F(UserEmailApi, AnAddressThatIsNotOneIsRefusedAndNothingChanges) {
  const auto added = admin().post_json("/api/v1/users", R"({"username":"mail.two","display_name":"Mail Two",
      "role":"scrutineer","email":"mail.two@example.org","password":"A long enough passphrase"})");
  ASSERT_EQ(added.status, 201) << added.body;
  const std::string path = "/api/v1/users/" + std::to_string(added.json()["id"].as_integer()) + "/email";
  for (const std::string& bad : kNotAddresses) {
    Json body = Json::object();
    body.set("email", bad);
    expect_invalid_email(admin().put_json(path, body.dump()));
    body.set("username", "mail.bad");
    body.set("display_name", "Bad");
    body.set("role", "manager");
    expect_invalid_email(admin().post_json("/api/v1/users", body.dump()));
  }
  for (const char* not_text : {R"({"email":42})", R"({"email":""})", R"({"email":["a@example.org"]})"}) {
    expect_invalid_email(admin().put_json(path, not_text));
  }
  const auto missing = admin().put_json(path, "{}");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.json()["code"].as_string(), "MISSING_MEMBER");
  EXPECT_EQ(listed("mail.two")["email"].as_string(), "mail.two@example.org");
  EXPECT_TRUE(listed("mail.bad").is_null());
}

TEST_F(UserEmailApi, AUserSetsTheirOwnAddressWithTheCsrfToken) {
  const auto own = server().as(server().sign_in("manager", testing_support::kTestPassword));
  const auto set = own.put_json("/api/v1/session/email", R"({"email":"the.manager@example.org"})");
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.json()["username"].as_string(), "manager");
  EXPECT_EQ(set.json()["email"].as_string(), "the.manager@example.org");
  EXPECT_EQ(own.get("/api/v1/session").json()["email"].as_string(), "the.manager@example.org");
  EXPECT_EQ(listed("manager")["email"].as_string(), "the.manager@example.org");

  // Without the session's CSRF token nothing changes.
  const auto forged =
      server().anonymous().request("PUT", "/api/v1/session/email", R"({"email":"attacker@example.org"})",
                                   "application/json", {{"Cookie", own.credentials().session_cookie}});
  EXPECT_EQ(forged.status, 403) << forged.body;
  EXPECT_EQ(forged.json()["code"].as_string(), "CSRF_TOKEN_INVALID");
  for (const std::string& bad : kNotAddresses) {
    Json body = Json::object();
    body.set("email", bad);
    expect_invalid_email(own.put_json("/api/v1/session/email", body.dump()));
  }
  EXPECT_EQ(own.get("/api/v1/session").json()["email"].as_string(), "the.manager@example.org");
  EXPECT_TRUE(own.put_json("/api/v1/session/email", R"({"email":null})").json()["email"].is_null());
  EXPECT_TRUE(own.get("/api/v1/session").json()["email"].is_null());
}

TEST_F(UserEmailApi, TheCommandLineSetsAndRemovesAnAddress) {
  const auto added =
      admin().post_json("/api/v1/users", R"({"username":"mail.cli","display_name":"Mail CLI","role":"auditor",
                           "password":"A long enough passphrase"})");
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_TRUE(added.json()["email"].is_null());
  const auto set = run_casereview({"user", "email", "mail.cli", "cli@example.org", "--db", db_path()});
  EXPECT_EQ(set.exit_code, 0) << set.err;
  EXPECT_EQ(set.out, "mail.cli's reminders go to cli@example.org\n");
  EXPECT_EQ(listed("mail.cli")["email"].as_string(), "cli@example.org");
  const auto bad = run_casereview({"user", "email", "mail.cli", "two@at@example.org", "--db", db_path()});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("exactly one @"), std::string::npos) << bad.err;
  EXPECT_EQ(run_casereview({"user", "email", "nobody", "x@example.org", "--db", db_path()}).exit_code, 2);
  EXPECT_EQ(listed("mail.cli")["email"].as_string(), "cli@example.org");
  const auto removed = run_casereview({"user", "email", "mail.cli", "", "--db", db_path()});
  EXPECT_EQ(removed.exit_code, 0) << removed.err;
  EXPECT_TRUE(listed("mail.cli")["email"].is_null());
}

}  // namespace
}  // namespace casereview
