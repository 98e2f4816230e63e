#include "server_key.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "casereview/engine/passwords.h"

namespace casereview::web {

std::string load_or_create_server_key(const std::string& path) {
  if (auto existing = load_server_key(path)) return *existing;
  // Written whole to a file of this process's own, then linked into place:
  // link() makes the key appear complete or not at all, and fails if another
  // process (two commands started at once) put its key there first, whose key
  // is then the one read. A key file is never seen half-written.
  const std::string mine = path + ".new." + std::to_string(getpid()) + "." + random_token().substr(0, 8);
  const int fd = open(mine.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) throw std::runtime_error("cannot write the server key beside " + path);
  const std::string key = random_token() + "\n";
  const bool written = write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && fsync(fd) == 0;
  close(fd);
  const bool placed = written && link(mine.c_str(), path.c_str()) == 0;
  const int link_error = errno;
  unlink(mine.c_str());
  if (!written) throw std::runtime_error("cannot write the server key to " + path);
  if (!placed && link_error != EEXIST) throw std::runtime_error("cannot write the server key to " + path);
  return *load_server_key(path);
}

std::optional<std::string> load_server_key(const std::string& path) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0 && errno == ENOENT) return std::nullopt;
  std::ifstream in(path);
  std::string key;
  if (!in || !std::getline(in, key)) throw std::runtime_error("cannot read the server key at " + path);
  if (key.size() != 64 || key.find_first_not_of("0123456789abcdef") != std::string::npos) {
    throw std::runtime_error("the file " + path + " does not hold a casereview server key");
  }
  return key;
}

}  // namespace casereview::web
