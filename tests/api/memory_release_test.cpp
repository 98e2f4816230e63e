// After long requests the server gives free memory back, once five seconds
// have passed without another, and the database file's mapped pages after a
// minute (web/src/memory_release.h).
#include "memory_release.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace casereview::web {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

// A time `n` minutes ago: a release due then runs at once. (A fixed time point
// could lie in the future of a machine started less than an hour ago.)
steady_clock::time_point minutes_ago(int n) { return steady_clock::now() - std::chrono::minutes(n); }

TEST(MemoryRelease, OnlyALongRequestGivesMemoryBack) {
  MemoryRelease memory;
  const steady_clock::time_point t0 = minutes_ago(1);
  memory.after_request(milliseconds(3), t0);
  memory.after_request(MemoryRelease::kHeavyRequest - milliseconds(1), t0);
  EXPECT_EQ(memory.releases_asked(), 0);
  memory.after_request(MemoryRelease::kHeavyRequest, t0);
  EXPECT_EQ(memory.releases_asked(), 1);
}

// A burst: its first long request asks for a release, and each one ending
// within five seconds of the one before postpones it; one ending five seconds
// or more after the last asks for another.
TEST(MemoryRelease, ABurstOfLongRequestsGivesMemoryBackOnceItIsOver) {
  MemoryRelease memory;
  const steady_clock::time_point t0 = minutes_ago(2);
  memory.after_request(milliseconds(400), t0);
  EXPECT_EQ(memory.releases_asked(), 1);
  for (int i = 1; i < 16; ++i) memory.after_request(milliseconds(400), t0 + milliseconds(i * 4900));
  EXPECT_EQ(memory.releases_asked(), 1) << "each came within five seconds of the one before";
  const steady_clock::time_point last = t0 + milliseconds(15 * 4900);
  memory.after_request(milliseconds(400), last + milliseconds(4999));
  EXPECT_EQ(memory.releases_asked(), 1);
  memory.after_request(milliseconds(400), last + milliseconds(4999) + milliseconds(5000));
  EXPECT_EQ(memory.releases_asked(), 2);
}

// The last long request of a burst is not left without a release: every
// release asked for runs, and a release postponed still runs. (The times
// given are past, so none waits.)
TEST(MemoryRelease, EveryReleaseAskedForRuns) {
  MemoryRelease memory;
  const steady_clock::time_point t0 = minutes_ago(1);
  for (int i = 0; i < 5; ++i) memory.after_request(milliseconds(400), t0 + milliseconds(i * 200));
  memory.after_request(milliseconds(400), t0 + milliseconds(10000));
  ASSERT_EQ(memory.releases_asked(), 2);
  while (memory.release_wanted()) std::this_thread::sleep_for(milliseconds(1));
  // At least one: release_wanted() turns false only once a release due at
  // or after the last request's due time has run.
  EXPECT_GE(memory.releases_done(), 1);
}

// The release runs on the releaser's own thread; stopping waits for it and
// never hangs, also with a release still wanted.
TEST(MemoryRelease, StopsWithAReleaseAskedFor) {
  for (int i = 0; i < 20; ++i) {
    MemoryRelease memory;
    memory.after_request(milliseconds(400), minutes_ago(1));
    EXPECT_EQ(memory.releases_asked(), 1);
  }
}

// The mapped file's pages wait longer than the allocator's: ten seconds after a
// long request the allocator's release has run and the file's is still to
// come (fifty seconds on); a minute after, both have run.
TEST(MemoryRelease, TheMappedFilesPagesWaitAMinute) {
  static_assert(MemoryRelease::kMappedFileQuietFor > MemoryRelease::kAllocatorQuietFor + std::chrono::seconds(10));
  MemoryRelease memory;
  memory.after_request(milliseconds(400), steady_clock::now() - std::chrono::seconds(10));
  while (memory.release_wanted()) std::this_thread::sleep_for(milliseconds(1));
  EXPECT_EQ(memory.releases_done(), 1);
  EXPECT_TRUE(memory.mapped_file_release_wanted());
  EXPECT_EQ(memory.mapped_file_releases_done(), 0);

  MemoryRelease quiet;
  quiet.after_request(milliseconds(400), minutes_ago(2));
  while (quiet.release_wanted() || quiet.mapped_file_release_wanted()) std::this_thread::sleep_for(milliseconds(1));
  EXPECT_EQ(quiet.releases_done(), 1);
  EXPECT_EQ(quiet.mapped_file_releases_done(), 1);
}

// A long request after the allocator's release, while the mapped file's is
// still most of a minute away, gets its own allocator release five seconds on,
// not once the mapped file's wait is over. (Its time is given four seconds
// past, so its release is due a second on; waiting for the mapped file's would
// take fifty seconds, so twenty-five bound the wait without timing it.)
TEST(MemoryRelease, ALongRequestAfterAReleaseIsNotLeftWaitingForTheMappedFiles) {
  MemoryRelease memory;
  memory.after_request(milliseconds(400), steady_clock::now() - std::chrono::seconds(10));
  while (memory.release_wanted()) std::this_thread::sleep_for(milliseconds(1));
  ASSERT_EQ(memory.releases_done(), 1);
  ASSERT_TRUE(memory.mapped_file_release_wanted());
  memory.after_request(milliseconds(400), steady_clock::now() - std::chrono::seconds(4));
  EXPECT_EQ(memory.releases_asked(), 2);
  const steady_clock::time_point bound = steady_clock::now() + std::chrono::seconds(25);
  while (memory.release_wanted() && steady_clock::now() < bound) std::this_thread::sleep_for(milliseconds(1));
  EXPECT_FALSE(memory.release_wanted()) << "the allocator's release waited for the mapped file's";
  EXPECT_EQ(memory.releases_done(), 2);
  EXPECT_TRUE(memory.mapped_file_release_wanted());
}

// A test fake for the kernel's count of file pages resident: what the test
// sets it to.
struct FakeFileResident {
  std::shared_ptr<std::atomic<std::int64_t>> bytes = std::make_shared<std::atomic<std::int64_t>>(40 << 20);
  MemoryRelease::FileResidentBytes reader() const {
    return [bytes = bytes] { return bytes->load(); };
  }
};

// Waits (25 s at most, which no wait here comes near) until `done` holds.
template <typename Done>
bool eventually(Done done) {
  const steady_clock::time_point bound = steady_clock::now() + std::chrono::seconds(25);
  while (!done() && steady_clock::now() < bound) std::this_thread::sleep_for(milliseconds(1));
  return done();
}

// File pages grown past the budget since the last release are released at the
// next look, with no long request; grown less, they are not; and the budget
// counts from what they were after that release.
TEST(MemoryRelease, FilePagesGrownPastTheBudgetAreReleasedWithoutALongRequest) {
  FakeFileResident resident;
  MemoryRelease memory(resident.reader(), milliseconds(2));
  ASSERT_TRUE(eventually([&] { return memory.file_pages_looked_at() >= 3; }));
  resident.bytes->store((40 << 20) + MemoryRelease::kMappedFileGrowthAtMost);  // at the budget, not past it
  const long long looked = memory.file_pages_looked_at();
  ASSERT_TRUE(eventually([&] { return memory.file_pages_looked_at() >= looked + 3; }));
  EXPECT_EQ(memory.mapped_file_releases_for_growth(), 0);

  resident.bytes->store((40 << 20) + MemoryRelease::kMappedFileGrowthAtMost + 4096);
  ASSERT_TRUE(eventually([&] { return memory.mapped_file_releases_for_growth() == 1; }));
  const long long after_release = memory.file_pages_looked_at();
  ASSERT_TRUE(eventually([&] { return memory.file_pages_looked_at() >= after_release + 3; }));
  EXPECT_EQ(memory.mapped_file_releases_for_growth(), 1) << "the fake still says what it said at the release";
  EXPECT_EQ(memory.releases_asked(), 0);
  EXPECT_EQ(memory.mapped_file_releases_done(), 0) << "the minute's release is another's";

  resident.bytes->fetch_add(MemoryRelease::kMappedFileGrowthAtMost + 4096);
  EXPECT_TRUE(eventually([&] { return memory.mapped_file_releases_for_growth() == 2; }));
}

// A file of `size` bytes mapped for reading, removed and unmapped on leaving.
struct MappedTempFile {
  explicit MappedTempFile(std::size_t bytes) : size(bytes) {
    fd = ::mkstemp(path);
    if (fd < 0) return;
    const std::vector<char> block(1 << 20, 'x');
    for (std::size_t written = 0; written < size; written += block.size()) {
      if (::write(fd, block.data(), block.size()) != static_cast<ssize_t>(block.size())) return;
    }
    void* made = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
    if (made != MAP_FAILED) map = static_cast<const char*>(made);
  }
  ~MappedTempFile() {
    if (map != nullptr) ::munmap(const_cast<char*>(map), size);
    if (fd >= 0) ::close(fd);
    ::unlink(path);
  }
  MappedTempFile(const MappedTempFile&) = delete;
  MappedTempFile& operator=(const MappedTempFile&) = delete;
  const std::size_t size;
  char path[40] = "/tmp/casereview-resident-XXXXXX";
  int fd = -1;
  const char* map = nullptr;
};

// The kernel's count that the server reads: a file's pages read through a map
// raise it, and taking them out of the map lowers it again. (The kernel keeps
// the count per thread or per core for a while, a few megabytes at most: the
// file is 32 MiB and three quarters of it are asked for.)
TEST(MemoryRelease, FilePagesResidentCountAMappedFilesPagesRead) {
  constexpr std::size_t kSize = std::size_t{32} << 20;
  constexpr auto kMostOf = static_cast<std::int64_t>(kSize) * 3 / 4;
  const MappedTempFile file(kSize);
  ASSERT_NE(file.map, nullptr) << "could not write and map " << file.path;
  const std::int64_t before = file_pages_resident_bytes();
  EXPECT_GT(before, 0);
  long sum = 0;
  for (std::size_t at = 0; at < kSize; at += 4096) sum += file.map[at];
  EXPECT_EQ(sum, static_cast<long>('x') * static_cast<long>(kSize / 4096));
  const std::int64_t read = file_pages_resident_bytes();
  EXPECT_GE(read - before, kMostOf);
  ASSERT_EQ(::madvise(const_cast<char*>(file.map), kSize, MADV_DONTNEED), 0);
  EXPECT_LE(file_pages_resident_bytes(), read - kMostOf);
}

}  // namespace
}  // namespace casereview::web
