#pragma once
// Test harness for the api label: runs the real `casereview` binary (a server on
// a free loopback port, or a one-shot command) and talks to it over HTTP.

#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "casereview/engine/json.h"
#include "temp_dir.h"

namespace casereview::testing_support {

// Friday 16 September 2022: the Monday after is the one-off bank holiday of the
// State Funeral, so the stories' five-day clocks cross it.
inline constexpr const char* kStoryToday = "2022-09-16";

// The day the suites on the demonstration data (and the browser tests) run on:
// CASEREVIEW_TEST_TODAY (yyyy-mm-dd) when set, kStoryToday otherwise.
inline std::string test_today() {
  const char* day = std::getenv("CASEREVIEW_TEST_TODAY");
  return day && *day ? day : kStoryToday;
}
struct HttpResult {
  int status = 0;
  std::string content_type;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  Json json() const { return Json::parse(body); }
};

struct CliResult {
  int exit_code = -1;
  std::string out;  // standard output
  std::string err;  // standard error
};

// Every casereview started here (a command or a server) runs with
// CASEREVIEW_TODAY=test_today() in its environment: on a fixed day unless its
// own --today names another.

// Runs `casereview ARGS...` to completion, with `input` as its standard input.
CliResult run_casereview(const std::vector<std::string>& args, const std::string& input = "");

// A signed-in browser: the session cookie and the CSRF token given at sign-in.
// Empty: anonymous.
struct Credentials {
  std::string session_cookie;
  std::string csrf_token;
};

class ServerProcess;

// The session an answer started (its Set-Cookie and its csrf_token), as after a
// sign-in or a password change; throws when the answer started none.
Credentials credentials_from(const HttpResult& started);

// Requests as one user (or anonymously). Cheap to copy.
class Client {
 public:
  Client(const ServerProcess& server, Credentials who) : server_(&server), who_(std::move(who)) {}
  HttpResult get(const std::string& target, const std::map<std::string, std::string>& headers = {}) const;
  HttpResult post_json(const std::string& target, const std::string& body,
                       const std::map<std::string, std::string>& headers = {}) const;
  HttpResult put_json(const std::string& target, const std::string& body) const;
  HttpResult del(const std::string& target) const;
  HttpResult request(const std::string& method, const std::string& target, const std::string& body,
                     const std::string& content_type, const std::map<std::string, std::string>& headers) const;
  const Credentials& credentials() const { return who_; }

 private:
  const ServerProcess* server_;
  Credentials who_;
};

// `casereview serve` on 127.0.0.1 and a free port, stopped (SIGTERM) on destruction.
class ServerProcess {
 public:
  // `db_path`: the database to serve; `extra`: more command-line options.
  ServerProcess(const std::string& db_path, const std::vector<std::string>& extra = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  std::string log() const;  // what the server wrote to standard error so far

  // Signs in (POST /api/v1/session); throws unless the server says 200.
  Credentials sign_in(const std::string& username, const std::string& password,
                      const std::string& partnership = "") const;
  // get/post_json/request below act as `who` (anonymous until set).
  void act_as(Credentials who) { default_ = std::move(who); }
  Client as(Credentials who) const { return Client(*this, std::move(who)); }
  Client anonymous() const { return Client(*this, {}); }

  // With `who`'s cookie, and its CSRF token on a state-changing method, unless
  // `headers` already carry a Cookie or an X-CSRF-Token.
  HttpResult request_as(const Credentials& who, const std::string& method, const std::string& target,
                        const std::string& body, const std::string& content_type,
                        std::map<std::string, std::string> headers) const;

  HttpResult get(const std::string& target, const std::map<std::string, std::string>& headers = {}) const;
  HttpResult post_json(const std::string& target, const std::string& body,
                       const std::map<std::string, std::string>& headers = {}) const;
  HttpResult request(const std::string& method, const std::string& target, const std::string& body,
                     const std::string& content_type, const std::map<std::string, std::string>& headers) const;
  // Sends `raw` bytes on a new connection and returns everything read back until
  // the server closes the connection or `timeout_ms` passes.
  std::string raw_exchange(const std::string& raw, int timeout_ms = 3000) const;

  // Stops the server and returns its exit code.
  int stop();

 private:
  int pid_ = -1;
  int port_ = 0;
  std::string log_path_;
  Credentials default_;
};

}  // namespace casereview::testing_support
