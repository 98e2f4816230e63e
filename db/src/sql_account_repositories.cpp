// Users with their memberships, and sessions.
#include <algorithm>

#include "sql_dialect.h"
#include "sql_errors.h"
#include "sql_repositories.h"

namespace casereview::db {
namespace {

constexpr const char* kUserColumns =
    "id, username, display_name, password_hash, active, must_change_password, created_at, created_by, email";

std::vector<User> fetch_users(StatementCache& statements, const std::string& where,
                              const std::function<void(soci::statement&)>& bind) {
  User u;
  int active = 1, must_change = 0;
  std::string created_at, email;
  soci::indicator email_i{};
  PreparedStatement prepared =
      statements.take(std::string("SELECT ") + kUserColumns + " FROM users " + where + " ORDER BY username");
  soci::statement& st = *prepared;
  st.exchange(soci::into(u.id));
  st.exchange(soci::into(u.username));
  st.exchange(soci::into(u.display_name));
  st.exchange(soci::into(u.password_hash));
  st.exchange(soci::into(active));
  st.exchange(soci::into(must_change));
  st.exchange(soci::into(created_at));
  st.exchange(soci::into(u.created_by));
  st.exchange(soci::into(email, email_i));
  bind(st);
  st.define_and_bind();
  std::vector<User> out;
  st.execute();
  while (st.fetch()) {
    User row = u;
    row.active = active != 0;
    row.must_change_password = must_change != 0;
    row.created_at = stored_instant(created_at);
    row.email = email_i == soci::i_ok ? email : "";
    out.push_back(row);
  }
  for (User& user : out) {
    Membership m;
    std::string role;
    long long reviewer = 0;
    soci::indicator reviewer_i{};
    PreparedStatement prepared_ms = statements.take(
        "SELECT m.partnership_id, p.code, m.role, m.agency, m.reviewer_id FROM memberships m "
        "JOIN partnerships p ON p.id = m.partnership_id WHERE m.user_id = :u");
    bind_all(prepared_ms, soci::into(m.partnership_id), soci::into(m.partnership_code), soci::into(role),
             soci::into(m.agency), soci::into(reviewer, reviewer_i), soci::use(user.id));
    soci::statement& ms = *prepared_ms;
    ms.execute();
    while (ms.fetch()) {
      Membership row = m;
      const auto parsed = role_from_name(role);
      if (!parsed) throw StorageError("stored role is not known: " + role);
      row.role = *parsed;
      row.reviewer_id = reviewer_i == soci::i_ok ? reviewer : 0;
      user.memberships.push_back(row);
    }
    // In partnership order here, not by ORDER BY: SQLite would sort a user's
    // one or two rows through a temporary b-tree on every signed-in request.
    // Bytewise, as both backends compare codes.
    std::sort(user.memberships.begin(), user.memberships.end(),
              [](const Membership& a, const Membership& b) { return a.partnership_code < b.partnership_code; });
  }
  return out;
}

}  // namespace

User SqlUserRepository::add(const User& user) {
  return guarded("add a user", [&] {
    if (const auto existing = find_by_username(user.username)) {
      throw ConflictError(existing->username == user.username
                              ? "user " + user.username + " exists"
                              : "user " + existing->username + " exists (usernames do not differ by letter case)");
    }
    User stored = user;
    const int active = user.active ? 1 : 0, must_change = user.must_change_password ? 1 : 0;
    const std::string at = user.created_at.iso();
    soci::indicator email_i = user.email.empty() ? soci::i_null : soci::i_ok;
    run_kept(statements_,
             "INSERT INTO users (username, display_name, password_hash, active, must_change_password, created_at, "
             "created_by, email) VALUES (:u, :d, :h, :a, :m, :t, :b, :e) RETURNING id",
             soci::use(user.username), soci::use(user.display_name), soci::use(user.password_hash), soci::use(active),
             soci::use(must_change), soci::use(at), soci::use(user.created_by), soci::use(user.email, email_i),
             soci::into(stored.id));
    for (const Membership& m : user.memberships) put_membership(stored.id, m);
    return *find(stored.id);
  });
}

std::optional<User> SqlUserRepository::find(long long user_id) {
  return guarded("read a user", [&]() -> std::optional<User> {
    auto users =
        fetch_users(statements_, "WHERE id = :i", [&](soci::statement& st) { st.exchange(soci::use(user_id)); });
    if (users.empty()) return std::nullopt;
    return users.front();
  });
}

std::optional<User> SqlUserRepository::find_by_username(const std::string& username) {
  return guarded("read a user", [&]() -> std::optional<User> {
    // Without regard to letter case (migration 0010); the exact spelling first,
    // for two accounts made before usernames were compared so.
    // PostgreSQL's unique index is on lower(username), and its C collation
    // lowers ASCII only, as SQLite's NOCASE does.
    const char* where =
        on_postgresql(sql_) ? "WHERE lower(username) = lower(:u)" : "WHERE username = :u COLLATE NOCASE";
    auto users = fetch_users(statements_, where, [&](soci::statement& st) { st.exchange(soci::use(username)); });
    if (users.empty()) return std::nullopt;
    for (const User& u : users) {
      if (u.username == username) return u;
    }
    return users.front();
  });
}

std::vector<User> SqlUserRepository::list(long long partnership_id) {
  return guarded("list users", [&] {
    return fetch_users(statements_, "WHERE id IN (SELECT user_id FROM memberships WHERE partnership_id = :p)",
                       [&](soci::statement& st) { st.exchange(soci::use(partnership_id)); });
  });
}

void SqlUserRepository::set_password(long long user_id, const std::string& password_hash, bool must_change) {
  guarded("set a password", [&] {
    const int flag = must_change ? 1 : 0;
    run_kept(statements_, "UPDATE users SET password_hash = :h, must_change_password = :m WHERE id = :i",
             soci::use(password_hash), soci::use(flag), soci::use(user_id));
  });
}

void SqlUserRepository::set_active(long long user_id, bool active) {
  guarded("activate or deactivate a user", [&] {
    const int flag = active ? 1 : 0;
    run_kept(statements_, "UPDATE users SET active = :a WHERE id = :i", soci::use(flag), soci::use(user_id));
  });
}

void SqlUserRepository::set_email(long long user_id, const std::string& email) {
  guarded("set an e-mail address", [&] {
    soci::indicator email_i = email.empty() ? soci::i_null : soci::i_ok;
    run_kept(statements_, "UPDATE users SET email = :e WHERE id = :i", soci::use(email, email_i), soci::use(user_id));
  });
}

void SqlUserRepository::put_membership(long long user_id, const Membership& m) {
  guarded("store a membership", [&] {
    const std::string role = role_name(m.role);
    long long reviewer = m.reviewer_id;
    soci::indicator reviewer_i = m.reviewer_id ? soci::i_ok : soci::i_null;
    run_kept(statements_,
             "INSERT INTO memberships (user_id, partnership_id, role, agency, reviewer_id) VALUES (:u, :p, :r, :a, :v) "
             "ON CONFLICT (user_id, partnership_id) DO UPDATE SET role = excluded.role, agency = excluded.agency, "
             "reviewer_id = excluded.reviewer_id",
             soci::use(user_id), soci::use(m.partnership_id), soci::use(role), soci::use(m.agency),
             soci::use(reviewer, reviewer_i));
  });
}

void SqlSessionRepository::create(const SessionRecord& s) {
  guarded("create a session", [&] {
    const std::string created = s.created_at.iso(), seen = s.last_seen_at.iso(), expires = s.expires_at.iso();
    run_kept(statements_,
             "INSERT INTO sessions (token_hash, user_id, partnership_id, csrf_token, created_at, last_seen_at, "
             "expires_at, revoked) VALUES (:t, :u, :p, :c, :cr, :s, :e, 0)",
             soci::use(s.token_hash), soci::use(s.user_id), soci::use(s.partnership_id), soci::use(s.csrf_token),
             soci::use(created), soci::use(seen), soci::use(expires));
  });
}

std::optional<SessionRecord> SqlSessionRepository::find(const std::string& token_hash) {
  return guarded("read a session", [&]() -> std::optional<SessionRecord> {
    SessionRecord s;
    std::string created, seen, expires;
    int revoked = 0;
    // Kept: every API request reads its session first.
    if (!run_kept(statements_,
                  "SELECT token_hash, user_id, partnership_id, csrf_token, created_at, last_seen_at, expires_at, "
                  "revoked FROM sessions WHERE token_hash = :t",
                  soci::into(s.token_hash), soci::into(s.user_id), soci::into(s.partnership_id),
                  soci::into(s.csrf_token), soci::into(created), soci::into(seen), soci::into(expires),
                  soci::into(revoked), soci::use(token_hash))) {
      return std::nullopt;
    }
    s.created_at = stored_instant(created);
    s.last_seen_at = stored_instant(seen);
    s.expires_at = stored_instant(expires);
    s.revoked = revoked != 0;
    return s;
  });
}

void SqlSessionRepository::touch(const std::string& token_hash, Instant now) {
  guarded("touch a session", [&] {
    const std::string at = now.iso();
    run_kept(statements_, "UPDATE sessions SET last_seen_at = :a WHERE token_hash = :t", soci::use(at),
             soci::use(token_hash));
  });
}

void SqlSessionRepository::revoke(const std::string& token_hash) {
  guarded("end a session", [&] {
    run_kept(statements_, "UPDATE sessions SET revoked = 1 WHERE token_hash = :t", soci::use(token_hash));
  });
}

int SqlSessionRepository::revoke_all(long long user_id) {
  return guarded("end a user's sessions", [&] {
    PreparedStatement prepared = statements_.take("UPDATE sessions SET revoked = 1 WHERE user_id = :u AND revoked = 0");
    bind_all(prepared, soci::use(user_id));
    soci::statement& st = *prepared;
    st.execute(true);
    return static_cast<int>(st.get_affected_rows());
  });
}

}  // namespace casereview::db
