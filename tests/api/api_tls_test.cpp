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

#include "api_fixture.h"

namespace casereview {
namespace {

using testing_support::add_user;
using testing_support::kTestPassword;
using testing_support::ServerProcess;
using testing_support::TempDir;

struct Reply {
  int status = 0;
  Poco::Net::HTTPResponse response;
  std::string body;
};

Reply https_post(int port, const std::string& target, const std::string& body) {
  // The test trusts its own self-signed certificate by not verifying it.
  Poco::Net::Context::Ptr context =
      new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", Poco::Net::Context::VERIFY_NONE);
  Poco::Net::HTTPSClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port), context);
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, target, Poco::Net::HTTPMessage::HTTP_1_1);
  request.setContentType("application/json");
  request.setContentLength64(static_cast<Poco::Int64>(body.size()));
  session.sendRequest(request) << body;
  Reply reply;
  std::istream& in = session.receiveResponse(reply.response);
  reply.status = static_cast<int>(reply.response.getStatus());
  Poco::StreamCopier::copyToString(in, reply.body);
  return reply;
}

TEST(Tls, ServesHttpsWithASecureCookieAndHsts) {
  Poco::Net::initializeSSL();
  TempDir scratch;
  const std::string cert = scratch.file("cert.pem"), key = scratch.file("key.pem");
  const std::string make_cert = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -keyout '" +
                                key + "' -out '" + cert + "' >/dev/null 2>&1";
  ASSERT_EQ(std::system(make_cert.c_str()), 0) << "openssl is installed by .ci/install-deps";
  const std::string db = scratch.file("tls.db");
  add_user(db, "manager", "manager");
  ServerProcess server(db, {"--tls-cert", cert, "--tls-key", key});

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

TEST(Tls, ACertificateWithoutItsKeyIsABadUsage) {
  TempDir scratch;
  const auto r = testing_support::run_casereview({"serve", "--db", scratch.file("x.db"), "--tls-cert", "c.pem"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--tls-cert and --tls-key go together"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace casereview
