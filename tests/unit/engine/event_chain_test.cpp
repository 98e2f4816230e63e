#include <gtest/gtest.h>

#include "casereview/engine/event.h"

namespace casereview {
namespace {

TEST(Sha256, MatchesTheStandardTestVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

class Chain : public ::testing::Test {
 protected:
  void SetUp() override {
    record.id = 7;
    record.head_hash = kGenesisHash;
    for (const char* type : {"opened", "notified", "reviewed"}) {
      Event e;
      e.type = type;
      e.actor = "manager";
      e.recorded_at = *Instant::parse("2024-05-01T10:00:00Z");
      e.effective_date = *Date::parse("2024-04-30");
      e.payload = R"({"note":"x"})";
      events.push_back(e);
    }
    chain_events(record, events);
  }
  CaseRecord record;
  std::vector<Event> events;
};

TEST_F(Chain, LinksEachEventToThePrevious) {
  EXPECT_EQ(record.version, 3);
  EXPECT_EQ(events[0].seq, 1);
  EXPECT_EQ(events[0].prev_hash, kGenesisHash);
  EXPECT_EQ(events[1].prev_hash, events[0].hash);
  EXPECT_EQ(record.head_hash, events[2].hash);
  EXPECT_FALSE(verify_chain(record, events));
}

// The hashes written by hand: SHA-256 of the previous hash followed by each field
// as "length:value" (case id, seq, type, actor, recorded_at, effective date,
// payload), computed outside casereview (Python's hashlib). A change of the
// hashing scheme would make every stored chain unverifiable; it fails here first.
TEST_F(Chain, HashesEachEventAsDocumented) {
  EXPECT_EQ(events[0].hash, "5a591dc387013876acde7d4b70aeec0f284fa59234d266e35191796d3122cf36");
  EXPECT_EQ(events[1].hash, "c987d2744984df87c29dcd0aab0cf9f180c4e367d4f6ce1eb78c1b78178af5b2");
  EXPECT_EQ(events[2].hash, "325dfff084a3c1ced0fdbc34cd6c557a042857c28575103ced83cee831628e82");
  EXPECT_EQ(record.head_hash, "325dfff084a3c1ced0fdbc34cd6c557a042857c28575103ced83cee831628e82");
}

TEST_F(Chain, DetectsAnAlteredField) {
  for (int field = 0; field < 6; ++field) {
    std::vector<Event> tampered = events;
    Event& e = tampered[1];
    switch (field) {
      case 0:
        e.payload = R"({"note":"y"})";
        break;
      case 1:
        e.type = "closed";
        break;
      case 2:
        e.actor = "someone else";
        break;
      case 3:
        e.recorded_at = e.recorded_at.plus_seconds(1);
        break;
      case 4:
        e.effective_date = e.effective_date.plus_days(1);
        break;
      case 5:
        e.case_id = 7;
        e.hash[0] = e.hash[0] == 'a' ? 'b' : 'a';
        break;
    }
    const auto broken = verify_chain(record, tampered);
    ASSERT_TRUE(broken) << field;
    EXPECT_EQ(broken->seq, 2) << field;
    EXPECT_EQ(broken->case_id, 7);
  }
}

TEST_F(Chain, DetectsADeletedOrReorderedEvent) {
  std::vector<Event> missing_middle = {events[0], events[2]};
  EXPECT_EQ(verify_chain(record, missing_middle)->seq, 2);
  std::vector<Event> swapped = {events[0], events[2], events[1]};
  EXPECT_EQ(verify_chain(record, swapped)->seq, 2);
  std::vector<Event> missing_last = {events[0], events[1]};
  const auto broken = verify_chain(record, missing_last);
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->seq, 3);
}

TEST_F(Chain, DetectsARewrittenTailWithoutTheCaseRow) {
  // Replace the last event with a different one, correctly hashed: only the case
  // row's head hash still tells.
  std::vector<Event> rewritten = events;
  rewritten[2].payload = R"({"note":"rewritten"})";
  rewritten[2].hash = compute_event_hash(rewritten[2]);
  const auto broken = verify_chain(record, rewritten);
  ASSERT_TRUE(broken);
  EXPECT_NE(broken->problem.find("head hash"), std::string::npos);
}

TEST_F(Chain, ContinuesAnExistingChain) {
  std::vector<Event> more(1);
  more[0].type = "closed";
  more[0].payload = "{}";
  const std::string head = record.head_hash;
  chain_events(record, more);
  EXPECT_EQ(more[0].seq, 4);
  EXPECT_EQ(more[0].prev_hash, head);
  std::vector<Event> all = events;
  all.push_back(more[0]);
  EXPECT_FALSE(verify_chain(record, all));
}

}  // namespace
}  // namespace casereview
