// An answer is sent whole, its head and every piece in order, however the
// socket takes it (web/src/http/send_whole.h): here a socket pair whose send
// buffer is far smaller than the answer, so that most calls send part of a
// piece and the next starts inside it.
#include "http/send_whole.h"

#include <Poco/Net/NetException.h>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <thread>
#include <vector>

namespace casereview::web {
namespace {

// Everything read from `fd` until the other end closes.
std::string read_all(int fd) {
  std::string got;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n <= 0) return got;
    got.append(buffer, static_cast<std::size_t>(n));
  }
}

struct SocketPair {
  SocketPair() {
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    const int small = 4096;
    EXPECT_EQ(::setsockopt(fds[0], SOL_SOCKET, SO_SNDBUF, &small, sizeof small), 0);
  }
  ~SocketPair() {
    for (const int fd : fds) {
      if (fd >= 0) ::close(fd);
    }
  }
  void close_sender() {
    ::close(fds[0]);
    fds[0] = -1;
  }
  int fds[2] = {-1, -1};
};

TEST(SendWhole, SendsTheHeadAndEveryPieceInOrderThoughTheSocketTakesPartsOfThem) {
  // More pieces than one call takes, of many lengths, some empty.
  std::vector<std::string> pieces = {"HTTP/1.1 200 OK\r\nContent-Length: ...\r\n\r\n"};
  for (int i = 0; i < 150; ++i) {
    pieces.emplace_back(static_cast<std::size_t>((i * 7919) % 20000), static_cast<char>('a' + i % 26));
  }
  pieces.emplace_back();
  pieces.emplace_back(300000, 'z');
  std::string expected;
  for (const std::string& piece : pieces) expected += piece;
  const std::vector<std::string_view> parts(pieces.begin(), pieces.end());

  SocketPair pair;
  std::string got;
  std::thread reader([&] { got = read_all(pair.fds[1]); });
  send_whole(pair.fds[0], parts);
  pair.close_sender();
  reader.join();
  EXPECT_EQ(got.size(), expected.size());
  EXPECT_TRUE(got == expected) << "the bytes arrived out of order or changed";
}

TEST(SendWhole, SendsNothingForNoPartsAndFailsOnAClosedPeer) {
  SocketPair pair;
  send_whole(pair.fds[0], {});
  send_whole(pair.fds[0], {std::string_view()});
  pair.close_sender();
  EXPECT_EQ(read_all(pair.fds[1]), "");

  SocketPair gone;
  ::close(gone.fds[1]);
  gone.fds[1] = -1;
  const std::string part(100000, 'x');
  EXPECT_THROW(send_whole(gone.fds[0], {part}), Poco::Net::NetException) << "no SIGPIPE: an exception";
}

}  // namespace
}  // namespace casereview::web
