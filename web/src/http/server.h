#pragma once
// The HTTP server: Poco's HTTPServer on its own sized thread pool, with socket
// timeouts, keep-alive limits and a request-body limit. Every request goes
// through one handler that decodes it, dispatches it on the route table and
// turns any error into a problem response, so no exception ever closes a
// connection without an answer.

#include <chrono>
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
  void start();  // binds and starts serving; throws when the address cannot be bound
  // Stops accepting, closes idle connections, lets requests in progress finish
  // for `grace`, then shuts every connection and waits 2 s more. False when a
  // request thread is still running after that (it cannot be interrupted): the
  // caller should then exit the process rather than wait.
  bool stop(std::chrono::seconds grace);
  bool stop();       // with the settings' stop grace
  int port() const;  // the bound port (useful with port 0); 0 before start()
  // Work of the server's own that read as much as a report (ReportWarmUp)
  // and took `took`: what it used is given back as after such a request
  // (memory_release.h).
  void after_background_work(std::chrono::milliseconds took);
  std::string url() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace casereview::web
