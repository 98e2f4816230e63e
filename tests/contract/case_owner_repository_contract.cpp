// Contract of CaseOwnerRepository (case_owner.h): the owner now of each case,
// read with the account's name, kept apart per partnership.
#include <gtest/gtest.h>

#include "store_backends.h"

namespace casereview {
namespace {

using testing_support::StoreTest;

const Instant kNow = *Instant::parse("2024-06-03T09:00:00Z");

class CaseOwnerRepositoryContract : public StoreTest {
 protected:
  User add_user(const char* username, const char* name, long long partnership = 1, const char* code = "default") {
    User u;
    u.username = username;
    u.display_name = name;
    u.password_hash = "$argon2id$stand-in";
    u.created_at = kNow;
    u.created_by = "installer";
    u.memberships = {Membership{partnership, code, Role::Manager, "", 0}};
    User added;
    session->write_transaction([&] { added = session->users().add(u); });
    return added;
  }
  void assign(long long case_id, const User& user, const char* by = "manager") {
    session->write_transaction([&] { session->case_owners().assign(CaseOwner{case_id, user.id, "", "", by, kNow}); });
  }
  CaseOwnerRepository& owners() { return session->case_owners(); }
};

TEST_P(CaseOwnerRepositoryContract, KeepsTheOwnerNowWithTheAccountsName) {
  const CaseRecord c = create_case();
  const User alex = add_user("alex", "Alex Morgan");
  const User priya = add_user("priya", "Priya Shah");
  EXPECT_FALSE(owners().find(c.id));
  assign(c.id, alex);
  auto owner = owners().find(c.id);
  ASSERT_TRUE(owner);
  EXPECT_EQ(owner->case_id, c.id);
  EXPECT_EQ(owner->user_id, alex.id);
  EXPECT_EQ(owner->username, "alex");
  EXPECT_EQ(owner->display_name, "Alex Morgan");
  EXPECT_EQ(owner->assigned_by, "manager");
  EXPECT_EQ(owner->assigned_at, kNow);
  // A second assignment replaces the first.
  assign(c.id, priya, "another manager");
  owner = owners().find(c.id);
  ASSERT_TRUE(owner);
  EXPECT_EQ(owner->username, "priya");
  EXPECT_EQ(owner->assigned_by, "another manager");
  bool removed = false;
  session->write_transaction([&] { removed = owners().remove(c.id); });
  EXPECT_TRUE(removed);
  EXPECT_FALSE(owners().find(c.id));
  session->write_transaction([&] { removed = owners().remove(c.id); });
  EXPECT_FALSE(removed);
}

TEST_P(CaseOwnerRepositoryContract, ListsEachPartnershipsOwnersApart) {
  const long long west = another_partnership();
  const CaseRecord first = create_case();
  const CaseRecord unowned = create_case();
  const CaseRecord second = create_case();
  const CaseRecord elsewhere = create_case(west);
  const User alex = add_user("alex", "Alex Morgan");
  const User wyn = add_user("wyn", "Wyn Jones", west, "west");
  assign(first.id, alex);
  assign(second.id, alex);
  assign(elsewhere.id, wyn);
  const auto mine = owners().of_partnership(1);
  std::vector<long long> ids;
  for (const auto& [case_id, owner] : mine) {
    ids.push_back(case_id);
    EXPECT_EQ(owner.case_id, case_id);
    EXPECT_EQ(owner.username, "alex");
  }
  EXPECT_EQ(ids, (std::vector<long long>{first.id, second.id}));
  EXPECT_EQ(mine.count(unowned.id), 0u);
  const auto theirs = owners().of_partnership(west);
  ASSERT_EQ(theirs.size(), 1u);
  EXPECT_EQ(theirs.at(elsewhere.id).display_name, "Wyn Jones");
}

TEST_P(CaseOwnerRepositoryContract, RefusesAnOwnerOrCaseThatDoesNotExist) {
  const CaseRecord c = create_case();
  const User alex = add_user("alex", "Alex Morgan");
  EXPECT_THROW(session->write_transaction([&] {
    owners().assign(CaseOwner{c.id, alex.id + 100, "", "", "manager", kNow});
  }),
               StorageError);
  EXPECT_THROW(session->write_transaction([&] {
    owners().assign(CaseOwner{c.id + 100, alex.id, "", "", "manager", kNow});
  }),
               StorageError);
  EXPECT_FALSE(owners().find(c.id));
}

INSTANTIATE_TEST_SUITE_P(Backends, CaseOwnerRepositoryContract, ::testing::ValuesIn(testing_support::store_backends()),
                         testing_support::backend_name);

}  // namespace
}  // namespace casereview
