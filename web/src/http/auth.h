#pragma once
// Signing in and out, and who each request acts for.
//
// A session is a random token in an HttpOnly, SameSite=Strict cookie (Secure
// over TLS); the database holds only its SHA-256. Sessions end after a time idle
// and at an absolute limit, and on logout, password change or reset. Every
// state-changing request of a session must carry the session's CSRF token in
// X-CSRF-Token. Logins are throttled per account and per address (429), and
// password hashing (argon2id, about 20 ms and 19 MiB) runs in a bounded number of slots so
// that logins cannot tie up the request threads (503 when all are busy).

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "casereview/engine/date.h"
#include "guarded.h"
#include "http/http_types.h"

namespace casereview::web {

class App;
struct Route;

inline constexpr const char* kSessionCookie = "casereview_session";

// Reads the session cookie, if any, and sets request.principal when the session
// is valid: not revoked, not expired, not idle too long (real time, not a fixed
// "today"), its user active and still a member of its partnership. Records the
// use at most once a minute. What it read of the session and its user is kept
// for Settings::session_recheck_ms (session_cache.h); whether the session has
// expired or been idle too long is worked out on every request. Never throws
// for a bad cookie: the request simply is not signed in; a storage failure
// throws StorageError.
void authenticate(HttpRequest& request, App& app);

// Gives up what this server keeps of sessions and answers (App::forget_kept_reads),
// after a signed-in request that may have changed state (router.cpp).
void forget_kept_reads(App& app);

// Throws ApiError 401 (not signed in), 403 (not permitted; CSRF token missing or
// wrong; a password that must be changed first). Checked in this order: signed
// in, the CSRF token (every method but GET and HEAD), the password change (only
// /api/v1/session routes pass), the route's permission. Public routes pass.
void authorise(const HttpRequest& request, const Route& route);

// What this server remembers of sessions while the database cannot be written
// (a full disk, a read-only file): when each was last used, so that idle time
// counts from real use and nobody signed in is signed out for want of a write,
// and those signed out, so that a sign-out holds. Thread-safe; in memory only:
// a restart forgets it (a session then counts from its last stored use, and an
// unwritten sign-out is forgotten, its browser having dropped the cookie).
// Past 100,000 sessions each list is forgotten.
class UnwrittenSessions {
 public:
  // Records a use not written; true the first time for this session (log it once).
  bool used(const std::string& session_hash, Instant at);
  std::optional<Instant> last_used(const std::string& session_hash) const;
  void sign_out(const std::string& session_hash);
  bool signed_out(const std::string& session_hash) const;

 private:
  static constexpr std::size_t kMostRemembered = 100000;  // per list
  mutable std::mutex mutex_;
  std::map<std::string, Instant> used_;
  std::set<std::string> signed_out_;
};
UnwrittenSessions& unwritten_sessions();

// Failed-login bookkeeping and the hashing slots. Thread-safe; in memory only
// (a restart forgets failures). Past 10,000 names or addresses, that whole list
// is forgotten.
class LoginGate {
 public:
  struct Limits {
    int failures_per_account = 5;
    int failures_per_address = 20;
    std::chrono::seconds window{15 * 60};
    int hashing_slots = 2;
    std::chrono::milliseconds slot_wait{2000};
  };
  LoginGate() : LoginGate(Limits{}) {}
  explicit LoginGate(Limits limits);

  // Seconds to wait before another attempt for this account or address; 0 when allowed.
  long long retry_after(const std::string& username, const std::string& address);
  void record_failure(const std::string& username, const std::string& address);
  // Forgets the account's failures (not the address's).
  void record_success(const std::string& username);

  // Runs `verify` in a hashing slot; false when no slot came free in time
  // (slot_wait). What `verify` throws is rethrown, the slot freed.
  template <class F>
  bool in_slot(F&& verify) {
    if (!acquire()) return false;
    try {
      verify();
    } catch (...) {
      release();
      throw;
    }
    release();
    return true;
  }

 private:
  bool acquire();
  void release();

  struct Failures {
    std::map<std::string, std::vector<std::chrono::steady_clock::time_point>> by_account;
    std::map<std::string, std::vector<std::chrono::steady_clock::time_point>> by_address;
  };
  Limits limits_;
  Guarded<Failures> failures_;
  std::mutex slot_mutex_;
  std::condition_variable slot_free_;
  int slots_in_use_ = 0;
};

// Sets the session cookie on `response` (and ends it when `token` is empty).
void set_session_cookie(HttpResponse& response, const std::string& token, bool secure);

}  // namespace casereview::web
