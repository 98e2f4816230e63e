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

HttpResponse ScanWorkers::run(std::function<HttpResponse()> work, const std::shared_ptr<AnswerStream>& stream) {
  // The stream is where the work's end, answer or failure, reaches the caller.
  std::function<void()> task = [work = std::move(work), stream] {
    try {
      stream->finish(work());
    } catch (...) {
      stream->fail(std::current_exception());
    }
  };
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    // Work queued now might find every thread gone, and its caller would
    // wait for ever.
    if (stopping_) throw std::runtime_error("the server is stopping");
    queue_.push_back(std::move(task));
  }
  queued_.notify_one();
  return stream->answer();
}

void ScanWorkers::serve() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      queued_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to do
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();  // never throws: what the work threw goes to its stream
  }
}

}  // namespace casereview::web
