#pragma once
// One line per message on standard error: time, level, stable code, text.
// The code (e.g. INTERNAL_ERROR, SERVER_STARTED) is what operators search for.
// Thread-safe.

#include <string>

namespace casereview::web {

enum class LogLevel { Info, Warning, Error };

// `message` is written as given (not escaped): keep secrets and line breaks out.
void log_line(LogLevel level, const std::string& code, const std::string& message);

// A request's path as the log shows it: the secret that makes a calendar
// address (/api/v1/calendar-feeds/SECRET, wherever in the target it stands) is
// written `{token}`, since anyone who reads the log could otherwise subscribe
// to that user's deadlines.
std::string path_for_log(const std::string& path);

}  // namespace casereview::web
