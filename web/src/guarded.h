#pragma once
// Shared mutable state made visible in the type: the value can only be reached
// through `with`, which holds the lock for the length of the call.

#include <mutex>
#include <utility>

namespace casereview::web {

template <class T>
class Guarded {
 public:
  template <class... Args>
  explicit Guarded(Args&&... args) : value_(std::forward<Args>(args)...) {}

  template <class F>
  auto with(F&& work) {
    std::lock_guard<std::mutex> lock(mutex_);
    return work(value_);
  }

 private:
  std::mutex mutex_;
  T value_;
};

}  // namespace casereview::web
