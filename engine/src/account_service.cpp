#include "casereview/engine/account_service.h"

#include <cctype>

#include "casereview/engine/email_address.h"
#include "casereview/engine/passwords.h"

namespace casereview {
namespace {

using Why = AccountRefused::Why;

// The user `user_id` if they are a member of `partnership_id`: an administrator
// never learns of users of other partnerships.
std::optional<User> member(StoreSession& session, long long partnership_id, long long user_id) {
  auto user = session.users().find(user_id);
  if (!user || !user->membership(partnership_id)) return std::nullopt;
  return user;
}

AccountRefused no_such_user(long long user_id) {
  return {Why::NoSuchUser, "id", "There is no user " + std::to_string(user_id) + " in this partnership."};
}

std::optional<AccountRefused> email_refusal(const std::string& email) {
  const std::string problem = email_problem(email);
  if (problem.empty()) return std::nullopt;
  std::string sentence = problem + ".";
  sentence.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(sentence.front())));
  return AccountRefused{Why::InvalidEmail, "email", sentence};
}

}  // namespace

std::variant<PasswordSet, AccountRefused> add_account(StoreSession& session, const Partnership& partnership,
                                                      const NewAccount& account, const std::string& actor,
                                                      Instant now) {
  if (const std::string problem = username_problem(account.username); !problem.empty()) {
    return AccountRefused{Why::InvalidUsername, "username", problem + "."};
  }
  if (!account.email.empty()) {
    if (auto refused = email_refusal(account.email)) return *refused;
  }
  Membership membership{partnership.id, partnership.code, account.role, "", 0};
  if (account.role == Role::AgencyContributor) {
    if (account.agency.empty())
      return AccountRefused{Why::AgencyMissing, "agency", "An agency contributor needs an agency."};
    membership.agency = account.agency;
  }
  if (account.role == Role::IndependentReviewer) {
    if (account.reviewer_id == 0) {
      return AccountRefused{Why::ReviewerMissing, "reviewer_id",
                            "An independent reviewer's account names their entry in the register."};
    }
    if (!session.reviewers().find(partnership.id, account.reviewer_id)) {
      return AccountRefused{
          Why::ReviewerNotInRegister, "reviewer_id",
          "Reviewer " + std::to_string(account.reviewer_id) + " is not in the register of " + partnership.code + "."};
    }
    membership.reviewer_id = account.reviewer_id;
  }
  PasswordSet added;
  std::string password;
  if (account.password) {
    if (const std::string weakness = password_weakness(account.username, *account.password); !weakness.empty()) {
      return AccountRefused{Why::PasswordTooWeak, "password", "The password is too weak: " + weakness + "."};
    }
    password = *account.password;
  } else {
    password = added.one_time_password = generate_password();
  }
  User user;
  user.username = account.username;
  user.display_name = account.display_name.empty() ? account.username : account.display_name;
  user.password_hash = hash_password(password);
  user.must_change_password = !account.password;
  user.email = account.email;
  user.created_at = now;
  user.created_by = actor;
  user.memberships = {membership};
  try {
    session.write_transaction([&] { added.user = session.users().add(user); });
  } catch (const ConflictError&) {
    return AccountRefused{Why::UsernameTaken, "username", "The username " + account.username + " is taken."};
  }
  return added;
}

std::variant<PasswordSet, AccountRefused> reset_password(StoreSession& session, long long partnership_id,
                                                         long long user_id, const std::optional<std::string>& chosen) {
  const auto user = member(session, partnership_id, user_id);
  if (!user) return no_such_user(user_id);
  PasswordSet reset;
  std::string password;
  if (chosen) {
    if (const std::string weakness = password_weakness(user->username, *chosen); !weakness.empty()) {
      return AccountRefused{Why::PasswordTooWeak, "password", "The password is too weak: " + weakness + "."};
    }
    password = *chosen;
  } else {
    password = reset.one_time_password = generate_password();
  }
  const std::string hash = hash_password(password);
  session.write_transaction([&] {
    session.users().set_password(user->id, hash, !chosen);
    reset.sessions_ended = session.sessions().revoke_all(user->id);
  });
  reset.user = *session.users().find(user->id);
  return reset;
}

std::variant<User, AccountRefused> set_account_active(StoreSession& session, long long partnership_id,
                                                      long long user_id, bool active) {
  const auto user = member(session, partnership_id, user_id);
  if (!user) return no_such_user(user_id);
  bool last_administrator = false;
  session.write_transaction([&] {
    // Counted in the transaction, so that two administrators suspending each
    // other at once cannot both succeed.
    if (!active && user->membership(partnership_id)->role == Role::Administrator) {
      const auto users = session.users().list(partnership_id);
      last_administrator = std::none_of(users.begin(), users.end(), [&](const User& other) {
        const Membership* m = other.membership(partnership_id);
        return other.id != user->id && other.active && m && m->role == Role::Administrator;
      });
      if (last_administrator) return;
    }
    session.users().set_active(user->id, active);
    if (!active) session.sessions().revoke_all(user->id);
  });
  if (last_administrator) {
    return AccountRefused{Why::LastAdministrator, "active",
                          user->username +
                              " is the partnership's last active administrator: make or restore "
                              "another administrator first, or nobody could manage its users."};
  }
  return *session.users().find(user->id);
}

std::variant<User, AccountRefused> set_account_email(StoreSession& session, long long partnership_id, long long user_id,
                                                     const std::string& email) {
  if (!email.empty()) {
    if (auto refused = email_refusal(email)) return *refused;
  }
  const auto user = member(session, partnership_id, user_id);
  if (!user) return no_such_user(user_id);
  session.write_transaction([&] { session.users().set_email(user->id, email); });
  return *session.users().find(user->id);
}

}  // namespace casereview
