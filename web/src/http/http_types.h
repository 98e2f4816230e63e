#pragma once
// The server's own request and response values. Handlers see only these, never
// Poco's stream-based objects, so they are plain functions that are easy to test.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "casereview/engine/access.h"
#include "casereview/engine/json.h"
#include "http/problem_catalogue.h"

namespace casereview::web {

class AnswerStream;

struct HttpRequest {
  std::string method;
  std::string path;                           // decoded, without the query
  std::map<std::string, std::string> query;   // decoded; a repeated name keeps the last
  std::map<std::string, std::string> params;  // from the route pattern, e.g. {id}
  std::string content_type;
  std::string body;
  std::string remote_address;
  bool secure = false;                 // served over TLS
  std::string session_token;           // the session cookie's value, "" when none
  std::string csrf_token;              // the X-CSRF-Token header
  std::string access_reason;           // the X-Access-Reason header: why identity is being read
  std::optional<Principal> principal;  // set once the session is known (auth.cpp)
  std::string session_hash;            // SHA-256 of session_token, when signed in
  std::string expected_csrf;           // the session's CSRF token
  bool must_change_password = false;   // the session may only change the password
  // Set for a request whose work runs on the scan workers: where a long
  // answer's pieces go as they are written (api/answer_text.h).
  std::shared_ptr<AnswerStream> answer_stream;

  // The signed-in principal; only called by handlers of routes that require one
  // (a public route's session is not even looked up unless it says it reads it:
  // Access::reads_session). Throws std::bad_optional_access, answered as an
  // internal error, when there is none.
  const Principal& who() const { return principal.value(); }
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  // The rest of a long body, after `body`, in the pieces it was written in
  // (api/answer_text.h): sent in order, never joined.
  std::vector<std::string> body_after;
  std::vector<std::pair<std::string, std::string>> headers;
  // Set when the body goes on past `body` in pieces still being written
  // (http/answer_stream.h): sent chunked as each arrives; body_after is empty.
  std::shared_ptr<AnswerStream> rest;

  static HttpResponse json(int status, const Json& body);
  // The whole body's length, its pieces after it included.
  std::size_t body_size() const {
    std::size_t size = body.size();
    for (const std::string& piece : body_after) size += piece.size();
    return size;
  }
};

// A problem with the request that a handler reports by throwing: the one place
// that maps errors (problem.cpp) turns it into application/problem+json. Its
// status, code and title come from the catalogue (problem_catalogue.h); a
// handler says only which problem it is and what happened this time. `extra`
// must be an object; its members are added to the response body. Not derived
// from std::exception: catch it by name.
struct ApiError {
  ApiError(Problem problem, std::string detail, Json extra = Json::object());

  Problem problem;
  int status;
  std::string code;    // stable identifier, e.g. "INVALID_JSON"
  std::string title;   // short, fixed per code
  std::string detail;  // this occurrence, for a person
  Json extra;          // more members: "errors", "allowed_commands", ...
};

}  // namespace casereview::web
