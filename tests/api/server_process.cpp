#include "server_process.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace casereview::testing_support {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// This process's environment with CASEREVIEW_TODAY set to test_today(): every
// casereview the tests start runs on a fixed day unless its --today says another.
std::vector<std::string> child_environment() {
  std::vector<std::string> out;
  for (char** e = environ; *e; ++e) {
    if (std::string(*e).rfind("CASEREVIEW_TODAY=", 0) != 0) out.emplace_back(*e);
  }
  out.push_back("CASEREVIEW_TODAY=" + test_today());
  return out;
}

// fork/exec of the binary with stdout and stderr sent to files, stdin from
// `in_path` ("" = /dev/null).
int spawn(const std::vector<std::string>& args, const std::string& out_path, const std::string& err_path,
          const std::string& in_path = "") {
  std::vector<std::string> argv_storage = {CASEREVIEW_BINARY};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  argv.reserve(argv_storage.size() + 1);
  for (auto& a : argv_storage) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_storage = child_environment();
  std::vector<char*> envp;
  envp.reserve(env_storage.size() + 1);
  for (auto& e : env_storage) envp.push_back(e.data());
  envp.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    // If the test process dies (a crash, a kill), the server it started dies too.
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int in = open(in_path.empty() ? "/dev/null" : in_path.c_str(), O_RDONLY);
    dup2(in, STDIN_FILENO);
    dup2(out, STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  return pid;
}

int wait_exit(int pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + WTERMSIG(status);
}

}  // namespace

CliResult run_casereview(const std::vector<std::string>& args, const std::string& input) {
  TempDir scratch;
  const std::string out = scratch.file("out"), err = scratch.file("err"), in = scratch.file("in");
  std::ofstream(in, std::ios::binary) << input;
  const int pid = spawn(args, out, err, in);
  CliResult result;
  result.exit_code = wait_exit(pid);
  result.out = slurp(out);
  result.err = slurp(err);
  return result;
}

ServerProcess::ServerProcess(const std::string& db_path, const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"serve", "--db", db_path, "--port", "0", "--threads", "4"};
  args.insert(args.end(), extra.begin(), extra.end());
  const std::string out_path = db_path + ".serve.out";
  log_path_ = db_path + ".serve.err";
  // A server served this database before: its output (and port) must not be
  // read as this one's before the child truncates the file.
  std::remove(out_path.c_str());
  pid_ = spawn(args, out_path, log_path_);
  // The server prints "casereview is serving http(s)://127.0.0.1:PORT/" once listening.
  const std::string listening = "://127.0.0.1:";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    const std::string out = slurp(out_path);
    const auto at = out.find(listening);
    if (at != std::string::npos && out.find('/', at + listening.size()) != std::string::npos) {
      port_ = std::atoi(out.c_str() + at + listening.size());
      return;
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("casereview serve exited: " + slurp(log_path_));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  throw std::runtime_error("casereview serve did not start: " + slurp(log_path_));
}

ServerProcess::~ServerProcess() { stop(); }

int ServerProcess::stop() {
  if (pid_ < 0) return 0;
  kill(pid_, SIGTERM);
  const int code = wait_exit(pid_);
  pid_ = -1;
  return code;
}

std::string ServerProcess::log() const { return slurp(log_path_); }

Credentials ServerProcess::sign_in(const std::string& username, const std::string& password,
                                   const std::string& partnership) const {
  Json body = Json::object();
  body.set("username", username);
  body.set("password", password);
  if (!partnership.empty()) body.set("partnership", partnership);
  const HttpResult r = request_as({}, "POST", "/api/v1/session", body.dump(), "application/json", {});
  if (r.status != 200) throw std::runtime_error("sign-in of " + username + " failed: " + r.body);
  return credentials_from(r);
}

Credentials credentials_from(const HttpResult& started) {
  const auto cookie = started.headers.find("set-cookie");
  if (cookie == started.headers.end()) throw std::runtime_error("no session cookie in: " + started.body);
  return Credentials{cookie->second.substr(0, cookie->second.find(';')), started.json()["csrf_token"].as_string()};
}

HttpResult ServerProcess::request(const std::string& method, const std::string& target, const std::string& body,
                                  const std::string& content_type,
                                  const std::map<std::string, std::string>& headers) const {
  return request_as(default_, method, target, body, content_type, headers);
}

HttpResult ServerProcess::request_as(const Credentials& who, const std::string& method, const std::string& target,
                                     const std::string& body, const std::string& content_type,
                                     std::map<std::string, std::string> headers) const {
  if (!who.session_cookie.empty() && !headers.count("Cookie")) headers["Cookie"] = who.session_cookie;
  const bool changes = method != "GET" && method != "HEAD";
  if (changes && !who.csrf_token.empty() && !headers.count("X-CSRF-Token")) headers["X-CSRF-Token"] = who.csrf_token;
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port_));
  session.setTimeout(Poco::Timespan(20, 0));
  Poco::Net::HTTPRequest req(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [name, value] : headers) req.set(name, value);
  if (!body.empty() || method == "POST") {
    req.setContentType(content_type);
    req.setContentLength64(static_cast<Poco::Int64>(body.size()));
  }
  session.sendRequest(req) << body;
  Poco::Net::HTTPResponse resp;
  std::istream& in = session.receiveResponse(resp);
  HttpResult result;
  result.status = static_cast<int>(resp.getStatus());
  result.content_type = resp.getContentType();
  for (const auto& [name, value] : resp) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    result.headers[lower] = value;
  }
  Poco::StreamCopier::copyToString(in, result.body);
  return result;
}

HttpResult ServerProcess::get(const std::string& target, const std::map<std::string, std::string>& headers) const {
  return request("GET", target, "", "", headers);
}

HttpResult ServerProcess::post_json(const std::string& target, const std::string& body,
                                    const std::map<std::string, std::string>& headers) const {
  return request("POST", target, body, "application/json", headers);
}

HttpResult Client::get(const std::string& target, const std::map<std::string, std::string>& headers) const {
  return request("GET", target, "", "", headers);
}

HttpResult Client::post_json(const std::string& target, const std::string& body,
                             const std::map<std::string, std::string>& headers) const {
  return request("POST", target, body, "application/json", headers);
}

HttpResult Client::put_json(const std::string& target, const std::string& body) const {
  return request("PUT", target, body, "application/json", {});
}

HttpResult Client::del(const std::string& target) const { return request("DELETE", target, "", "", {}); }

HttpResult Client::request(const std::string& method, const std::string& target, const std::string& body,
                           const std::string& content_type, const std::map<std::string, std::string>& headers) const {
  return server_->request_as(who_, method, target, body, content_type, headers);
}

std::string ServerProcess::raw_exchange(const std::string& raw, int timeout_ms) const {
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port_)));
  socket.setReceiveTimeout(Poco::Timespan(0, timeout_ms * 1000L));
  std::size_t sent = 0;
  try {
    while (sent < raw.size()) {
      sent += static_cast<std::size_t>(socket.sendBytes(raw.data() + sent, static_cast<int>(raw.size() - sent)));
    }
  } catch (const Poco::Exception&) {
    // The server may close early (e.g. after refusing an oversized body).
  }
  std::string reply;
  char buffer[4096];
  try {
    while (true) {
      const int n = socket.receiveBytes(buffer, sizeof buffer);
      if (n <= 0) break;
      reply.append(buffer, static_cast<std::size_t>(n));
    }
  } catch (const Poco::Exception&) {
    // timeout or reset: return what arrived
  }
  return reply;
}

}  // namespace casereview::testing_support
