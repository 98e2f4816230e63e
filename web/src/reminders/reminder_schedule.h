#pragma once
// The server's reminder e-mails: a pass (reminder_pass.h) at start and then
// every `minutes`, sending what is due on the App's today and retrying what
// failed, on its own thread with its own store session. A pass that fails
// (the database) is logged (REMINDER_PASS_FAILED) and tried again at the next
// look; nothing is thrown. The destructor stops the thread, waiting for a pass
// in progress (at most one relay time-out per e-mail). `app` must outlive it.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "reminders/smtp_mailer.h"

namespace casereview::web {

class App;

class ReminderSchedule {
 public:
  ReminderSchedule(App& app, SmtpSettings smtp, std::string public_url, int minutes);
  ~ReminderSchedule();
  ReminderSchedule(const ReminderSchedule&) = delete;
  ReminderSchedule& operator=(const ReminderSchedule&) = delete;

 private:
  void run();
  void pass();

  App& app_;
  SmtpMailer mailer_;
  const std::string public_url_;
  const std::chrono::minutes every_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace casereview::web
