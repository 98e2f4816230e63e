#include "log.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
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

namespace {

// Writes `text` from `from` on to standard error, however many calls it takes;
// gives up silently when standard error cannot be written (nowhere to say so).
void write_rest(const std::string& text, std::size_t from) {
  while (from < text.size()) {
    const ssize_t n = ::write(STDERR_FILENO, text.data() + from, text.size() - from);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    from += static_cast<std::size_t>(n);
  }
}

}  // namespace

void log_line(LogLevel level, const std::string& code, const std::string& message) {
  // Every request is logged, so the common line is written without a lock, by
  // one write(): Linux does not mix one write() with another's on a pipe (up
  // to PIPE_BUF bytes), a file or a socket. Longer lines, and the rest of a
  // short one the kernel took only in part, are written under the lock, which
  // keeps them from mixing with each other though not a short line from
  // landing between two parts of one.
  static std::mutex mutex;
  const char* name = level == LogLevel::Info ? "INFO" : level == LogLevel::Warning ? "WARN" : "ERROR";
  const std::string line = Instant::now().iso() + " " + name + " " + code + " " + message + "\n";
  std::size_t written = 0;
  if (line.size() <= PIPE_BUF) {
    ssize_t n = 0;
    do {
      n = ::write(STDERR_FILENO, line.data(), line.size());
    } while (n < 0 && errno == EINTR);
    if (n < 0 || static_cast<std::size_t>(n) == line.size()) return;
    written = static_cast<std::size_t>(n);
  }
  std::lock_guard<std::mutex> lock(mutex);
  write_rest(line, written);
}

}  // namespace casereview::web
