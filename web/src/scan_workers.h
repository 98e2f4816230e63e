#pragma once
// A few threads of their own for the requests that read across the
// partnership and build a large answer (reports, exports, registers, the
// evidence pack, the audit's verification).
//
// Such a request was already one of a few at once (Store::scan_session has a
// connection for each core), but the request thread that waited its turn then
// built the answer in its own allocator arena: after sixteen connections had
// asked for a year's CDOP report listing every case, eight arenas each held a
// report's worth (the server 510 MB resident, 75 MB of it in use). Built on as
// many threads as there are scan connections, the same work uses as many
// arenas, and the request thread only waits for the answer and sends it.

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "http/http_types.h"

namespace casereview::web {

class ScanWorkers {
 public:
  explicit ScanWorkers(int threads);
  ~ScanWorkers();  // lets the work queued finish, then stops
  ScanWorkers(const ScanWorkers&) = delete;
  ScanWorkers& operator=(const ScanWorkers&) = delete;

  // Runs `work` on one of the threads, after the work queued before it, and
  // returns its answer or throws what it threw. The caller waits meanwhile.
  HttpResponse run(std::function<HttpResponse()> work);

  int threads() const { return static_cast<int>(threads_.size()); }

 private:
  void serve();

  std::mutex mutex_;
  std::condition_variable queued_;
  std::deque<std::packaged_task<HttpResponse()>> queue_;  // guarded by mutex_
  bool stopping_ = false;                                 // guarded by mutex_
  std::vector<std::thread> threads_;
};

}  // namespace casereview::web
