#pragma once
// What keeps slow and greedy clients from starving everyone else.
//
// Poco's server gives each connection a thread for as long as it lasts, and
// its socket timeout restarts with every byte: a client sending a header line
// every few seconds holds a thread for ever. The guard bounds that:
//   - admission, in the acceptor thread: at most `capacity` connections at
//     once (served or waiting for a thread) and at most `per_address` from one
//     client address; any other is answered at once "503 Service Unavailable"
//     with Retry-After (never a reset), then closed once it has had time to read it;
//   - deadlines, kept by a watchdog thread: the whole request head within
//     `head`, the whole body within `body`, the next request on a kept-alive
//     connection within `idle` + `head`; a connection past its deadline is shut
//     down, which ends the blocked read and frees the thread;
//   - keep-alive is refused while more connections are admitted than there
//     are threads to serve them, so that a kept-alive connection gives its
//     thread up at its next answer (one already idle keeps it until it asks
//     again or its idle deadline passes); not while a thread is free for each
//     one waiting, so that a connection just accepted and not yet begun does
//     not close the others. (Should Poco fail to start a thread it counts as
//     free, a connection waits at most until a kept-alive one ends.)
//   - at a stop: idle connections are closed at once, requests in progress get
//     a grace period, then every connection is shut down.
// Plain HTTP and TLS alike (a refused TLS connection is closed without an
// answer: there is no handshake to answer over).

#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace casereview::web {

// Filled from the server's settings (server.cpp, limits_for).
struct ConnectionLimits {
  int threads = 0;      // connections served at once, each on its own thread
  int capacity = 0;     // connections at once, served or waiting for a thread
  int per_address = 0;  // of those, from one client address
  std::chrono::seconds head{0};
  std::chrono::seconds body{0};
  std::chrono::seconds idle{0};
  int retry_after_seconds = 2;
  bool tls = false;
};

class ConnectionGuard {
 public:
  explicit ConnectionGuard(ConnectionLimits limits);
  ~ConnectionGuard();
  ConnectionGuard(const ConnectionGuard&) = delete;
  ConnectionGuard& operator=(const ConnectionGuard&) = delete;

  // Acceptor thread: true admits the connection; false means it has been
  // answered 503 (or, over TLS, will simply be closed) and must not be served.
  bool admit(const Poco::Net::StreamSocket& socket);

  // The connection's own thread, in this order: began (head deadline), then per
  // request body_started, body_read, response_sent (idle deadline), and ended
  // once (releases its admission). The guard knows the calling thread's connection.
  void began(const Poco::Net::StreamSocket& socket);
  void body_started();
  void body_read();
  void response_sent();
  void ended();

  // False (answer with Connection: close) when more connections are admitted
  // than there are threads, so that one waits until a served one ends, or when
  // the server is stopping.
  bool keep_alive_allowed() const;
  // Connections being served (begun and not ended).
  int serving() const;

  // Stopping: closes connections waiting for a request; those mid-request
  // keep going until abort_all().
  void stop_idle();
  void abort_all();

 private:
  enum class Phase { Head, Body, Working, Idle };
  struct Watched {
    Poco::Net::StreamSocket socket;
    std::string address;
    Phase phase = Phase::Head;
    std::chrono::steady_clock::time_point deadline;
  };
  struct Refused {
    Poco::Net::StreamSocket socket;
    std::chrono::steady_clock::time_point close_at;
  };

  void set_phase(Phase phase, std::chrono::steady_clock::duration allowed);
  void watch();
  void refuse(Poco::Net::StreamSocket socket);
  void drain_refused(std::chrono::steady_clock::time_point now);
  static void shut(const Poco::Net::StreamSocket& socket);

  const ConnectionLimits limits_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool closing_ = false;
  bool stopping_ = false;
  int admitted_ = 0;
  std::map<std::string, int> per_address_;
  std::map<std::thread::id, Watched> serving_;
  std::vector<Refused> refused_;
  std::thread watchdog_;
};

}  // namespace casereview::web
