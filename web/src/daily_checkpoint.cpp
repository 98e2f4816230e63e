#include "daily_checkpoint.h"

#include "app.h"
#include "casereview/engine/audit.h"
#include "casereview/engine/retention_service.h"
#include "log.h"

namespace casereview::web {
namespace {
constexpr long long kDaySeconds = 24LL * 60 * 60;
constexpr std::chrono::minutes kLookEvery{30};
}  // namespace

DailyCheckpoint::DailyCheckpoint(App& app, ReadMuch read_much)
    : app_(app), read_much_(std::move(read_much)), thread_([this] { run(); }) {}

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
    const auto started = std::chrono::steady_clock::now();
    if (sign_if_due()) {
      list_retention();
      if (read_much_) {
        read_much_(std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started));
      }
    }
    lock.lock();
    wake_.wait_for(lock, kLookEvery, [&] { return stopping_; });
  }
}

bool DailyCheckpoint::sign_if_due() {
  try {
    auto session = app_.store().session();
    const Instant now = Instant::now();
    if (!record_checkpoint_if_due(*session, app_.server_key(), "casereview", now, kDaySeconds)) return false;
    log_line(LogLevel::Info, "CHECKPOINT_SIGNED", "chain heads signed at " + now.iso());
    return true;
  } catch (const CheckpointKeyMismatch& e) {
    // Not a passing failure: no checkpoint is taken until the key is put right.
    log_line(LogLevel::Error, "CHECKPOINT_KEY_MISMATCH", e.what());
    return false;
  } catch (const std::exception& e) {
    // Tried again at the next look; the request threads are unaffected.
    log_line(LogLevel::Warning, "CHECKPOINT_FAILED", e.what());
    return false;
  }
}

void DailyCheckpoint::list_retention() {
  try {
    const Date today = app_.today();
    // It reads every closed case: a long read's session, as the retention page's.
    auto session = app_.store().scan_session();
    for (const Partnership& p : session->partnerships().list()) {
      std::string due;
      int count = 0;
      const auto is_due = [](const RetentionItem& r) { return r.status == RetentionStatus::Due; };
      for (const RetentionItem& r : retention_schedule(*session, app_.workflows(), p.id, today, is_due)) {
        due += (count++ ? ", " : "") + r.item.reference;
      }
      if (count == 0) continue;
      log_line(LogLevel::Info, "RETENTION_DUE",
               p.code + ": " + std::to_string(count) + " closed case" + (count == 1 ? "" : "s") +
                   " past retention, to erase after confirmation (GET /api/v1/retention?status=due): " + due);
    }
  } catch (const std::exception& e) {
    log_line(LogLevel::Warning, "RETENTION_LIST_FAILED", e.what());
  }
}

}  // namespace casereview::web
