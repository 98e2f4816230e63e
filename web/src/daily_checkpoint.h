#pragma once
// Signs the chain heads once a day while the server runs (engine/audit.h): at
// start when the newest checkpoint is a day old or there is none, then every
// day. Stops when destroyed.

#include <condition_variable>
#include <mutex>
#include <thread>

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

  App& app_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace casereview::web
