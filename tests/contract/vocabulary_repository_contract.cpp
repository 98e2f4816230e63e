// Contract of VocabularyRepository: the modifiable factors and learning themes
// panels code their findings with, shipped with a starter set and extended by
// an administrator.
#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>

#include "store_backends.h"

namespace casereview {
namespace {

using testing_support::StoreTest;

const Instant kNow = *Instant::parse("2024-06-03T09:00:00Z");

class VocabularyRepositoryContract : public StoreTest {
 protected:
  void add_factor(const char* code, const char* domain, const char* label) {
    session->write_transaction([&] {
      session->vocabularies().add_factor(FactorCode{code, domain, label}, "admin", kNow);
    });
  }
  void add_theme(const char* code, const char* label) {
    session->write_transaction([&] { session->vocabularies().add_theme(ThemeCode{code, label}, "admin", kNow); });
  }
  bool set_active(const char* vocabulary, const char* code, bool active) {
    bool changed = false;
    session->write_transaction(
        [&] { changed = session->vocabularies().set_active(vocabulary, code, active, "admin", kNow); });
    return changed;
  }
};

TEST_P(VocabularyRepositoryContract, StartsWithTheStarterSetInOrder) {
  const Vocabularies v = session->vocabularies().load();
  const FactorCode* co_sleeping = v.factor("social.co_sleeping");
  ASSERT_TRUE(co_sleeping);
  EXPECT_EQ(co_sleeping->domain, "social_environment");
  EXPECT_EQ(co_sleeping->label, "Co-sleeping");
  EXPECT_TRUE(co_sleeping->active);
  ASSERT_TRUE(v.theme("working_with_fathers"));
  EXPECT_TRUE(v.theme("working_with_fathers")->active);
  EXPECT_FALSE(v.factor("working_with_fathers"));  // a theme, not a factor
  EXPECT_TRUE(std::is_sorted(v.factors.begin(), v.factors.end(), [](const FactorCode& a, const FactorCode& b) {
    return std::tie(a.domain, a.code) < std::tie(b.domain, b.code);
  }));
  EXPECT_TRUE(std::is_sorted(v.themes.begin(), v.themes.end(),
                             [](const ThemeCode& a, const ThemeCode& b) { return a.code < b.code; }));
}

TEST_P(VocabularyRepositoryContract, AddsACodeOnce) {
  add_factor("physical.trampoline", "physical_environment", "Trampoline without netting");
  add_theme("transition_to_adult_services", "Transition to adult services");
  EXPECT_THROW(add_factor("physical.trampoline", "child", "Another label"), ConflictError);
  EXPECT_THROW(add_theme("transition_to_adult_services", "Another label"), ConflictError);
  EXPECT_THROW(add_theme("neglect", "A starter theme again"), ConflictError);
  const Vocabularies v = session->vocabularies().load();
  ASSERT_TRUE(v.factor("physical.trampoline"));
  EXPECT_EQ(v.factor("physical.trampoline")->domain, "physical_environment");
  EXPECT_EQ(v.factor("physical.trampoline")->label, "Trampoline without netting");
  EXPECT_TRUE(v.factor("physical.trampoline")->active);
  ASSERT_TRUE(v.theme("transition_to_adult_services"));
  EXPECT_EQ(v.theme("transition_to_adult_services")->label, "Transition to adult services");
  EXPECT_EQ(v.theme("neglect")->label, "Recognising neglect");
}

TEST_P(VocabularyRepositoryContract, RefusesAFactorOutsideTheFourDomains) {
  EXPECT_THROW(add_factor("weather.snow", "weather", "Snow"), StorageError);
  EXPECT_FALSE(session->vocabularies().load().factor("weather.snow"));
}

TEST_P(VocabularyRepositoryContract, RetiredCodesStayReadableAndCanBeRestored) {
  const std::size_t factors = session->vocabularies().load().factors.size();
  EXPECT_TRUE(set_active("factors", "social.co_sleeping", false));
  EXPECT_TRUE(set_active("themes", "neglect", false));
  Vocabularies v = session->vocabularies().load();
  EXPECT_EQ(v.factors.size(), factors);
  EXPECT_FALSE(v.factor("social.co_sleeping")->active);
  EXPECT_FALSE(v.theme("neglect")->active);
  EXPECT_TRUE(v.theme("escalation")->active);

  EXPECT_TRUE(set_active("factors", "social.co_sleeping", true));
  EXPECT_TRUE(session->vocabularies().load().factor("social.co_sleeping")->active);
}

TEST_P(VocabularyRepositoryContract, SetActiveIsFalseForNoSuchCode) {
  EXPECT_FALSE(set_active("themes", "no_such_theme", false));
  EXPECT_FALSE(set_active("factors", "neglect", false));  // a theme's code, in the factors
  EXPECT_FALSE(set_active("colours", "neglect", false));  // no such vocabulary
  EXPECT_TRUE(session->vocabularies().load().theme("neglect")->active);
}

INSTANTIATE_TEST_SUITE_P(Backends, VocabularyRepositoryContract, ::testing::ValuesIn(testing_support::store_backends()),
                         testing_support::backend_name);

}  // namespace
}  // namespace casereview
