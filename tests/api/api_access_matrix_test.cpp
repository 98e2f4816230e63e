// Every route, as every role and as nobody: who gets through, who is refused
// (401 signed out, 403 not permitted) and for whom a case simply does not exist
// (404, the same as for a case that is not there). The expectations are written
// out here by hand; the README prints the same matrix, and this test checks
// that it does.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "api_fixture.h"
#include "http/router.h"

namespace casereview {
namespace {

using testing_support::add_user;
using testing_support::Client;
using testing_support::Credentials;
using testing_support::HttpResult;
using testing_support::kTestPassword;
using testing_support::run_casereview;
using testing_support::ServerProcess;
using testing_support::TempDir;

constexpr const char* kDemoPassword = "demonstration only 2026";

// Columns, in order. The first is nobody signed in.
const std::vector<std::string> kWho = {"anonymous",  "administrator",        "manager",    "panel_member",
                                       "agency_contributor", "independent_reviewer", "scrutineer", "auditor"};
const std::map<std::string, std::string> kDemoUser = {
    {"administrator", "demo.admin"}, {"manager", "demo.manager"},   {"panel_member", "demo.panel"},
    {"agency_contributor", "demo.agency"}, {"independent_reviewer", "demo.reviewer"},
    {"scrutineer", "demo.scrutineer"}, {"auditor", "demo.auditor"}};

// y: allowed (any answer but 401, 403, 404 and 5xx); n: refused (401 when signed
// out, else 403); h: hidden (404: the case is not revealed).
struct Probe {
  std::string method;
  std::string pattern;  // the route, as in the route table
  std::string note;     // which case or variant, for the README
  std::string target;   // with {placeholders} filled from Ids below
  std::string body;
  std::string expected;  // one letter per column of kWho
};

// A stale expected_version: a probe that gets through the gates stops at 409
// and changes nothing.
const char* kRecordDraft =
    R"({"command":"record_draft","expected_version":0,"facts":{"draft_label":"v9","received_on":"2022-09-15"}})";
const char* kAgencyReturn =
    R"({"command":"record_agency_return","expected_version":0,"facts":{"agency":"Health visiting","returned_on":"2022-09-15"}})";

std::vector<Probe> probes() {
  return {
      {"GET", "/api/v1", "", "/api/v1", "", "yyyyyyyy"},
      {"GET", "/api/v1/health", "", "/api/v1/health", "", "yyyyyyyy"},
      {"GET", "/api/v1/openapi.json", "", "/api/v1/openapi.json", "", "yyyyyyyy"},
      {"POST", "/api/v1/session", "", "/api/v1/session", "{}", "yyyyyyyy"},
      {"GET", "/api/v1/session", "", "/api/v1/session", "", "nyyyyyyy"},
      {"PUT", "/api/v1/session/password", "", "/api/v1/session/password", "{}", "nyyyyyyy"},
      {"GET", "/api/v1/workflows", "", "/api/v1/workflows", "", "nyyyyyyy"},
      {"GET", "/api/v1/cases", "", "/api/v1/cases", "", "nnyynnyy"},
      {"POST", "/api/v1/cases", "", "/api/v1/cases", "{}", "nnynnnnn"},
      {"POST", "/api/v1/cases/checks", "", "/api/v1/cases/checks", "{}", "nnynnnnn"},
      {"GET", "/api/v1/cases/{id}", "the reviewer's LCSPR", "/api/v1/cases/{lcspr}", "", "nhyyhyyy"},
      {"GET", "/api/v1/cases/{id}", "a notification", "/api/v1/cases/{sin}", "", "nhyyhhyy"},
      {"GET", "/api/v1/cases/{id}", "a rapid review asking the agency", "/api/v1/cases/{rr}", "", "nhyyhhyy"},
      {"GET", "/api/v1/cases/{id}", "another partnership's case", "/api/v1/cases/{west}", "", "nhhhhhhh"},
      {"POST", "/api/v1/cases/{id}/commands", "record_draft on the reviewer's LCSPR", "/api/v1/cases/{lcspr}/commands",
       kRecordDraft, "nhynhynn"},
      {"POST", "/api/v1/cases/{id}/commands", "record_agency_return for the agency", "/api/v1/cases/{rr}/commands",
       kAgencyReturn, "nhynyhnn"},
      {"POST", "/api/v1/cases/{id}/commands", "another partnership's case", "/api/v1/cases/{west}/commands",
       kAgencyReturn, "nhhhhhhh"},
      {"GET", "/api/v1/cases/{id}/timeline", "the reviewer's LCSPR", "/api/v1/cases/{lcspr}/timeline", "", "nhyyhyyy"},
      {"GET", "/api/v1/cases/{id}/timeline", "another partnership's case", "/api/v1/cases/{west}/timeline", "",
       "nhhhhhhh"},
      {"GET", "/api/v1/cases/{id}/spine", "the reviewer's LCSPR", "/api/v1/cases/{lcspr}/spine", "", "nhyyhyyy"},
      {"GET", "/api/v1/cases/{id}/deadlines", "the reviewer's LCSPR", "/api/v1/cases/{lcspr}/deadlines", "",
       "nhyyhyyy"},
      {"GET", "/api/v1/cases/{id}/documents", "the reviewer's LCSPR", "/api/v1/cases/{lcspr}/documents", "",
       "nhyyhyyy"},
      {"POST", "/api/v1/cases/{id}/documents", "the reviewer's LCSPR (a body not accepted)",
       "/api/v1/cases/{lcspr}/documents?kind=draft&name=x.pdf", "{}", "nhyyhynn"},
      {"POST", "/api/v1/cases/{id}/documents", "another partnership's case", "/api/v1/cases/{west}/documents?kind=draft&name=x.pdf",
       "{}", "nhhhhhhh"},
      {"GET", "/api/v1/documents/{id}", "a draft on the reviewer's LCSPR", "/api/v1/documents/{document}", "", "nhyyhyhh"},
      {"GET", "/api/v1/document-types", "", "/api/v1/document-types", "", "nyyyyyyy"},
      {"GET", "/api/v1/inbox", "", "/api/v1/inbox", "", "nnnnynnn"},
      {"GET", "/api/v1/deadlines", "", "/api/v1/deadlines", "", "nnyynnyy"},
      {"GET", "/api/v1/deadlines/preview", "", "/api/v1/deadlines/preview?rule=rr.submit_to_panel&anchor=2022-09-14", "",
       "nyyyyyyy"},
      {"GET", "/api/v1/deadline-rules", "", "/api/v1/deadline-rules", "", "nyyyyyyy"},
      {"PUT", "/api/v1/deadline-rules/{id}/setting", "", "/api/v1/deadline-rules/rr.submit_to_panel/setting", "{}",
       "nynnnnnn"},
      {"GET", "/api/v1/rule-setting-changes", "", "/api/v1/rule-setting-changes", "", "nyyyyyyy"},
      {"GET", "/api/v1/actions", "", "/api/v1/actions", "", "nnyynnyy"},
      {"GET", "/api/v1/reviewers", "", "/api/v1/reviewers", "", "nnyynnyy"},
      {"POST", "/api/v1/reviewers", "", "/api/v1/reviewers", "{}", "nnynnnnn"},
      {"GET", "/api/v1/reviewers/{id}", "", "/api/v1/reviewers/{reviewer}", "", "nnyynnyy"},
      {"POST", "/api/v1/reviewers/{id}/declarations", "", "/api/v1/reviewers/{reviewer}/declarations", "{}", "nnynnnnn"},
      {"GET", "/api/v1/vocabularies/factors", "", "/api/v1/vocabularies/factors", "", "nyyyyyyy"},
      {"POST", "/api/v1/vocabularies/factors", "", "/api/v1/vocabularies/factors", "{}", "nynnnnnn"},
      {"GET", "/api/v1/vocabularies/themes", "", "/api/v1/vocabularies/themes", "", "nyyyyyyy"},
      {"POST", "/api/v1/vocabularies/themes", "", "/api/v1/vocabularies/themes", "{}", "nynnnnnn"},
      {"PUT", "/api/v1/vocabularies/{vocabulary}/{code}/status", "", "/api/v1/vocabularies/themes/escalation/status",
       "{}", "nynnnnnn"},
      {"GET", "/api/v1/vocabularies/death-categories", "", "/api/v1/vocabularies/death-categories", "", "nyyyyyyy"},
      {"GET", "/api/v1/partnership/areas", "", "/api/v1/partnership/areas", "", "nyyyyyyy"},
      {"POST", "/api/v1/partnership/areas", "", "/api/v1/partnership/areas", "{}", "nynnnnnn"},
      {"PUT", "/api/v1/calendar", "(a feed that is not valid)", "/api/v1/calendar", "{}", "nynnnnnn"},
      {"GET", "/api/v1/reports/timeliness", "", "/api/v1/reports/timeliness", "", "nnyynnyy"},
      {"GET", "/api/v1/reports/lcspr-commissioning", "", "/api/v1/reports/lcspr-commissioning", "", "nnyynnyy"},
      {"GET", "/api/v1/reports/learning-themes", "", "/api/v1/reports/learning-themes", "", "nnyynnyy"},
      {"GET", "/api/v1/reports/modifiable-factors", "", "/api/v1/reports/modifiable-factors", "", "nnyynnyy"},
      {"GET", "/api/v1/users", "", "/api/v1/users", "", "nynnnnnn"},
      {"POST", "/api/v1/users", "", "/api/v1/users", "{}", "nynnnnnn"},
      {"POST", "/api/v1/users/{id}/password-reset", "", "/api/v1/users/{throwaway}/password-reset", "", "nynnnnnn"},
      {"PUT", "/api/v1/users/{id}/active", "", "/api/v1/users/{throwaway}/active", "{}", "nynnnnnn"},
      {"GET", "/api/v1/access-log", "", "/api/v1/access-log", "", "nynnnnny"},
      {"GET", "/api/v1/audit/verification", "", "/api/v1/audit/verification", "", "nynnnnny"},
      {"POST", "/api/v1/audit/checkpoints", "", "/api/v1/audit/checkpoints", "[]", "nynnnnnn"},
      // Last: it ends each session.
      {"DELETE", "/api/v1/session", "", "/api/v1/session", "", "nyyyyyyy"},
  };
}

std::string fill(std::string target, const std::map<std::string, std::string>& ids) {
  for (const auto& [name, value] : ids) {
    const std::string placeholder = "{" + name + "}";
    for (auto at = target.find(placeholder); at != std::string::npos; at = target.find(placeholder)) {
      target.replace(at, placeholder.size(), value);
    }
  }
  return target;
}

char outcome_of(const HttpResult& r) {
  if (r.status == 401 || r.status == 403) return 'n';
  if (r.status == 404) return 'h';
  if (r.status >= 500) return '!';
  return 'y';
}

// The matrix as the README prints it.
std::string markdown(const std::vector<Probe>& all) {
  std::ostringstream out;
  out << "| Route |";
  for (const auto& who : kWho) out << " " << who << " |";
  out << "\n|---|";
  for (std::size_t i = 0; i < kWho.size(); ++i) out << ":-:|";
  out << "\n";
  for (const Probe& p : all) {
    out << "| `" << p.method << " " << p.pattern << "`" << (p.note.empty() ? "" : " (" + p.note + ")") << " |";
    for (char c : p.expected) out << " " << (c == 'y' ? "yes" : c == 'h' ? "404" : "no") << " |";
    out << "\n";
  }
  return out.str();
}

class AccessMatrix : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    scratch_ = new TempDir;
    const std::string db = scratch_->file("matrix.db");
    auto must = [](const testing_support::CliResult& r) {
      if (r.exit_code != 0) throw std::runtime_error(r.err);
    };
    must(run_casereview({"demo", "load", "--db", db, "--today", "2022-09-16"}));
    must(run_casereview({"partnership", "add", "west", "--display-name", "Westshire partnership", "--db", db}));
    add_user(db, "west.manager", "manager", {"--partnership", "west"});
    add_user(db, "throwaway", "scrutineer");
    server_ = new ServerProcess(db, {"--today", "2022-09-16"});
  }
  static void TearDownTestSuite() {
    EXPECT_EQ(server_->stop(), 0) << server_->log();
    delete server_;
    delete scratch_;
  }
  static inline TempDir* scratch_ = nullptr;
  static inline ServerProcess* server_ = nullptr;
};

TEST_F(AccessMatrix, EveryRouteAsEveryRole) {
  std::map<std::string, Credentials> who = {{"anonymous", {}}};
  for (const auto& [role, username] : kDemoUser) who[role] = server_->sign_in(username, kDemoPassword);
  const Client manager = server_->as(who["manager"]);
  const Client admin = server_->as(who["administrator"]);

  // The cases and records the probes aim at.
  std::map<std::string, std::string> ids;
  const Json reviewer_session = server_->as(who["independent_reviewer"]).get("/api/v1/session").json();
  ASSERT_EQ(reviewer_session["cases"].items().size(), 1u) << reviewer_session.dump();
  ids["lcspr"] = std::to_string(reviewer_session["cases"].items()[0]["id"].as_integer());
  const Json inbox = server_->as(who["agency_contributor"]).get("/api/v1/inbox").json();
  ASSERT_FALSE(inbox["requests"].items().empty()) << inbox.dump();
  ids["rr"] = std::to_string(inbox["requests"].items()[0]["case_id"].as_integer());
  const Json sins = manager.get("/api/v1/cases?kind=serious_incident_notification").json();
  ids["sin"] = std::to_string(sins["cases"].items().at(0)["id"].as_integer());
  ids["reviewer"] = std::to_string(manager.get("/api/v1/reviewers").json()["reviewers"].items().at(0)["id"].as_integer());
  const Json users = admin.get("/api/v1/users").json();
  for (const Json& u : users["users"].items()) {
    if (u["username"].as_string() == "throwaway") ids["throwaway"] = std::to_string(u["id"].as_integer());
  }
  const HttpResult attached = manager.request("POST", "/api/v1/cases/" + ids["lcspr"] + "/documents?kind=draft&name=d.pdf",
                                              "%PDF-1.4 draft", "application/pdf", {});
  ASSERT_EQ(attached.status, 201) << attached.body;
  ids["document"] = std::to_string(attached.json()["id"].as_integer());
  const Client west = server_->as(server_->sign_in("west.manager", kTestPassword));
  const HttpResult opened = west.post_json(
      "/api/v1/cases", R"({"kind":"serious_incident_notification","facts":{"became_aware_on":"2022-09-14","harm":"death",
      "abuse_or_neglect":"suspected","location":"in_area","local_authority":"Westshire County Council","summary":"x"}})");
  ASSERT_EQ(opened.status, 201) << opened.body;
  ids["west"] = std::to_string(opened.json()["id"].as_integer());
  ASSERT_EQ(ids.size(), 7u);

  const std::vector<Probe> all = probes();
  std::set<std::string> routes_probed;
  int cells = 0;
  for (const Probe& p : all) {
    routes_probed.insert(p.method + " " + p.pattern);
    ASSERT_EQ(p.expected.size(), kWho.size()) << p.pattern;
    for (std::size_t i = 0; i < kWho.size(); ++i) {
      const Client client = server_->as(who[kWho[i]]);
      const std::string content_type = p.body.empty() ? "" : "application/json";
      const HttpResult r = client.request(p.method, fill(p.target, ids), p.body, content_type, {});
      const char got = outcome_of(r);
      ++cells;
      EXPECT_EQ(got, p.expected[i]) << p.method << " " << p.pattern << " " << p.note << " as " << kWho[i] << ": "
                                    << r.status << " " << r.body.substr(0, 300);
      if (got == 'n') {
        // Signed out is 401 with one code; a refused role is 403 with a reason.
        EXPECT_EQ(r.status, i == 0 ? 401 : 403) << p.pattern << " as " << kWho[i];
      }
      if (got == 'h') {
        // A document is hidden exactly when its case is.
        const std::string code = r.json()["code"].as_string();
        EXPECT_TRUE(code == "CASE_NOT_FOUND" || code == "DOCUMENT_NOT_FOUND") << p.pattern << " as " << kWho[i] << ": " << code;
      }
    }
  }
  // Every route in the table is probed.
  for (const web::Route& route : web::route_table()) {
    EXPECT_TRUE(routes_probed.count(route.method + " " + route.pattern)) << "not probed: " << route.pattern;
  }
  EXPECT_GE(cells, static_cast<int>(web::route_table().size() * kWho.size()));
  RecordProperty("cells", cells);
}

TEST_F(AccessMatrix, TheReadmePrintsThisMatrix) {
  std::ifstream in(std::string(CASEREVIEW_SOURCE_DIR) + "/README.md");
  std::ostringstream text;
  text << in.rdbuf();
  const std::string readme = text.str();
  const std::string begin = "<!-- access-matrix:begin -->\n", end = "<!-- access-matrix:end -->";
  const auto from = readme.find(begin), to = readme.find(end);
  ASSERT_NE(from, std::string::npos) << "README.md has no access matrix";
  ASSERT_NE(to, std::string::npos);
  // The table, then a blank line so that the end marker is not read as part of it.
  EXPECT_EQ(readme.substr(from + begin.size(), to - from - begin.size()), markdown(probes()) + "\n")
      << "Put this between the markers in README.md:\n"
      << markdown(probes());
}

}  // namespace
}  // namespace casereview
