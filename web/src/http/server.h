#pragma once
// The HTTP server: Poco's HTTPServer on its own sized thread pool, with socket
// timeouts, keep-alive limits and a request-body limit. Every request goes
// through one handler that decodes it, dispatches it on the route table and
// turns any error into a problem response, so no exception ever closes a
// connection without an answer.

#include <memory>
#include <string>

namespace casereview::web {

class App;

class Server {
 public:
  explicit Server(App& app);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // start() throws Poco exceptions, also when the TLS files cannot be used.
  // stop() may be called more than once; the destructor calls it. `app` must
  // outlive the Server.
  void start();      // binds and starts serving; throws when the address cannot be bound
  void stop();       // stops accepting and waits for requests in progress
  int port() const;  // the bound port (useful with port 0); 0 before start()
  std::string url() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace casereview::web
