#include "log.h"

#include <algorithm>
#include <iostream>
#include <mutex>

#include "casereview/engine/date.h"

namespace casereview::web {

std::string path_for_log(const std::string& path) {
  // Wherever it stands: a request target may also be written in absolute form
  // (http://host/api/...) or with doubled slashes, and is logged as sent when
  // it cannot be decoded.
  static const std::string kSecretAfter = "/calendar-feeds/";
  std::string out = path;
  for (std::size_t at = out.find(kSecretAfter); at != std::string::npos; at = out.find(kSecretAfter, at + 1)) {
    const std::size_t start = at + kSecretAfter.size();
    const std::size_t end = std::min(out.find_first_of("/?#", start), out.size());
    if (end > start) out.replace(start, end - start, "{token}");
  }
  return out;
}

void log_line(LogLevel level, const std::string& code, const std::string& message) {
  static std::mutex mutex;
  const char* name = level == LogLevel::Info ? "INFO" : level == LogLevel::Warning ? "WARN" : "ERROR";
  const std::string line = Instant::now().iso() + " " + name + " " + code + " " + message + "\n";
  std::lock_guard<std::mutex> lock(mutex);
  std::cerr << line << std::flush;
}

}  // namespace casereview::web
