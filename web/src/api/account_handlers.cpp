// Signing in and out, one's own password and e-mail address, and the
// administration of users.

#include "api/handlers.h"
#include "api/json_views.h"
#include "api/request_helpers.h"
#include "app.h"
#include "casereview/engine/account_service.h"
#include "casereview/engine/navigation.h"
#include "casereview/engine/passwords.h"
#include "casereview/engine/text.h"
#include "http/problem.h"
#include "log.h"

namespace casereview::web {
namespace {

ApiError login_failed() {
  return ApiError{Problem::LoginFailed, "The username or the password is not right.", Json::object()};
}

Json email_json(const std::string& email) { return email.empty() ? Json() : Json(email); }

Json session_json(const Principal& p, const std::string& csrf, bool must_change, StoreSession& session) {
  Json j = Json::object();
  j.set("username", p.username);
  j.set("display_name", p.display_name);
  const auto user = session.users().find(p.user_id);
  j.set("email", email_json(user ? user->email : ""));
  j.set("partnership", p.partnership_code);
  j.set("role", role_name(p.role));
  j.set("role_title", role_title(p.role));
  if (!p.agency.empty()) j.set("agency", p.agency);
  j.set("csrf_token", csrf);
  j.set("must_change_password", must_change);
  Json menu = Json::array();
  for (const MenuItem& item : menu_of(p.role)) {
    menu.push(Json::object().set("path", item.path).set("title", item.title));
  }
  j.set("menu", std::move(menu));
  Json permissions = Json::array();
  for (Permission permission : kAllPermissions) {
    if (allowed(p.role, permission)) permissions.push(permission_name(permission));
  }
  j.set("permissions", permissions);  // what the pages may offer: the routes' x-access
  j.set("home", home_of(p.role));
  if (p.role == Role::IndependentReviewer) {
    // The reviewer's way in: the reviews of their contracts in force.
    Json cases = Json::array();
    for (const CaseContract& c : session.review_records().contracts(p.partnership_id)) {
      if (c.contract.reviewer_id != p.reviewer_id || !contract_in_force(c.contract)) continue;
      Json item = Json::object();
      item.set("id", c.case_id);
      item.set("reference", c.case_reference);
      item.set("href", "/api/v1/cases/" + std::to_string(c.case_id));
      cases.push(std::move(item));
    }
    j.set("cases", std::move(cases));
  }
  return j;
}

// Starts a session for `user` in `membership` and answers with its cookie.
// Signs `user` in. `also` runs in the same write transaction, before the
// session is created, so that a password change and the session that follows it
// are stored together or not at all.
HttpResponse start_session(const HttpRequest& request, App& app, StoreSession& session, const User& user,
                           const Membership& membership, const std::function<void()>& also = {}) {
  const std::string token = random_token();
  SessionRecord record;
  record.token_hash = sha256_hex(token);
  record.user_id = user.id;
  record.partnership_id = membership.partnership_id;
  record.csrf_token = random_token();
  record.created_at = Instant::now();
  record.last_seen_at = record.created_at;
  record.expires_at = record.created_at.plus_seconds(3600LL * app.settings().session_hours);
  session.write_transaction([&] {
    if (also) also();
    session.sessions().create(record);
  });
  Json body = session_json(principal_of(user, membership), record.csrf_token, user.must_change_password, session);
  body.set("expires_at", record.expires_at.iso());
  body.set("idle_minutes", app.settings().session_idle_minutes);
  HttpResponse response = HttpResponse::json(200, body);
  set_session_cookie(response, token, request.secure);
  return response;
}

Json user_json(const User& user, long long partnership_id) {
  Json j = Json::object();
  j.set("id", user.id);
  j.set("username", user.username);
  j.set("display_name", user.display_name);
  j.set("active", user.active);
  j.set("must_change_password", user.must_change_password);
  j.set("email", email_json(user.email));
  if (const Membership* m = user.membership(partnership_id)) {
    j.set("role", role_name(m->role));
    if (!m->agency.empty()) j.set("agency", m->agency);
    if (m->reviewer_id) j.set("reviewer_id", m->reviewer_id);
  }
  j.set("href", "/api/v1/users/" + std::to_string(user.id));
  return j;
}

void require_strong(const std::string& username, const std::string& password) {
  const std::string weakness = password_weakness(username, password);
  if (!weakness.empty()) {
    throw ApiError{Problem::PasswordTooWeak, weakness + ".", Json::object()};
  }
}

// A hash made with older parameters (passwords.h) is made again from the
// password just verified, and stored with the new session: what a sign-in
// costs, in time and memory, is then the same for every account. Only if the
// stored hash is still the one verified, so that a password changed meanwhile
// is never put back; and not at all when no hashing slot comes free (the next
// sign-in tries again).
std::function<void()> rehashed_if_older(App& app, StoreSession& session, const User& user,
                                        const std::string& password) {
  if (password_hash_is_current(user.password_hash)) return {};
  std::string fresh;
  const bool hashed = app.login_gate().in_slot([&] {
    try {
      fresh = hash_password(password);
    } catch (const std::exception& e) {
      log_line(LogLevel::Warning, "PASSWORD_NOT_REHASHED", e.what());
    }
  });
  if (!hashed || fresh.empty()) return {};
  return [&session, user, fresh] {
    const std::optional<User> now = session.users().find(user.id);
    if (now && now->password_hash == user.password_hash) {
      session.users().set_password(user.id, fresh, now->must_change_password);
    }
  };
}

// Whether any account's stored password hash was made with older parameters.
// Read through the request's own session: taking a second one while holding
// it, sign-ins as many as the request threads would each wait for another
// and none would ever come.
bool any_older_password_hash(StoreSession& session) {
  for (const Partnership& p : session.partnerships().list()) {
    for (const User& u : session.users().list(p.id)) {
      if (!password_hash_is_current(u.password_hash)) return true;
    }
  }
  return false;
}

// Checks `password` against the account's hash, or a decoy for a username
// that is no account, and when that fails against the decoy that makes every
// failure the same work (passwords.h: failed_sign_in_decoy). Runs in a slot.
bool password_verified(App& app, StoreSession& session, const std::optional<User>& user, const std::string& password) {
  SignInDecoys& decoys = app.sign_in_decoys();
  const auto scan = [&session] { return any_older_password_hash(session); };
  if (user && !password_hash_is_current(user->password_hash)) decoys.saw_older();
  const bool older_remain = decoys.older_remain(scan);  // outside the slot: it may read the store
  bool ok = false;
  const bool in_slot = app.login_gate().in_slot([&] {
    const std::string& tried = user ? user->password_hash : decoys.current();
    ok = verify_password(tried, password);
    if (ok && user) return;
    switch (failed_sign_in_decoy(tried, older_remain)) {
      case SignInDecoy::Current:
        verify_password(decoys.current(), password);
        break;
      case SignInDecoy::Older:
        verify_password(decoys.older(), password);
        break;
      case SignInDecoy::None:
        break;
    }
  });
  if (!in_slot) throw ApiError{Problem::LoginBusy, "Too many sign-ins at once; try again in a second.", Json::object()};
  return ok && user;
}

}  // namespace

HttpResponse sign_in(const HttpRequest& request, App& app) {
  const Json body = json_body(request);
  only_members(body, {"username", "password", "partnership"});
  // Usernames do not differ by letter case: Demo.Manager signs in as
  // demo.manager, and failures count against one account however it is typed.
  const std::string username = text::ascii_lower(required_text(body, "username"));
  const std::string password = required_text(body, "password");
  if (username.size() > 100 || password.size() > 256) throw login_failed();
  LoginGate& gate = app.login_gate();
  if (const long long wait = gate.retry_after(username, request.remote_address); wait > 0) {
    log_line(LogLevel::Warning, "LOGIN_THROTTLED", "account or address " + request.remote_address);
    Json extra = Json::object();
    extra.set("retry_after_seconds", wait);
    ApiError error{
        Problem::TooManyAttempts,
        "Too many failed sign-ins for this account or address. Try again in " + std::to_string(wait) + " seconds.",
        extra};
    throw error;
  }
  auto session = app.store().session();
  const std::optional<User> user = session->users().find_by_username(username);
  if (!password_verified(app, *session, user, password) || !user->active) {
    gate.record_failure(username, request.remote_address);
    log_line(LogLevel::Warning, "LOGIN_FAILED", "from " + request.remote_address);
    throw login_failed();
  }
  gate.record_success(username);
  const Membership* membership = nullptr;
  if (const Json* code = body.find("partnership"); code && code->is_string()) {
    for (const Membership& m : user->memberships) {
      if (m.partnership_code == code->as_string()) membership = &m;
    }
  } else if (!user->memberships.empty()) {
    membership = &user->memberships.front();
  }
  if (!membership) {
    throw ApiError{Problem::NoPartnership, "This account has no role in that partnership.", Json::object()};
  }
  log_line(LogLevel::Info, "LOGIN",
           user->username + " as " + role_name(membership->role) + " in " + membership->partnership_code);
  const bool older = !password_hash_is_current(user->password_hash);
  HttpResponse response =
      start_session(request, app, *session, *user, *membership, rehashed_if_older(app, *session, *user, password));
  if (older) app.sign_in_decoys().rescan([&session] { return any_older_password_hash(*session); });
  return response;
}

HttpResponse get_session(const HttpRequest& request, App& app) {
  only_query(request, {});
  auto session = app.store().session();
  return HttpResponse::json(200,
                            session_json(request.who(), request.expected_csrf, request.must_change_password, *session));
}

// The pages ask this first: who is signed in, if anyone. Unlike GET /session it
// answers 200 to a visitor who is not, so that a sign-in page's question is not
// an error in the browser.
HttpResponse get_session_status(const HttpRequest& request, App& app) {
  only_query(request, {});
  if (!request.principal) return HttpResponse::json(200, Json::object().set("signed_in", false));
  auto session = app.store().session();
  Json body = session_json(request.who(), request.expected_csrf, request.must_change_password, *session);
  body.set("signed_in", true);
  return HttpResponse::json(200, body);
}

HttpResponse sign_out(const HttpRequest& request, App& app) {
  auto session = app.store().session();
  try {
    session->write_transaction([&] { session->sessions().revoke(request.session_hash); });
  } catch (const StorageError& e) {
    // The database cannot be written (a full disk, a read-only file): this
    // server refuses the session from now on, and the browser forgets it.
    unwritten_sessions().sign_out(request.session_hash);
    log_line(LogLevel::Warning, "SIGN_OUT_NOT_WRITTEN", e.what());
  }
  HttpResponse response = HttpResponse::json(200, Json::object().set("signed_out", true));
  set_session_cookie(response, "", request.secure);
  return response;
}

HttpResponse change_password(const HttpRequest& request, App& app) {
  const Json body = json_body(request);
  only_members(body, {"current_password", "new_password"});
  const std::string current = required_text(body, "current_password");
  const std::string next = required_text(body, "new_password");
  auto session = app.store().session();
  const User user = *session->users().find(request.who().user_id);
  bool ok = false;
  if (!app.login_gate().in_slot([&] { ok = verify_password(user.password_hash, current); })) {
    throw ApiError{Problem::LoginBusy, "Try again in a second.", Json::object()};
  }
  if (!ok) {
    app.login_gate().record_failure(text::ascii_lower(user.username), request.remote_address);
    throw ApiError{Problem::PasswordWrong, "Give your current password.", Json::object()};
  }
  require_strong(user.username, next);
  if (next == current) {
    throw ApiError{Problem::PasswordTooWeak, "The new password must differ from the current one.", Json::object()};
  }
  // In a hashing slot too: a signed-in user asking for many changes at once
  // must not hold more than the slots' memory (passwords.h: 19 MiB a hash).
  std::string hash;
  if (!app.login_gate().in_slot([&] { hash = hash_password(next); })) {
    throw ApiError{Problem::LoginBusy, "Try again in a second.", Json::object()};
  }
  // Every session of the user ends; this one continues as a new session.
  User updated = user;
  updated.must_change_password = false;
  return start_session(request, app, *session, updated, *updated.membership(request.who().partnership_id), [&] {
    session->users().set_password(user.id, hash, false);
    session->sessions().revoke_all(user.id);
  });
}

HttpResponse list_users(const HttpRequest& request, App& app) {
  only_query(request, {});
  auto session = app.store().session();
  Json list = Json::array();
  for (const User& u : session->users().list(request.who().partnership_id))
    list.push(user_json(u, request.who().partnership_id));
  return HttpResponse::json(200, Json::object().set("users", list));
}

HttpResponse add_user(const HttpRequest& request, App& app) {
  const Json body = json_body(request);
  only_members(body, {"username", "display_name", "role", "agency", "reviewer_id", "password", "email"});
  NewAccount account;
  account.username = required_text(body, "username");
  account.display_name = required_text(body, "display_name");
  const auto role = role_from_name(required_text(body, "role"));
  if (!role) {
    throw ApiError{Problem::InvalidMember,
                   "role must be one of administrator, manager, panel_member, agency_contributor, "
                   "independent_reviewer, scrutineer, auditor."};
  }
  if (*role == Role::NationalEditor) {
    // A partnership cannot appoint who changes every partnership's codes.
    throw ApiError{Problem::Forbidden,
                   "The national vocabulary editor is appointed by the service's operator (casereview user add "
                   "USERNAME --role national_editor), not by a partnership's administrator."};
  }
  account.role = *role;
  if (body.contains("agency")) account.agency = required_text(body, "agency");
  if (body.contains("reviewer_id")) account.reviewer_id = required_integer(body, "reviewer_id");
  if (body.contains("password")) account.password = required_text(body, "password");
  if (body.contains("email")) account.email = email_member(body, "email");
  auto session = app.store().session();
  const Partnership partnership{request.who().partnership_id, request.who().partnership_code, ""};
  const auto added = add_account(*session, partnership, account, request.who().username, Instant::now());
  if (const auto* refused = std::get_if<AccountRefused>(&added)) throw problem_for(*refused);
  const PasswordSet& done = std::get<PasswordSet>(added);
  Json out = user_json(done.user, partnership.id);
  // Shown once, to the administrator who hands it over; never logged.
  if (!done.one_time_password.empty()) out.set("temporary_password", done.one_time_password);
  HttpResponse response = HttpResponse::json(201, out);
  response.headers.emplace_back("Location", "/api/v1/users/" + std::to_string(done.user.id));
  return response;
}

namespace {

// The national vocabulary editor's account is the operator's to manage: a
// partnership's administrator who could reset its password or change its
// e-mail address could take it over. 403, before anything changes.
void refuse_if_national_editor(StoreSession& session, const HttpRequest& request) {
  const auto user = session.users().find(id_param(request).value_or(0));
  const Membership* m = user ? user->membership(request.who().partnership_id) : nullptr;
  if (m && m->role == Role::NationalEditor) {
    throw ApiError{Problem::Forbidden,
                   "The national vocabulary editor's account is managed by the service's operator (casereview "
                   "user reset), not by a partnership's administrator."};
  }
}

}  // namespace

HttpResponse reset_password(const HttpRequest& request, App& app) {
  auto session = app.store().session();
  refuse_if_national_editor(*session, request);
  const auto reset =
      casereview::reset_password(*session, request.who().partnership_id, id_param(request).value_or(0), std::nullopt);
  if (const auto* refused = std::get_if<AccountRefused>(&reset)) throw problem_for(*refused);
  const PasswordSet& done = std::get<PasswordSet>(reset);
  log_line(LogLevel::Info, "PASSWORD_RESET", done.user.username + " by " + request.who().username);
  Json out = user_json(done.user, request.who().partnership_id);
  out.set("temporary_password", done.one_time_password);
  return HttpResponse::json(200, out);
}

HttpResponse set_user_active(const HttpRequest& request, App& app) {
  const Json body = json_body(request);
  only_members(body, {"active"});
  const bool active = required_flag(body, "active");
  auto session = app.store().session();
  refuse_if_national_editor(*session, request);
  const auto changed =
      set_account_active(*session, request.who().partnership_id, id_param(request).value_or(0), active);
  if (const auto* refused = std::get_if<AccountRefused>(&changed)) throw problem_for(*refused);
  return HttpResponse::json(200, user_json(std::get<User>(changed), request.who().partnership_id));
}

HttpResponse set_user_email(const HttpRequest& request, App& app) {
  const Json body = json_body(request);
  only_members(body, {"email"});
  const std::string email = email_member(body, "email");
  auto session = app.store().session();
  refuse_if_national_editor(*session, request);
  const auto changed = set_account_email(*session, request.who().partnership_id, id_param(request).value_or(0), email);
  if (const auto* refused = std::get_if<AccountRefused>(&changed)) throw problem_for(*refused);
  return HttpResponse::json(200, user_json(std::get<User>(changed), request.who().partnership_id));
}

HttpResponse set_own_email(const HttpRequest& request, App& app) {
  const Json body = json_body(request);
  only_members(body, {"email"});
  const std::string email = email_member(body, "email");
  auto session = app.store().session();
  const auto changed = set_account_email(*session, request.who().partnership_id, request.who().user_id, email);
  if (const auto* refused = std::get_if<AccountRefused>(&changed)) throw problem_for(*refused);
  Json out = Json::object();
  out.set("username", std::get<User>(changed).username);
  out.set("email", email_json(std::get<User>(changed).email));
  return HttpResponse::json(200, out);
}

}  // namespace casereview::web
