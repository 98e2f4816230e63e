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
#include <stdexcept>
#include <string>
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

// The facts of cases, by case id: what held_or_read gives. Held in id order
// in one vector: a report over ten national years looks up 40,000 deaths, and
// a map of them was a node each to make, walk and free.
template <class Facts>
class FactsByCase {
 public:
  // The case's facts; null when it was not among those asked for.
  const Facts* find(long long case_id) const {
    const auto at = std::lower_bound(by_id_.begin(), by_id_.end(), case_id,
                                     [](const Entry& e, long long id) { return e.first < id; });
    return at != by_id_.end() && at->first == case_id ? at->second.get() : nullptr;
  }
  // The same, throwing std::out_of_range for a case not asked for.
  const Facts& at(long long case_id) const {
    const Facts* facts = find(case_id);
    if (!facts) throw std::out_of_range("no facts of case " + std::to_string(case_id));
    return *facts;
  }
  std::size_t size() const { return by_id_.size(); }

 private:
  template <class F, class ReadUnread>
  friend FactsByCase<F> held_or_read(CaseFactsCache<F>*, const std::vector<CaseVersion>&, long long, ReadUnread);

  using Entry = std::pair<long long, std::shared_ptr<const Facts>>;
  std::vector<Entry> by_id_;  // in id order, one for each case
};

// The facts of each of `cases`: those `cache` (null: none) holds at the
// case's version and `calendar_revision`, and the others made
// `kCasesReadAtOnce` at a time by `read_unread(ids, all)`, which returns a
// Facts for every one of `ids` by id (`all`: they are every one of `cases`,
// as for a first report of a small partnership), then kept. When a read
// throws, the facts of the reads before it are kept: each is a case's at
// its version, as true as if the rest had been read. A case named twice is
// read once.
template <class Facts, class ReadUnread>
FactsByCase<Facts> held_or_read(CaseFactsCache<Facts>* cache, const std::vector<CaseVersion>& cases,
                                long long calendar_revision, ReadUnread read_unread) {
  // Reports list their cases in id order; any other order is put in it.
  const auto by_id = [](const CaseVersion& a, const CaseVersion& b) { return a.id < b.id; };
  const auto same_id = [](const CaseVersion& a, const CaseVersion& b) { return a.id == b.id; };
  std::vector<CaseVersion> sorted;
  const std::vector<CaseVersion>* asked = &cases;
  if (!std::is_sorted(cases.begin(), cases.end(), by_id) ||
      std::adjacent_find(cases.begin(), cases.end(), same_id) != cases.end()) {
    sorted = cases;
    std::stable_sort(sorted.begin(), sorted.end(), by_id);
    sorted.erase(std::unique(sorted.begin(), sorted.end(), same_id), sorted.end());
    asked = &sorted;
  }
  FactsByCase<Facts> facts;
  facts.by_id_.reserve(asked->size());
  std::vector<std::size_t> unread;  // positions in facts.by_id_ (and *asked) of the cases not held
  for (const CaseVersion& c : *asked) {
    auto held = cache ? cache->find(c.id, c.version, calendar_revision) : nullptr;
    if (!held) unread.push_back(facts.by_id_.size());
    facts.by_id_.emplace_back(c.id, std::move(held));
  }
  const bool all = unread.size() == asked->size() && unread.size() <= kCasesReadAtOnce;
  for (std::size_t from = 0; from < unread.size(); from += kCasesReadAtOnce) {
    const std::size_t to = std::min(unread.size(), from + kCasesReadAtOnce);
    std::vector<long long> ids;
    ids.reserve(to - from);
    for (std::size_t i = from; i < to; ++i) ids.push_back((*asked)[unread[i]].id);
    std::map<long long, Facts> read = read_unread(ids, all);
    for (std::size_t i = from; i < to; ++i) {
      const CaseVersion& c = (*asked)[unread[i]];
      auto& made = facts.by_id_[unread[i]].second;
      made = std::make_shared<const Facts>(std::move(read.at(c.id)));
      if (cache) cache->put(c.id, c.version, made, calendar_revision);
    }
  }
  return facts;
}

}  // namespace casereview::workflows
