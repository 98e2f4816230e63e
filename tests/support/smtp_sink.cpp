#include "smtp_sink.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <csignal>
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

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The headers of a message, unfolded, and where its body starts.
std::vector<std::pair<std::string, std::string>> headers_of(const std::string& raw, std::size_t& body_at) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t at = 0;
  body_at = raw.size();
  while (at < raw.size()) {
    std::size_t end = raw.find('\n', at);
    if (end == std::string::npos) end = raw.size();
    std::string line = raw.substr(at, end - at);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    at = end + 1;
    if (line.empty()) {
      body_at = std::min(at, raw.size());
      break;
    }
    if ((line[0] == ' ' || line[0] == '\t') && !out.empty()) {
      out.back().second += " " + line.substr(line.find_first_not_of(" \t"));
      continue;
    }
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(" \t"));
    out.emplace_back(line.substr(0, colon), value);
  }
  return out;
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// RFC 2045 quoted-printable: soft line breaks removed, =XX decoded, CRLF as LF.
std::string from_quoted_printable(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r') continue;
    if (c != '=') {
      out += c;
      continue;
    }
    if (i + 1 < text.size() && (text[i + 1] == '\n' || text[i + 1] == '\r')) {
      i += text[i + 1] == '\r' ? 2 : 1;  // "=\r\n" or "=\n"
      continue;
    }
    if (i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
      out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
      i += 2;
      continue;
    }
    out += c;
  }
  return out;
}

ArrivedMail parse(const std::string& raw) {
  ArrivedMail mail;
  mail.raw = raw;
  std::size_t body_at = 0;
  const auto headers = headers_of(raw, body_at);
  const auto get = [&](const char* name) {
    for (const auto& [key, value] : headers) {
      if (lower(key) == lower(name)) return value;
    }
    return std::string();
  };
  mail.envelope_to = get("X-RcptTo");
  mail.envelope_from = get("X-MailFrom");
  mail.to = get("To");
  mail.from = get("From");
  mail.subject = get("Subject");
  const std::string body = raw.substr(body_at);
  mail.body = lower(get("Content-Transfer-Encoding")) == "quoted-printable" ? from_quoted_printable(body) : body;
  // The line break the sender puts before the end of the data is not the text's.
  if (!mail.body.empty() && mail.body.back() == '\n') mail.body.pop_back();
  return mail;
}

}  // namespace

std::string ArrivedMail::header(const std::string& name) const {
  std::size_t body_at = 0;
  for (const auto& [key, value] : headers_of(raw, body_at)) {
    if (lower(key) == lower(name)) return value;
  }
  return "";
}

int SmtpSink::free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    if (fd >= 0) close(fd);
    throw std::runtime_error("no free loopback port");
  }
  close(fd);
  return ntohs(address.sin_port);
}

SmtpSink::SmtpSink(const SmtpSinkOptions& options) : port_(options.port ? options.port : free_port()) {
  const std::string out_path = dir_.file("sink.out"), err_path = dir_.file("sink.err");
  std::vector<std::string> args = {
      "/usr/bin/python3", std::string(CASEREVIEW_SOURCE_DIR) + "/tests/support/smtp_sink.py",
      "--port",           std::to_string(port_),
      "--maildir",        dir_.file("maildir")};
  if (!options.auth.empty()) args.insert(args.end(), {"--auth", options.auth});
  if (!options.tls_certificate.empty()) {
    args.insert(args.end(), {"--tls-cert", options.tls_certificate, "--tls-key", options.tls_key});
  }
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(out, STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    if (slurp(out_path).find("ready") != std::string::npos) return;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("the SMTP sink exited: " + slurp(err_path));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  stop();
  throw std::runtime_error("the SMTP sink did not start: " + slurp(err_path));
}

SmtpSink::~SmtpSink() { stop(); }

void SmtpSink::stop() {
  if (pid_ < 0) return;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::vector<ArrivedMail> SmtpSink::messages() const {
  std::vector<std::string> files;
  const std::filesystem::path fresh = dir_.file("maildir") + "/new";
  std::error_code ignored;
  for (const auto& entry : std::filesystem::directory_iterator(fresh, ignored)) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::vector<ArrivedMail> out;
  out.reserve(files.size());
  for (const std::string& f : files) {
    out.push_back(parse(slurp(f)));
    out.back().file = std::filesystem::path(f).filename();
  }
  return out;
}

std::vector<ArrivedMail> SmtpSink::wait_for(std::size_t count, std::chrono::seconds limit) const {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  auto arrived = messages();
  while (arrived.size() < count && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    arrived = messages();
  }
  return arrived;
}

}  // namespace casereview::testing_support
