// A client's connection is kept alive between requests, for 200 requests: the
// 200th answer says the connection closes, and the next request is answered on
// a new one. The server waits for each next request itself (web/src/http/
// server.cpp: ServerSession), so the count Poco would keep is kept there.
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <gtest/gtest.h>

#include <sstream>

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

}  // namespace
}  // namespace casereview
