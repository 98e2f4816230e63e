// When the connection guard lets a kept-alive connection stay open
// (web/src/http/connection_guard.h): while a thread is free for every
// connection admitted, and not once more are admitted than there are threads.
#include "http/connection_guard.h"

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace casereview::web {
namespace {

ConnectionLimits two_threads() {
  ConnectionLimits limits;
  limits.threads = 2;
  limits.capacity = 10;
  limits.per_address = 10;
  limits.head = std::chrono::seconds(30);
  limits.body = std::chrono::seconds(30);
  limits.idle = std::chrono::seconds(30);
  return limits;
}

// Connections made on loopback, as the acceptor thread would hold them.
class Loopback {
 public:
  Loopback() : listening_(Poco::Net::SocketAddress("127.0.0.1", 0)) {}
  Poco::Net::StreamSocket accept_one() {
    clients_.emplace_back(Poco::Net::SocketAddress("127.0.0.1", listening_.address().port()));
    return listening_.acceptConnection();
  }

 private:
  Poco::Net::ServerSocket listening_;
  std::vector<Poco::Net::StreamSocket> clients_;
};

// A connection just accepted has no thread yet; while a thread is free for it,
// the connections being served keep theirs alive. (Refusing keep-alive then made
// every new connection close others, which wrk saw as one reconnection in nine.)
TEST(ConnectionGuard, KeepsAliveWhileEveryAdmittedConnectionHasAThread) {
  Loopback loopback;
  ConnectionGuard guard(two_threads());
  const Poco::Net::StreamSocket first = loopback.accept_one();
  ASSERT_TRUE(guard.admit(first));
  std::thread served([&] {
    guard.began(first);
    guard.response_sent();
    EXPECT_TRUE(guard.keep_alive_allowed());
    guard.ended();
  });
  served.join();
  const Poco::Net::StreamSocket waiting = loopback.accept_one();
  ASSERT_TRUE(guard.admit(waiting));
  EXPECT_EQ(guard.serving(), 0);
  EXPECT_TRUE(guard.keep_alive_allowed());  // one admitted, two threads
  const Poco::Net::StreamSocket second = loopback.accept_one();
  ASSERT_TRUE(guard.admit(second));
  EXPECT_TRUE(guard.keep_alive_allowed());  // two admitted, two threads
}

// One more connection than there are threads: a kept-alive connection must
// close after its answer so that the waiting one gets a thread; once one has
// ended, keep-alive is allowed again.
TEST(ConnectionGuard, RefusesKeepAliveOnceAConnectionMustWaitForAThread) {
  Loopback loopback;
  ConnectionGuard guard(two_threads());
  std::vector<Poco::Net::StreamSocket> sockets;
  for (int i = 0; i < 3; ++i) {
    sockets.push_back(loopback.accept_one());
    ASSERT_TRUE(guard.admit(sockets.back()));
  }
  EXPECT_FALSE(guard.keep_alive_allowed());
  std::thread ending([&] {
    guard.began(sockets[0]);
    guard.ended();
  });
  ending.join();
  EXPECT_TRUE(guard.keep_alive_allowed());
}

}  // namespace
}  // namespace casereview::web
