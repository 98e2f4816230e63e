#include "http/server.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

#include <chrono>
#include <istream>
#include <stdexcept>

#include "api/handlers.h"
#include "app.h"
#include "http/problem.h"
#include "http/router.h"
#include "log.h"

namespace casereview::web {
namespace {

// How many connections may wait for a free thread before new ones are refused.
constexpr int kMaxQueuedConnections = 64;
constexpr int kKeepAliveSeconds = 5;
constexpr int kMaxKeepAliveRequests = 200;
constexpr std::size_t kMaxHeaderValue = 256;
constexpr std::size_t kMaxDrainBytes = 1 << 20;

// The content security policy suits the server's own pages (no inline script,
// nothing from elsewhere, never framed) and the JSON API alike.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

// A header value the request handlers may use: printable and short, else "".
// Nothing with control characters can reach a log line or a record.
std::string header_value(const Poco::Net::HTTPServerRequest& request, const std::string& name) {
  std::string value = request.get(name, "");
  if (value.size() > kMaxHeaderValue) return "";
  for (unsigned char c : value) {
    if (c < 0x20 || c == 0x7F) return "";
  }
  return value;
}

// Fills in who is asking: the session cookie, the CSRF token, the reason for
// reading identity, the peer's address and whether the connection is TLS.
void read_credentials(const Poco::Net::HTTPServerRequest& request, bool secure, HttpRequest& in) {
  Poco::Net::NameValueCollection cookies;
  request.getCookies(cookies);
  const std::string token = cookies.get(kSessionCookie, "");
  in.session_token = token.size() <= kMaxHeaderValue ? token : "";
  in.csrf_token = header_value(request, "X-CSRF-Token");
  in.access_reason = header_value(request, "X-Access-Reason");
  in.remote_address = request.clientAddress().host().toString();
  in.secure = secure;
}

// Reads the body, refusing more than `limit` bytes whether or not the client
// declared a length (chunked bodies are counted as they arrive).
std::string read_body(Poco::Net::HTTPServerRequest& request, std::size_t limit) {
  auto too_large = [&] {
    return ApiError{Problem::BodyTooLarge, "The body may be at most " + std::to_string(limit) + " bytes.",
                    Json::object()};
  };
  if (request.hasContentLength() && request.getContentLength64() > static_cast<long long>(limit)) {
    throw too_large();
  }
  std::string body;
  std::istream& in = request.stream();
  char buffer[8192];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    body.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (body.size() > limit) throw too_large();
  }
  return body;
}

// Reads and drops up to `limit` more bytes of the body; never throws.
void discard_rest(Poco::Net::HTTPServerRequest& request, std::size_t limit) {
  try {
    std::istream& in = request.stream();
    char buffer[8192];
    std::size_t dropped = 0;
    while (dropped < limit && (in.read(buffer, sizeof buffer) || in.gcount() > 0)) {
      dropped += static_cast<std::size_t>(in.gcount());
    }
  } catch (...) {
    // the client went away: nothing to answer
  }
}

// Splits the request target into its decoded path and query parameters.
void decode_target(const std::string& target, HttpRequest& in) {
  try {
    const Poco::URI uri(target);
    in.path = uri.getPath();
    for (const auto& [name, value] : uri.getQueryParameters()) in.query[name] = value;
  } catch (const Poco::Exception&) {
    throw ApiError{Problem::InvalidUri, "The path or query could not be decoded.", Json::object()};
  }
}

// API addresses start /api/; every other address is a page or an asset.
bool is_api_path(const std::string& path) { return path == "/api" || path.rfind("/api/", 0) == 0; }

// The most a request's body may hold: a route that takes a document
// (--max-document) or any other (--max-body). Decided on the raw path, before
// the body is read.
std::size_t body_limit(const Poco::Net::HTTPServerRequest& request, const Settings& settings) {
  const std::string& target = request.getURI();
  const BodySize size = body_size_for(request.getMethod(), target.substr(0, target.find('?')), route_table());
  return size == BodySize::Document ? settings.max_document_bytes : settings.max_body_bytes;
}

void send(const HttpResponse& out, bool secure, Poco::Net::HTTPServerResponse& response) {
  response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(out.status));
  response.setContentType(out.content_type);
  response.set("Cache-Control", "no-store");
  response.set("X-Content-Type-Options", "nosniff");
  response.set("Content-Security-Policy", kContentSecurityPolicy);
  response.set("Referrer-Policy", "no-referrer");
  response.set("X-Frame-Options", "DENY");
  response.set("Cross-Origin-Opener-Policy", "same-origin");
  if (secure) response.set("Strict-Transport-Security", "max-age=31536000");
  for (const auto& [name, value] : out.headers) response.set(name, value);
  response.setContentLength64(static_cast<Poco::Int64>(out.body.size()));
  response.send() << out.body;
}

class Dispatcher final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Dispatcher(App& app) : app_(app) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override {
    const auto started = std::chrono::steady_clock::now();
    HttpRequest in;
    HttpResponse out;
    try {
      in.method = request.getMethod();
      in.path = request.getURI();  // replaced by the decoded path below
      in.body = read_body(request, body_limit(request, app_.settings()));
      decode_target(request.getURI(), in);
      in.content_type = request.getContentType();
      read_credentials(request, secure(), in);
      out = is_api_path(in.path) ? dispatch(in, app_, route_table()) : serve_ui(in, app_);
    } catch (...) {
      out = problem_for_exception(std::current_exception(), in);
      // A refused body was not read to its end: the connection cannot carry another
      // request. Read (and drop) a bounded amount more first, so that a client still
      // sending gets the answer rather than a reset connection.
      if (out.status == 413) {
        response.setKeepAlive(false);
        discard_rest(request, kMaxDrainBytes);
      }
    }
    try {
      send(out, secure(), response);
    } catch (const std::exception& e) {
      log_line(LogLevel::Warning, "RESPONSE_NOT_SENT", in.method + " " + in.path + ": " + e.what());
    }
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    log_line(LogLevel::Info, "REQUEST",
             in.method + " " + in.path + " " + std::to_string(out.status) + " " + std::to_string(ms.count()) + "ms");
  }

 private:
  bool secure() const { return !app_.settings().tls_certificate.empty(); }
  App& app_;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(App& app) : app_(app) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new Dispatcher(app_);
  }

 private:
  App& app_;
};

}  // namespace

struct Server::Impl {
  explicit Impl(App& a) : app(a), threads(2, a.settings().threads, 60) {}
  App& app;
  Poco::ThreadPool threads;
  std::unique_ptr<Poco::Net::HTTPServer> server;
  int port = 0;
};

Server::Server(App& app) : impl_(std::make_unique<Impl>(app)) {}
Server::~Server() { stop(); }

namespace {

constexpr int kListenBacklog = 64;

// Binds and listens with SO_REUSEADDR (a restart need not wait for old
// connections to time out) but never SO_REUSEPORT, which Poco's address
// constructors set: with it a second server on the same port would start and
// the kernel would share the connections between two databases. A port in use
// is an error naming it.
void bind_alone(Poco::Net::ServerSocket& socket, const Settings& s) {
  const Poco::Net::SocketAddress address(s.bind, static_cast<Poco::UInt16>(s.port));
  try {
    socket.bind(address, true, false);
  } catch (const Poco::Net::NetException& e) {
    throw std::runtime_error("cannot listen on " + s.bind + " port " + std::to_string(s.port) + ": " + e.displayText() +
                             " (is another server using the port?)");
  }
  socket.listen(kListenBacklog);
}

// A listening socket: TLS (1.2 or later) when a certificate is configured.
Poco::Net::ServerSocket listen_on(const Settings& s) {
  if (s.tls_certificate.empty()) {
    Poco::Net::ServerSocket socket;
    bind_alone(socket, s);
    return socket;
  }
  Poco::Net::initializeSSL();
  Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, s.tls_private_key,
                                                           s.tls_certificate, "", Poco::Net::Context::VERIFY_NONE);
  context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
  Poco::Net::SecureServerSocket socket(context);
  bind_alone(socket, s);
  return socket;
}

}  // namespace

void Server::start() {
  const Settings& s = impl_->app.settings();
  Poco::Net::ServerSocket socket = listen_on(s);
  impl_->port = socket.address().port();
  auto* params = new Poco::Net::HTTPServerParams;  // owned by the server (reference counted)
  params->setMaxThreads(s.threads);
  params->setMaxQueued(kMaxQueuedConnections);
  params->setTimeout(Poco::Timespan(s.request_timeout_seconds, 0));
  params->setKeepAlive(true);
  params->setKeepAliveTimeout(Poco::Timespan(kKeepAliveSeconds, 0));
  params->setMaxKeepAliveRequests(kMaxKeepAliveRequests);
  params->setServerName("casereview");
  params->setSoftwareVersion("casereview");
  impl_->server = std::make_unique<Poco::Net::HTTPServer>(new Factory(impl_->app), impl_->threads, socket, params);
  impl_->server->start();
}

void Server::stop() {
  if (impl_ && impl_->server) {
    impl_->server->stopAll(false);
    impl_->threads.joinAll();
    impl_->server.reset();
  }
}

int Server::port() const { return impl_->port; }

std::string Server::url() const {
  const std::string host = impl_->app.settings().bind;
  const bool v6 = host.find(':') != std::string::npos;
  const std::string scheme = impl_->app.settings().tls_certificate.empty() ? "http://" : "https://";
  return scheme + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port()) + "/";
}

}  // namespace casereview::web
