// Contract of the users, sessions, access log and checkpoint repositories.
#include <gtest/gtest.h>

#include "store_backends.h"

namespace casereview {
namespace {

using testing_support::StoreTest;

const Instant kNow = *Instant::parse("2024-06-03T09:00:00Z");

User a_user(const char* username, Role role, long long partnership = 1, const char* code = "default") {
  User u;
  u.username = username;
  u.display_name = std::string("Name of ") + username;
  u.password_hash = "$argon2id$stand-in";  // the repository stores it as given
  u.created_at = kNow;
  u.created_by = "installer";
  u.memberships = {Membership{partnership, code, role, role == Role::AgencyContributor ? "Police" : "", 0}};
  return u;
}

class AccountRepositoriesContract : public StoreTest {};

TEST_P(AccountRepositoriesContract, StoresUsersWithARolePerPartnership) {
  Partnership west;
  User added;
  session->write_transaction([&] {
    west = session->partnerships().add("west", "Westshire partnership");
    added = session->users().add(a_user("j.smith", Role::AgencyContributor));
    session->users().put_membership(added.id, Membership{west.id, "west", Role::Scrutineer, "", 0});
  });
  const auto found = session->users().find_by_username("j.smith");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, added.id);
  EXPECT_EQ(found->display_name, "Name of j.smith");
  EXPECT_EQ(found->password_hash, "$argon2id$stand-in");
  EXPECT_TRUE(found->active);
  ASSERT_EQ(found->memberships.size(), 2u);
  EXPECT_EQ(found->membership(1)->role, Role::AgencyContributor);
  EXPECT_EQ(found->membership(1)->agency, "Police");
  EXPECT_EQ(found->membership(west.id)->role, Role::Scrutineer);
  EXPECT_EQ(found->membership(west.id)->partnership_code, "west");
  EXPECT_EQ(found->membership(99), nullptr);
  EXPECT_EQ(session->users().list(west.id).size(), 1u);
  EXPECT_FALSE(session->users().find_by_username("J.SMITH "));
}

TEST_P(AccountRepositoriesContract, GivesAUsersMembershipsInTheOrderOfTheirPartnershipsCodes) {
  User added;
  session->write_transaction([&] {
    const Partnership west = session->partnerships().add("west", "Westshire partnership");
    const Partnership east = session->partnerships().add("east", "Eastshire partnership");
    added = session->users().add(a_user("j.smith", Role::Manager));  // in "default"
    session->users().put_membership(added.id, Membership{west.id, "west", Role::Scrutineer, "", 0});
    session->users().put_membership(added.id, Membership{east.id, "east", Role::Auditor, "", 0});
  });
  const auto found = session->users().find(added.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(testing_support::each(found->memberships, [](const Membership& m) { return m.partnership_code; }),
            (std::vector<std::string>{"default", "east", "west"}));
}

TEST_P(AccountRepositoriesContract, ListsAPartnershipsUsersByUsernameAndReplacesAMembership) {
  const long long west = another_partnership();
  User zed, amy;
  session->write_transaction([&] {
    zed = session->users().add(a_user("zed", Role::Manager));
    amy = session->users().add(a_user("amy", Role::Scrutineer));
    session->users().add(a_user("wes", Role::Manager, west, "west"));
    session->users().put_membership(zed.id, Membership{1, "default", Role::Auditor, "", 0});
  });
  EXPECT_EQ(testing_support::each(session->users().list(1), [](const User& u) { return u.username; }),
            (std::vector<std::string>{"amy", "zed"}));
  const auto found = session->users().find(zed.id);
  ASSERT_EQ(found->memberships.size(), 1u);
  EXPECT_EQ(found->memberships[0].role, Role::Auditor);
  EXPECT_EQ(session->users().list(west).at(0).username, "wes");
  EXPECT_FALSE(session->users().find(amy.id + 1000));
}

TEST_P(AccountRepositoriesContract, StoresReplacesAndRemovesAnEmailAddress) {
  User with = a_user("with.email", Role::Manager), without = a_user("without.email", Role::Manager);
  with.email = "with.email@example.org";
  session->write_transaction([&] {
    with = session->users().add(with);
    without = session->users().add(without);
  });
  EXPECT_EQ(session->users().find(with.id)->email, "with.email@example.org");
  EXPECT_EQ(session->users().find_by_username("without.email")->email, "");
  session->write_transaction([&] { session->users().set_email(without.id, "now@example.org"); });
  EXPECT_EQ(testing_support::each(session->users().list(1), [](const User& u) { return u.email; }),
            (std::vector<std::string>{"with.email@example.org", "now@example.org"}));
  session->write_transaction([&] { session->users().set_email(with.id, ""); });
  EXPECT_EQ(session->users().find(with.id)->email, "");
  session->write_transaction([&] { session->users().set_email(with.id + 1000, "nobody@example.org"); });
  EXPECT_FALSE(session->users().find(with.id + 1000));
}

TEST_P(AccountRepositoriesContract, AUsernameIsTakenOnce) {
  session->write_transaction([&] { session->users().add(a_user("pat", Role::Manager)); });
  EXPECT_THROW(session->write_transaction([&] { session->users().add(a_user("pat", Role::Scrutineer)); }),
               ConflictError);
  EXPECT_EQ(session->users().list(1).size(), 1u);
}

TEST_P(AccountRepositoriesContract, PasswordsAndSuspensionChangeOnlyTheirUser) {
  User a, b;
  session->write_transaction([&] {
    a = session->users().add(a_user("a", Role::Manager));
    b = session->users().add(a_user("b", Role::Manager));
    session->users().set_password(a.id, "new-hash", true);
    session->users().set_active(a.id, false);
  });
  EXPECT_EQ(session->users().find(a.id)->password_hash, "new-hash");
  EXPECT_TRUE(session->users().find(a.id)->must_change_password);
  EXPECT_FALSE(session->users().find(a.id)->active);
  EXPECT_EQ(session->users().find(b.id)->password_hash, "$argon2id$stand-in");
  EXPECT_TRUE(session->users().find(b.id)->active);
}

SessionRecord a_session(const char* hash, long long user_id) {
  SessionRecord s;
  s.token_hash = hash;
  s.user_id = user_id;
  s.partnership_id = 1;
  s.csrf_token = std::string("csrf-") + hash;
  s.created_at = kNow;
  s.last_seen_at = kNow;
  s.expires_at = kNow.plus_seconds(3600);
  return s;
}

TEST_P(AccountRepositoriesContract, SessionsAreFoundByHashTouchedAndRevoked) {
  User u;
  session->write_transaction([&] {
    u = session->users().add(a_user("u", Role::Manager));
    session->sessions().create(a_session("h1", u.id));
    session->sessions().create(a_session("h2", u.id));
    session->sessions().create(a_session("h3", u.id));
    session->sessions().touch("h1", kNow.plus_seconds(120));
    session->sessions().revoke("h2");
  });
  const auto one = session->sessions().find("h1");
  ASSERT_TRUE(one);
  EXPECT_EQ(one->csrf_token, "csrf-h1");
  EXPECT_EQ(one->last_seen_at, kNow.plus_seconds(120));
  EXPECT_EQ(one->expires_at, kNow.plus_seconds(3600));
  EXPECT_FALSE(one->revoked);
  EXPECT_TRUE(session->sessions().find("h2")->revoked);
  EXPECT_FALSE(session->sessions().find("nope"));
  int ended = 0;
  session->write_transaction([&] { ended = session->sessions().revoke_all(u.id); });
  EXPECT_EQ(ended, 2);  // h1 and h3; h2 had ended already
  EXPECT_TRUE(session->sessions().find("h1")->revoked);
  EXPECT_TRUE(session->sessions().find("h3")->revoked);
}

TEST_P(AccountRepositoriesContract, TheAccessLogListsNewestFirstWithinOnePartnership) {
  another_partnership();
  const long long case_id = create_case().id;
  session->write_transaction([&] {
    for (int i = 0; i < 3; ++i) {
      session->access_log().append(AccessEntry{0, kNow.plus_seconds(i), i == 1 ? "b" : "a", 1, i == 2 ? case_id : 0, "",
                                               "case_identity", "reason " + std::to_string(i)});
    }
    session->access_log().append(AccessEntry{0, kNow, "w", 2, 0, "", "case_identity", ""});
  });
  AccessFilter filter;
  filter.partnership_id = 1;
  const auto all = session->access_log().list(filter);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].reason, "reason 2");
  EXPECT_EQ(all[2].reason, "reason 0");
  filter.username = "b";
  ASSERT_EQ(session->access_log().list(filter).size(), 1u);
  filter.username.reset();
  filter.limit = 2;
  EXPECT_EQ(session->access_log().list(filter).size(), 2u);
  filter.limit = 500;
  filter.case_id = case_id;
  const auto about_the_case = session->access_log().list(filter);
  ASSERT_EQ(about_the_case.size(), 1u);
  EXPECT_EQ(about_the_case[0].case_reference, "SIN-2024-0001");
  filter.case_id.reset();
  filter.partnership_id = 2;
  ASSERT_EQ(session->access_log().list(filter).size(), 1u);
  EXPECT_EQ(session->access_log().list(filter)[0].username, "w");
}

TEST_P(AccountRepositoriesContract, ThePagesReadsOfSeveralCasesAreLoggedOneForEachCase) {
  const long long first = create_case().id;
  const long long second = create_case().id;
  const long long third = create_case().id;
  // One read logged alone first, on the same connection, as a document's
  // download before a dashboard.
  session->write_transaction([&] {
    session->access_log().append(AccessEntry{0, kNow, "d", 1, third, "", "document", ""});
  });
  session->write_transaction([&] {
    session->access_log().append_for_cases(AccessEntry{0, kNow, "m", 1, 0, "", "dashboard", "the weekly meeting"},
                                           {second, first});
    session->access_log().append_for_cases(AccessEntry{0, kNow, "m", 1, 0, "", "dashboard", ""}, {});
  });
  AccessFilter filter;
  filter.partnership_id = 1;
  filter.username = "m";
  const auto all = session->access_log().list(filter);
  ASSERT_EQ(all.size(), 2u);
  // Newest first: the cases in the reverse of the order given.
  EXPECT_EQ(all[0].case_id, first);
  EXPECT_EQ(all[1].case_id, second);
  for (const AccessEntry& e : all) {
    EXPECT_EQ(e.username, "m");
    EXPECT_EQ(e.what, "dashboard");
    EXPECT_EQ(e.reason, "the weekly meeting");
    EXPECT_EQ(e.at, kNow);
    EXPECT_NE(e.case_reference, "");
  }
  filter.case_id = second;
  ASSERT_EQ(session->access_log().list(filter).size(), 1u);

  // The same page answered again, and one of its children read alone: each
  // answer is an entry for each child, newest first, by case as by reader.
  session->write_transaction([&] {
    session->access_log().append_for_cases(AccessEntry{0, kNow.plus_seconds(1), "m", 1, 0, "", "dashboard", "again"},
                                           {second, first});
    session->access_log().append(AccessEntry{0, kNow.plus_seconds(2), "d", 1, second, "", "case_identity", ""});
  });
  const auto about_the_second = session->access_log().list(filter);
  ASSERT_EQ(about_the_second.size(), 2u) << "the reader m";
  EXPECT_EQ(about_the_second[0].reason, "again");
  EXPECT_EQ(about_the_second[1].reason, "the weekly meeting");
  filter.username.reset();
  const auto everyone_on_the_second = session->access_log().list(filter);
  ASSERT_EQ(everyone_on_the_second.size(), 3u);
  EXPECT_EQ(everyone_on_the_second[0].username, "d");
  EXPECT_EQ(everyone_on_the_second[0].what, "case_identity");
  for (const AccessEntry& e : everyone_on_the_second) EXPECT_EQ(e.case_id, second);
  filter.case_id = third;
  ASSERT_EQ(session->access_log().list(filter).size(), 1u);
  filter.case_id.reset();
  filter.limit = 3;
  const auto newest = session->access_log().list(filter);
  ASSERT_EQ(newest.size(), 3u) << "the limit counts entries, not rows";
  EXPECT_EQ(newest[0].username, "d");
  EXPECT_EQ(newest[1].case_id, first);
  EXPECT_EQ(newest[2].case_id, second);
  EXPECT_EQ(newest[2].reason, "again");
  filter.partnership_id = 2;
  filter.limit = 500;
  EXPECT_TRUE(session->access_log().list(filter).empty());
}

TEST_P(AccountRepositoriesContract, CheckpointsKeepTheirOrderAndContents) {
  EXPECT_FALSE(session->checkpoints().latest_taken_at());
  EXPECT_FALSE(session->checkpoints().latest());
  EXPECT_EQ(session->checkpoints().count(), 0);
  session->write_transaction([&] {
    session->checkpoints().add(Checkpoint{0, kNow, "x", R"({"1":{"hash":"h","version":1}})", "sig1", std::nullopt});
    session->checkpoints().add(Checkpoint{0, kNow.plus_seconds(86400), "y", "{}", "sig2", "sig1"});
  });
  std::vector<Checkpoint> all;
  session->checkpoints().for_each([&](const Checkpoint& c) { all.push_back(c); });
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].signature, "sig1");
  EXPECT_EQ(all[0].heads, R"({"1":{"hash":"h","version":1}})");
  EXPECT_FALSE(all[0].previous_signature.has_value());
  EXPECT_EQ(all[1].taken_at, kNow.plus_seconds(86400));
  EXPECT_EQ(all[1].previous_signature, std::optional<std::string>("sig1"));
  EXPECT_LT(all[0].id, all[1].id);
  EXPECT_EQ(session->checkpoints().latest_taken_at(), kNow.plus_seconds(86400));
  EXPECT_EQ(session->checkpoints().latest()->signature, "sig2");
  EXPECT_EQ(session->checkpoints().count(), 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, AccountRepositoriesContract, ::testing::ValuesIn(testing_support::store_backends()),
                         testing_support::backend_name);

}  // namespace
}  // namespace casereview
