// The server speaking HTTPS itself (Poco NetSSL), with a certificate made for
// the test: the session cookie is then Secure and browsers are told to stay on
// HTTPS.
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/StreamCopier.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <stdexcept>
#include <string>

#include "api_fixture.h"

namespace casereview {
namespace {

using testing_support::add_user;
using testing_support::kTestPassword;
using testing_support::ServerProcess;
using testing_support::TempDir;
using testing_support::test_today;

struct Reply {
  int status = 0;
  Poco::Net::HTTPResponse response;
  std::string body;
};

// `method` on `target` over HTTPS, with `body` as JSON unless empty and
// `cookie` ("name=value") unless empty.
Reply https_request(int port, const std::string& method, const std::string& target, const std::string& body,
                    const std::string& cookie = "") {
  // The test trusts its own self-signed certificate by not verifying it.
  Poco::Net::Context::Ptr context =
      new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", Poco::Net::Context::VERIFY_NONE);
  Poco::Net::HTTPSClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port), context);
  Poco::Net::HTTPRequest request(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
  if (!cookie.empty()) request.set("Cookie", cookie);
  if (!body.empty()) {
    request.setContentType("application/json");
    request.setContentLength64(static_cast<Poco::Int64>(body.size()));
  }
  session.sendRequest(request) << body;
  Reply reply;
  std::istream& in = session.receiveResponse(reply.response);
  reply.status = static_cast<int>(reply.response.getStatus());
  Poco::StreamCopier::copyToString(in, reply.body);
  return reply;
}

Reply https_post(int port, const std::string& target, const std::string& body) {
  return https_request(port, Poco::Net::HTTPRequest::HTTP_POST, target, body);
}

// A self-signed certificate and its key for 127.0.0.1, made in `scratch`.
struct Certificate {
  std::string cert;
  std::string key;
};
Certificate make_certificate(const TempDir& scratch) {
  Certificate made{scratch.file("cert.pem"), scratch.file("key.pem")};
  const std::string command = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -keyout '" +
                              made.key + "' -out '" + made.cert + "' >/dev/null 2>&1";
  if (std::system(command.c_str()) != 0) {
    throw std::runtime_error("openssl could not make a certificate (.ci/install-deps installs it)");
  }
  return made;
}

TEST(Tls, ServesHttpsWithASecureCookieAndHsts) {
  Poco::Net::initializeSSL();
  TempDir scratch;
  const Certificate made = make_certificate(scratch);
  const std::string db = scratch.file("tls.db");
  add_user(db, "manager", "manager");
  ServerProcess server(db, {"--tls-cert", made.cert, "--tls-key", made.key});

  const Reply r = https_post(server.port(), "/api/v1/session",
                             std::string(R"({"username":"manager","password":")") + kTestPassword + "\"}");
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string cookie = r.response.get("Set-Cookie");
  EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos) << cookie;
  EXPECT_EQ(r.response.get("Strict-Transport-Security"), "max-age=31536000");

  // Plain HTTP on the TLS port gets no answer from the API.
  const std::string plain = server.raw_exchange("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n", 1000);
  EXPECT_EQ(plain.find("\"status\":\"ok\""), std::string::npos);
  EXPECT_EQ(server.stop(), 0) << server.log();
  Poco::Net::uninitializeSSL();
}

// A long answer, sent chunked as it is written (web/src/http/answer_stream.h),
// goes through the TLS layer piece by piece: the same bytes as a plain
// server sends for it whole.
TEST(Tls, ALongAnswerIsSentChunkedAsItIsWrittenTheSameBytesAsOverPlainHttp) {
  Poco::Net::initializeSSL();
  TempDir scratch;
  const Certificate made = make_certificate(scratch);
  const std::string db = scratch.file("demo.db");
  const auto loaded = testing_support::run_casereview({"demo", "load", "--db", db, "--today", test_today()});
  ASSERT_EQ(loaded.exit_code, 0) << loaded.err;
  const std::string sign_in = R"({"username":"demo.manager","password":"demonstration only 2026"})";
  const std::string timeliness =
      "/api/v1/reports/timeliness?from=" + std::to_string(std::stoi(test_today().substr(0, 4)) - 3) +
      "-01-01&to=" + test_today();

  std::string over_tls;
  {
    ServerProcess server(
        db, {"--tls-cert", made.cert, "--tls-key", made.key, "--today", test_today(), "--answer-piece-kib", "1"});
    const Reply signed_in = https_post(server.port(), "/api/v1/session", sign_in);
    ASSERT_EQ(signed_in.status, 200) << signed_in.body;
    const std::string set_cookie = signed_in.response.get("Set-Cookie");
    const Reply r = https_request(server.port(), Poco::Net::HTTPRequest::HTTP_GET, timeliness, "",
                                  set_cookie.substr(0, set_cookie.find(';')));
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(r.response.getChunkedTransferEncoding());
    over_tls = r.body;
    EXPECT_EQ(server.stop(), 0) << server.log();
  }
  ASSERT_GE(over_tls.size(), std::size_t{10} * 1024) << "long enough to be written in pieces of 1 KiB";

  ServerProcess plain(db, {"--today", test_today()});
  const auto whole = plain.as(plain.sign_in("demo.manager", "demonstration only 2026")).get(timeliness);
  ASSERT_EQ(whole.status, 200) << whole.body;
  EXPECT_EQ(whole.headers.count("transfer-encoding"), 0u) << "sent whole, in one piece of its 1 MiB";
  EXPECT_TRUE(over_tls == whole.body);
  EXPECT_EQ(plain.stop(), 0) << plain.log();
  Poco::Net::uninitializeSSL();
}

TEST(Tls, ACertificateWithoutItsKeyIsABadUsage) {
  TempDir scratch;
  const auto r = testing_support::run_casereview({"serve", "--db", scratch.file("x.db"), "--tls-cert", "c.pem"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--tls-cert and --tls-key go together"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace casereview
