#pragma once
// While a server serves a database it holds an advisory lock on "<db>.lock", so
// that `casereview restore` can refuse to replace a file in use and a second
// server on the same file can refuse to start. The lock ends with the process,
// however it ends.

#include <string>

namespace casereview::web {

class ServingLock {
 public:
  // Takes the lock; nullopt-like: `held()` is false when another process has it.
  // Throws std::runtime_error when the lock file cannot be opened or created.
  // The file stays behind; only the lock ends.
  explicit ServingLock(const std::string& db_path);
  ~ServingLock();
  ServingLock(const ServingLock&) = delete;
  ServingLock& operator=(const ServingLock&) = delete;

  bool held() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

}  // namespace casereview::web
