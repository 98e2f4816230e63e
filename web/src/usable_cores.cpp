#include "usable_cores.h"

#include <sched.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <thread>

namespace casereview::web {
namespace {

std::optional<long long> whole_number(const std::string& text) {
  std::istringstream in(text);
  long long value = 0;
  std::string rest;
  if (!(in >> value) || (in >> rest)) return std::nullopt;
  return value;
}

std::optional<unsigned> cores_for(long long quota, long long period) {
  if (quota <= 0 || period <= 0) return std::nullopt;
  return static_cast<unsigned>(std::max(1LL, (quota + period - 1) / period));
}

std::string first_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

// The process's own directory in the cgroup hierarchy of `controller` ("" for
// v2's unified one), from /proc/self/cgroup ("0::/path", "4:cpu,cpuacct:/path"):
// where a container's or a service's limit is.
std::optional<std::string> cgroup_path(const std::string& controller) {
  std::ifstream in("/proc/self/cgroup");
  std::string line;
  while (std::getline(in, line)) {
    const auto first = line.find(':'), second = line.find(':', first + 1);
    if (first == std::string::npos || second == std::string::npos) continue;
    std::istringstream controllers(line.substr(first + 1, second - first - 1));
    std::string name;
    bool listed = controller.empty() && line.compare(0, 3, "0::") == 0;
    while (!listed && std::getline(controllers, name, ',')) listed = !controller.empty() && name == controller;
    if (listed) return line.substr(second + 1);
  }
  return std::nullopt;
}

std::optional<unsigned> cgroup_quota() {
  if (const auto path = cgroup_path("")) {
    for (const char* root : {"/sys/fs/cgroup", "/sys/fs/cgroup/unified"}) {
      if (auto cores = cores_of_cpu_max(first_line(root + *path + "/cpu.max"))) return cores;
    }
  }
  if (const auto path = cgroup_path("cpu")) {
    for (const char* root : {"/sys/fs/cgroup/cpu", "/sys/fs/cgroup/cpu,cpuacct"}) {
      const std::string directory = root + *path;
      if (auto cores = cores_of_cfs_quota(first_line(directory + "/cpu.cfs_quota_us"),
                                          first_line(directory + "/cpu.cfs_period_us"))) {
        return cores;
      }
    }
  }
  return std::nullopt;
}

unsigned affinity_cores() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0) return static_cast<unsigned>(CPU_COUNT(&set));
  return std::max(1U, std::thread::hardware_concurrency());
}

}  // namespace

std::optional<unsigned> cores_of_cpu_max(const std::string& text) {
  std::istringstream in(text);
  std::string quota, period, rest;
  if (!(in >> quota >> period) || (in >> rest) || quota == "max") return std::nullopt;
  const auto q = whole_number(quota), p = whole_number(period);
  if (!q || !p) return std::nullopt;
  return cores_for(*q, *p);
}

std::optional<unsigned> cores_of_cfs_quota(const std::string& quota, const std::string& period) {
  const auto q = whole_number(quota), p = whole_number(period);
  if (!q || !p) return std::nullopt;
  return cores_for(*q, *p);
}

unsigned usable_cores() {
  unsigned cores = affinity_cores();
  if (const auto quota = cgroup_quota()) cores = std::min(cores, *quota);
  return std::max(1U, cores);
}

}  // namespace casereview::web
