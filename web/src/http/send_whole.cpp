#include "http/send_whole.h"

#include <Poco/Exception.h>
#include <Poco/Net/NetException.h>
#include <sys/uio.h>

#include <algorithm>
#include <cerrno>

namespace casereview::web {

void send_whole(int fd, const std::vector<std::string_view>& parts, SendMessage send_message) {
  std::vector<iovec> left;
  left.reserve(parts.size());
  for (const std::string_view part : parts) {
    if (!part.empty()) left.push_back({const_cast<char*>(part.data()), part.size()});
  }
  // No more parts a call than the system takes (IOV_MAX is 1024 on Linux);
  // the longest answers are about a hundred pieces.
  constexpr std::size_t kMostPartsACall = 64;
  std::size_t next = 0;
  while (next < left.size()) {
    msghdr message{};
    message.msg_iov = &left[next];
    message.msg_iovlen = std::min(kMostPartsACall, left.size() - next);
    const ssize_t sent = send_message(fd, &message, MSG_NOSIGNAL);
    if (sent < 0) {
      const int error = errno;
      if (error == EINTR) continue;
      if (error == EAGAIN || error == EWOULDBLOCK) throw Poco::TimeoutException("sending the response");
      throw Poco::Net::NetException("sending the response failed", error);
    }
    // A stream socket sends something or fails; never loop on nothing.
    if (sent == 0) throw Poco::Net::NetException("sending the response sent nothing");
    // Past what was sent: whole parts dropped, the part sent into moved on.
    auto done = static_cast<std::size_t>(sent);
    while (next < left.size() && done >= left[next].iov_len) {
      done -= left[next].iov_len;
      ++next;
    }
    if (next < left.size()) {
      left[next].iov_base = static_cast<char*>(left[next].iov_base) + done;
      left[next].iov_len -= done;
    }
  }
}

}  // namespace casereview::web
