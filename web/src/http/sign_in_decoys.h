#pragma once
// What a failed sign-in is checked against besides the account's own hash, so
// that every failure takes the same time (passwords.h: failed_sign_in_decoy):
// a decoy at the current parameters, for a username that is no account, and
// one at the older parameters, while an account's stored hash was made with
// them (until its owner signs in, when it is made again). Thread-safe.
//
// Whether such an account remains is read from the store (`scan`) on first
// need, counted as seen when a sign-in meets one, and read again after a
// sign-in has made a hash again. A change that would bring an older hash back
// (a restored copy of the database) is seen at its first sign-in.

#include <functional>
#include <mutex>
#include <optional>
#include <string>

namespace casereview::web {

class SignInDecoys {
 public:
  // Whether any account has a password hash made with older parameters.
  using Scan = std::function<bool()>;

  // Each made on first call (a hash: tens of milliseconds; the older one 64 MiB).
  const std::string& current();
  const std::string& older();

  bool older_remain(const Scan& scan);
  // A sign-in met an account whose hash is older.
  void saw_older();
  // A sign-in made an account's hash again: read whether any older one remains.
  void rescan(const Scan& scan);

 private:
  void set(bool remain);  // under mutex_; logs each change

  std::once_flag current_once_, older_once_;
  std::string current_, older_;
  std::mutex mutex_;
  std::optional<bool> older_remain_;  // under mutex_; unknown until scanned or seen
};

}  // namespace casereview::web
