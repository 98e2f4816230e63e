#pragma once
// Accounts: adding a user to a partnership, giving a user a new password,
// suspending or restoring a user, and setting a user's e-mail address. The one path for these, taken by the command
// line and by the API alike, so that both check the same things and end the
// same sessions.
//
// Expected refusals are values (AccountRefused), never exceptions; a storage
// failure throws StorageError and changes nothing (each operation is one write
// transaction; do not call them inside one). Hashing a password may also throw
// std::runtime_error (passwords.h), before anything is written. Stateless: the
// functions use only the session they are given, which is not thread-safe (one
// per thread).

#include <optional>
#include <string>
#include <variant>

#include "casereview/engine/access.h"
#include "casereview/engine/repositories.h"

namespace casereview {

struct NewAccount {
  std::string username;
  std::string display_name;  // "" means the username
  Role role = Role::Scrutineer;
  std::string agency;         // required for an agency contributor, ignored otherwise
  long long reviewer_id = 0;  // required for an independent reviewer: their register entry
  // The password the user will sign in with; none: a one-time password is
  // generated, which the user must change at first sign-in.
  std::optional<std::string> password;
  std::string email;  // where reminders go; "" for none
};

struct AccountRefused {
  enum class Why {
    InvalidUsername,        // username_problem() says why
    AgencyMissing,          // an agency contributor without an agency
    ReviewerMissing,        // an independent reviewer without a register entry
    ReviewerNotInRegister,  // the entry does not exist in this partnership's register
    PasswordTooWeak,        // password_weakness() says why
    UsernameTaken,          // usernames are unique across the installation
    NoSuchUser,             // no user of that id in this partnership
    InvalidEmail,           // email_problem() says why
    LastAdministrator,      // the partnership's last active administrator cannot be suspended
  };
  Why why;
  std::string field;    // the input it is about: "username", "agency", "reviewer_id", "password", "email"
  std::string message;  // for a person
};

// A password just set: the one-time password to hand over ("" when the caller
// chose the password), and how many of the user's sessions were ended.
struct PasswordSet {
  User user;
  std::string one_time_password;
  int sessions_ended = 0;
};

// Adds a user with one membership: `account.role` in `partnership`. A username
// that exists in any partnership is UsernameTaken (no second membership is added).
std::variant<PasswordSet, AccountRefused> add_account(StoreSession& session, const Partnership& partnership,
                                                      const NewAccount& account, const std::string& actor, Instant now);

// Gives user `user_id` of `partnership_id` a new password (`chosen`, or a
// generated one-time password that must be changed at next sign-in) and ends
// every session of theirs.
std::variant<PasswordSet, AccountRefused> reset_password(StoreSession& session, long long partnership_id,
                                                         long long user_id, const std::optional<std::string>& chosen);

// Suspends (`active` false, ending every session) or restores user `user_id`
// of `partnership_id`. Returns the user as stored after the change.
std::variant<User, AccountRefused> set_account_active(StoreSession& session, long long partnership_id,
                                                      long long user_id, bool active);

// Sets the e-mail address of user `user_id` of `partnership_id` (checked with
// email_problem; "" removes it: no reminder is sent to them). Returns the user
// as stored after the change.
std::variant<User, AccountRefused> set_account_email(StoreSession& session, long long partnership_id, long long user_id,
                                                     const std::string& email);

}  // namespace casereview
