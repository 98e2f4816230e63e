#pragma once
// What this server read of the store, kept for a short while under a key, so
// that the burst of requests a page or a busy desk makes does not read and
// make the same thing again for each (http/session_cache.h, api/kept_answers.h
// say what each keeps and why it may).
//
// What is kept is given up:
// - when forget_all is called: the router calls it when any signed-in request
//   of this server that may change state ends (any method but GET and HEAD),
//   however it ends, so that nothing this server changed is ever answered from
//   before (a sign-in, the one such request of nobody signed in, changes
//   nothing kept);
// - once it is older than `trust_for`: with the time to make it again (while
//   that is done, find_while_made_again gives the one before, for at most
//   `late` more), the bound on how long a change made by another process (a
//   second server of one PostgreSQL database, the command line) may go unseen
//   here, for what the key itself does not capture;
// - past `most` (the total weight of what is kept, by `weigh`): first what is
//   too old to be used, then everything; what is too old is also swept out
//   every few hundred holds.
// A read that began before forget_all is never kept after it: hold() takes the
// generation() read before the store was, and keeps nothing of an older one.
// While one caller makes a key's value again (claim), the others may be given
// the one before it for a little longer (find_while_made_again), never one of
// an older generation. With trust_for zero nothing is kept. Thread-safe.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace casereview::web {

template <class Value>
class KeptReads {
 public:
  using Clock = std::chrono::steady_clock;

  // `weigh` gives the weight of a key and what is kept under it.
  KeptReads(std::chrono::milliseconds trust_for, std::size_t most,
            std::function<std::size_t(const std::string&, const Value&)> weigh)
      : trust_for_(trust_for), most_(most), weigh_(std::move(weigh)) {}
  KeptReads(const KeptReads&) = delete;
  KeptReads& operator=(const KeptReads&) = delete;

  // Read before reading the store, and given to hold().
  long long generation() const { return generation_.load(std::memory_order_acquire); }

  // What is kept under `key`, when it may still be used at `now`.
  std::optional<Value> find(const std::string& key, Clock::time_point now) const {
    if (!keeps()) return std::nullopt;
    const long long current = generation();
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = kept_.find(key);
    if (found == kept_.end() || !usable(found->second, current, now)) return std::nullopt;
    return found->second.value;
  }

  // Keeps what was read at `read_at`, after generation() returned `generation`.
  void hold(const std::string& key, Value value, long long generation, Clock::time_point read_at) {
    if (!keeps()) return;
    const std::size_t weight = weigh_(key, value);
    if (weight > most_) return;
    std::lock_guard<std::mutex> lock(mutex_);
    // Checked under the lock: a forget_all after this check leaves an entry
    // of an older generation, which find refuses.
    if (generation != this->generation()) return;
    drop(key);
    // What is too old is useless: swept out now and then, so that what is kept
    // stays near what was read within trust_for, not at `most`.
    if (++holds_ % kSweepEvery == 0 || weight_ + weight > most_) drop_unusable(read_at);
    if (weight_ + weight > most_) {
      kept_.clear();
      weight_ = 0;
    }
    kept_.emplace(key, Kept{std::move(value), generation, read_at, weight});
    weight_ += weight;
  }

  // Whether anything is kept at all (trust_for is not zero).
  bool keeps() const { return trust_for_.count() > 0; }

  // One request makes what is missing under `key`; the others that ask for
  // it meanwhile wait for it, in place of each making it again: a reader's
  // requests for one page at once (tabs restored together, a client on
  // several connections, a page asked for again as it turns stale). True:
  // the caller is to make it, and must release(key) when done, kept or not.
  // False, with nothing claimed: another finished making it (find it again),
  // `wait` passed first, or nothing is kept.
  bool claim(const std::string& key, std::chrono::milliseconds wait) {
    if (!keeps()) return false;
    std::unique_lock<std::mutex> lock(making_mutex_);
    if (making_.insert(key).second) return true;
    ++waiting_;
    made_.wait_for(lock, wait, [&] { return making_.count(key) == 0; });
    --waiting_;
    return false;
  }

  // What find gives at `now`; and while another caller makes the value under
  // `key` again (claim), also what was kept under it less than `late` past
  // trust_for: a page turned stale is sent while its next version is made, in
  // place of every reader of it waiting for that one. Never one of an older
  // generation.
  std::optional<Value> find_while_made_again(const std::string& key, Clock::time_point now,
                                             std::chrono::milliseconds late) const {
    if (!keeps()) return std::nullopt;
    bool being_made = false;
    {
      std::lock_guard<std::mutex> lock(making_mutex_);
      being_made = making_.count(key) > 0;
    }
    const long long current = generation();
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = kept_.find(key);
    if (found == kept_.end() ||
        !usable(found->second, current, now, being_made ? late : std::chrono::milliseconds(0))) {
      return std::nullopt;
    }
    return found->second.value;
  }

  // claim, without waiting: true when the caller is to make it (and release
  // it), false when another is making it or nothing is kept.
  bool try_claim(const std::string& key) {
    if (!keeps()) return false;
    std::lock_guard<std::mutex> lock(making_mutex_);
    return making_.insert(key).second;
  }

  // How many callers of claim wait for another.
  std::size_t waiting() const {
    std::lock_guard<std::mutex> lock(making_mutex_);
    return waiting_;
  }

  void release(const std::string& key) {
    {
      std::lock_guard<std::mutex> lock(making_mutex_);
      making_.erase(key);
    }
    made_.notify_all();
  }

  void forget(const std::string& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    drop(key);
  }

  void forget_all() { generation_.fetch_add(1, std::memory_order_acq_rel); }

  // The total weight of what is kept, usable or not yet swept out.
  std::size_t weight() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return weight_;
  }

 private:
  struct Kept {
    Value value;
    long long generation;
    Clock::time_point read_at;
    std::size_t weight;
  };

  // Of the current generation, read at or before `now` and less than
  // trust_for (and `late` more) before it.
  bool usable(const Kept& kept, long long current, Clock::time_point now,
              std::chrono::milliseconds late = std::chrono::milliseconds(0)) const {
    return kept.generation == current && now >= kept.read_at && now - kept.read_at < trust_for_ + late;
  }

  void drop(const std::string& key) {
    const auto found = kept_.find(key);
    if (found == kept_.end()) return;
    weight_ -= found->second.weight;
    kept_.erase(found);
  }

  // Drops what can no longer be used at `now` (what was read after it, by a
  // thread that got there first, stays).
  void drop_unusable(Clock::time_point now) {
    const long long current = generation();
    for (auto it = kept_.begin(); it != kept_.end();) {
      const Kept& kept = it->second;
      if (kept.generation == current && (now < kept.read_at || now - kept.read_at < trust_for_)) {
        ++it;
      } else {
        weight_ -= it->second.weight;
        it = kept_.erase(it);
      }
    }
  }

  const std::chrono::milliseconds trust_for_;
  const std::size_t most_;
  const std::function<std::size_t(const std::string&, const Value&)> weigh_;
  std::atomic<long long> generation_{0};
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Kept> kept_;
  std::size_t weight_ = 0;
  std::size_t holds_ = 0;
  // The keys being made (claim), apart from mutex_: finds never wait on them.
  mutable std::mutex making_mutex_;
  std::condition_variable made_;
  std::unordered_set<std::string> making_;
  std::size_t waiting_ = 0;
  static constexpr std::size_t kSweepEvery = 256;
};

}  // namespace casereview::web
