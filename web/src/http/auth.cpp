#include "http/auth.h"

#include <algorithm>

#include "app.h"
#include "casereview/engine/event.h"
#include "http/router.h"
#include "http/session_cache.h"
#include "log.h"

namespace casereview::web {
namespace {

// How often a session's last use is written back (not on every request).
constexpr long long kTouchEverySeconds = 60;

ApiError not_signed_in() {
  return ApiError{Problem::NotSignedIn, "This needs a signed-in user; sign in again if your session has ended.",
                  Json::object()};
}

bool changes_state(const std::string& method) { return method != "GET" && method != "HEAD"; }

void prune(std::vector<std::chrono::steady_clock::time_point>& times, std::chrono::steady_clock::time_point since) {
  times.erase(std::remove_if(times.begin(), times.end(), [&](auto t) { return t < since; }), times.end());
}

}  // namespace

UnwrittenSessions& unwritten_sessions() {
  static UnwrittenSessions sessions;
  return sessions;
}

bool UnwrittenSessions::used(const std::string& session_hash, Instant at) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (used_.size() >= kMostRemembered) used_.clear();
  const bool first = used_.count(session_hash) == 0;
  used_[session_hash] = at;
  return first;
}

std::optional<Instant> UnwrittenSessions::last_used(const std::string& session_hash) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = used_.find(session_hash);
  if (found == used_.end()) return std::nullopt;
  return found->second;
}

void UnwrittenSessions::sign_out(const std::string& session_hash) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (signed_out_.size() >= kMostRemembered) signed_out_.clear();
  signed_out_.insert(session_hash);
}

bool UnwrittenSessions::signed_out(const std::string& session_hash) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return signed_out_.count(session_hash) > 0;
}

void authenticate(HttpRequest& request, App& app) {
  if (request.session_token.empty() || request.session_token.size() > 128) return;
  const std::string hash = sha256_hex(request.session_token);
  SessionCache& cache = app.session_cache();
  const auto read_at = SessionCache::Clock::now();
  std::optional<SessionRead> read = cache.find(hash, read_at);
  if (!read) {
    const long long generation = cache.generation();
    auto session = app.store().session();
    // The session and its user in one read transaction: one snapshot, and on
    // SQLite one taking of the read lock for the three statements, not three.
    session->read_transaction([&] {
      if (auto record = session->sessions().find(hash)) {
        read = SessionRead{std::move(*record), std::nullopt};
        if (!read->record.revoked) read->user = session->users().find(read->record.user_id);
      }
    });
    if (!read) return;
    cache.hold(hash, *read, generation, read_at);
  }
  const SessionRecord& record = read->record;
  const std::optional<User>& user = read->user;
  if (record.revoked || unwritten_sessions().signed_out(hash)) return;
  const Instant now = Instant::now();
  if (now > record.expires_at) return;
  Instant last_seen = record.last_seen_at;
  if (const auto unwritten = unwritten_sessions().last_used(hash);
      unwritten && unwritten->seconds() > last_seen.seconds()) {
    last_seen = *unwritten;
  }
  if (now.seconds() - last_seen.seconds() > app.settings().session_idle_minutes * 60LL) return;
  if (!user || !user->active) return;
  const Membership* membership = user->membership(record.partnership_id);
  if (!membership) return;
  request.principal = principal_of(*user, *membership);
  request.session_hash = hash;
  request.expected_csrf = record.csrf_token;
  request.must_change_password = user->must_change_password;
  if (now.seconds() - last_seen.seconds() >= kTouchEverySeconds) {
    try {
      auto session = app.store().session();
      session->write_transaction([&] { session->sessions().touch(hash, now); });
      cache.forget(hash);  // its last use as held is now a minute old: read the one written
    } catch (const StorageError& e) {
      // A use that cannot be written (a full disk, a read-only database, a
      // busy one) is remembered instead: the user goes on reading.
      if (unwritten_sessions().used(hash, now)) log_line(LogLevel::Warning, "SESSION_NOT_TOUCHED", e.what());
    }
  }
}

void forget_kept_reads(App& app) { app.forget_kept_reads(); }

void authorise(const HttpRequest& request, const Route& route) {
  if (route.access.kind == Access::Kind::Public) return;
  if (!request.principal) throw not_signed_in();
  if (changes_state(request.method) && (request.csrf_token.empty() || request.csrf_token != request.expected_csrf)) {
    throw ApiError{Problem::CsrfTokenInvalid,
                   "Send the session's CSRF token (given at sign-in) in the X-CSRF-Token header.", Json::object()};
  }
  if (request.must_change_password && route.pattern.rfind("/api/v1/session", 0) != 0) {
    throw ApiError{Problem::PasswordChangeRequired,
                   "Your password was set by an administrator; change it (PUT /api/v1/session/password) to go on.",
                   Json::object()};
  }
  if (route.access.kind == Access::Kind::Permitted && !allowed(request.who().role, route.access.permission)) {
    throw ApiError{Problem::Forbidden, role_with_article(request.who().role) + " may not do this.", Json::object()};
  }
}

LoginGate::LoginGate(Limits limits) : limits_(limits) {}

long long LoginGate::retry_after(const std::string& username, const std::string& address) {
  const auto now = std::chrono::steady_clock::now();
  return failures_.with([&](Failures& f) -> long long {
    long long wait = 0;
    auto check = [&](std::vector<std::chrono::steady_clock::time_point>& times, int limit) {
      prune(times, now - limits_.window);
      if (static_cast<int>(times.size()) >= limit) {
        const auto free_at = times.front() + limits_.window;
        wait = std::max<long long>(wait, std::chrono::duration_cast<std::chrono::seconds>(free_at - now).count() + 1);
      }
    };
    check(f.by_account[username], limits_.failures_per_account);
    check(f.by_address[address], limits_.failures_per_address);
    return wait;
  });
}

void LoginGate::record_failure(const std::string& username, const std::string& address) {
  const auto now = std::chrono::steady_clock::now();
  failures_.with([&](Failures& f) {
    f.by_account[username].push_back(now);
    f.by_address[address].push_back(now);
    // Forget old entries so that a flood of made-up names cannot grow the maps forever.
    if (f.by_account.size() > 10000) f.by_account.clear();
    if (f.by_address.size() > 10000) f.by_address.clear();
    return 0;
  });
}

void LoginGate::record_success(const std::string& username) {
  failures_.with([&](Failures& f) { return f.by_account.erase(username); });
}

bool LoginGate::acquire() {
  std::unique_lock<std::mutex> lock(slot_mutex_);
  if (!slot_free_.wait_for(lock, limits_.slot_wait, [&] { return slots_in_use_ < limits_.hashing_slots; })) {
    return false;
  }
  ++slots_in_use_;
  return true;
}

void LoginGate::release() {
  {
    std::lock_guard<std::mutex> lock(slot_mutex_);
    --slots_in_use_;
  }
  slot_free_.notify_one();
}

void set_session_cookie(HttpResponse& response, const std::string& token, bool secure) {
  std::string cookie = std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
  cookie += token.empty() ? "; Max-Age=0" : "";
  if (secure) cookie += "; Secure";
  response.headers.emplace_back("Set-Cookie", cookie);
}

}  // namespace casereview::web
