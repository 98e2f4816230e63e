#include "http/connection_guard.h"

#include <Poco/Net/NetException.h>
#include <Poco/Net/Socket.h>
#include <sys/socket.h>

#include <algorithm>

#include "log.h"

namespace casereview::web {
namespace {

using Clock = std::chrono::steady_clock;

// How often the watchdog looks; a deadline is kept to within this.
constexpr auto kWatchEvery = std::chrono::milliseconds(200);
// A refused connection stays open this long after its 503, reading and
// dropping what the client sends, so that closing it never resets the
// connection before the client has read the answer.
constexpr auto kRefusedLinger = std::chrono::seconds(2);
// At most this many refused connections linger; beyond, they are closed at once.
constexpr std::size_t kMaxLingering = 512;

std::string busy_answer(int retry_after_seconds) {
  const std::string body =
      R"({"type":"urn:casereview:problem:SERVER_BUSY","title":"The server is busy",)"
      R"("status":503,"code":"SERVER_BUSY","detail":"Too many connections are open, from this address or in all. )"
      R"(Try again in a moment."})";
  return "HTTP/1.1 503 Service Unavailable\r\nRetry-After: " + std::to_string(retry_after_seconds) +
         "\r\nContent-Type: application/problem+json; charset=utf-8\r\nCache-Control: no-store\r\n"
         "Content-Length: " +
         std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

}  // namespace

ConnectionGuard::ConnectionGuard(ConnectionLimits limits) : limits_(limits), watchdog_([this] { watch(); }) {}

ConnectionGuard::~ConnectionGuard() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
  }
  wake_.notify_all();
  watchdog_.join();
}

bool ConnectionGuard::admit(const Poco::Net::StreamSocket& socket) {
  std::string address;
  try {
    address = socket.peerAddress().host().toString();
  } catch (const Poco::Exception&) {
    return false;  // gone before it could be looked at
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    int& mine = per_address_[address];
    if (!stopping_ && admitted_ < limits_.capacity && mine < limits_.per_address) {
      ++mine;
      ++admitted_;
      return true;
    }
    if (mine == 0) per_address_.erase(address);
  }
  log_line(LogLevel::Warning, "CONNECTION_REFUSED", address + ": too many connections; answered 503");
  refuse(socket);
  return false;
}

void ConnectionGuard::refuse(Poco::Net::StreamSocket socket) {
  if (limits_.tls) return;  // no handshake yet: closing is all there is
  try {
    socket.setBlocking(false);
    const std::string answer = busy_answer(limits_.retry_after_seconds);
    socket.sendBytes(answer.data(), static_cast<int>(answer.size()));
    socket.shutdownSend();
  } catch (const Poco::Exception&) {
    return;  // the client has gone; nothing to answer
  }
  std::lock_guard<std::mutex> lock(mutex_);
  if (refused_.size() < kMaxLingering) refused_.push_back({socket, Clock::now() + kRefusedLinger});
}

void ConnectionGuard::began(const Poco::Net::StreamSocket& socket) {
  std::string address;
  try {
    address = socket.peerAddress().host().toString();
  } catch (const Poco::Exception&) {
    address = "";
  }
  std::lock_guard<std::mutex> lock(mutex_);
  Watched& w = serving_[std::this_thread::get_id()];
  w.socket = socket;
  w.address = address;
  w.phase = Phase::Head;
  w.deadline = Clock::now() + limits_.head;
  if (stopping_) shut(socket);
}

void ConnectionGuard::set_phase(Phase phase, Clock::duration allowed) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = serving_.find(std::this_thread::get_id());
  if (found == serving_.end()) return;
  found->second.phase = phase;
  found->second.deadline = Clock::now() + allowed;
  if (stopping_ && phase == Phase::Idle) shut(found->second.socket);
}

void ConnectionGuard::body_started() { set_phase(Phase::Body, limits_.body); }
void ConnectionGuard::body_read() { set_phase(Phase::Working, Clock::duration::max() / 2); }
void ConnectionGuard::response_sent() { set_phase(Phase::Idle, limits_.idle + limits_.head); }

void ConnectionGuard::ended() {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = serving_.find(std::this_thread::get_id());
  if (found == serving_.end()) return;
  auto mine = per_address_.find(found->second.address);
  if (mine != per_address_.end() && --mine->second <= 0) per_address_.erase(mine);
  --admitted_;
  serving_.erase(found);
  wake_.notify_all();
}

bool ConnectionGuard::keep_alive_allowed() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return !stopping_ && admitted_ <= limits_.threads;
}

int ConnectionGuard::serving() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return static_cast<int>(serving_.size());
}

void ConnectionGuard::stop_idle() {
  std::lock_guard<std::mutex> lock(mutex_);
  stopping_ = true;
  for (auto& [thread, w] : serving_) {
    if (w.phase == Phase::Head || w.phase == Phase::Idle) shut(w.socket);
  }
}

void ConnectionGuard::abort_all() {
  std::lock_guard<std::mutex> lock(mutex_);
  stopping_ = true;
  for (auto& [thread, w] : serving_) shut(w.socket);
}

// shutdown(2) on the descriptor: a read blocked in another thread returns at
// once, for plain and TLS sockets alike. The descriptor stays open until the
// connection's own thread closes it.
void ConnectionGuard::shut(const Poco::Net::StreamSocket& socket) {
  const poco_socket_t fd = socket.impl()->sockfd();
  if (fd != POCO_INVALID_SOCKET) ::shutdown(fd, SHUT_RDWR);
}

void ConnectionGuard::drain_refused(Clock::time_point now) {
  std::vector<Refused> lingering;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    lingering.swap(refused_);
  }
  std::vector<Refused> keep;
  for (Refused& r : lingering) {
    bool open = now < r.close_at;
    try {
      char sink[4096];
      while (open && r.socket.available() > 0) {
        if (r.socket.receiveBytes(sink, sizeof sink) <= 0) open = false;
      }
    } catch (const Poco::Exception&) {
      open = false;
    }
    if (open) keep.push_back(std::move(r));
  }
  std::lock_guard<std::mutex> lock(mutex_);
  for (Refused& r : keep) refused_.push_back(std::move(r));
}

void ConnectionGuard::watch() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!closing_) {
    wake_.wait_for(lock, kWatchEvery);
    const auto now = Clock::now();
    for (auto& [thread, w] : serving_) {
      if (now < w.deadline) continue;
      const char* what = w.phase == Phase::Head   ? "did not send its request head in time"
                         : w.phase == Phase::Body ? "did not send its body in time"
                                                  : "sent no further request in time";
      if (w.phase != Phase::Idle) log_line(LogLevel::Warning, "CONNECTION_TIMED_OUT", w.address + " " + what);
      shut(w.socket);
      w.deadline = Clock::time_point::max();
    }
    lock.unlock();
    drain_refused(now);
    lock.lock();
  }
}

}  // namespace casereview::web
