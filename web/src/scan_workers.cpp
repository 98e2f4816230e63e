#include "scan_workers.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace casereview::web {

ScanWorkers::ScanWorkers(int threads) {
  const int count = std::max(1, threads);
  threads_.reserve(static_cast<std::size_t>(count));
  try {
    for (int i = 0; i < count; ++i) threads_.emplace_back([this] { serve(); });
  } catch (...) {
    stop();  // the threads started, before the one that could not be
    throw;
  }
}

ScanWorkers::~ScanWorkers() { stop(); }

void ScanWorkers::stop() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  queued_.notify_all();
  for (std::thread& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
}

HttpResponse ScanWorkers::run(std::function<HttpResponse()> work) {
  std::packaged_task<HttpResponse()> task(std::move(work));
  std::future<HttpResponse> answer = task.get_future();
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    // Work queued now might find every thread gone, and its caller would
    // wait for ever.
    if (stopping_) throw std::runtime_error("the server is stopping");
    queue_.push_back(std::move(task));
  }
  queued_.notify_one();
  return answer.get();
}

void ScanWorkers::serve() {
  for (;;) {
    std::packaged_task<HttpResponse()> task;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      queued_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to do
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    // The task keeps what the work threw for the caller.
    task();
  }
}

}  // namespace casereview::web
