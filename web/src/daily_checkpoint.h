#pragma once
// Signs the chain heads once a day while the server runs (engine/audit.h): it
// looks at start and then every 30 minutes, and signs when the newest checkpoint
// (however taken, by whichever server) is a day old by the real clock, or there
// is none; the look and the signing are one transaction, so servers sharing a
// PostgreSQL database sign once between them. A failure is logged
// (CHECKPOINT_FAILED) and tried again at the next look; nothing is thrown.
// The server that signed then lists each partnership's closed cases whose
// retention has run out (retention.h) in its log (RETENTION_DUE, by
// reference): so once a day, by one server. It never erases anything, which
// only an administrator does, case by case, after confirming.
// Runs on its own thread, started by the constructor; the destructor stops it,
// waiting for a signing in progress. `app` must outlive it. A signing reads
// every case changed since the last one, at a start on a large database most
// of the file: `read_much` is told how long each signing took, and the server
// gives back what it read (Server::after_background_work).

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "memory_release.h"

namespace casereview::web {

class App;

class DailyCheckpoint {
 public:
  explicit DailyCheckpoint(App& app, ReadMuch read_much = nullptr);
  ~DailyCheckpoint();
  DailyCheckpoint(const DailyCheckpoint&) = delete;
  DailyCheckpoint& operator=(const DailyCheckpoint&) = delete;

 private:
  void run();
  bool sign_if_due();  // true when it signed
  void list_retention();

  App& app_;
  ReadMuch read_much_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace casereview::web
