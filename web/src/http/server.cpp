#include "http/server.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/ThreadPool.h>
#include <Poco/Timestamp.h>
#include <Poco/URI.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstdio>
#include <ctime>
#include <istream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <vector>

#include "api/handlers.h"
#include "app.h"
#include "casereview/engine/json.h"
#include "casereview/engine/text.h"
#include "http/answer_stream.h"
#include "http/client_address.h"
#include "http/connection_guard.h"
#include "http/problem.h"
#include "http/router.h"
#include "http/send_whole.h"
#include "log.h"
#include "memory_release.h"

namespace casereview::web {
namespace {

// How many connections may wait for a free thread before new ones are answered 503.
constexpr int kMaxQueuedConnections = 64;
// A request's body must arrive within this many times the request timeout
// (the head within the timeout itself): room for a 20 MB document on a slow line.
constexpr int kBodyTimeoutsPerRequestTimeout = 4;
constexpr int kKeepAliveSeconds = 5;
constexpr int kMaxKeepAliveRequests = 200;
constexpr std::size_t kMaxHeaderValue = 256;
constexpr std::size_t kMaxAccessReason = 256;  // characters (text.h)
constexpr std::size_t kMaxDrainBytes = 1 << 20;

// The content security policy suits the server's own pages (no inline script,
// nothing from elsewhere, never framed) and the JSON API alike.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

// A header value the request handlers may use: printable UTF-8 and short, else "".
// Nothing with control characters or broken text can reach a log line or a record.
std::string header_value(const Poco::Net::HTTPServerRequest& request, const std::string& name) {
  std::string value = request.get(name, "");
  if (value.size() > kMaxHeaderValue || !is_valid_utf8(value)) return "";
  for (unsigned char c : value) {
    if (c < 0x20 || c == 0x7F) return "";
  }
  return value;
}

// The reason given for reading a child's identity (README, "Identity by
// construction") is written to the access log whole, or the request is
// refused: never shown the identity with the reason dropped.
std::string access_reason_of(const Poco::Net::HTTPServerRequest& request) {
  if (!request.has("X-Access-Reason")) return "";
  const std::string& value = request.get("X-Access-Reason");
  const bool text = is_valid_utf8(value) && !text::forbidden_character(value, text::Kind::Line);
  if (!text || text::characters(value) > kMaxAccessReason) {
    throw ApiError{Problem::InvalidAccessReason,
                   "The X-Access-Reason header must be text of at most " + std::to_string(kMaxAccessReason) +
                       " characters without control characters: the reason is written to the access log whole.",
                   Json::object()};
  }
  return value;
}

// Fills in who is asking: the session cookie, the CSRF token, the reason for
// reading identity, the client's address and whether the connection is TLS.
void read_credentials(const Poco::Net::HTTPServerRequest& request, const Settings& settings, bool secure,
                      HttpRequest& in) {
  Poco::Net::NameValueCollection cookies;
  request.getCookies(cookies);
  const std::string token = cookies.get(kSessionCookie, "");
  in.session_token = token.size() <= kMaxHeaderValue ? token : "";
  in.csrf_token = header_value(request, "X-CSRF-Token");
  in.access_reason = access_reason_of(request);
  in.remote_address = client_address(request, settings.trusted_proxy);
  in.secure = secure;
}

// The client has closed its sending side: nothing more will arrive.
bool peer_has_closed(Poco::Net::HTTPServerRequest& request) {
  auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&request);
  if (!impl) return false;
  char next = 0;
  return ::recv(impl->socket().impl()->sockfd(), &next, 1, MSG_PEEK | MSG_DONTWAIT) == 0;
}

// Reads the body, refusing more than `limit` bytes whether or not the client
// declared a length (chunked bodies are counted as they arrive).
std::string read_body(Poco::Net::HTTPServerRequest& request, std::size_t limit) {
  // Poco reads any transfer coding but chunked as a plain body.
  if (request.has("Transfer-Encoding") && !request.getChunkedTransferEncoding()) {
    throw ApiError{Problem::UnsupportedMediaType,
                   "The body's transfer coding is not supported: send it with a Content-Length or chunked.",
                   Json::object()};
  }
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
  // Poco's chunked reader throws on a malformed chunk; the stream turns that into badbit.
  if (in.bad()) {
    throw ApiError{Problem::InvalidBody, "The body's chunks are not valid chunked encoding.", Json::object()};
  }
  // Shorter than declared: the client went away or its body deadline passed.
  if (request.hasContentLength() && static_cast<long long>(body.size()) < request.getContentLength64()) {
    throw ApiError{Problem::InvalidBody, "The body ended before its declared length.", Json::object()};
  }
  // Poco ends a chunked body at the end of the stream as at its last chunk:
  // a sender that has already closed its side may have stopped short of it.
  if (request.getChunkedTransferEncoding() && peer_has_closed(request)) {
    throw ApiError{Problem::InvalidBody, "The body ended before its last chunk.", Json::object()};
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
  // Percent-escapes may decode to bytes that are not text: refused here, so that
  // no handler echoes them into an answer or stores them.
  bool text = is_valid_utf8(in.path);
  for (const auto& [name, value] : in.query) text = text && is_valid_utf8(name) && is_valid_utf8(value);
  if (!text) {
    // The log line names the address as sent (percent-encoded), never the bytes.
    in.path = is_valid_utf8(target) ? target : "(an address that is not UTF-8)";
    throw ApiError{Problem::InvalidUri, "The path or query is not UTF-8 text.", Json::object()};
  }
}

// API addresses start /api/; every other address is a page or an asset.
bool is_api_path(const std::string& path) { return path == "/api" || path.rfind("/api/", 0) == 0; }

// The most a request's body may hold: a route that takes a document
// (--max-document) or any other (--max-body). Decided on the raw path, before
// the body is read.
std::size_t body_limit(const Poco::Net::HTTPServerRequest& request, const Settings& settings) {
  const std::string& target = request.getURI();
  const BodySize size = body_size_for(request.getMethod(), target.substr(0, target.find('?')), route_index());
  return size == BodySize::Document ? settings.max_document_bytes : settings.max_body_bytes;
}

// Writes `parts` in order on `socket`: plain, with sendmsg (send_whole); over
// TLS through its TLS layer, a part at a time.
void write_parts(Poco::Net::StreamSocket& socket, bool secure, const std::vector<std::string_view>& parts) {
  if (!secure) {
    const poco_socket_t fd = socket.impl()->sockfd();
    if (fd == POCO_INVALID_SOCKET) throw Poco::Net::NetException("the connection is closed");
    send_whole(fd, parts);
    return;
  }
  for (const std::string_view part : parts) {
    std::size_t done = 0;
    while (done < part.size()) {
      const int sent =
          socket.sendBytes(part.data() + done, static_cast<int>(std::min<std::size_t>(part.size() - done, INT_MAX)));
      if (sent <= 0) throw Poco::Net::NetException("sending the response sent nothing");
      done += static_cast<std::size_t>(sent);
    }
  }
}

// The response's status line and headers as they go on the wire.
std::string head_of(Poco::Net::HTTPServerResponse& response) {
  std::ostringstream head;
  response.write(head);
  return head.str();
}

// A chunk's size line (RFC 9112, 7.1): its length in hexadecimal.
std::string chunk_size_line(std::size_t size) {
  char line[32];
  const int length = std::snprintf(line, sizeof line, "%zx\r\n", size);
  return std::string(line, static_cast<std::size_t>(length));
}

// An answer whose body is still being written (HttpResponse::rest): the head
// and the first piece, then each piece as it arrives, as chunks; to an
// HTTP/1.0 client, which knows no chunks, the pieces as they are and the
// connection closed after them. Throws AnswerCutShort when the writing failed
// part-way: the last chunk is then never sent, and the caller resets the
// connection (an HTTP/1.0 client would take a plain close for the end).
void send_while_written(const HttpResponse& out, bool secure, Poco::Net::HTTPServerResponse& response, bool head_only,
                        Poco::Net::StreamSocket& socket) {
  const bool chunked = response.getVersion() != Poco::Net::HTTPMessage::HTTP_1_0;
  if (chunked) {
    response.setChunkedTransferEncoding(true);
  } else {
    response.setKeepAlive(false);
  }
  const std::string head = head_of(response);
  if (head_only) {
    write_parts(socket, secure, {head});
    return;
  }
  const auto send_piece = [&](std::string_view before, const std::string& piece) {
    if (piece.empty()) {  // an empty chunk would end the body
      if (!before.empty()) write_parts(socket, secure, {before});
      return;
    }
    if (!chunked) {
      write_parts(socket, secure, {before, piece});
      return;
    }
    const std::string size_line = chunk_size_line(piece.size());
    write_parts(socket, secure, {before, size_line, piece, "\r\n"});
  };
  send_piece(head, out.body);
  while (const std::optional<std::string> piece = out.rest->next()) send_piece({}, *piece);
  if (chunked) write_parts(socket, secure, {"0\r\n\r\n"});
}

// Makes the connection's close a reset (RST), which no client takes for the
// end of an answer; never throws (the connection is going anyway).
void reset_when_closed(Poco::Net::StreamSocket& connection) {
  try {
    connection.setLinger(true, 0);
  } catch (const Poco::Exception&) {
    // already closed
  }
}

// `connection`: the connection to send on directly (write_parts); null:
// through Poco's stream (an answer to a request Poco could not read).
void send(const HttpResponse& out, bool secure, Poco::Net::HTTPServerResponse& response, bool head_only = false,
          Poco::Net::StreamSocket* connection = nullptr) {
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
  if (out.rest && connection) {
    send_while_written(out, secure, response, head_only, *connection);
    return;
  }
  response.setContentLength64(static_cast<Poco::Int64>(out.body_size()));
  if (!connection) {
    std::ostream& stream = response.send();
    stream << out.body;
    for (const std::string& piece : out.body_after) stream << piece;
    return;
  }
  const std::string head = head_of(response);
  std::vector<std::string_view> parts{head};
  if (!head_only) {
    parts.emplace_back(out.body);
    for (const std::string& piece : out.body_after) parts.emplace_back(piece);
  }
  write_parts(*connection, secure, parts);
}

class Dispatcher final : public Poco::Net::HTTPRequestHandler {
 public:
  Dispatcher(App& app, ConnectionGuard& guard, MemoryRelease& memory) : app_(app), guard_(guard), memory_(memory) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override {
    const auto started = std::chrono::steady_clock::now();
    HttpRequest in;
    HttpResponse out;
    // The work still writing an answer refers to `in`: it has ended before
    // `in` goes, however the sending ended (AnswerStream::abandon; also
    // called once the answer is sent, this is for an exit before that).
    struct WritingEnded {
      const HttpResponse& out;
      ~WritingEnded() {
        if (out.rest) out.rest->abandon();
      }
    } writing_ended{out};
    bool body_complete = false;
    try {
      in.method = request.getMethod();
      in.path = request.getURI();  // replaced by the decoded path below
      guard_.body_started();
      try {
        in.body = read_body(request, body_limit(request, app_.settings()));
      } catch (const Poco::Exception& e) {
        // A malformed chunk or length.
        throw ApiError{Problem::InvalidBody, "The body could not be read: " + e.displayText() + ".", Json::object()};
      }
      body_complete = true;
      guard_.body_read();
      decode_target(request.getURI(), in);
      in.content_type = request.getContentType();
      read_credentials(request, app_.settings(), secure(), in);
      out = is_api_path(in.path) ? dispatch(in, app_, route_index()) : serve_ui(in, app_);
    } catch (...) {
      out = problem_for_exception(std::current_exception(), in);
      // A refused body was not read to its end: the connection cannot carry another
      // request. Read (and drop) a bounded amount more first, still under the body
      // deadline, so that a client still sending gets the answer rather than a reset.
      if (!body_complete) {
        response.setKeepAlive(false);
        discard_rest(request, kMaxDrainBytes);
      }
      guard_.body_read();
    }
    if (!guard_.keep_alive_allowed()) response.setKeepAlive(false);
    // Every request is the connection loop's HTTPServerRequestImpl (GuardedConnection).
    Poco::Net::StreamSocket& connection = static_cast<Poco::Net::HTTPServerRequestImpl&>(request).socket();
    try {
      send(out, secure(), response, request.getMethod() == "HEAD", &connection);
    } catch (const AnswerCutShort& e) {
      // Reset, not closed: a close would end an HTTP/1.0 answer as if whole.
      response.setKeepAlive(false);
      reset_when_closed(connection);
      log_line(LogLevel::Error, "ANSWER_CUT_SHORT",
               in.method + " " + path_for_log(in.path) + ": its writing failed after it began: " + e.what());
    } catch (const std::exception& e) {
      // What was sent of it, if anything, leaves the connection unusable.
      response.setKeepAlive(false);
      log_line(LogLevel::Warning, "RESPONSE_NOT_SENT", in.method + " " + path_for_log(in.path) + ": " + e.what());
    }
    // The writing of an answer not sent to its end stops before the
    // connection counts as idle again.
    if (out.rest) out.rest->abandon();
    guard_.response_sent();
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    log_line(LogLevel::Info, "REQUEST",
             in.method + " " + path_for_log(in.path) + " " + std::to_string(out.status) + " " +
                 std::to_string(ms.count()) + "ms");
    memory_.after_request(ms);
  }

 private:
  bool secure() const { return !app_.settings().tls_certificate.empty(); }
  App& app_;
  ConnectionGuard& guard_;
  MemoryRelease& memory_;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  Factory(App& app, ConnectionGuard& guard, MemoryRelease& memory) : app_(app), guard_(guard), memory_(memory) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new Dispatcher(app_, guard_, memory_);
  }

 private:
  App& app_;
  ConnectionGuard& guard_;
  MemoryRelease& memory_;
};

// Answers a request Poco could not read (its head is not HTTP, or its length
// or chunking is malformed) with a problem, then the connection closes.
void answer_malformed(Poco::Net::HTTPServerSession& session, const Poco::Exception& e, bool secure) {
  const bool head = dynamic_cast<const Poco::Net::MessageException*>(&e) != nullptr;
  log_line(LogLevel::Warning, "REQUEST_MALFORMED", e.displayText());
  const ApiError error =
      head ? ApiError{Problem::InvalidRequest, "The request is not valid HTTP.", Json::object()}
           : ApiError{Problem::InvalidBody, "The body's length or chunking is not valid.", Json::object()};
  try {
    Poco::Net::HTTPServerResponseImpl response(session);
    response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
    response.setKeepAlive(false);
    send(problem_response(error), secure, response);
  } catch (const std::exception&) {
    // the client has gone: nothing to answer
  }
}

// One connection, watched by the guard from its first byte to its close. The
// loop is Poco's own (HTTPServerConnection::run in Poco 1.11), except that a
// request Poco cannot read gets a problem answer with the usual headers, where
// Poco answers a bare 400 or closes without a word.
// What every connection is served with, shared by the factory and each connection.
struct ConnectionSetup {
  Poco::Net::HTTPServerParams::Ptr params;
  Poco::Net::HTTPRequestHandlerFactory::Ptr handlers;
  ConnectionGuard* guard;
  bool secure;
};

// Poco's server session, but waiting for the next request on a kept-alive
// connection with one poll(2). Poco 1.11's Socket::poll makes an epoll
// instance, registers the socket, waits on it and closes it for every wait:
// four system calls where one does, and closing it was a sixteenth of a
// small request's processor time. Over TLS Poco's own wait stays, since
// poll(2) cannot see what the TLS layer has already read.
class ServerSession final : public Poco::Net::HTTPServerSession {
 public:
  ServerSession(const Poco::Net::StreamSocket& socket, const Poco::Net::HTTPServerParams::Ptr& params, bool tls)
      : Poco::Net::HTTPServerSession(socket, params),
        tls_(tls),
        keep_alive_wait_(params->getKeepAliveTimeout()),
        requests_left_(params->getMaxKeepAliveRequests()) {}

  // HTTPServerSession::canKeepAlive, by this session's own count.
  bool can_keep_alive() const { return tls_ ? canKeepAlive() : requests_left_ != 0; }

  // HTTPServerSession::hasMoreRequests, as Poco 1.11 decides it.
  bool more_requests() {
    if (tls_) return hasMoreRequests();
    // SocketImpl::initialized(), read as the descriptor itself (the one read of
    // a Poco socket that tests/tsan/suppressions.txt explains).
    const poco_socket_t fd = socket().impl()->sockfd();
    if (fd == POCO_INVALID_SOCKET) return false;
    Poco::Timespan wait;
    if (first_) {
      first_ = false;
      --requests_left_;
      wait = getTimeout();
    } else if (requests_left_ != 0 && getKeepAlive()) {
      if (requests_left_ > 0) --requests_left_;
      if (buffered() > 0) return true;
      wait = keep_alive_wait_;
    } else {
      return false;
    }
    pollfd socket_ready{fd, POLLIN, 0};
    const auto wait_ms = static_cast<int>(std::min<Poco::Timespan::TimeDiff>(wait.totalMilliseconds(), INT_MAX));
    int ready = 0;
    do {
      ready = ::poll(&socket_ready, 1, wait_ms);
    } while (ready < 0 && errno == EINTR);
    if (ready < 0) {
      const int error = errno;
      throw Poco::Net::NetException("waiting for the next request failed", error);
    }
    return ready > 0;  // readable, or closed or failed: the read says which
  }

 private:
  const bool tls_;
  const Poco::Timespan keep_alive_wait_;
  int requests_left_;
  bool first_ = true;
};

// The Date header's value now: written once a second for each thread, not
// for every answer (Poco's formatting of it was 1 to 2% of a small read's
// processor).
const std::string& http_date_now() {
  thread_local std::time_t written_for = -1;
  thread_local std::string text;
  const Poco::Timestamp now;
  if (now.epochTime() != written_for) {
    written_for = now.epochTime();
    text = Poco::DateTimeFormatter::format(now, Poco::DateTimeFormat::HTTP_FORMAT);
  }
  return text;
}

class GuardedConnection final : public Poco::Net::TCPServerConnection {
 public:
  GuardedConnection(const Poco::Net::StreamSocket& socket, const ConnectionSetup& setup)
      : Poco::Net::TCPServerConnection(socket),
        params_(setup.params),
        factory_(setup.handlers),
        guard_(*setup.guard),
        secure_(setup.secure) {}

  void run() override {
    struct Ended {
      ConnectionGuard& guard;
      ~Ended() { guard.ended(); }
    } ended{guard_};
    guard_.began(socket());
    ServerSession session(socket(), params_, secure_);
    while (session.more_requests()) {
      try {
        Poco::Net::HTTPServerResponseImpl response(session);
        Poco::Net::HTTPServerRequestImpl request(response, session, params_.get());
        response.set("Date", http_date_now());
        response.setVersion(request.getVersion());
        response.setKeepAlive(params_->getKeepAlive() && request.getKeepAlive() && session.can_keep_alive());
        std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(factory_->createRequestHandler(request));
        if (request.getExpectContinue() && response.getStatus() == Poco::Net::HTTPResponse::HTTP_OK) {
          response.sendContinue();
        }
        handler->handleRequest(request, response);
        session.setKeepAlive(params_->getKeepAlive() && response.getKeepAlive() && session.can_keep_alive());
      } catch (const Poco::Net::NoMessageException&) {
        break;  // the client closed, or sent nothing before its deadline
      } catch (const Poco::Exception& e) {
        if (!session.networkException()) answer_malformed(session, e, secure_);
        break;
      }
    }
  }

 private:
  Poco::Net::HTTPServerParams::Ptr params_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr factory_;
  ConnectionGuard& guard_;
  bool secure_;
};

class GuardedConnections final : public Poco::Net::TCPServerConnectionFactory {
 public:
  explicit GuardedConnections(ConnectionSetup setup) : setup_(std::move(setup)) {}
  Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override {
    return new GuardedConnection(socket, setup_);
  }

 private:
  ConnectionSetup setup_;
};

// Admission runs in the acceptor thread, before a connection waits for a thread.
class Admission final : public Poco::Net::TCPServerConnectionFilter {
 public:
  explicit Admission(ConnectionGuard& guard) : guard_(guard) {}
  bool accept(const Poco::Net::StreamSocket& socket) override { return guard_.admit(socket); }

 private:
  ConnectionGuard& guard_;
};

ConnectionLimits limits_for(const Settings& s) {
  ConnectionLimits limits;
  limits.threads = s.threads;
  limits.capacity = s.threads + kMaxQueuedConnections;
  limits.per_address = std::min(s.connections_per_address, limits.capacity);
  limits.head = std::chrono::seconds(s.request_timeout_seconds);
  limits.body = std::chrono::seconds(s.request_timeout_seconds * kBodyTimeoutsPerRequestTimeout);
  limits.idle = std::chrono::seconds(kKeepAliveSeconds);
  limits.tls = !s.tls_certificate.empty();
  return limits;
}

}  // namespace

struct Server::Impl {
  explicit Impl(App& a) : app(a), threads(2, a.settings().threads, 60), guard(limits_for(a.settings())) {}
  App& app;
  Poco::ThreadPool threads;
  ConnectionGuard guard;
  MemoryRelease memory;
  Poco::SharedPtr<Factory> handlers;
  std::unique_ptr<Poco::Net::TCPServer> server;
  int port = 0;
};

Server::Server(App& app) : impl_(std::make_unique<Impl>(app)) {}
Server::~Server() { stop(); }

void Server::after_background_work(std::chrono::milliseconds took) { impl_->memory.after_request(took); }

namespace {

// Connections the kernel completes before casereview accepts them. A burst
// beyond it has its SYNs dropped, and those clients retry a second or more
// later, when they may find a free place that the burst's order would not have
// given them; the kernel caps it at net.core.somaxconn (4096 on Debian 12).
constexpr int kListenBacklog = 1024;

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
  Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(s.threads);
  // The guard admits at most threads + queue at once, so Poco's own queue
  // (which would close a connection without an answer) never fills.
  params->setMaxQueued(s.threads + kMaxQueuedConnections);
  params->setTimeout(Poco::Timespan(s.request_timeout_seconds, 0));
  params->setKeepAlive(true);
  params->setKeepAliveTimeout(Poco::Timespan(kKeepAliveSeconds, 0));
  params->setMaxKeepAliveRequests(kMaxKeepAliveRequests);
  params->setServerName("casereview");
  params->setSoftwareVersion("casereview");
  impl_->handlers = new Factory(impl_->app, impl_->guard, impl_->memory);
  impl_->server = std::make_unique<Poco::Net::TCPServer>(
      new GuardedConnections(ConnectionSetup{params, impl_->handlers, &impl_->guard, !s.tls_certificate.empty()}),
      impl_->threads, socket, params);
  impl_->server->setConnectionFilter(new Admission(impl_->guard));
  impl_->server->start();
}

namespace {

// Waits until no connection is being served, or `until` passes.
bool wait_for_serving(const ConnectionGuard& guard, std::chrono::steady_clock::time_point until) {
  while (guard.serving() > 0) {
    if (std::chrono::steady_clock::now() >= until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

// After the grace period, shut connections get this long to notice.
constexpr auto kAbortWait = std::chrono::seconds(2);

}  // namespace

bool Server::stop() { return stop(std::chrono::seconds(impl_->app.settings().stop_grace_seconds)); }

bool Server::stop(std::chrono::seconds grace) {
  if (!impl_ || !impl_->server) return true;
  impl_->guard.stop_idle();
  impl_->server->stop();  // no more connections; those waiting for a thread are closed
  bool finished = wait_for_serving(impl_->guard, std::chrono::steady_clock::now() + grace);
  if (!finished) {
    log_line(LogLevel::Warning, "REQUESTS_ABORTED",
             std::to_string(impl_->guard.serving()) + " still running after " + std::to_string(grace.count()) + " s");
    impl_->guard.abort_all();
    finished = wait_for_serving(impl_->guard, std::chrono::steady_clock::now() + kAbortWait);
  }
  if (!finished) return false;  // a thread is still computing: the caller decides
  impl_->threads.joinAll();
  impl_->server.reset();
  return true;
}

int Server::port() const { return impl_->port; }

std::string Server::url() const {
  const std::string host = impl_->app.settings().bind;
  const bool v6 = host.find(':') != std::string::npos;
  const std::string scheme = impl_->app.settings().tls_certificate.empty() ? "http://" : "https://";
  return scheme + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port()) + "/";
}

}  // namespace casereview::web
