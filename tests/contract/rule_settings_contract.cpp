// Contract of RuleSettingsRepository: a partnership's changes to rules.
#include <gtest/gtest.h>

#include "store_backends.h"

namespace casereview {
namespace {

using testing_support::StoreTest;

class RuleSettingsContract : public StoreTest {
 protected:
  void put(const char* rule, RuleSetting setting) {
    session->write_transaction([&] {
      session->rule_settings().put(1, rule, setting, std::string("because ") + rule, "admin",
                                   *Instant::parse("2024-01-01T00:00:00Z"));
    });
  }
};

TEST_P(RuleSettingsContract, StoresAndReplacesSettings) {
  EXPECT_TRUE(session->rule_settings().for_partnership(1).empty());
  put("sin.rapid_review", RuleSetting{std::nullopt, "became_aware"});
  put("sin.inform_partners", RuleSetting{3, std::nullopt});
  auto settings = session->rule_settings().for_partnership(1);
  ASSERT_EQ(settings.size(), 2u);
  EXPECT_FALSE(settings["sin.rapid_review"].amount);
  EXPECT_EQ(settings["sin.rapid_review"].anchor_id, "became_aware");
  EXPECT_EQ(settings["sin.inform_partners"].amount, 3);
  EXPECT_FALSE(settings["sin.inform_partners"].anchor_id);

  put("sin.rapid_review", RuleSetting{std::nullopt, "notification_date"});
  EXPECT_EQ(session->rule_settings().for_partnership(1)["sin.rapid_review"].anchor_id, "notification_date");
  EXPECT_TRUE(session->rule_settings().for_partnership(2).empty());
}

TEST_P(RuleSettingsContract, RecordsEveryChangeNewestFirstWithWhatItReplaced) {
  EXPECT_TRUE(session->rule_settings().changes(1).empty());
  put("sin.inform_partners", RuleSetting{3, std::nullopt});
  put("sin.inform_partners", RuleSetting{2, std::nullopt});
  const auto changes = session->rule_settings().changes(1);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].rule_id, "sin.inform_partners");
  EXPECT_EQ(changes[0].before.amount, 3);
  EXPECT_EQ(changes[0].after.amount, 2);
  EXPECT_FALSE(changes[0].after.anchor_id);
  EXPECT_EQ(changes[0].reason, "because sin.inform_partners");
  EXPECT_EQ(changes[0].changed_by, "admin");
  EXPECT_EQ(changes[0].changed_at, *Instant::parse("2024-01-01T00:00:00Z"));
  EXPECT_FALSE(changes[1].before.amount);  // the first change replaced no setting
  EXPECT_FALSE(changes[1].before.anchor_id);
  EXPECT_EQ(changes[1].after.amount, 3);
  EXPECT_TRUE(session->rule_settings().changes(2).empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, RuleSettingsContract, ::testing::ValuesIn(testing_support::store_backends()),
                         testing_support::backend_name);

}  // namespace
}  // namespace casereview
