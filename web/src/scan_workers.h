#pragma once
// A few threads of their own for the requests that read across the
// partnership and build a large answer (reports, exports, the evidence pack,
// the audit's verification).
//
// Such a request was already one of a few at once (Store::scan_session has a
// connection for each core), but the request thread that waited its turn then
// built the answer in its own allocator arena: after sixteen connections had
// asked for a year's CDOP report listing every case, eight arenas each held a
// report's worth (the server 510 MB resident, 75 MB of it in use). Built on a
// thread a core (on SQLite, as many as its scan connections), the same work
// uses as many arenas, and the request thread only waits for the answer and
// sends it (a long answer piece by piece as it is written:
// http/answer_stream.h). On PostgreSQL, where a report takes a request's connection, they
// also keep a server's reports to that many at once.

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "http/answer_stream.h"
#include "http/http_types.h"

namespace casereview::web {

class ScanWorkers {
 public:
  explicit ScanWorkers(int threads);
  ~ScanWorkers();  // lets the work queued finish, then stops
  ScanWorkers(const ScanWorkers&) = delete;
  ScanWorkers& operator=(const ScanWorkers&) = delete;

  // Runs `work` on one of the threads, after the work queued before it, and
  // returns its answer or throws what it threw. The caller waits meanwhile:
  // until the work ends, or until it begins to hand a long answer over
  // through `stream` (the answer's head, its `rest` the stream; the work goes
  // on). Throws std::runtime_error once the workers are stopping.
  HttpResponse run(std::function<HttpResponse()> work, const std::shared_ptr<AnswerStream>& stream);

  int threads() const { return static_cast<int>(threads_.size()); }

  // Lets the work queued finish and joins every thread; work asked for after
  // it is refused. The destructor calls it.
  void stop();

 private:
  void serve();

  std::mutex mutex_;
  std::condition_variable queued_;
  std::deque<std::function<void()>> queue_;  // guarded by mutex_
  bool stopping_ = false;                    // guarded by mutex_
  std::vector<std::thread> threads_;
};

class App;

// `work` on the App's scan workers (App::scan_workers), for `request`: a
// long answer it writes goes through request.answer_stream, made here with
// the App's limits (Settings::answer_piece_kib, slow_client_wait_ms). A
// function of its own so that the route matcher needs nothing of App
// (tests/fuzz builds it alone).
HttpResponse run_on_scan_workers(App& app, HttpRequest& request, std::function<HttpResponse()> work);

}  // namespace casereview::web
