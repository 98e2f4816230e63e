// The services the command line and the API share for accounts and rule
// settings, on a real store: what each refuses (and that a refusal writes
// nothing), what each writes, and that one partnership's change never reaches
// another.
#include <gtest/gtest.h>

#include "casereview/engine/account_service.h"
#include "casereview/engine/passwords.h"
#include "casereview/engine/rule_setting_service.h"
#include "casereview/workflows/all_workflows.h"
#include "store_backends.h"

namespace casereview {
namespace {

using testing_support::StoreTest;
using AccountWhy = AccountRefused::Why;

const Instant kNow = *Instant::parse("2024-06-03T09:00:00Z");

class AccountService : public StoreTest {
 protected:
  Partnership first() { return *session->partnerships().find_by_code("default"); }
  std::variant<PasswordSet, AccountRefused> add(const NewAccount& account) {
    return add_account(*session, first(), account, "installer", kNow);
  }
  static AccountWhy why(const std::variant<PasswordSet, AccountRefused>& r) { return std::get<AccountRefused>(r).why; }
};

TEST_P(AccountService, AddsAUserWithAOneTimePasswordTheyMustChange) {
  const auto added = add({"a.manager", "A Manager", Role::Manager, "", 0, std::nullopt});
  ASSERT_TRUE(std::holds_alternative<PasswordSet>(added));
  const PasswordSet& done = std::get<PasswordSet>(added);
  EXPECT_EQ(done.one_time_password.size(), 20u);
  const User stored = *session->users().find_by_username("a.manager");
  EXPECT_TRUE(stored.must_change_password);
  EXPECT_TRUE(verify_password(stored.password_hash, done.one_time_password));
  EXPECT_EQ(stored.display_name, "A Manager");
  EXPECT_EQ(stored.created_by, "installer");
  EXPECT_EQ(stored.created_at, kNow);
  ASSERT_EQ(stored.memberships.size(), 1u);
  EXPECT_EQ(stored.memberships[0].role, Role::Manager);
  EXPECT_EQ(stored.memberships[0].partnership_id, 1);
}

TEST_P(AccountService, AddsAUserWithTheirOwnPasswordAndNoChangeNeeded) {
  const auto added = add({"own.password", "", Role::Scrutineer, "", 0, std::string("A long enough passphrase")});
  ASSERT_TRUE(std::holds_alternative<PasswordSet>(added));
  EXPECT_EQ(std::get<PasswordSet>(added).one_time_password, "");
  const User stored = *session->users().find_by_username("own.password");
  EXPECT_FALSE(stored.must_change_password);
  EXPECT_EQ(stored.display_name, "own.password");
  EXPECT_TRUE(verify_password(stored.password_hash, "A long enough passphrase"));
}

TEST_P(AccountService, RefusesWhatCannotBeAnAccountAndWritesNothing) {
  EXPECT_EQ(why(add({"has space", "", Role::Manager, "", 0, std::nullopt})), AccountWhy::InvalidUsername);
  EXPECT_EQ(why(add({"agency.user", "", Role::AgencyContributor, "", 0, std::nullopt})), AccountWhy::AgencyMissing);
  EXPECT_EQ(why(add({"reviewer.user", "", Role::IndependentReviewer, "", 0, std::nullopt})),
            AccountWhy::ReviewerMissing);
  EXPECT_EQ(why(add({"reviewer.user", "", Role::IndependentReviewer, "", 42, std::nullopt})),
            AccountWhy::ReviewerNotInRegister);
  const auto weak = add({"weak.user", "", Role::Manager, "", 0, std::string("short")});
  EXPECT_EQ(why(weak), AccountWhy::PasswordTooWeak);
  EXPECT_EQ(std::get<AccountRefused>(weak).field, "password");
  EXPECT_TRUE(session->users().list(1).empty());
  ASSERT_TRUE(std::holds_alternative<PasswordSet>(add({"taken", "", Role::Manager, "", 0, std::nullopt})));
  EXPECT_EQ(why(add({"taken", "", Role::Auditor, "", 0, std::nullopt})), AccountWhy::UsernameTaken);
  EXPECT_EQ(session->users().list(1).size(), 1u);
}

TEST_P(AccountService, ResetsAPasswordAndEndsEverySessionOfTheUser) {
  const User user =
      std::get<PasswordSet>(add({"reset.me", "", Role::Manager, "", 0, std::string("A long enough passphrase")})).user;
  session->write_transaction([&] {
    for (const char* token : {"t1", "t2"}) {
      session->sessions().create(
          SessionRecord{sha256_hex(token), user.id, 1, "csrf", kNow, kNow, kNow.plus_seconds(3600), false});
    }
  });
  const auto reset = reset_password(*session, 1, user.id, std::nullopt);
  ASSERT_TRUE(std::holds_alternative<PasswordSet>(reset));
  const PasswordSet& done = std::get<PasswordSet>(reset);
  EXPECT_EQ(done.sessions_ended, 2);
  EXPECT_TRUE(done.user.must_change_password);
  EXPECT_TRUE(verify_password(session->users().find(user.id)->password_hash, done.one_time_password));
  EXPECT_TRUE(session->sessions().find(sha256_hex("t1"))->revoked);
  // Another partnership's administrator cannot reach the user.
  const long long west = another_partnership();
  EXPECT_EQ(std::get<AccountRefused>(reset_password(*session, west, user.id, std::nullopt)).why,
            AccountWhy::NoSuchUser);
  EXPECT_EQ(std::get<AccountRefused>(set_account_active(*session, west, user.id, false)).why, AccountWhy::NoSuchUser);
  EXPECT_TRUE(session->users().find(user.id)->active);
}

TEST_P(AccountService, SuspendingEndsSessionsAndRestoringDoesNot) {
  const User user = std::get<PasswordSet>(add({"suspend.me", "", Role::Manager, "", 0, std::nullopt})).user;
  session->write_transaction([&] {
    session->sessions().create(
        SessionRecord{sha256_hex("t"), user.id, 1, "csrf", kNow, kNow, kNow.plus_seconds(3600), false});
  });
  const auto suspended = set_account_active(*session, 1, user.id, false);
  ASSERT_TRUE(std::holds_alternative<User>(suspended));
  EXPECT_FALSE(std::get<User>(suspended).active);
  EXPECT_TRUE(session->sessions().find(sha256_hex("t"))->revoked);
  EXPECT_TRUE(std::get<User>(set_account_active(*session, 1, user.id, true)).active);
}

TEST_P(AccountService, AnEmailAddressIsCheckedSetAndRemoved) {
  NewAccount with_email{"has.email", "", Role::Manager, "", 0, std::nullopt};
  with_email.email = "has.email@example.org";
  const User user = std::get<PasswordSet>(add(with_email)).user;
  EXPECT_EQ(session->users().find(user.id)->email, "has.email@example.org");

  NewAccount bad{"bad.email", "", Role::Manager, "", 0, std::nullopt};
  bad.email = "two@at@example.org";
  const auto refused = add(bad);
  ASSERT_TRUE(std::holds_alternative<AccountRefused>(refused));
  EXPECT_EQ(std::get<AccountRefused>(refused).why, AccountWhy::InvalidEmail);
  EXPECT_EQ(std::get<AccountRefused>(refused).field, "email");
  EXPECT_FALSE(session->users().find_by_username("bad.email"));

  for (const char* invalid : {"no-at.example.org", "a@b@c", "@example.org", "name@", "with space@example.org",
                              "line\r\nbreak@example.org", "Name <name@example.org>", "a,b@example.org"}) {
    const auto changed = set_account_email(*session, 1, user.id, invalid);
    ASSERT_TRUE(std::holds_alternative<AccountRefused>(changed)) << invalid;
    EXPECT_EQ(std::get<AccountRefused>(changed).why, AccountWhy::InvalidEmail) << invalid;
  }
  EXPECT_TRUE(std::holds_alternative<AccountRefused>(
      set_account_email(*session, 1, user.id, std::string(243, 'a') + "@example.org")));  // 255 characters
  EXPECT_EQ(session->users().find(user.id)->email, "has.email@example.org");              // nothing changed

  const std::string longest = std::string(242, 'a') + "@example.org";  // 254 characters
  EXPECT_EQ(std::get<User>(set_account_email(*session, 1, user.id, longest)).email, longest);
  EXPECT_EQ(std::get<User>(set_account_email(*session, 1, user.id, "")).email, "");
  EXPECT_EQ(session->users().find(user.id)->email, "");
  const long long west = another_partnership();
  const auto elsewhere = set_account_email(*session, west, user.id, "x@example.org");
  EXPECT_EQ(std::get<AccountRefused>(elsewhere).why, AccountWhy::NoSuchUser);
}

class RuleSettingService : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    workflows::register_all(registry);
  }
  std::variant<RuleTerms, RuleSettingRefused> change(long long partnership, const char* rule,
                                                     const RuleAdjustment& adjustment) {
    return change_rule_setting(*session, registry, partnership, rule, adjustment, "admin", kNow);
  }
  WorkflowRegistry registry;
};

TEST_P(RuleSettingService, KeepsWhatAnEarlierChangeSetWhenAnotherPartIsChanged) {
  ASSERT_TRUE(std::holds_alternative<RuleTerms>(
      change(1, "rr.submit_to_panel", {std::nullopt, std::string("became_aware"), "Our procedure"})));
  const auto terms = change(1, "rr.submit_to_panel", {12, std::nullopt, "Business unit target"});
  ASSERT_TRUE(std::holds_alternative<RuleTerms>(terms));
  EXPECT_EQ(std::get<RuleTerms>(terms).amount, 12);
  EXPECT_EQ(std::get<RuleTerms>(terms).anchor_id, "became_aware");
  const auto changes = session->rule_settings().changes(1);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].reason, "Business unit target");
  EXPECT_EQ(changes[0].changed_by, "admin");
  EXPECT_TRUE(session->rule_settings().for_partnership(another_partnership()).empty());
}

TEST_P(RuleSettingService, RefusesAndWritesNothing) {
  using Why = RuleSettingRefused::Why;
  const auto why = [&](const char* rule, const RuleAdjustment& a) {
    return std::get<RuleSettingRefused>(change(1, rule, a)).why;
  };
  EXPECT_EQ(why("no.such_rule", {3, std::nullopt, "x"}), Why::NoSuchRule);
  EXPECT_EQ(why("sin.notify_panel", {std::nullopt, std::nullopt, "x"}), Why::NothingToChange);
  EXPECT_EQ(why("sin.notify_panel", {3, std::nullopt, ""}), Why::NoReason);
  EXPECT_EQ(why("sin.notify_panel", {8, std::nullopt, "weaker than the statute"}), Why::NotAllowed);
  EXPECT_EQ(why("rr.submit_to_panel", {std::nullopt, std::string("whenever"), "x"}), Why::NotAllowed);
  EXPECT_TRUE(session->rule_settings().for_partnership(1).empty());
  EXPECT_TRUE(session->rule_settings().changes(1).empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, AccountService, ::testing::ValuesIn(testing_support::store_backends()),
                         testing_support::backend_name);
INSTANTIATE_TEST_SUITE_P(Backends, RuleSettingService, ::testing::ValuesIn(testing_support::store_backends()),
                         testing_support::backend_name);

}  // namespace
}  // namespace casereview
