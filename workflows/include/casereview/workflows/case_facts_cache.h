#pragma once
// What a report has read of each case, kept by the case's version: reading
// the events and parsing their payloads, and reading the clocks, was most of
// a report's time. A case's events never change once committed and its
// version counts them, so a case at the version read has the facts read: on
// one SQLite file, and across the servers of one PostgreSQL database, alike.
// Facts that depend on the stored clocks or review records are kept by the
// calendar's revision too: loading a calendar recomputes every open clock
// without a new version.
//
// Fill one only where the session holds no change of its own (a read
// transaction): an uncommitted event could be rolled back and its version
// written again with other facts. One per server for each kind of facts,
// shared by its request threads.

#include <algorithm>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <utility>
#include <vector>

namespace casereview::workflows {

template <class Facts>
class CaseFactsCache {
 public:
  // The facts of `case_id` as read at `version` (and `calendar_revision`, for
  // facts that depend on it); null when they were read at another, or never.
  std::shared_ptr<const Facts> find(long long case_id, long long version, long long calendar_revision = 0) const {
    const std::lock_guard<std::mutex> lock(mutex_);
    const auto held = by_case_.find(case_id);
    if (held == by_case_.end() || held->second.stamp != Stamp{version, calendar_revision}) return nullptr;
    return held->second.facts;
  }

  // Keeps `facts` as the case's, in place of any read at another version.
  void put(long long case_id, long long version, std::shared_ptr<const Facts> facts, long long calendar_revision = 0) {
    const std::lock_guard<std::mutex> lock(mutex_);
    by_case_[case_id] = Held{Stamp{version, calendar_revision}, std::move(facts)};
  }

  // How many cases it holds facts of, at whatever version.
  std::size_t size() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return by_case_.size();
  }

 private:
  using Stamp = std::pair<long long, long long>;  // version, calendar revision
  struct Held {
    Stamp stamp;
    std::shared_ptr<const Facts> facts;
  };
  mutable std::mutex mutex_;
  std::unordered_map<long long, Held> by_case_;
};

// A case as a report lists it, for the cache: which version it is at.
struct CaseVersion {
  long long id = 0;
  long long version = 0;
};

// How many cases' facts are read at once where a cache lacks many: the
// events read for them are parsed whole (payloads as Json trees) until their
// facts are made. Read together, the 40,000 deaths of ten national years (the
// warm-up at start, or every report after a calendar's load for the yearly
// facts) took the server to a peak of 185-198 MB; read so many at a time,
// 146-149 MB.
inline constexpr std::size_t kCasesReadAtOnce = 2000;

// The facts of each of `cases`: those `cache` (null: none) holds at the
// case's version and `calendar_revision`, and the others made
// `kCasesReadAtOnce` at a time by `read_unread(ids, all)`, which returns a
// Facts for every one of `ids` by id (`all`: they are every one of `cases`,
// as for a first report of a small partnership), then kept. When a read
// throws, the facts of the reads before it are kept: each is a case's at
// its version, as true as if the rest had been read.
template <class Facts, class ReadUnread>
std::map<long long, std::shared_ptr<const Facts>> held_or_read(CaseFactsCache<Facts>* cache,
                                                               const std::vector<CaseVersion>& cases,
                                                               long long calendar_revision, ReadUnread read_unread) {
  std::map<long long, std::shared_ptr<const Facts>> facts;
  std::vector<CaseVersion> unread;
  for (const CaseVersion& c : cases) {
    auto held = cache ? cache->find(c.id, c.version, calendar_revision) : nullptr;
    if (held) {
      facts.emplace(c.id, std::move(held));
    } else {
      unread.push_back(c);
    }
  }
  const bool all = unread.size() == cases.size() && unread.size() <= kCasesReadAtOnce;
  for (std::size_t from = 0; from < unread.size(); from += kCasesReadAtOnce) {
    const std::size_t to = std::min(unread.size(), from + kCasesReadAtOnce);
    std::vector<long long> ids;
    ids.reserve(to - from);
    for (std::size_t i = from; i < to; ++i) ids.push_back(unread[i].id);
    std::map<long long, Facts> read = read_unread(ids, all);
    for (std::size_t i = from; i < to; ++i) {
      const CaseVersion& c = unread[i];
      auto [at, added] = facts.try_emplace(c.id);
      if (!added) continue;  // named twice in `cases`: its facts are made
      at->second = std::make_shared<const Facts>(std::move(read.at(c.id)));
      if (cache) cache->put(c.id, c.version, at->second, calendar_revision);
    }
  }
  return facts;
}

}  // namespace casereview::workflows
