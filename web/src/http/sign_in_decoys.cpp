#include "http/sign_in_decoys.h"

#include "casereview/engine/passwords.h"
#include "log.h"

namespace casereview::web {

const std::string& SignInDecoys::current() {
  std::call_once(current_once_, [&] { current_ = hash_password(random_token()); });
  return current_;
}

const std::string& SignInDecoys::older() {
  std::call_once(older_once_, [&] { older_ = hash_password_at_older_parameters(random_token()); });
  return older_;
}

bool SignInDecoys::older_remain(const Scan& scan) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (older_remain_) return *older_remain_;
  }
  const bool remain = scan();  // outside the lock: it reads the store
  std::lock_guard<std::mutex> lock(mutex_);
  if (!older_remain_) set(remain);
  return *older_remain_;
}

void SignInDecoys::saw_older() {
  std::lock_guard<std::mutex> lock(mutex_);
  set(true);
}

void SignInDecoys::rescan(const Scan& scan) {
  const bool remain = scan();
  std::lock_guard<std::mutex> lock(mutex_);
  set(remain);
}

void SignInDecoys::set(bool remain) {
  if (older_remain_ == remain) return;
  older_remain_ = remain;
  if (remain) {
    log_line(LogLevel::Info, "PASSWORD_HASHES_OLDER",
             "an account's password hash was made with older parameters: each failed sign-in is checked at both "
             "until it signs in");
  } else {
    log_line(LogLevel::Info, "PASSWORD_HASHES_CURRENT", "every account's password hash is at the current parameters");
  }
}

}  // namespace casereview::web
