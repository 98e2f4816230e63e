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
const std::vector<std::string> kWho = {"anonymous",          "administrator",        "manager",    "panel_member",
                                       "agency_contributor", "independent_reviewer", "scrutineer", "auditor",
                                       "national_editor"};
const std::map<std::string, std::string> kDemoUser = {{"administrator", "demo.admin"},
                                                      {"manager", "demo.manager"},
                                                      {"panel_member", "demo.panel"},
                                                      {"agency_contributor", "demo.agency"},
                                                      {"independent_reviewer", "demo.reviewer"},
                                                      {"scrutineer", "demo.scrutineer"},
                                                      {"auditor", "demo.auditor"},
                                                      {"national_editor", "demo.national"}};

// y: allowed: the request reaches the handler and gets the handler's own answer
// (`allowed`, e.g. 201 for a valid new record, 409 CASE_VERSION_STALE for a
// command at a stale version); n: refused (401 NOT_SIGNED_IN when signed out,
// else 403 FORBIDDEN, or CASE_COMMAND_FORBIDDEN for a step the role may not
// take); h: hidden (404: the case is not revealed). Every write probe sends a
// body the handler accepts, so a "y" proves the role may do the thing, not
// just that the gate opened.
struct Probe {
  std::string method;
  std::string pattern;            // the route, as in the route table
  std::string note;               // which case or variant, for the README
  std::string target;             // with {placeholders} filled from the ids the test finds
  std::string body;               // {placeholders} filled too
  std::string expected;           // one letter per column of kWho
  int allowed = 200;              // the status of every "y" cell
  std::string allowed_code = "";  // and its problem code, for an allowed 4xx
  std::string content_type = "application/json";
  bool starts_new_session = false;  // an allowed answer replaces the caller's session
};

// Commands at a stale version: a probe that gets through the gates stops at 409
// and changes nothing.
const char* kRecordDraft =
    R"({"command":"record_draft","expected_version":0,"facts":{"draft_label":"v9","received_on":"{today}"}})";
const char* kAgencyReturn =
    R"({"command":"record_agency_return","expected_version":0,"facts":{"agency":"Health visiting","returned_on":"{today}"}})";
const char* kNewNotification =
    R"({"kind":"serious_incident_notification","facts":{"became_aware_on":"{today}","harm":"serious_harm",
        "abuse_or_neglect":"suspected","location":"in_area","local_authority":"Northam City Council",
        "summary":"Probe of the access matrix"}})";
const char* kPastDeath =
    "reference,date_of_death,place_of_death,expected,summary,notified_on,notified_by,resident_local_authority,"
    "given_name,family_name,date_of_birth\r\nM-1,{today},hospital,expected,Checked by the access matrix,{today},"
    "Consultant,Northam City Council,Probe,Matrix,2020-01-01\r\n";
const char* kPdf = "%PDF-1.4\n% a draft attached by the access matrix\n";

std::vector<Probe> probes() {
  const std::string sign_in = R"({"username":"demo.scrutineer","password":")" + std::string(kDemoPassword) + "\"}";
  const std::string new_password =
      R"({"current_password":")" + std::string(kDemoPassword) + R"(","new_password":"Matrix passphrase changed 2022"})";
  return {
      {"GET", "/api/v1", "", "/api/v1", "", "yyyyyyyyy"},
      {"GET", "/api/v1/health", "", "/api/v1/health", "", "yyyyyyyyy"},
      {"GET", "/api/v1/openapi.json", "", "/api/v1/openapi.json", "", "yyyyyyyyy"},
      {"POST", "/api/v1/session", "", "/api/v1/session", sign_in, "yyyyyyyyy"},
      {"GET", "/api/v1/session", "", "/api/v1/session", "", "nyyyyyyyy"},
      {"GET", "/api/v1/session/status", "", "/api/v1/session/status", "", "yyyyyyyyy"},
      {"GET", "/api/v1/workflows", "", "/api/v1/workflows", "", "nyyyyyyyy"},
      {"GET", "/api/v1/cases", "", "/api/v1/cases", "", "nnyynnyyn"},
      {"GET", "/api/v1/dashboard", "", "/api/v1/dashboard", "", "nnyynnyyn"},
      {"GET", "/api/v1/case-owners", "", "/api/v1/case-owners", "", "nnyynnyyn"},
      {"PUT", "/api/v1/cases/{id}/owner", "the reviewer's LCSPR", "/api/v1/cases/{lcspr}/owner",
       R"({"owner":"demo.manager"})", "nnynnnnnn"},
      {"PUT", "/api/v1/cases/{id}/owner", "another partnership's case", "/api/v1/cases/{west}/owner",
       R"({"owner":"demo.manager"})", "nnhnnnnnn"},
      {"POST", "/api/v1/cases", "", "/api/v1/cases", kNewNotification, "nnynnnnnn", 201},
      {"POST", "/api/v1/cases/checks", "", "/api/v1/cases/checks", kNewNotification, "nnynnnnnn"},
      {"GET", "/api/v1/cases/{id}", "the reviewer's LCSPR", "/api/v1/cases/{lcspr}", "", "nhyyhyyyh"},
      {"GET", "/api/v1/cases/{id}", "a notification", "/api/v1/cases/{sin}", "", "nhyyhhyyh"},
      {"GET", "/api/v1/cases/{id}", "a rapid review asking the agency", "/api/v1/cases/{rr}", "", "nhyyhhyyh"},
      {"GET", "/api/v1/cases/{id}", "another partnership's case", "/api/v1/cases/{west}", "", "nhhhhhhhh"},
      {"POST", "/api/v1/cases/{id}/commands", "record_draft on the reviewer's LCSPR", "/api/v1/cases/{lcspr}/commands",
       kRecordDraft, "nhynhynnh", 409, "CASE_VERSION_STALE"},
      {"POST", "/api/v1/cases/{id}/commands", "record_agency_return for the agency", "/api/v1/cases/{rr}/commands",
       kAgencyReturn, "nhynyhnnh", 409, "CASE_VERSION_STALE"},
      {"POST", "/api/v1/cases/{id}/commands", "another partnership's case", "/api/v1/cases/{west}/commands",
       kAgencyReturn, "nhhhhhhhh"},
      {"GET", "/api/v1/cases/{id}/timeline", "the reviewer's LCSPR", "/api/v1/cases/{lcspr}/timeline", "", "nhyyhyyyh"},
      {"GET", "/api/v1/cases/{id}/timeline", "another partnership's case", "/api/v1/cases/{west}/timeline", "",
       "nhhhhhhhh"},
      {"GET", "/api/v1/cases/{id}/spine", "the reviewer's LCSPR", "/api/v1/cases/{lcspr}/spine", "", "nhyyhyyyh"},
      {"GET", "/api/v1/cases/{id}/deadlines", "the reviewer's LCSPR", "/api/v1/cases/{lcspr}/deadlines", "",
       "nhyyhyyyh"},
      {"GET", "/api/v1/cases/{id}/documents", "the reviewer's LCSPR", "/api/v1/cases/{lcspr}/documents", "",
       "nhyyhyyyh"},
      {"POST", "/api/v1/cases/{id}/documents", "a draft for the reviewer's LCSPR",
       "/api/v1/cases/{lcspr}/documents?kind=draft&name=x.pdf", kPdf, "nhyyhynnh", 201, "", "application/pdf"},
      {"POST", "/api/v1/cases/{id}/documents", "another partnership's case",
       "/api/v1/cases/{west}/documents?kind=draft&name=x.pdf", kPdf, "nhhhhhhhh", 200, "", "application/pdf"},
      {"GET", "/api/v1/documents/{id}", "a draft on the reviewer's LCSPR", "/api/v1/documents/{document}", "",
       "nhyyhyhhh"},
      {"GET", "/api/v1/document-types", "", "/api/v1/document-types", "", "nyyyyyyyy"},
      {"GET", "/api/v1/inbox", "", "/api/v1/inbox", "", "nnnnynnnn"},
      {"GET", "/api/v1/deadlines", "", "/api/v1/deadlines", "", "nnyynnyyn"},
      {"GET", "/api/v1/deadlines/preview", "", "/api/v1/deadlines/preview?rule=rr.submit_to_panel&anchor={today}", "",
       "nyyyyyyyy"},
      {"GET", "/api/v1/deadline-rules", "", "/api/v1/deadline-rules", "", "nyyyyyyyy"},
      {"PUT", "/api/v1/deadline-rules/{id}/setting", "", "/api/v1/deadline-rules/rr.submit_to_panel/setting",
       R"({"amount":12,"reason":"The partnership's rapid reviews are agreed in 12 working days"})", "nynnnnnnn"},
      {"GET", "/api/v1/rule-setting-changes", "", "/api/v1/rule-setting-changes", "", "nyyyyyyyy"},
      {"GET", "/api/v1/actions", "", "/api/v1/actions", "", "nnyynnyyn"},
      {"GET", "/api/v1/reviewers", "", "/api/v1/reviewers", "", "nnyynnyyn"},
      {"POST", "/api/v1/reviewers", "", "/api/v1/reviewers",
       R"({"name":"Probe Reviewer","organisation":"Matrix consultancy","national_pool":false})", "nnynnnnnn", 201},
      {"GET", "/api/v1/reviewers/{id}", "", "/api/v1/reviewers/{reviewer}", "", "nnyynnyyn"},
      {"POST", "/api/v1/reviewers/{id}/declarations", "", "/api/v1/reviewers/{reviewer}/declarations",
       R"({"declared_on":"{today}","text":"No connection with the partnership","rules_out":false})", "nnynnnnnn", 201},
      {"GET", "/api/v1/vocabularies/factors", "", "/api/v1/vocabularies/factors", "", "nyyyyyyyy"},
      {"POST", "/api/v1/vocabularies/factors", "", "/api/v1/vocabularies/factors",
       R"({"code":"service.matrix_probe_{who}","domain":"service_provision","label":"A factor added by the probe"})",
       "nynnnnnny", 201},
      {"GET", "/api/v1/vocabularies/themes", "", "/api/v1/vocabularies/themes", "", "nyyyyyyyy"},
      {"POST", "/api/v1/vocabularies/themes", "", "/api/v1/vocabularies/themes",
       R"({"code":"matrix_probe_{who}","label":"A theme added by the probe"})", "nynnnnnny", 201},
      {"PUT", "/api/v1/vocabularies/{vocabulary}/{code}/status", "", "/api/v1/vocabularies/themes/escalation/status",
       R"({"active":false})", "nynnnnnny"},
      {"GET", "/api/v1/vocabularies/death-categories", "", "/api/v1/vocabularies/death-categories", "", "nyyyyyyyy"},
      {"GET", "/api/v1/partnership/areas", "", "/api/v1/partnership/areas", "", "nyyyyyyyy"},
      {"POST", "/api/v1/partnership/areas", "", "/api/v1/partnership/areas",
       R"({"local_authority":"Eastmarsh Borough Council"})", "nynnnnnnn"},
      {"PUT", "/api/v1/calendar", "the shipped GOV.UK feed", "/api/v1/calendar", "{feed}", "nynnnnnnn"},
      {"GET", "/api/v1/reports/timeliness", "", "/api/v1/reports/timeliness", "", "nnyynnyyn"},
      {"GET", "/api/v1/reports/lcspr-commissioning", "", "/api/v1/reports/lcspr-commissioning", "", "nnyynnyyn"},
      {"GET", "/api/v1/reports/learning-themes", "", "/api/v1/reports/learning-themes", "", "nnyynnyyn"},
      {"GET", "/api/v1/reports/modifiable-factors", "", "/api/v1/reports/modifiable-factors", "", "nnyynnyyn"},
      {"GET", "/api/v1/reports/yearly", "", "/api/v1/reports/yearly", "", "nnyynnyyn"},
      {"GET", "/api/v1/reports/cdop-annual", "", "/api/v1/reports/cdop-annual", "", "nnyynnyyn"},
      {"GET", "/api/v1/exports/ncmd", "", "/api/v1/exports/ncmd", "", "nnyynnyyn"},
      {"GET", "/api/v1/exports/ncmd/schema", "", "/api/v1/exports/ncmd/schema", "", "yyyyyyyyy"},
      {"GET", "/api/v1/exports/{dataset}", "", "/api/v1/exports/cases", "", "nnyynnyyn"},
      {"GET", "/api/v1/evidence-pack", "", "/api/v1/evidence-pack", "", "nnyynnyyn"},
      {"GET", "/api/v1/reports/evidence", "", "/api/v1/reports/evidence", "", "nnyynnyyn"},
      {"GET", "/api/v1/imports", "", "/api/v1/imports", "", "nnynnnnnn"},
      {"GET", "/api/v1/imports/{sheet}/columns", "", "/api/v1/imports/deaths/columns", "", "nnynnnnnn"},
      {"POST", "/api/v1/imports/{sheet}", "a dry run: nothing is written", "/api/v1/imports/deaths?dry_run=true",
       kPastDeath, "nnynnnnnn", 200, "", "text/csv"},
      {"GET", "/api/v1/users", "", "/api/v1/users", "", "nynnnnnnn"},
      {"POST", "/api/v1/users", "", "/api/v1/users",
       R"({"username":"matrix.new","display_name":"New scrutineer","role":"scrutineer"})", "nynnnnnnn", 201},
      {"POST", "/api/v1/users/{id}/password-reset", "", "/api/v1/users/{throwaway}/password-reset", "", "nynnnnnnn"},
      {"PUT", "/api/v1/users/{id}/active", "", "/api/v1/users/{throwaway}/active", R"({"active":false})", "nynnnnnnn"},
      {"PUT", "/api/v1/users/{id}/email", "", "/api/v1/users/{throwaway}/email", R"({"email":"throwaway@example.org"})",
       "nynnnnnnn"},
      {"GET", "/api/v1/reminders", "", "/api/v1/reminders?day={today}", "", "nyynnnnnn"},
      {"GET", "/api/v1/retention", "", "/api/v1/retention", "", "nynnnnnnn"},
      {"PUT", "/api/v1/retention/periods/{kind}", "", "/api/v1/retention/periods/lcspr",
       R"({"years":30,"reason":"Probe of the access matrix: local reviews kept 30 years"})", "nynnnnnnn"},
      {"PUT", "/api/v1/cases/{id}/legal-hold", "the reviewer's LCSPR", "/api/v1/cases/{lcspr}/legal-hold",
       R"({"held":false,"reason":"Probe of the access matrix: no hold to lift"})", "nynnnnnnn", 409, "NO_LEGAL_HOLD"},
      {"POST", "/api/v1/cases/{id}/identity-erasure", "the reviewer's LCSPR, unconfirmed",
       "/api/v1/cases/{lcspr}/identity-erasure",
       R"({"reason":"Probe of the access matrix: never confirmed","confirm_reference":"none"})", "nynnnnnnn", 422,
       "ERASURE_NOT_CONFIRMED"},
      {"GET", "/api/v1/access-log", "", "/api/v1/access-log", "", "nynnnnnyn"},
      {"GET", "/api/v1/audit/verification", "", "/api/v1/audit/verification", "", "nynnnnnyn"},
      {"POST", "/api/v1/audit/checkpoints", "", "/api/v1/audit/checkpoints", "", "nynnnnnnn", 201},
      {"GET", "/api/v1/session/calendar-feed", "", "/api/v1/session/calendar-feed", "", "nyyyyyyyy"},
      {"POST", "/api/v1/session/calendar-feed", "", "/api/v1/session/calendar-feed", "{}", "nyyyyyyyy", 201},
      {"DELETE", "/api/v1/session/calendar-feed", "", "/api/v1/session/calendar-feed", "", "nyyyyyyyy"},
      {"GET", "/api/v1/calendar-feeds/{token}", "an address never made", "/api/v1/calendar-feeds/unknown", "",
       "yyyyyyyyy", 404, "NOT_FOUND"},
      {"PUT", "/api/v1/session/email", "", "/api/v1/session/email", R"({"email":"probe@example.org"})", "nyyyyyyyy"},
      // Near the end: a password change ends every session of the user and goes
      // on in a new one, as a browser would.
      {"PUT", "/api/v1/session/password", "", "/api/v1/session/password", new_password, "nyyyyyyyy", 200, "",
       "application/json", true},
      // Last: it ends each session.
      {"DELETE", "/api/v1/session", "", "/api/v1/session", "", "nyyyyyyyy"},
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

// What a cell turned out to be: the letter of the expectation it meets, or '?'.
char outcome_of(const Probe& p, const HttpResult& r, bool signed_in) {
  const std::string code = r.content_type.rfind("application/problem+json", 0) == 0 ? r.json()["code"].as_string() : "";
  if (r.status == p.allowed && code == p.allowed_code) return 'y';
  if (!signed_in && r.status == 401 && code == "NOT_SIGNED_IN") return 'n';
  if (signed_in && r.status == 403 && (code == "FORBIDDEN" || code == "CASE_COMMAND_FORBIDDEN")) return 'n';
  if (r.status == 404 && (code == "CASE_NOT_FOUND" || code == "DOCUMENT_NOT_FOUND")) return 'h';
  return '?';
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
    must(run_casereview({"demo", "load", "--db", db}));
    must(run_casereview({"partnership", "add", "west", "--display-name", "Westshire partnership", "--db", db}));
    add_user(db, "west.manager", "manager", {"--partnership", "west"});
    add_user(db, "throwaway", "scrutineer", {"--partnership", "default"});
    server_ = new ServerProcess(db);
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
  ids["reviewer"] =
      std::to_string(manager.get("/api/v1/reviewers").json()["reviewers"].items().at(0)["id"].as_integer());
  const Json users = admin.get("/api/v1/users").json();
  for (const Json& u : users["users"].items()) {
    if (u["username"].as_string() == "throwaway") ids["throwaway"] = std::to_string(u["id"].as_integer());
  }
  const HttpResult attached =
      manager.request("POST", "/api/v1/cases/" + ids["lcspr"] + "/documents?kind=draft&name=d.pdf", "%PDF-1.4 draft",
                      "application/pdf", {});
  ASSERT_EQ(attached.status, 201) << attached.body;
  ids["document"] = std::to_string(attached.json()["id"].as_integer());
  const Client west = server_->as(server_->sign_in("west.manager", kTestPassword));
  const HttpResult opened =
      west.post_json("/api/v1/cases", R"({"kind":"serious_incident_notification","facts":{"became_aware_on":")" +
                                          testing_support::test_today() + R"(","harm":"death",
      "abuse_or_neglect":"suspected","location":"in_area","local_authority":"Westshire County Council","summary":"x"}})");
  ASSERT_EQ(opened.status, 201) << opened.body;
  ids["west"] = std::to_string(opened.json()["id"].as_integer());
  ids["today"] = manager.get("/api/v1/health").json()["today"].as_string();
  ASSERT_EQ(ids["today"], testing_support::test_today());
  std::ifstream feed(std::string(CASEREVIEW_SOURCE_DIR) + "/engine/data/bank-holidays-england-and-wales.json");
  ids["feed"] = std::string(std::istreambuf_iterator<char>(feed), {});
  ASSERT_GT(ids["feed"].size(), 1000u);
  ASSERT_EQ(ids.size(), 9u);

  const std::vector<Probe> all = probes();
  std::set<std::string> routes_probed;
  int cells = 0;
  for (const Probe& p : all) {
    routes_probed.insert(p.method + " " + p.pattern);
    ASSERT_EQ(p.expected.size(), kWho.size()) << p.pattern;
    for (std::size_t i = 0; i < kWho.size(); ++i) {
      const Client client = server_->as(who[kWho[i]]);
      // {who}: the column, where each role must write something of its own.
      const std::string body = fill(fill(p.body, ids), {{"who", kWho[i]}});
      const HttpResult r = client.request(p.method, fill(p.target, ids), body, body.empty() ? "" : p.content_type, {});
      ++cells;
      const char got = outcome_of(p, r, i != 0);
      EXPECT_EQ(got, p.expected[i]) << p.method << " " << p.pattern << " " << p.note << " as " << kWho[i] << ": "
                                    << r.status << " " << r.body.substr(0, 300);
      if (got == 'y' && p.starts_new_session) who[kWho[i]] = testing_support::credentials_from(r);
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
