#pragma once
// Shared mutable state made visible in the type: the value can only be reached
// through `with`, which holds the lock for the length of the call and returns
// what `work` returns. `work` must not keep a reference to the value past the
// call, nor call `with` on the same object (the mutex is not recursive).

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
