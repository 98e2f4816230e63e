#pragma once
// Test harness for the api label: runs the real `casereview` binary (a server on
// a free loopback port, or a one-shot command) and talks to it over HTTP.

#include <map>
#include <string>
#include <vector>

#include "casereview/engine/json.h"
#include "temp_dir.h"

namespace casereview::testing_support {

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

// Runs `casereview ARGS...` to completion.
CliResult run_casereview(const std::vector<std::string>& args);

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
};

}  // namespace casereview::testing_support
