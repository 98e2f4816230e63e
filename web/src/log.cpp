#include "log.h"

#include <iostream>
#include <mutex>

#include "casereview/engine/date.h"

namespace casereview::web {

std::string path_for_log(const std::string& path) {
  static const std::string kSecretAfter = "/api/v1/calendar-feeds/";
  if (path.rfind(kSecretAfter, 0) != 0 || path.size() == kSecretAfter.size()) return path;
  return kSecretAfter + "{token}";
}

void log_line(LogLevel level, const std::string& code, const std::string& message) {
  static std::mutex mutex;
  const char* name = level == LogLevel::Info ? "INFO" : level == LogLevel::Warning ? "WARN" : "ERROR";
  const std::string line = Instant::now().iso() + " " + name + " " + code + " " + message + "\n";
  std::lock_guard<std::mutex> lock(mutex);
  std::cerr << line << std::flush;
}

}  // namespace casereview::web
