#pragma once
// One server per test suite, on a fresh database, with "today" fixed so that
// statuses do not depend on the day the tests run. ApiTest's suites tell their
// stories on written dates, so their today is always kStoryToday; suites on the
// demonstration data (dated back from whatever day it is loaded) run on
// test_today(), which CI varies. Requests act as a signed-in manager unless a
// test says otherwise; admin() is the partnership's administrator. Both
// accounts are made the way an installer would make them, with
// `casereview user add`.

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>

#include "server_process.h"

namespace casereview::testing_support {

inline constexpr const char* kTestPassword = "Fixture passphrase 2022!";

// Adds a user to the database at `db_path` with `casereview user add`; `extra`
// are more options (--agency, --reviewer-id, --partnership).
inline void add_user(const std::string& db_path, const std::string& username, const std::string& role,
                     const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args = {"user", "add", username, "--role", role, "--password-stdin", "--db", db_path};
  args.insert(args.end(), extra.begin(), extra.end());
  const CliResult r = run_casereview(args, std::string(kTestPassword) + "\n");
  if (r.exit_code != 0) throw std::runtime_error("user add " + username + ": " + r.err);
}

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { start_server({}); }
  // For a suite that defines its own SetUpTestSuite: the server with `options` more.
  static void start_server(const std::vector<std::string>& options) {
    scratch_ = std::make_unique<TempDir>();
    add_user(db_path(), "manager", "manager");
    add_user(db_path(), "admin", "administrator");
    std::vector<std::string> args = {"--today", kStoryToday};
    args.insert(args.end(), options.begin(), options.end());
    server_ = std::make_unique<ServerProcess>(db_path(), args);
    admin_ = server_->sign_in("admin", kTestPassword);
    server_->act_as(server_->sign_in("manager", kTestPassword));
  }
  static void TearDownTestSuite() {
    // A clean exit on SIGTERM; under the sanitizers a leak or error fails here.
    const int exit_code = server_->stop();
    EXPECT_EQ(exit_code, 0) << server_->log();
    server_.reset();
    scratch_.reset();
  }
  const ServerProcess& server() const { return *server_; }
  static ServerProcess& mutable_server() { return *server_; }
  Client admin() const { return server_->as(admin_); }
  static std::string db_path() { return scratch_->file("api.db"); }

  // Opens a notification: the local authority became aware on `became_aware_on`.
  Json open_notification(const std::string& became_aware_on = "2022-09-14",
                         const std::map<std::string, std::string>& headers = {}) const {
    const std::string body = R"({"kind":"serious_incident_notification","facts":{"became_aware_on":")" +
                             became_aware_on +
                             R"(","harm":"death","abuse_or_neglect":"suspected","location":"in_area",
                             "local_authority":"Northam City Council","summary":"Child died; neglect suspected"}})";
    const HttpResult r = server().post_json("/api/v1/cases", body, headers);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }

  HttpResult command(long long id, const std::string& name, long long version, const std::string& facts) const {
    return server().post_json(
        "/api/v1/cases/" + std::to_string(id) + "/commands",
        R"({"command":")" + name + R"(","expected_version":)" + std::to_string(version) + R"(,"facts":)" + facts + "}");
  }

  Json read_case(long long id) const {
    const HttpResult r = server().get("/api/v1/cases/" + std::to_string(id));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }

  // Applies `name` at the case's current version, as a user who has just read
  // the case would; the step must be accepted.
  Json step(long long id, const std::string& name, const std::string& facts) const {
    const HttpResult r = command(id, name, read_case(id)["version"].as_integer(), facts);
    EXPECT_EQ(r.status, 200) << name << ": " << r.body;
    return r.status == 200 ? r.json() : Json::object();
  }

  // Applies `name` at the current version and returns the response, whatever it is.
  HttpResult attempt(long long id, const std::string& name, const std::string& facts) const {
    return command(id, name, read_case(id)["version"].as_integer(), facts);
  }

  // A notification submitted, its rapid review met and then decided (no local
  // review) with `learning_themes` (a JSON list): the answer to the decision.
  HttpResult decide_rapid_review_with_themes(const std::string& learning_themes) const {
    const Json sin = open_notification("2022-09-01");
    const long long rr =
        opened_id(step(sin["id"].as_integer(), "submit_notification", R"({"submitted_on":"2022-09-02"})"));
    step(rr, "record_meeting", R"({"held_on":"2022-09-12","agencies_attended":["Police"]})");
    return attempt(rr, "record_decision",
                   R"({"decided_on":"2022-09-13","decision":"no_lcspr",
        "rationale":"Learning already taken forward by the partnership.",
        "learning_taken_forward":"Single-agency reviews in two agencies.",
        "facts":"Child died; neglect suspected.","key_practice_episodes":"Two missed health appointments.",
        "inequalities":"No inequality was found to have shaped the practice.",
        "local_review_criteria":["none"],"parallel_processes":["none_known"],
        "immediate_safety_actions":["None needed: no other children in the household"],
        "partners_agreeing":["local_authority","integrated_care_board","police"],"learning_themes":)" +
                       learning_themes + "}");
  }

  // The id of the case a step opened (in its response's opened_cases).
  static long long opened_id(const Json& response) { return response["opened_cases"].items().at(0)["id"].as_integer(); }

 private:
  static inline std::unique_ptr<TempDir> scratch_;
  static inline std::unique_ptr<ServerProcess> server_;
  static inline Credentials admin_;
};

// The deadline with `rule_id` in a case or list body.
inline const Json* deadline(const Json& body, const std::string& rule_id) {
  for (const Json& d : body["deadlines"].items()) {
    if (d["rule_id"].as_string() == rule_id) return &d;
  }
  return nullptr;
}

}  // namespace casereview::testing_support
