#include "daily_checkpoint.h"

#include "app.h"
#include "casereview/engine/audit.h"
#include "log.h"

namespace casereview::web {
namespace {
constexpr long long kDaySeconds = 24LL * 60 * 60;
constexpr std::chrono::minutes kLookEvery{30};
}  // namespace

DailyCheckpoint::DailyCheckpoint(App& app) : app_(app), thread_([this] { run(); }) {}

DailyCheckpoint::~DailyCheckpoint() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void DailyCheckpoint::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    sign_if_due();
    lock.lock();
    wake_.wait_for(lock, kLookEvery, [&] { return stopping_; });
  }
}

void DailyCheckpoint::sign_if_due() {
  try {
    auto session = app_.store().session();
    const Instant now = Instant::now();
    const auto latest = session->checkpoints().latest_taken_at();
    if (latest && now.seconds() - latest->seconds() < kDaySeconds) return;
    record_checkpoint(*session, app_.server_key(), "casereview", now);
    log_line(LogLevel::Info, "CHECKPOINT_SIGNED", "chain heads signed at " + now.iso());
  } catch (const std::exception& e) {
    // Tried again at the next look; the request threads are unaffected.
    log_line(LogLevel::Warning, "CHECKPOINT_FAILED", e.what());
  }
}

}  // namespace casereview::web
