// Bad input gets a clear problem response and changes nothing.
#include <sqlite3.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "api_fixture.h"
#include "http/router.h"

namespace casereview {
namespace {

using testing_support::ApiTest;
using testing_support::HttpResult;

class ErrorsApi : public ApiTest {
 protected:
  void expect_problem(const HttpResult& r, int status, const std::string& code) const {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.content_type, "application/problem+json; charset=utf-8");
    const Json body = r.json();
    EXPECT_EQ(body["status"].as_integer(), status);
    EXPECT_EQ(body["code"].as_string(), code);
    EXPECT_EQ(body["type"].as_string(), "urn:casereview:problem:" + code);
    EXPECT_FALSE(body["detail"].as_string().empty());
  }
  long long version_of(long long id) const {
    return server().get("/api/v1/cases/" + std::to_string(id)).json()["version"].as_integer();
  }
};

TEST_F(ErrorsApi, MalformedJson) {
  expect_problem(server().post_json("/api/v1/cases", R"({"kind": "serious_incident_notification",)"), 400,
                 "INVALID_JSON");
  expect_problem(server().post_json("/api/v1/cases", "[1,2]"), 400, "INVALID_JSON");
  expect_problem(server().post_json("/api/v1/cases", ""), 400, "INVALID_JSON");
}

TEST_F(ErrorsApi, WrongMediaType) {
  expect_problem(server().request("POST", "/api/v1/cases", "kind=x", "application/x-www-form-urlencoded", {}), 415,
                 "UNSUPPORTED_MEDIA_TYPE");
  expect_problem(server().request("POST", "/api/v1/cases", "{}", "application/jsonx", {}), 415,
                 "UNSUPPORTED_MEDIA_TYPE");
  // Media types are case-insensitive and may carry parameters after spaces: these
  // reach the handler, which then reads the (empty) envelope.
  for (const char* type : {"Application/JSON", "application/json ; charset=utf-8", "application/json;charset=UTF-8"}) {
    expect_problem(server().request("POST", "/api/v1/cases", "{}", type, {}), 400, "MISSING_MEMBER");
  }
}

TEST_F(ErrorsApi, MissingAndMistypedMembersAndFacts) {
  expect_problem(server().post_json("/api/v1/cases", R"({"facts":{}})"), 400, "MISSING_MEMBER");
  expect_problem(server().post_json("/api/v1/cases", R"({"kind":5})"), 400, "INVALID_MEMBER");
  expect_problem(server().post_json("/api/v1/cases", R"({"kind":"serious_incident_notification","facts":[]})"), 400,
                 "INVALID_MEMBER");
  expect_problem(server().post_json("/api/v1/cases", R"({"kind":"serious_incident_notification","fact":{}})"), 400,
                 "UNKNOWN_MEMBER");
  const auto r = server().post_json(
      "/api/v1/cases", R"({"kind":"serious_incident_notification","facts":{"became_aware_on":20220914,"harm":"fatal",
          "abuse_or_neglect":"suspected","location":"in_area","summary":"x","looked_after_child":"no"}})");
  expect_problem(r, 400, "INVALID_FACTS");
  std::vector<std::string> fields;
  const Json body = r.json();
  for (const Json& e : body["errors"].items()) fields.push_back(e["field"].as_string());
  EXPECT_EQ(fields, (std::vector<std::string>{"became_aware_on", "harm", "local_authority", "looked_after_child"}));
}

TEST_F(ErrorsApi, UnknownCaseKindAndCommand) {
  expect_problem(server().post_json("/api/v1/cases", R"({"kind":"parking_ticket","facts":{}})"), 400,
                 "UNKNOWN_CASE_KIND");
  const Json opened = open_notification();
  expect_problem(command(opened["id"].as_integer(), "approve", 1, "{}"), 400, "UNKNOWN_COMMAND");
}

TEST_F(ErrorsApi, ImpossibleAndFutureDates) {
  const Json opened = open_notification();
  const long long id = opened["id"].as_integer();
  const auto impossible = command(id, "submit_notification", 1, R"({"submitted_on":"2023-02-29"})");
  expect_problem(impossible, 400, "INVALID_FACTS");
  EXPECT_NE(impossible.body.find("not a real calendar date"), std::string::npos);
  expect_problem(command(id, "submit_notification", 1, R"({"submitted_on":"2022-09-17"})"), 422,
                 "CASE_COMMAND_REFUSED");  // after today, the 16th
  EXPECT_EQ(version_of(id), 1);
}

TEST_F(ErrorsApi, NotAllowedInThisStateIs409WithTheAllowedSteps) {
  const Json opened = open_notification();
  const long long id = opened["id"].as_integer();
  ASSERT_EQ(command(id, "submit_notification", 1, R"({"submitted_on":"2022-09-15"})").status, 200);
  const auto r = command(id, "record_criteria_not_met", 2,
                         R"({"decided_on":"2022-09-15","reason":"Strategy discussion found no concerns of abuse."})");
  expect_problem(r, 409, "CASE_COMMAND_NOT_ALLOWED");
  EXPECT_EQ(r.json()["state"].as_string(), "notified");
  EXPECT_EQ(r.json()["allowed_commands"].items().size(), 3u);
  EXPECT_EQ(version_of(id), 2);
}

TEST_F(ErrorsApi, AGuardRefusesWithItsReasonAs422) {
  const auto r = server().post_json("/api/v1/cases",
                                    R"({"kind":"serious_incident_notification","facts":{"became_aware_on":"2022-09-14",
          "harm":"serious_harm","abuse_or_neglect":"not_suspected","location":"in_area",
          "local_authority":"Northam City Council","summary":"Accidental injury"}})");
  expect_problem(r, 422, "CASE_COMMAND_REFUSED");
  EXPECT_NE(r.json()["detail"].as_string().find("abuse or neglect"), std::string::npos);
  EXPECT_EQ(r.json()["errors"].items()[0]["field"].as_string(), "abuse_or_neglect");
  const Json opened = open_notification();
  const auto before = command(opened["id"].as_integer(), "submit_notification", 1, R"({"submitted_on":"2022-09-13"})");
  expect_problem(before, 422, "CASE_COMMAND_REFUSED");
}

TEST_F(ErrorsApi, AStaleVersionIs409AndChangesNothing) {
  const Json opened = open_notification();
  const long long id = opened["id"].as_integer();
  ASSERT_EQ(command(id, "submit_notification", 1, R"({"submitted_on":"2022-09-15"})").status, 200);
  const auto r = command(id, "record_partners_informed", 1, R"({"informed_on":"2022-09-15","partners":["Police"]})");
  expect_problem(r, 409, "CASE_VERSION_STALE");
  EXPECT_EQ(r.json()["current_version"].as_integer(), 2);
  EXPECT_EQ(version_of(id), 2);
  expect_problem(server().post_json("/api/v1/cases/" + std::to_string(id) + "/commands",
                                    R"({"command":"submit_rapid_review","expected_version":"2","facts":{}})"),
                 400, "INVALID_MEMBER");
  expect_problem(server().post_json("/api/v1/cases/" + std::to_string(id) + "/commands",
                                    R"({"command":"submit_rapid_review","facts":{}})"),
                 400, "MISSING_MEMBER");
}

TEST_F(ErrorsApi, OversizedBodiesAre413) {
  const std::string big(std::size_t{70} << 10, 'a');
  expect_problem(server().post_json("/api/v1/cases", big), 413, "BODY_TOO_LARGE");
  // Chunked, so the server cannot know the size in advance.
  std::string raw =
      "POST /api/v1/cases HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 20; ++i) raw += "1000\r\n" + std::string(4096, 'a') + "\r\n";
  raw += "0\r\n\r\n";
  const std::string reply = server().raw_exchange(raw);
  EXPECT_EQ(reply.substr(0, 12), "HTTP/1.1 413") << reply.substr(0, 200);
}

TEST_F(ErrorsApi, PathsOutsideTheApiAre404AndWrongMethods405) {
  // Outside /api/ an address is a page of the browser interface: an unknown one
  // is the page shell with 404 (it says "Page not found"), never a file.
  const auto page = server().get("/etc/passwd");
  EXPECT_EQ(page.status, 404);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(page.body.find("root:"), std::string::npos);
  expect_problem(server().get("/assets/..%2F..%2F..%2Fetc%2Fpasswd"), 404, "NOT_FOUND");
  expect_problem(server().get("/assets/casereview.db"), 404, "NOT_FOUND");
  expect_problem(server().request("POST", "/dashboard", "{}", "application/json", {}), 405, "METHOD_NOT_ALLOWED");
  expect_problem(server().get("/api/v1/../../etc/passwd"), 404, "NOT_FOUND");
  expect_problem(server().get("/api/v2/cases"), 404, "NOT_FOUND");
  expect_problem(server().get("/api/v1/cases/999999"), 404, "CASE_NOT_FOUND");
  expect_problem(server().get("/api/v1/cases/abc"), 404, "CASE_NOT_FOUND");
  expect_problem(server().get("/api/v1/cases/-1/timeline"), 404, "CASE_NOT_FOUND");
  const auto r = server().request("DELETE", "/api/v1/cases", "", "", {});
  expect_problem(r, 405, "METHOD_NOT_ALLOWED");
  EXPECT_EQ(r.json()["allow"].as_string(), "GET, POST");
}

// Where two patterns match a path, a literal segment beats a placeholder,
// whatever the order of the table (OpenAPI's rule for concrete and templated
// paths); a 405 lists the methods of that pattern only.
TEST(RoutePrecedence, ALiteralSegmentBeatsAPlaceholderInEitherOrder) {
  const web::Route literal{"GET", "/api/v1/exports/ncmd", nullptr, "literal"};
  const web::Route placeholder{"GET", "/api/v1/exports/{dataset}", nullptr, "placeholder"};
  for (const auto& routes :
       {std::vector<web::Route>{literal, placeholder}, std::vector<web::Route>{placeholder, literal}}) {
    const web::RouteIndex index(routes);
    web::HttpRequest request;
    request.method = "GET";
    request.path = "/api/v1/exports/ncmd";
    EXPECT_EQ(web::find_route(request, index).operation_id, "literal");
    EXPECT_TRUE(request.params.empty());
    request.path = "/api/v1/exports/cases";
    EXPECT_EQ(web::find_route(request, index).operation_id, "placeholder");
    EXPECT_EQ(request.params.at("dataset"), "cases");
  }
}

// A literal that leads nowhere for the rest of the path gives way to the
// placeholder beside it; a placeholder never stands for an empty segment; a
// pattern's other methods make a 405, and its parameters are the segments.
TEST(RoutePrecedence, AnIndexTriesTheLiteralThenThePlaceholderAndNamesTheMethods) {
  const std::vector<web::Route> routes = {
      {"GET", "/a/b/d", nullptr, "literal"},
      {"GET", "/a/{x}/c", nullptr, "placeholder"},
      {"PUT", "/a/{x}/c", nullptr, "put", web::kSignedIn, web::BodySize::Document},
      {"DELETE", "/a/{x}/c", nullptr, "delete"},
  };
  const web::RouteIndex index(routes);
  const auto route_of = [&index](const std::string& method, const std::string& path) {
    web::HttpRequest request;
    request.method = method;
    request.path = path;
    const web::Route& route = web::find_route(request, index);
    return std::make_pair(route.operation_id, request.params);
  };
  const auto status_of = [&index](const std::string& method, const std::string& path) {
    web::HttpRequest request;
    request.method = method;
    request.path = path;
    try {
      web::find_route(request, index);
    } catch (const web::ApiError& e) {
      return std::make_pair(e.status, e.extra.contains("allow") ? e.extra["allow"].as_string() : std::string());
    }
    return std::make_pair(200, std::string());
  };
  EXPECT_EQ(route_of("GET", "/a/b/d").first, "literal");
  const auto [operation, params] = route_of("GET", "/a/b/c");
  EXPECT_EQ(operation, "placeholder");
  EXPECT_EQ(params, (std::map<std::string, std::string>{{"x", "b"}}));
  EXPECT_EQ(route_of("PUT", "/a/zz/c").first, "put");
  EXPECT_EQ(status_of("POST", "/a/b/c"), std::make_pair(405, std::string("GET, PUT, DELETE")));
  EXPECT_EQ(status_of("GET", "/a//c").first, 404);
  EXPECT_EQ(status_of("GET", "/a/b/c/").first, 404);
  EXPECT_EQ(status_of("GET", "/a/b").first, 404);
  EXPECT_EQ(status_of("GET", "").first, 404);
  EXPECT_EQ(web::body_size_for("PUT", "/a/b/c", index), web::BodySize::Document);
  EXPECT_EQ(web::body_size_for("GET", "/a/b/c", index), web::BodySize::Json);
  EXPECT_EQ(web::body_size_for("PUT", "/nowhere", index), web::BodySize::Json);
}

// Two patterns of one shape are one pattern to the router: the table's first
// answers, and the other's routes are never reached (as before the index).
TEST(RoutePrecedence, OfTwoPatternsOfOneShapeTheFirstAnswers) {
  const std::vector<web::Route> routes = {
      {"GET", "/x/{id}", nullptr, "by id"},
      {"DELETE", "/x/{name}", nullptr, "by name"},
  };
  const web::RouteIndex index(routes);
  web::HttpRequest request;
  request.method = "GET";
  request.path = "/x/5";
  EXPECT_EQ(web::find_route(request, index).operation_id, "by id");
  EXPECT_EQ(request.params, (std::map<std::string, std::string>{{"id", "5"}}));
  request.method = "DELETE";
  try {
    web::find_route(request, index);
    ADD_FAILURE() << "DELETE /x/5 found a route";
  } catch (const web::ApiError& e) {
    EXPECT_EQ(e.status, 405);
    EXPECT_EQ(e.extra["allow"].as_string(), "GET");
  }
}

TEST_F(ErrorsApi, ALiteralPathIsNeverTakenForAPlaceholder) {
  const auto checks = server().get("/api/v1/cases/checks");  // not a case whose id is "checks"
  expect_problem(checks, 405, "METHOD_NOT_ALLOWED");
  EXPECT_EQ(checks.json()["allow"].as_string(), "POST");
}

TEST_F(ErrorsApi, UnknownQueryParametersAndBadEncodingAre400) {
  expect_problem(server().get("/api/v1/cases?colour=red"), 400, "INVALID_QUERY");
  expect_problem(server().get("/api/v1/cases?limit=0"), 400, "INVALID_QUERY");
  expect_problem(server().get("/api/v1/cases?kind=%zz"), 400, "INVALID_URI");
}

TEST_F(ErrorsApi, AForgedOrMangledSessionCookieIsSimplyNotSignedIn) {
  for (const std::string& cookie :
       std::vector<std::string>{"casereview_session=0000", "casereview_session=" + std::string(300, 'a'),
                                "casereview_session=", "other=1", "casereview_session=x\x01y"}) {
    const std::string raw =
        "GET /api/v1/cases HTTP/1.1\r\nHost: x\r\nCookie: " + cookie + "\r\nConnection: close\r\n\r\n";
    const std::string reply = server().raw_exchange(raw);
    EXPECT_EQ(reply.substr(0, 12), "HTTP/1.1 401") << cookie << ": " << reply.substr(0, 200);
    EXPECT_NE(reply.find("NOT_SIGNED_IN"), std::string::npos) << cookie;
  }
}

TEST_F(ErrorsApi, GarbageOnTheWireNeverCrashesTheServer) {
  server().raw_exchange("THIS IS NOT HTTP\r\n\r\n", 1000);
  server().raw_exchange(std::string("\x00\x01\x02\xff", 4), 1000);
  server().raw_exchange("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nab", 500);  // short body
  EXPECT_EQ(server().get("/api/v1/health").status, 200);
}

TEST_F(ErrorsApi, KeepAliveSurvivesErrors) {
  const std::string raw =
      "GET /api/v1/no-such-thing HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  const std::string reply = server().raw_exchange(raw);
  EXPECT_EQ(reply.substr(0, 12), "HTTP/1.1 404");
  EXPECT_NE(reply.find("HTTP/1.1 200"), std::string::npos);
}

// A failure inside the server (here: a stored date made unreadable behind its
// back) still gets a problem response with an incident id, and no internals.
TEST_F(ErrorsApi, AnInternalFailureStillGetsAProblemResponse) {
  const Json opened = open_notification();
  const long long id = opened["id"].as_integer();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path().c_str(), &db), SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  const std::string sql = "UPDATE cases SET opened_on = 'garbage' WHERE id = " + std::to_string(id);
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  const auto r = server().get("/api/v1/cases/" + std::to_string(id));
  expect_problem(r, 500, "INTERNAL_ERROR");
  EXPECT_TRUE(r.json()["incident"].is_string());
  EXPECT_EQ(r.body.find("garbage"), std::string::npos);
  EXPECT_EQ(r.body.find("SELECT"), std::string::npos);
  EXPECT_NE(server().log().find(r.json()["incident"].as_string()), std::string::npos);
  EXPECT_EQ(server().get("/api/v1/health").status, 200);
}

}  // namespace
}  // namespace casereview
