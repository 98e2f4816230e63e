#include "reminders/reminder_schedule.h"

#include "log.h"
#include "reminders/reminder_pass.h"

namespace casereview::web {

ReminderSchedule::ReminderSchedule(App& app, SmtpSettings smtp, std::string public_url, int minutes)
    : app_(app), mailer_(std::move(smtp)), public_url_(std::move(public_url)), every_(minutes), thread_([this] {
        run();
      }) {}

ReminderSchedule::~ReminderSchedule() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void ReminderSchedule::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    pass();
    lock.lock();
    wake_.wait_for(lock, every_, [&] { return stopping_; });
  }
}

void ReminderSchedule::pass() {
  try {
    run_reminder_pass(app_, mailer_, public_url_);
  } catch (const std::exception& e) {
    // Tried again at the next look; the request threads are unaffected.
    log_line(LogLevel::Warning, "REMINDER_PASS_FAILED", e.what());
  }
}

}  // namespace casereview::web
