// Contract of CalendarFeedRepository: one live calendar address per user and
// partnership, found by the hash of its secret, ended by a new one or revoked.
#include <gtest/gtest.h>

#include "store_backends.h"

namespace casereview {
namespace {

using testing_support::StoreTest;

const Instant kMade = *Instant::parse("2022-09-16T08:00:00Z");

class CalendarFeedRepositoryContract : public StoreTest {
 protected:
  long long user_id() {
    long long id = 0;
    session->write_transaction([&] {
      User u;
      u.username = "feed.owner";
      u.display_name = "Feed owner";
      u.password_hash = "$argon2id$stand-in";
      u.created_at = kMade;
      u.created_by = "installer";
      u.memberships = {Membership{1, "default", Role::Manager, "", 0}};
      id = session->users().add(u).id;
    });
    return id;
  }
  void make(const std::string& hash, long long user, Instant at) {
    session->write_transaction([&] { session->calendar_feeds().replace(CalendarFeed{hash, user, 1, at, {}}); });
  }
};

TEST_P(CalendarFeedRepositoryContract, ANewAddressEndsTheOneBefore) {
  const long long user = user_id();
  EXPECT_FALSE(session->calendar_feeds().live(user, 1));
  make("hash-one", user, kMade);
  ASSERT_TRUE(session->calendar_feeds().live(user, 1));
  EXPECT_EQ(session->calendar_feeds().live(user, 1)->token_hash, "hash-one");
  make("hash-two", user, kMade.plus_seconds(60));
  EXPECT_EQ(session->calendar_feeds().live(user, 1)->token_hash, "hash-two");
  const auto old = session->calendar_feeds().find("hash-one");
  ASSERT_TRUE(old);
  ASSERT_TRUE(old->revoked_at);
  EXPECT_EQ(*old->revoked_at, kMade.plus_seconds(60));
  EXPECT_FALSE(session->calendar_feeds().find("hash-two")->revoked_at);
  EXPECT_EQ(session->calendar_feeds().find("hash-two")->created_at, kMade.plus_seconds(60));
  EXPECT_FALSE(session->calendar_feeds().find("hash-three"));
}

TEST_P(CalendarFeedRepositoryContract, RevokingEndsTheLiveAddressOnce) {
  const long long user = user_id();
  make("hash-one", user, kMade);
  bool first = false, second = true;
  session->write_transaction([&] { first = session->calendar_feeds().revoke(user, 1, kMade.plus_seconds(5)); });
  session->write_transaction([&] { second = session->calendar_feeds().revoke(user, 1, kMade.plus_seconds(9)); });
  EXPECT_TRUE(first);
  EXPECT_FALSE(second);
  EXPECT_FALSE(session->calendar_feeds().live(user, 1));
  EXPECT_EQ(*session->calendar_feeds().find("hash-one")->revoked_at, kMade.plus_seconds(5));
}

INSTANTIATE_TEST_SUITE_P(Backends, CalendarFeedRepositoryContract,
                         ::testing::ValuesIn(testing_support::store_backends()), testing_support::backend_name);

}  // namespace
}  // namespace casereview
