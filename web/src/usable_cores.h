#pragma once
// The processor cores this process may use. std::thread::hardware_concurrency
// counts the machine's; a container limited to two cores of a 64-core host
// would otherwise size its allocator's arenas and its scan connections for 64.

#include <optional>
#include <string>
#include <vector>

namespace casereview::web {

// The cores of the process's CPU affinity, capped by the lowest CPU quota on
// its cgroup or any above it (cgroup v2's cpu.max, or v1's cfs quota and
// period), at least one. Read from the system once, on the first call.
unsigned usable_cores();

// The process's path in the hierarchy of `controller` ("" for cgroup v2's
// unified one) in the text of /proc/self/cgroup: "/docker/1f2e" from
// "4:cpu,cpuacct:/docker/1f2e", "/" from "0::/". nullopt when not listed.
std::optional<std::string> cgroup_path_in(const std::string& proc_self_cgroup, const std::string& controller);
// The directories that may hold a quota for the process, its own first and
// the mount `root` last: a container mounts its own cgroup as the root, where
// its path does not exist, and a limit may be set on a parent (a systemd
// slice, a pod) as well as on the process's own.
std::vector<std::string> cgroup_directories(const std::string& root, const std::string& path);

// The cores a quota allows, rounded up: from cgroup v2's cpu.max text
// ("200000 100000" allows 2; "max 100000" no cap), or from v1's quota and
// period files ("-1" no cap). nullopt for no cap, or for text that is not a
// quota (the caller then uses the affinity alone).
std::optional<unsigned> cores_of_cpu_max(const std::string& text);
std::optional<unsigned> cores_of_cfs_quota(const std::string& quota, const std::string& period);

}  // namespace casereview::web
