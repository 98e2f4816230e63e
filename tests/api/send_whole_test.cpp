// An answer is sent whole, its head and every piece in order
// (web/src/http/send_whole.h): on a real socket pair, more pieces than one
// call takes; and through a test fake of sendmsg(2) that takes only part of
// what it is given, as a socket whose send timeout passes mid-way does, so
// that the next call starts inside a piece.
#include "http/send_whole.h"

#include <Poco/Exception.h>
#include <Poco/Net/NetException.h>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
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
  SocketPair() { EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0); }
  ~SocketPair() {
    for (const int fd : fds) {
      if (fd >= 0) ::close(fd);
    }
  }
  void close_end(int i) {
    ::close(fds[i]);
    fds[i] = -1;
  }
  int fds[2] = {-1, -1};
};

// An answer's head and 152 pieces of many lengths, some empty.
std::vector<std::string> answer_pieces() {
  std::vector<std::string> pieces = {"HTTP/1.1 200 OK\r\nContent-Length: ...\r\n\r\n"};
  for (int i = 0; i < 150; ++i) {
    pieces.emplace_back(static_cast<std::size_t>((i * 7919) % 20000), static_cast<char>('a' + i % 26));
  }
  pieces.emplace_back();
  pieces.emplace_back(300000, 'z');
  return pieces;
}

// What the other end of a socket pair reads of `parts` sent by
// send_whole(..., send_message); the sender's end is closed after, however
// send_whole ends, so that the reader always finishes.
std::string sent_and_read(const std::vector<std::string>& pieces, SendMessage send_message) {
  const std::vector<std::string_view> parts(pieces.begin(), pieces.end());
  SocketPair pair;
  std::string got;
  std::thread reader([&] { got = read_all(pair.fds[1]); });
  try {
    send_whole(pair.fds[0], parts, send_message);
  } catch (const Poco::Exception& e) {
    ADD_FAILURE() << e.displayText();
  }
  pair.close_end(0);
  reader.join();
  return got;
}

std::string joined(const std::vector<std::string>& pieces) {
  std::string whole;
  for (const std::string& piece : pieces) whole += piece;
  return whole;
}

// Test fakes of sendmsg(2): the real call, given at most 777 bytes of what it
// was asked to send; and the same, but interrupted by a signal every third call.
ssize_t at_most_777_bytes(int fd, const msghdr* message, int flags) {
  std::vector<iovec> some;
  std::size_t room = 777;
  for (std::size_t i = 0; i < message->msg_iovlen && room > 0; ++i) {
    const std::size_t take = std::min(room, message->msg_iov[i].iov_len);
    some.push_back({message->msg_iov[i].iov_base, take});
    room -= take;
  }
  msghdr less = *message;
  less.msg_iov = some.data();
  less.msg_iovlen = some.size();
  return ::sendmsg(fd, &less, flags);
}

int calls = 0;
ssize_t interrupted_now_and_then(int fd, const msghdr* message, int flags) {
  if (++calls % 3 == 0) {
    errno = EINTR;
    return -1;
  }
  return at_most_777_bytes(fd, message, flags);
}

ssize_t timed_out(int, const msghdr*, int) {
  errno = EAGAIN;
  return -1;
}

TEST(SendWhole, SendsTheHeadAndEveryPieceInOrderMoreThanOneCallTakes) {
  const std::vector<std::string> pieces = answer_pieces();
  const std::string got = sent_and_read(pieces, ::sendmsg);
  EXPECT_EQ(got.size(), joined(pieces).size());
  EXPECT_TRUE(got == joined(pieces)) << "the bytes arrived out of order or changed";
}

TEST(SendWhole, GoesOnFromInsideAPieceWhenACallSendsOnlyPartOfIt) {
  const std::vector<std::string> pieces = answer_pieces();
  std::string got = sent_and_read(pieces, at_most_777_bytes);
  EXPECT_TRUE(got == joined(pieces)) << "test fake: 777 bytes a call";
  calls = 0;
  got = sent_and_read(pieces, interrupted_now_and_then);
  EXPECT_GT(calls, 1000);
  EXPECT_TRUE(got == joined(pieces)) << "test fake: interrupted every third call";
}

TEST(SendWhole, SendsNothingForNoPartsAndFailsOnAClosedPeerOrATimeout) {
  SocketPair pair;
  send_whole(pair.fds[0], {});
  send_whole(pair.fds[0], {std::string_view()});
  pair.close_end(0);
  EXPECT_EQ(read_all(pair.fds[1]), "");

  SocketPair gone;
  gone.close_end(1);
  const std::string part(100000, 'x');
  EXPECT_THROW(send_whole(gone.fds[0], {part}), Poco::Net::NetException) << "no SIGPIPE: an exception";
  EXPECT_THROW(send_whole(gone.fds[0], {part}, timed_out), Poco::TimeoutException) << "test fake: a send timeout";
}

}  // namespace
}  // namespace casereview::web
