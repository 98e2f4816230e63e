// What a report reads of the cases its cache lacks is read a bounded number
// of cases at a time (workflows/case_facts_cache.h: held_or_read), so that a
// cold cache over a national record does not hold every case's events at once.
#include "casereview/workflows/case_facts_cache.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace casereview::workflows {
namespace {

struct Read {
  std::vector<long long> ids;
  bool all = false;
};

std::vector<CaseVersion> cases_numbered(long long from, long long count) {
  std::vector<CaseVersion> cases;
  for (long long id = from; id < from + count; ++id) cases.push_back({id, id % 7});
  return cases;
}

// Reads facts as "case N" and records each read.
auto recording(std::vector<Read>& reads) {
  return [&reads](const std::vector<long long>& ids, bool all) {
    reads.push_back({ids, all});
    std::map<long long, std::string> made;
    for (long long id : ids) made.emplace(id, "case " + std::to_string(id));
    return made;
  };
}

TEST(CaseFactsCache, ManyUnreadCasesAreReadABoundedNumberAtATimeEachOnce) {
  CaseFactsCache<std::string> cache;
  const std::vector<CaseVersion> cases = cases_numbered(1, 2 * kCasesReadAtOnce + 3);
  std::vector<Read> reads;
  const auto facts = held_or_read(&cache, cases, 4, recording(reads));

  ASSERT_EQ(reads.size(), 3U);
  std::vector<long long> every;
  for (const Read& r : reads) {
    EXPECT_LE(r.ids.size(), kCasesReadAtOnce);
    EXPECT_FALSE(r.all) << "a part of the cases is not all of them";
    every.insert(every.end(), r.ids.begin(), r.ids.end());
  }
  ASSERT_EQ(every.size(), cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) EXPECT_EQ(every[i], cases[i].id);
  ASSERT_EQ(facts.size(), cases.size());
  EXPECT_EQ(facts.at(2 * kCasesReadAtOnce + 3), "case " + std::to_string(2 * kCasesReadAtOnce + 3));
  // Kept at each case's version and the calendar's revision.
  EXPECT_EQ(cache.size(), cases.size());
  ASSERT_NE(cache.find(5, 5, 4), nullptr);
  EXPECT_EQ(*cache.find(5, 5, 4), "case 5");
  EXPECT_EQ(cache.find(5, 5, 3), nullptr);
}

TEST(CaseFactsCache, FewCasesNoneHeldAreReadAsAllInOneRead) {
  CaseFactsCache<std::string> cache;
  std::vector<Read> reads;
  held_or_read(&cache, cases_numbered(1, 10), 0, recording(reads));
  ASSERT_EQ(reads.size(), 1U);
  EXPECT_TRUE(reads[0].all);
  EXPECT_EQ(reads[0].ids.size(), 10U);
}

TEST(CaseFactsCache, OnlyTheCasesNotHeldAtTheirVersionAreRead) {
  CaseFactsCache<std::string> cache;
  std::vector<Read> reads;
  held_or_read(&cache, cases_numbered(1, 10), 0, recording(reads));
  std::vector<CaseVersion> later = cases_numbered(1, 12);
  later[2].version += 1;  // case 3 changed since
  reads.clear();
  const auto facts = held_or_read(&cache, later, 0, recording(reads));
  ASSERT_EQ(reads.size(), 1U);
  EXPECT_FALSE(reads[0].all);
  EXPECT_EQ(reads[0].ids, (std::vector<long long>{3, 11, 12}));
  EXPECT_EQ(facts.size(), 12U);
}

TEST(CaseFactsCache, HeldAndUnreadCasesAcrossSeveralReadsAreEachReadOnceAndKept) {
  CaseFactsCache<std::string> cache;
  std::vector<Read> reads;
  // Every other case held already.
  std::vector<CaseVersion> some;
  for (const CaseVersion& c : cases_numbered(1, 3 * kCasesReadAtOnce)) {
    if (c.id % 2 == 0) some.push_back(c);
  }
  held_or_read(&cache, some, 0, recording(reads));
  reads.clear();
  const std::vector<CaseVersion> cases = cases_numbered(1, 3 * kCasesReadAtOnce);
  const auto facts = held_or_read(&cache, cases, 0, recording(reads));
  std::size_t read = 0;
  for (const Read& r : reads) {
    for (long long id : r.ids) EXPECT_EQ(id % 2, 1) << "case " << id << " was held";
    read += r.ids.size();
  }
  EXPECT_EQ(read, cases.size() / 2);
  EXPECT_EQ(facts.size(), cases.size());
  EXPECT_EQ(cache.size(), cases.size());
}

TEST(CaseFactsCache, ACaseNamedTwiceIsKeptWithItsFacts) {
  CaseFactsCache<std::string> cache;
  std::vector<Read> reads;
  std::vector<CaseVersion> cases = cases_numbered(1, 3);
  cases.push_back(cases[1]);
  const auto facts = held_or_read(&cache, cases, 0, recording(reads));
  ASSERT_EQ(facts.size(), 3U);
  EXPECT_EQ(facts.at(2), "case 2");
  ASSERT_EQ(reads.size(), 1U);
  EXPECT_EQ(reads[0].ids, (std::vector<long long>{1, 2, 3}));  // read once
  ASSERT_NE(cache.find(2, 2, 0), nullptr);
  EXPECT_EQ(*cache.find(2, 2, 0), "case 2");
}

// A read that fails part-way throws; what the reads before it made is kept.
TEST(CaseFactsCache, AReadThatFailsKeepsWhatTheReadsBeforeItMade) {
  CaseFactsCache<std::string> cache;
  std::vector<Read> reads;
  const std::vector<CaseVersion> cases = cases_numbered(1, kCasesReadAtOnce + 5);
  auto record = recording(reads);
  const auto second_read_fails = [&](const std::vector<long long>& ids, bool all) {
    if (!reads.empty()) throw std::runtime_error("the disk went away");
    return record(ids, all);
  };
  EXPECT_THROW(held_or_read(&cache, cases, 0, second_read_fails), std::runtime_error);
  EXPECT_EQ(cache.size(), kCasesReadAtOnce);
  ASSERT_NE(cache.find(1, 1, 0), nullptr);
  EXPECT_EQ(cache.find(kCasesReadAtOnce + 1, (kCasesReadAtOnce + 1) % 7, 0), nullptr);
}

TEST(CaseFactsCache, CasesAskedForOutOfOrderAreFoundByIdAndNoOthers) {
  CaseFactsCache<std::string> cache;
  std::vector<Read> reads;
  const std::vector<CaseVersion> cases = {{9, 1}, {3, 1}, {5, 1}};
  const auto facts = held_or_read(&cache, cases, 0, recording(reads));
  ASSERT_EQ(facts.size(), 3U);
  for (const CaseVersion& c : cases) {
    ASSERT_NE(facts.find(c.id), nullptr) << c.id;
    EXPECT_EQ(*facts.find(c.id), "case " + std::to_string(c.id));
  }
  for (const long long other : {0LL, 4LL, 10LL}) EXPECT_EQ(facts.find(other), nullptr) << other;
  EXPECT_THROW(facts.at(4), std::out_of_range);
}

}  // namespace
}  // namespace casereview::workflows
