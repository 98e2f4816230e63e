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
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd >= 0) {
    const std::string key = random_token() + "\n";
    const bool written = write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size());
    close(fd);
    if (!written) throw std::runtime_error("cannot write the server key to " + path);
  }
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
