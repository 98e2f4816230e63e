// The ceiling the benchmark compares casereview's reads with (tests/bench/run):
// Poco's HTTPServer answering every request with the same small JSON body, on
// the server parameters casereview serves with (web/src/http/server.cpp): its
// own thread pool of --threads, keep-alive, the same timeouts. No routing, no
// session, no database: what a request costs in this process model and no more.
// Usage: bench_ceiling PORT [THREADS]; stops on SIGINT or SIGTERM.
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

constexpr char kBody[] = R"({"status":"ok","database":"ok","today":"2026-12-01"})";

class Constant final : public Poco::Net::HTTPRequestHandler {
 public:
  void handleRequest(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response) override {
    response.setContentType("application/json");
    response.setContentLength(sizeof kBody - 1);
    response.send().write(kBody, sizeof kBody - 1);
  }
};

class Handlers final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new Constant;
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_ceiling PORT [THREADS]\n");
    return 2;
  }
  const int port = std::atoi(argv[1]);
  const int threads = argc > 2 ? std::atoi(argv[2]) : 16;
  // Blocked before any thread starts, so every thread inherits the mask and
  // only sigwait below takes the signal.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  sigprocmask(SIG_BLOCK, &stop, nullptr);
  Poco::ThreadPool pool(2, threads, 60);
  Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(threads);
  params->setMaxQueued(threads + 64);
  params->setTimeout(Poco::Timespan(15, 0));
  params->setKeepAlive(true);
  params->setKeepAliveTimeout(Poco::Timespan(5, 0));
  params->setMaxKeepAliveRequests(200);
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)));
  Poco::Net::HTTPServer server(new Handlers, pool, socket, params);
  server.start();
  std::printf("listening on %d\n", socket.address().port());
  std::fflush(stdout);
  int signal = 0;
  sigwait(&stop, &signal);
  server.stopAll(true);
  return 0;
}
