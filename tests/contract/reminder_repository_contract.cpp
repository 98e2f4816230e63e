// Contract of the reminder claims: what makes one e-mail go out once however
// many processes send at the same time (reminder_sender.h).
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "store_backends.h"

namespace casereview {
namespace {

using testing_support::StoreTest;

const Date kDay = *Date::parse("2022-09-15");
const Instant kNine = *Instant::parse("2022-09-15T08:00:00Z");

ReminderSend a_send(const std::string& item = "clock:1:sin.notify_panel", const std::string& to = "m1@example.org",
                    Date day = kDay, long long partnership = 1) {
  ReminderSend s;
  s.partnership_id = partnership;
  s.kind = "escalation";
  s.item_key = item;
  s.recipient = to;
  s.day = day;
  s.subject = "[casereview] Overdue statutory deadline: SIN-2022-0001 Notify the National Panel";
  s.claimed_by = "host-a:101";
  s.claimed_at = kNine;
  s.status = "sent";  // ignored: a claim starts claimed at attempt 1
  s.attempts = 7;
  return s;
}

class ReminderRepositoryContract : public StoreTest {
 protected:
  std::optional<long long> claim(const ReminderSend& s) {
    std::optional<long long> id;
    session->write_transaction([&] { id = session->reminders().claim(s); });
    return id;
  }
  ReminderSend stored(const ReminderSend& s) { return *session->reminders().find(s.item_key, s.recipient, s.day); }
};

TEST_P(ReminderRepositoryContract, RecordsAClaimAsClaimedAtTheFirstAttempt) {
  const auto id = claim(a_send());
  ASSERT_TRUE(id);
  const ReminderSend found = stored(a_send());
  EXPECT_EQ(found.id, *id);
  EXPECT_EQ(found.partnership_id, 1);
  EXPECT_EQ(found.kind, "escalation");
  EXPECT_EQ(found.item_key, "clock:1:sin.notify_panel");
  EXPECT_EQ(found.recipient, "m1@example.org");
  EXPECT_EQ(found.day, kDay);
  EXPECT_EQ(found.subject, a_send().subject);
  EXPECT_EQ(found.status, "claimed");
  EXPECT_EQ(found.attempts, 1);
  EXPECT_EQ(found.claimed_by, "host-a:101");
  EXPECT_EQ(found.claimed_at, kNine);
  EXPECT_FALSE(found.sent_at);
  EXPECT_EQ(found.last_error, "");
  EXPECT_FALSE(session->reminders().find("clock:1:sin.notify_panel", "m2@example.org", kDay));
}

TEST_P(ReminderRepositoryContract, ASecondClaimOfTheSameItemRecipientAndDayIsRefused) {
  ASSERT_TRUE(claim(a_send()));
  ReminderSend other = a_send();
  other.claimed_by = "host-b:202";
  EXPECT_FALSE(claim(other));
  EXPECT_EQ(stored(a_send()).claimed_by, "host-a:101");  // the first claim stands
  // Refused whatever its status: a sent one too.
  ASSERT_TRUE(session->reminders().mark_sent(stored(a_send()).id, "host-a:101", kNine.plus_seconds(5)));
  EXPECT_FALSE(claim(other));
  // Another recipient, item or day is another e-mail.
  EXPECT_TRUE(claim(a_send("clock:1:sin.notify_panel", "m2@example.org")));
  EXPECT_TRUE(claim(a_send("clock:2:sin.notify_panel")));
  EXPECT_TRUE(claim(a_send("clock:1:sin.notify_panel", "m1@example.org", kDay.plus_days(1))));
  EXPECT_EQ(session->reminders().for_day(1, kDay).size(), 3u);
}

TEST_P(ReminderRepositoryContract, OnlyTheClaimerMarksItSentOrFailed) {
  const long long id = *claim(a_send());
  EXPECT_FALSE(session->reminders().mark_sent(id, "host-b:202", kNine));
  EXPECT_FALSE(session->reminders().mark_failed(id, "host-b:202", "not mine"));
  EXPECT_EQ(stored(a_send()).status, "claimed");
  EXPECT_TRUE(session->reminders().mark_failed(id, "host-a:101", "the relay 127.0.0.1:25 could not be used"));
  ReminderSend failed = stored(a_send());
  EXPECT_EQ(failed.status, "failed");
  EXPECT_EQ(failed.last_error, "the relay 127.0.0.1:25 could not be used");
  EXPECT_FALSE(failed.sent_at);
  // A failed claim is no longer claimed: marking it again changes nothing.
  EXPECT_FALSE(session->reminders().mark_sent(id, "host-a:101", kNine));
  EXPECT_EQ(stored(a_send()).status, "failed");
}

TEST_P(ReminderRepositoryContract, AFailedClaimIsTakenOverWithOneMoreAttemptAndThenSent) {
  const long long id = *claim(a_send());
  ASSERT_TRUE(session->reminders().mark_failed(id, "host-a:101", "connection refused"));
  const ReminderSend seen = stored(a_send());
  const Instant later = kNine.plus_seconds(900);
  EXPECT_TRUE(session->reminders().take_over(seen, "host-b:202", later));
  ReminderSend taken = stored(a_send());
  EXPECT_EQ(taken.status, "claimed");
  EXPECT_EQ(taken.attempts, 2);
  EXPECT_EQ(taken.claimed_by, "host-b:202");
  EXPECT_EQ(taken.claimed_at, later);
  EXPECT_EQ(taken.last_error, "connection refused");
  // What was seen before the take-over can no longer be taken.
  EXPECT_FALSE(session->reminders().take_over(seen, "host-c:303", later));
  EXPECT_TRUE(session->reminders().mark_sent(id, "host-b:202", later.plus_seconds(2)));
  const ReminderSend sent = stored(a_send());
  EXPECT_EQ(sent.status, "sent");
  EXPECT_EQ(sent.sent_at, later.plus_seconds(2));
  EXPECT_EQ(sent.last_error, "connection refused");  // the history stays
  // A sent claim is never taken over.
  EXPECT_FALSE(session->reminders().take_over(sent, "host-c:303", later));
  EXPECT_EQ(stored(a_send()).claimed_by, "host-b:202");
}

TEST_P(ReminderRepositoryContract, AClaimStillHeldIsTakenOverOnlyAsSeen) {
  claim(a_send());
  const ReminderSend seen = stored(a_send());
  EXPECT_TRUE(session->reminders().take_over(seen, "host-b:202", kNine.plus_seconds(700)));
  EXPECT_FALSE(session->reminders().take_over(seen, "host-c:303", kNine.plus_seconds(700)));
  EXPECT_EQ(stored(a_send()).claimed_by, "host-b:202");
  EXPECT_FALSE(session->reminders().mark_sent(seen.id, "host-a:101", kNine));  // the first holder lost it
}

TEST_P(ReminderRepositoryContract, OnlyOneOfTwoConcurrentRetriesTakesAFailedClaim) {
  // Each round: a failed claim, read by two sessions of their own, which then
  // try to take it over at the same moment, each in its write transaction.
  for (int round = 0; round < 20; ++round) {
    ReminderSend send = a_send("clock:" + std::to_string(round) + ":sin.notify_panel");
    const long long id = *claim(send);
    ASSERT_TRUE(session->reminders().mark_failed(id, "host-a:101", "timed out"));
    auto first = store->session(), second = store->session();
    const ReminderSend seen_first = *first->reminders().find(send.item_key, send.recipient, kDay);
    const ReminderSend seen_second = *second->reminders().find(send.item_key, send.recipient, kDay);
    std::atomic<int> ready{0};
    bool took_first = false, took_second = false;
    const auto retry = [&](StoreSession& s, const ReminderSend& seen, const char* who, bool& took) {
      ++ready;
      while (ready.load() < 2) std::this_thread::yield();
      s.write_transaction([&] { took = s.reminders().take_over(seen, who, kNine.plus_seconds(60)); });
    };
    std::thread a([&] { retry(*first, seen_first, "host-b:202", took_first); });
    std::thread b([&] { retry(*second, seen_second, "host-c:303", took_second); });
    a.join();
    b.join();
    EXPECT_NE(took_first, took_second) << "round " << round;
    const ReminderSend after = stored(send);
    EXPECT_EQ(after.attempts, 2);
    EXPECT_EQ(after.claimed_by, took_first ? "host-b:202" : "host-c:303");
  }
}

TEST_P(ReminderRepositoryContract, ListsAPartnershipsDayInTheOrderClaimed) {
  const long long west = another_partnership();
  claim(a_send("digest:1:5", "b@example.org"));
  claim(a_send("digest:1:4", "a@example.org"));
  claim(a_send("digest:2:9", "w@example.org", kDay, west));
  claim(a_send("digest:1:5", "b@example.org", kDay.plus_days(1)));
  const auto listed = session->reminders().for_day(1, kDay);
  EXPECT_EQ(testing_support::each(listed, [](const ReminderSend& s) { return s.item_key; }),
            (std::vector<std::string>{"digest:1:5", "digest:1:4"}));
  EXPECT_EQ(session->reminders().for_day(west, kDay).at(0).recipient, "w@example.org");
  EXPECT_TRUE(session->reminders().for_day(1, kDay.plus_days(2)).empty());
}

TEST_P(ReminderRepositoryContract, AClaimNeedsItsPartnership) {
  EXPECT_THROW(claim(a_send("digest:9:1", "x@example.org", kDay, 999)), StorageError);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReminderRepositoryContract, ::testing::ValuesIn(testing_support::store_backends()),
                         testing_support::backend_name);

}  // namespace
}  // namespace casereview
