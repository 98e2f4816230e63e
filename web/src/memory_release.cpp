#include "memory_release.h"

#include <malloc.h>

#include <algorithm>
#include <thread>

namespace casereview::web {
namespace {

// Blocks of at least this size are mapped on their own and unmapped when
// freed. Setting it also stops glibc raising it as blocks are freed, which
// is how a server that built one large report keeps its memory.
constexpr int kOwnMappingFrom = 256 * 1024;
// Free memory at the top of an arena beyond this is returned when freed.
constexpr int kTrimAbove = 1024 * 1024;
constexpr long long kAtMostEveryMs = 1000;

}  // namespace

void configure_allocator_for_serving() {
  // glibc's default is eight arenas a core; two a core keep threads from
  // waiting for each other's arena without each of sixteen threads holding
  // its own high-water mark.
  const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
  mallopt(M_ARENA_MAX, static_cast<int>(2 * cores));
  mallopt(M_MMAP_THRESHOLD, kOwnMappingFrom);
  mallopt(M_TRIM_THRESHOLD, kTrimAbove);
}

void MemoryRelease::after_request(std::chrono::milliseconds took, std::chrono::steady_clock::time_point now) {
  if (took < kHeavyRequest) return;
  const long long at = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  long long last = last_release_ms_.load();
  if (last != kNever && at - last < kAtMostEveryMs) return;
  // One thread of a burst gives memory back; the others go on.
  if (!last_release_ms_.compare_exchange_strong(last, at)) return;
  malloc_trim(0);
  ++releases_;
}

}  // namespace casereview::web
