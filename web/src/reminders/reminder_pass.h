#pragma once
// One pass of reminder e-mails: for every partnership, what is due on the App's
// today (engine/reminders.h), sent once through `mailer` under the claims of
// engine/reminder_sender.h, so that any number of processes may run passes on
// one database at the same time. Each e-mail sent or failed is logged
// (REMINDER_SENT, REMINDER_FAILED) and so is the pass (REMINDER_PASS). Used by
// `casereview reminders send` and by the server's ReminderSchedule.
// Throws StorageError; an e-mail the relay did not take is a failure recorded
// and logged, never an exception.

#include <string>

#include "casereview/engine/reminder_sender.h"

namespace casereview::web {

class App;
struct Settings;

// How this process signs its claims: "HOST:PID".
std::string reminder_sender_name();

// Settings::public_url, else `own_url` (the server's address), without a
// trailing slash.
std::string reminder_links_base(const Settings& settings, const std::string& own_url);

// Sends what is due today in every partnership; `public_url` is where the
// e-mails' links point.
ReminderPassSummary run_reminder_pass(App& app, Mailer& mailer, const std::string& public_url);

}  // namespace casereview::web
