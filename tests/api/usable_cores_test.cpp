// The cores the server sizes itself for (web/src/usable_cores.h): a cgroup's
// CPU quota caps the machine's count, as a container's limit would.
#include "usable_cores.h"

#include <gtest/gtest.h>
#include <sched.h>

#include <string>
#include <vector>

namespace casereview::web {
namespace {

TEST(UsableCores, ACgroupV2QuotaAllowsItsCoresRoundedUp) {
  EXPECT_EQ(cores_of_cpu_max("200000 100000"), 2U);
  EXPECT_EQ(cores_of_cpu_max("150000 100000\n"), 2U);
  EXPECT_EQ(cores_of_cpu_max("50000 100000"), 1U);
  EXPECT_EQ(cores_of_cpu_max("400000 100000"), 4U);
}

TEST(UsableCores, NoQuotaOrTextThatIsNotOneSetsNoCap) {
  EXPECT_EQ(cores_of_cpu_max("max 100000"), std::nullopt);
  EXPECT_EQ(cores_of_cpu_max(""), std::nullopt);  // no such file: not in a cgroup v2 with a cpu controller
  EXPECT_EQ(cores_of_cpu_max("200000"), std::nullopt);
  EXPECT_EQ(cores_of_cpu_max("two 100000"), std::nullopt);
  EXPECT_EQ(cores_of_cpu_max("200000 100000 7"), std::nullopt);
  EXPECT_EQ(cores_of_cpu_max("0 100000"), std::nullopt);
  EXPECT_EQ(cores_of_cpu_max("200000 0"), std::nullopt);
}

TEST(UsableCores, ACgroupV1QuotaAllowsItsCoresAndMinusOneIsNoCap) {
  EXPECT_EQ(cores_of_cfs_quota("300000", "100000"), 3U);
  EXPECT_EQ(cores_of_cfs_quota("-1", "100000"), std::nullopt);
  EXPECT_EQ(cores_of_cfs_quota("", ""), std::nullopt);
}

TEST(UsableCores, AQuotaTooLargeToCountIsClampedNotWrapped) {
  EXPECT_EQ(cores_of_cpu_max("17000000000000 1000"), 1U << 20);
}

TEST(UsableCores, TheProcessesCgroupIsFoundByItsController) {
  const std::string hybrid =
      "12:cpuset:/\n11:cpu,cpuacct:/docker/1f2e\n4:memory:/docker/1f2e\n1:name=systemd:/x\n0::/system.slice/"
      "a.service\n";
  EXPECT_EQ(cgroup_path_in(hybrid, "cpu"), "/docker/1f2e");
  EXPECT_EQ(cgroup_path_in(hybrid, ""), "/system.slice/a.service");
  EXPECT_EQ(cgroup_path_in("3:cpuset:/only\n", "cpu"), std::nullopt);  // cpuset is not cpu
  EXPECT_EQ(cgroup_path_in("0::/\n", "cpu"), std::nullopt);
  EXPECT_EQ(cgroup_path_in("0::/\n", ""), "/");
  EXPECT_EQ(cgroup_path_in("", ""), std::nullopt);
}

TEST(UsableCores, AQuotaIsLookedForFromTheProcessesCgroupUpToTheMountsRoot) {
  // Inside a container the mount's root is the container's own cgroup.
  EXPECT_EQ(
      cgroup_directories("/sys/fs/cgroup/cpu", "/docker/1f2e"),
      (std::vector<std::string>{"/sys/fs/cgroup/cpu/docker/1f2e", "/sys/fs/cgroup/cpu/docker", "/sys/fs/cgroup/cpu"}));
  EXPECT_EQ(cgroup_directories("/sys/fs/cgroup", "/"), std::vector<std::string>{"/sys/fs/cgroup"});
  // The kernel writes every path from "/"; one that is not still ends at the root.
  EXPECT_EQ(cgroup_directories("/sys/fs/cgroup", "odd").back(), "/sys/fs/cgroup");
}

TEST(UsableCores, AreNeverMoreThanTheProcessMayRunOnNorFewerThanOne) {
  cpu_set_t set;
  CPU_ZERO(&set);
  ASSERT_EQ(sched_getaffinity(0, sizeof set, &set), 0);
  const unsigned cores = usable_cores();
  EXPECT_GE(cores, 1U);
  EXPECT_LE(cores, static_cast<unsigned>(CPU_COUNT(&set)));
}

}  // namespace
}  // namespace casereview::web
