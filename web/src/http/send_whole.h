#pragma once
// Sending an answer with as few system calls as the socket takes: its head and
// its body's pieces (HttpResponse::body_after) handed to sendmsg(2) together.
// Poco's stream sends through its 4 KB buffer, copying each piece through it
// first: five system calls for a list of 50 cases.

#include <sys/socket.h>
#include <sys/types.h>

#include <string_view>
#include <vector>

namespace casereview::web {

// sendmsg(2), or what a test puts in its place.
using SendMessage = ssize_t (*)(int fd, const msghdr* message, int flags);

// Sends every byte of `parts`, in order, on the stream socket `fd`. Throws
// Poco::TimeoutException when the socket's send timeout passes (a client
// that does not read), Poco::Net::NetException on any other failure; what was
// sent of it by then leaves the connection unusable.
void send_whole(int fd, const std::vector<std::string_view>& parts, SendMessage send_message = ::sendmsg);

}  // namespace casereview::web
