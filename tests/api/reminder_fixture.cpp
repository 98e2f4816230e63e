#include "reminder_fixture.h"

#include <stdexcept>

namespace casereview::testing_support {
namespace {

// Fails the set-up loudly: a data set that is not what the tests expect would
// make every assertion after it meaningless.
Json must(const HttpResult& r, int status, const std::string& what) {
  if (r.status != status) throw std::runtime_error(what + ": " + std::to_string(r.status) + " " + r.body);
  return r.body.empty() ? Json() : r.json();
}

class Builder {
 public:
  explicit Builder(const ServerProcess& server) : server_(server) {}

  Json open_sin(const std::string& became_aware_on, const std::string& identity = "") {
    const std::string body = R"({"kind":"serious_incident_notification","facts":{"became_aware_on":")" +
                             became_aware_on + R"(","harm":"serious_harm","abuse_or_neglect":"suspected",
        "location":"in_area","local_authority":"Northam City Council",
        "summary":"Injuries to a child; neglect suspected")" +
                             identity + "}}";
    return must(server_.post_json("/api/v1/cases", body), 201, "open a notification on " + became_aware_on);
  }

  Json step(long long id, const std::string& command, const std::string& facts) {
    const std::string path = "/api/v1/cases/" + std::to_string(id);
    const long long version = must(server_.get(path), 200, "read case " + std::to_string(id))["version"].as_integer();
    return must(server_.post_json(path + "/commands", R"({"command":")" + command + R"(","expected_version":)" +
                                                          std::to_string(version) + R"(,"facts":)" + facts + "}"),
                200, command);
  }

  static long long opened(const Json& response) { return response["opened_cases"].items().at(0)["id"].as_integer(); }

 private:
  const ServerProcess& server_;
};

const char* kDecision = R"({"decided_on":"2022-03-15","decision":"lcspr",
    "rationale":"Significant learning about information sharing between agencies.",
    "facts":"A child was injured at home; neglect suspected.",
    "key_practice_episodes":"Two missed health appointments; a school referral not followed up.",
    "inequalities":"No inequality was found to have shaped the practice.",
    "local_review_criteria":["improvements_needed"],"parallel_processes":["police_investigation"],
    "immediate_safety_actions":["Safety plan for the siblings"],
    "partners_agreeing":["local_authority","integrated_care_board","police"],
    "learning_themes":["information_sharing"]})";

std::string action(const std::string& ref, const std::string& due_on) {
  return R"({"ref":")" + ref + R"(","recommendation":"Share information","action":"Revise the referral pathway",
      "owner_person":"Safeguarding lead","owner_agency":"Police","due_on":")" +
         due_on + R"(","desired_outcome":"Referrals followed up","agreed_on":"2022-03-30"})";
}

}  // namespace

void ReminderData::SetUpTestSuite() {
  scratch_ = std::make_unique<TempDir>();
  facts_ = std::make_unique<ReminderFacts>();
  ReminderFacts& f = *facts_;
  const std::string db = template_db();
  add_user(db, "builder", "manager");
  add_user(db, "admin", "administrator");
  ServerProcess server(db, {"--today", kReminderDay});
  const Client admin = server.as(server.sign_in("admin", kTestPassword));
  server.act_as(server.sign_in("builder", kTestPassword));
  Builder b(server);

  // The cases, in the order of their references.
  const Json a = b.open_sin("2022-09-07", R"json(,"given_name":"Ada","family_name":"Remindertest",
      "date_of_birth":"2015-03-02","nhs_number":"943 476 5919","home_address":"4 Example Row, Northam",
      "family_members":"Grace Remindertest (mother)")json");
  const Json sin_b = b.open_sin("2022-09-08");
  const Json sin_c = b.open_sin("2022-09-09");
  const Json sin_d = b.open_sin("2022-09-01");
  const Json sin_e = b.open_sin("2022-03-01");
  for (const auto& [key, opened] : {std::pair<const char*, const Json*>{"A", &a}, {"B", &sin_b}, {"C", &sin_c}}) {
    f.ref[key] = (*opened)["reference"].as_string();
    f.id[key] = (*opened)["id"].as_integer();
  }
  const long long d = sin_d["id"].as_integer(), e = sin_e["id"].as_integer();
  b.step(d, "record_partners_informed", R"({"informed_on":"2022-09-01","partners":["Police","ICB"]})");
  const long long rr_d = Builder::opened(b.step(d, "submit_notification", R"({"submitted_on":"2022-09-02"})"));
  b.step(rr_d, "request_agency_information", R"({"agencies":["Police"],"requested_on":"2022-09-07"})");
  b.step(rr_d, "request_agency_information", R"({"agencies":["Health visiting"],"requested_on":"2022-09-08"})");
  b.step(rr_d, "request_agency_information", R"({"agencies":["Education"],"requested_on":"2022-09-09"})");
  b.step(e, "record_partners_informed", R"({"informed_on":"2022-03-01","partners":["Police","ICB"]})");
  const long long rr_e = Builder::opened(b.step(e, "submit_notification", R"({"submitted_on":"2022-03-02"})"));
  b.step(rr_e, "record_meeting", R"({"held_on":"2022-03-10","agencies_attended":["Police","Health"]})");
  const long long lcspr = Builder::opened(b.step(rr_e, "record_decision", kDecision));
  b.step(rr_e, "submit_to_panel", R"({"submitted_on":"2022-03-16"})");
  b.step(rr_e, "record_panel_response",
         R"({"responded_on":"2022-03-25","agrees_with_decision":"yes","national_review":"no"})");
  b.step(rr_e, "add_action", action("A1", "2022-09-14"));
  b.step(rr_e, "add_action", action("A2", "2022-09-30"));
  b.step(rr_e, "add_action", action("A3", "2022-09-16"));
  const long long reviewer =
      must(server.post_json("/api/v1/reviewers",
                            R"({"name":"Dr Pat Remind","organisation":"Independent","national_pool":true})"),
           201, "add a reviewer")["id"]
          .as_integer();
  b.step(lcspr, "draft_contract",
         R"({"contract_ref":"C1","reviewer_id":)" + std::to_string(reviewer) +
             R"(,"scope":"Independent author","start_on":"2022-04-01","end_on":"2022-12-31",
                "fee_pounds":12000,"conflicts_checked":true,"drafted_on":"2022-03-20"})");
  b.step(lcspr, "sign_contract", R"({"contract_ref":"C1","signed_on":"2022-03-25"})");
  for (const auto& [key, id] : {std::pair<const char*, long long>{"D", rr_d}, {"RR-E", rr_e}, {"E", lcspr}}) {
    f.id[key] = id;
    f.ref[key] = must(server.get("/api/v1/cases/" + std::to_string(id)), 200, "read")["reference"].as_string();
  }

  // The people, each address set a different way.
  const auto add = [&](const std::string& body) {
    const Json added = must(admin.post_json("/api/v1/users", body), 201, "add a user: " + body);
    f.user[added["username"].as_string()] = added["id"].as_integer();
  };
  const std::string password = std::string(R"("password":")") + kTestPassword + "\"";
  add(R"({"username":"m.one","display_name":"M One","role":"manager","email":"m.one@example.org",)" + password + "}");
  add(R"({"username":"m.two","display_name":"M Two","role":"manager",)" + password + "}");
  add(R"({"username":"m.three","display_name":"M Three","role":"manager",)" + password + "}");
  add(R"({"username":"m.gone","display_name":"M Gone","role":"manager","email":"m.gone@example.org",)" + password +
      "}");
  add(R"({"username":"police","display_name":"P","role":"agency_contributor","agency":"Police",)"
      R"("email":"police@example.org",)" +
      password + "}");
  add(R"({"username":"school","display_name":"S","role":"agency_contributor","agency":"Education",)"
      R"("email":"school@example.org",)" +
      password + "}");
  add(R"({"username":"hv.two","display_name":"HV Two","role":"agency_contributor","agency":"Health visiting",)" +
      password + "}");
  add(R"({"username":"rev","display_name":"Dr Pat Remind","role":"independent_reviewer","reviewer_id":)" +
      std::to_string(reviewer) + R"(,"email":"rev@example.org",)" + password + "}");
  add(R"({"username":"panel","display_name":"Panel","role":"panel_member","email":"panel@example.org",)" + password +
      "}");
  must(admin.put_json("/api/v1/users/" + std::to_string(f.user.at("m.two")) + "/email",
                      R"({"email":"m.two@example.org"})"),
       200, "set m.two's address");
  must(admin.put_json("/api/v1/users/" + std::to_string(f.user.at("m.gone")) + "/active", R"({"active":false})"), 200,
       "suspend m.gone");
  const Client hv_two = server.as(server.sign_in("hv.two", kTestPassword));
  must(hv_two.put_json("/api/v1/session/email", R"({"email":"hv.two@example.org"})"), 200, "hv.two's own address");
  add_user(db, "hv.one", "agency_contributor", {"--agency", "Health visiting"});
  for (const auto& [username, address] :
       {std::pair<const char*, const char*>{"hv.one", "hv.one@example.org"}, {"admin", "admin@example.org"}}) {
    const CliResult set = run_casereview({"user", "email", username, address, "--db", db});
    if (set.exit_code != 0) throw std::runtime_error(std::string("user email ") + username + ": " + set.err);
  }
  if (server.stop() != 0) throw std::runtime_error("the data set's server did not stop cleanly: " + server.log());
}

}  // namespace casereview::testing_support
