#pragma once
// The processor cores this process may use. std::thread::hardware_concurrency
// counts the machine's; a container limited to two cores of a 64-core host
// would otherwise size its allocator's arenas and its scan connections for 64.

#include <optional>
#include <string>

namespace casereview::web {

// The cores of the process's CPU affinity, capped by its cgroup's CPU quota
// when it has one (cgroup v2's cpu.max, or v1's cfs quota and period), at
// least one. Read from the system on each call: call it at start-up.
unsigned usable_cores();

// The cores a quota allows, rounded up: from cgroup v2's cpu.max text
// ("200000 100000" allows 2; "max 100000" no cap), or from v1's quota and
// period files ("-1" no cap). nullopt for no cap, or for text that is not a
// quota (the caller then uses the affinity alone).
std::optional<unsigned> cores_of_cpu_max(const std::string& text);
std::optional<unsigned> cores_of_cfs_quota(const std::string& quota, const std::string& period);

}  // namespace casereview::web
