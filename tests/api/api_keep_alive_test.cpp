// A client's connection is kept alive between requests, for 200 requests: the
// 200th answer says the connection closes, and the next request is answered on
// a new one. The server waits for each next request itself (web/src/http/
// server.cpp: ServerSession), so the count Poco would keep is kept there.
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include <gtest/gtest.h>

#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>

#include "api_fixture.h"

namespace casereview {
namespace {

using testing_support::ApiTest;

class KeepAliveApi : public ApiTest {};

TEST_F(KeepAliveApi, AConnectionServesTwoHundredRequestsAndSaysWhenItCloses) {
  Poco::Net::HTTPClientSession client("127.0.0.1", static_cast<Poco::UInt16>(server().port()));
  client.setKeepAlive(true);
  std::vector<int> closing;  // the requests whose answer said the connection closes
  for (int i = 1; i <= 201; ++i) {
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/api/v1/health",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.setKeepAlive(true);
    client.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::istream& body = client.receiveResponse(response);
    std::ostringstream text;
    Poco::StreamCopier::copyStream(body, text);
    ASSERT_EQ(response.getStatus(), Poco::Net::HTTPResponse::HTTP_OK) << "request " << i << ": " << text.str();
    if (!response.getKeepAlive()) closing.push_back(i);
  }
  EXPECT_EQ(closing, std::vector<int>{200});
}

// Reads one answer of `socket`'s stream from `buffered` on: its head, and the
// body its Content-Length says unless `head_only`.
std::pair<std::string, std::string> next_answer(Poco::Net::StreamSocket& socket, std::string& buffered,
                                                bool head_only) {
  char chunk[65536];
  const auto fill = [&] {
    const int n = socket.receiveBytes(chunk, sizeof chunk);
    if (n <= 0) throw std::runtime_error("the connection closed part-way: " + buffered.substr(0, 200));
    buffered.append(chunk, static_cast<std::size_t>(n));
  };
  while (buffered.find("\r\n\r\n") == std::string::npos) fill();
  const std::size_t head_end = buffered.find("\r\n\r\n") + 4;
  std::string head = buffered.substr(0, head_end);
  buffered.erase(0, head_end);
  const std::string marker = "Content-Length: ";
  const std::size_t at = head.find(marker);
  if (at == std::string::npos) throw std::runtime_error("no Content-Length: " + head);
  const std::size_t length = std::stoul(head.substr(at + marker.size()));
  if (head_only) return {head, ""};
  while (buffered.size() < length) fill();
  std::string body = buffered.substr(0, length);
  buffered.erase(0, length);
  return {head, body};
}

// Answers are sent whole, head and body together (server.cpp: send_whole):
// requests written at once are answered in order on one connection, a HEAD
// with its head alone, and a body larger than the socket's buffers arrives
// to its last byte.
TEST_F(KeepAliveApi, RequestsWrittenAtOnceAreAnsweredInOrderAndAHeadGetsNoBody) {
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(server().port())));
  socket.setReceiveTimeout(Poco::Timespan(30, 0));
  const std::string requests =
      "HEAD /api/v1/health HTTP/1.1\r\nHost: t\r\n\r\n"
      "GET /api/v1/openapi.json HTTP/1.1\r\nHost: t\r\n\r\n"
      "GET /api/v1/health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";
  socket.sendBytes(requests.data(), static_cast<int>(requests.size()));
  std::string buffered;

  const auto head = next_answer(socket, buffered, true);
  EXPECT_EQ(head.first.substr(0, 12), "HTTP/1.1 405") << head.first;

  const auto document = next_answer(socket, buffered, false);
  ASSERT_EQ(document.first.substr(0, 15), "HTTP/1.1 200 OK") << document.first;
  EXPECT_GT(document.second.size(), std::size_t{100000}) << "larger than a socket's buffers on loopback";
  EXPECT_EQ(document.second, server().get("/api/v1/openapi.json").body) << "as one request on its own gets it";
  EXPECT_NO_THROW(Json::parse(document.second));

  const auto health = next_answer(socket, buffered, false);
  ASSERT_EQ(health.first.substr(0, 15), "HTTP/1.1 200 OK") << health.first;
  EXPECT_EQ(Json::parse(health.second)["status"].as_string(), "ok");
  EXPECT_TRUE(buffered.empty()) << "nothing after the answers: " << buffered.substr(0, 200);
}

}  // namespace
}  // namespace casereview
