#include "usable_cores.h"

#include <sched.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

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
  // Clamped before the cast: the kernel allows quotas far above a 32-bit count.
  const long long cores = std::min<long long>((quota + period - 1) / period, 1LL << 20);
  return static_cast<unsigned>(std::max(1LL, cores));
}

std::string first_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

std::string read_all(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The lowest quota set on the process's own cgroup or any above it, in the
// hierarchy mounted at each of `roots`; `read` gives one directory's quota.
template <class ReadQuota>
std::optional<unsigned> lowest_quota(const std::optional<std::string>& path, std::initializer_list<const char*> roots,
                                     ReadQuota read) {
  if (!path) return std::nullopt;
  std::optional<unsigned> lowest;
  for (const char* root : roots) {
    for (const std::string& directory : cgroup_directories(root, *path)) {
      if (const auto cores = read(directory)) lowest = lowest ? std::min(*lowest, *cores) : *cores;
    }
  }
  return lowest;
}

std::optional<unsigned> cgroup_quota() {
  const std::string cgroups = read_all("/proc/self/cgroup");
  const auto v2 =
      lowest_quota(cgroup_path_in(cgroups, ""), {"/sys/fs/cgroup", "/sys/fs/cgroup/unified"},
                   [](const std::string& directory) { return cores_of_cpu_max(first_line(directory + "/cpu.max")); });
  if (v2) return v2;
  return lowest_quota(cgroup_path_in(cgroups, "cpu"), {"/sys/fs/cgroup/cpu", "/sys/fs/cgroup/cpu,cpuacct"},
                      [](const std::string& directory) {
                        return cores_of_cfs_quota(first_line(directory + "/cpu.cfs_quota_us"),
                                                  first_line(directory + "/cpu.cfs_period_us"));
                      });
}

unsigned affinity_cores() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0) return static_cast<unsigned>(CPU_COUNT(&set));
  return std::max(1U, std::thread::hardware_concurrency());
}

}  // namespace

std::optional<std::string> cgroup_path_in(const std::string& proc_self_cgroup, const std::string& controller) {
  std::istringstream in(proc_self_cgroup);
  std::string line;
  while (std::getline(in, line)) {
    const auto first = line.find(':');
    const auto second = first == std::string::npos ? first : line.find(':', first + 1);
    if (second == std::string::npos) continue;
    const std::string listed = line.substr(first + 1, second - first - 1);
    bool found = controller.empty() && line.compare(0, first, "0") == 0 && listed.empty();
    std::istringstream names(listed);
    std::string name;
    while (!found && !controller.empty() && std::getline(names, name, ',')) found = name == controller;
    if (found) return line.substr(second + 1);
  }
  return std::nullopt;
}

std::vector<std::string> cgroup_directories(const std::string& root, const std::string& path) {
  std::vector<std::string> out;
  std::string at = path;
  while (!at.empty() && at != "/") {
    out.push_back(root + at);
    const auto parent = at.find_last_of('/');
    at.erase(parent == std::string::npos ? 0 : parent);
  }
  out.push_back(root);
  return out;
}

std::optional<unsigned> cores_of_cpu_max(const std::string& text) {
  std::istringstream in(text);
  std::string quota, period, rest;
  if (!(in >> quota >> period) || (in >> rest)) return std::nullopt;
  return cores_of_cfs_quota(quota, period);  // "max" is not a number: no cap
}

std::optional<unsigned> cores_of_cfs_quota(const std::string& quota, const std::string& period) {
  const auto q = whole_number(quota), p = whole_number(period);
  if (!q || !p) return std::nullopt;
  return cores_for(*q, *p);
}

unsigned usable_cores() {
  static const unsigned cores = [] {
    const unsigned affinity = affinity_cores();
    const auto quota = cgroup_quota();
    return quota ? std::min(affinity, *quota) : affinity;
  }();
  return cores;
}

}  // namespace casereview::web
