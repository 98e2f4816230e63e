// What the server keeps of sessions and answers (web/src/kept_reads.h): given
// up when told that something may have changed, when too old to be trusted,
// and when more is kept than allowed; and never kept from a read that began
// before it was told. Times are given, not waited for.
#include "kept_reads.h"

#include <gtest/gtest.h>

namespace casereview::web {
namespace {

using namespace std::chrono_literals;
using Kept = KeptReads<std::string>;

Kept kept_for(std::chrono::milliseconds trust_for, std::size_t most = 1000) {
  return Kept(trust_for, most, [](const std::string&, const std::string& text) { return text.size(); });
}

TEST(KeptReads, GivesBackWhatWasKeptUntilItIsTooOldToTrust) {
  Kept kept = kept_for(1000ms);
  const auto t0 = Kept::Clock::now();
  kept.hold("case 7", "seven", kept.generation(), t0);
  EXPECT_EQ(kept.find("case 7", t0), "seven");
  EXPECT_EQ(kept.find("case 7", t0 + 999ms), "seven");
  EXPECT_EQ(kept.find("case 7", t0 + 1000ms), std::nullopt);
  EXPECT_EQ(kept.find("case 7", t0 - 1ms), std::nullopt);  // the clock is never before the read
  EXPECT_EQ(kept.find("case 8", t0), std::nullopt);
}

TEST(KeptReads, ForgetsEverythingWhenToldAndKeepsNothingReadBefore) {
  Kept kept = kept_for(1000ms);
  const auto t0 = Kept::Clock::now();
  const long long before = kept.generation();
  kept.hold("case 7", "seven", before, t0);
  kept.forget_all();
  EXPECT_EQ(kept.find("case 7", t0), std::nullopt);
  // A read that began before forget_all (it took the generation then) and
  // ends after it might have read what was just changed: it is not kept.
  kept.hold("case 7", "seven, read before", before, t0);
  EXPECT_EQ(kept.find("case 7", t0), std::nullopt);
  kept.hold("case 7", "seven, read after", kept.generation(), t0);
  EXPECT_EQ(kept.find("case 7", t0), "seven, read after");
  kept.forget("case 7");
  EXPECT_EQ(kept.find("case 7", t0), std::nullopt);
}

TEST(KeptReads, LetsOneCallerAtATimeMakeWhatAKeyIsMissing) {
  Kept kept = kept_for(1000ms);
  EXPECT_TRUE(kept.claim("case 7", 0ms)) << "the first to ask makes it";
  EXPECT_FALSE(kept.claim("case 7", 0ms)) << "the next waits (here not at all) and finds it again";
  EXPECT_TRUE(kept.claim("case 8", 0ms)) << "each key has its own maker";
  kept.release("case 7");
  EXPECT_TRUE(kept.claim("case 7", 0ms)) << "released: the next to ask makes it";

  Kept nothing_kept = kept_for(0ms);
  EXPECT_FALSE(nothing_kept.claim("case 7", 0ms)) << "when nothing is kept no one waits for anyone";
  EXPECT_FALSE(nothing_kept.claim("case 7", 0ms));
}

TEST(KeptReads, GivesWhatTurnedStaleALittleLongerOnlyWhileAnotherMakesItAgain) {
  Kept kept = kept_for(1000ms);
  const auto t0 = Kept::Clock::now();
  kept.hold("case 7", "seven", kept.generation(), t0);
  const auto stale = t0 + 1500ms;
  ASSERT_EQ(kept.find("case 7", stale), std::nullopt);
  EXPECT_EQ(kept.find_while_made_again("case 7", t0 + 999ms, 2000ms), "seven") << "not stale: as find";
  EXPECT_EQ(kept.find_while_made_again("case 7", stale, 2000ms), std::nullopt) << "no one makes it: claim it";
  ASSERT_TRUE(kept.try_claim("case 7"));
  EXPECT_FALSE(kept.try_claim("case 7")) << "one maker at a time";
  EXPECT_EQ(kept.waiting(), 0u) << "trying is not waiting";
  EXPECT_EQ(kept.find_while_made_again("case 7", stale, 2000ms), "seven") << "another makes it: the one before";
  EXPECT_EQ(kept.find_while_made_again("case 7", t0 + 2999ms, 2000ms), "seven");
  EXPECT_EQ(kept.find_while_made_again("case 7", t0 + 3000ms, 2000ms), std::nullopt) << "too late even so";
  EXPECT_EQ(kept.find_while_made_again("case 7", t0 - 1ms, 2000ms), std::nullopt);
  EXPECT_EQ(kept.find_while_made_again("case 8", stale, 2000ms), std::nullopt);
  kept.hold("case 7", "seven again", kept.generation(), t0 + 1400ms);
  EXPECT_EQ(kept.find_while_made_again("case 7", stale, 2000ms), "seven again") << "made meanwhile: the new one";
  kept.forget_all();
  EXPECT_EQ(kept.find_while_made_again("case 7", stale, 2000ms), std::nullopt)
      << "never one from before a change of this server";
  kept.release("case 7");
}

TEST(KeptReads, KeepsNothingWhenNotTrustedAtAll) {
  Kept kept = kept_for(0ms);
  const auto t0 = Kept::Clock::now();
  kept.hold("case 7", "seven", kept.generation(), t0);
  EXPECT_EQ(kept.find("case 7", t0), std::nullopt);
}

TEST(KeptReads, MakesRoomFirstFromWhatIsTooOldThenFromEverything) {
  Kept kept = kept_for(1000ms, 10);
  const auto t0 = Kept::Clock::now();
  kept.hold("old", "12345", kept.generation(), t0);
  kept.hold("new", "1234", kept.generation(), t0 + 900ms);
  // Past the limit at t0 + 1.5 s: "old" can no longer be used and goes; "new" stays.
  kept.hold("third", "12", kept.generation(), t0 + 1500ms);
  EXPECT_EQ(kept.find("new", t0 + 1500ms), "1234");
  EXPECT_EQ(kept.find("third", t0 + 1500ms), "12");
  // Past it again with everything still usable: everything goes but the new one.
  kept.hold("fourth", "12345", kept.generation(), t0 + 1500ms);
  EXPECT_EQ(kept.find("new", t0 + 1500ms), std::nullopt);
  EXPECT_EQ(kept.find("third", t0 + 1500ms), std::nullopt);
  EXPECT_EQ(kept.find("fourth", t0 + 1500ms), "12345");
  // What weighs more than the limit on its own is not kept at all.
  kept.hold("huge", "12345678901", kept.generation(), t0 + 1500ms);
  EXPECT_EQ(kept.find("huge", t0 + 1500ms), std::nullopt);
  EXPECT_EQ(kept.find("fourth", t0 + 1500ms), "12345");
}

TEST(KeptReads, KeepsTheLatestReadOfAKeyAndCountsItsWeightOnce) {
  Kept kept = kept_for(1000ms, 10);
  const auto t0 = Kept::Clock::now();
  for (int i = 0; i < 20; ++i) kept.hold("case 7", "12345678", kept.generation(), t0);
  kept.hold("case 8", "12", kept.generation(), t0);
  EXPECT_EQ(kept.find("case 7", t0), "12345678");
  EXPECT_EQ(kept.find("case 8", t0), "12");
}

TEST(KeptReads, SweepsOutWhatIsTooOldEveryFewHundredKeptWellBeforeTheLimit) {
  Kept kept = kept_for(1000ms, 1000000);
  const auto t0 = Kept::Clock::now();
  for (int i = 0; i < 200; ++i) kept.hold("early " + std::to_string(i), "x", kept.generation(), t0);
  EXPECT_EQ(kept.weight(), 200u);
  for (int i = 0; i < 200; ++i) kept.hold("late " + std::to_string(i), "x", kept.generation(), t0 + 2000ms);
  // By the 256th hold the early ones were too old: swept out, the late ones kept.
  EXPECT_EQ(kept.weight(), 200u);
  EXPECT_EQ(kept.find("early 0", t0 + 500ms), std::nullopt);
  EXPECT_EQ(kept.find("late 0", t0 + 2000ms), "x");
}

}  // namespace
}  // namespace casereview::web
