#pragma once
// Signs the chain heads once a day while the server runs (engine/audit.h): it
// looks at start and then every 30 minutes, and signs when the newest checkpoint
// (however taken) is a day old by the real clock, or there is none. A failure is
// logged (CHECKPOINT_FAILED) and tried again at the next look; nothing is thrown.
// At the same looks, once per day in England, it lists each partnership's
// closed cases whose retention has run out (retention.h) in the log
// (RETENTION_DUE, by reference): it never erases anything, which only an
// administrator does, case by case, after confirming.
// Runs on its own thread, started by the constructor; the destructor stops it,
// waiting for a signing in progress. `app` must outlive it.

#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "casereview/engine/date.h"

namespace casereview::web {

class App;

class DailyCheckpoint {
 public:
  explicit DailyCheckpoint(App& app);
  ~DailyCheckpoint();
  DailyCheckpoint(const DailyCheckpoint&) = delete;
  DailyCheckpoint& operator=(const DailyCheckpoint&) = delete;

 private:
  void run();
  void sign_if_due();
  void list_retention_if_due();

  App& app_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::optional<Date> retention_listed_on_;  // only the thread reads and writes it
  std::thread thread_;
};

}  // namespace casereview::web
