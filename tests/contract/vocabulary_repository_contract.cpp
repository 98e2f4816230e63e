// Contract of VocabularyRepository: the modifiable factors and learning themes
// panels code their findings with, shipped with a national starter set, kept
// nationally by the national vocabulary editor and extended and retired by each
// partnership for itself alone.
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <tuple>

#include "store_backends.h"

namespace casereview {
namespace {

using testing_support::StoreTest;

const Instant kNow = *Instant::parse("2024-06-03T09:00:00Z");

class VocabularyRepositoryContract : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    session->write_transaction([&] {
      north_ = session->partnerships().list().at(0).id;
      south_ = session->partnerships().add("south", "Southshire partnership").id;
    });
  }
  // In scope `scope` (kNationalScope by default).
  void add_factor(const char* code, const char* domain, const char* label, long long scope = kNationalScope) {
    session->write_transaction([&] {
      session->vocabularies().add_factor(FactorCode{code, domain, label}, scope, "admin", kNow);
    });
  }
  void add_theme(const char* code, const char* label, long long scope = kNationalScope) {
    session->write_transaction([&] {
      session->vocabularies().add_theme(ThemeCode{code, label}, scope, "admin", kNow);
    });
  }
  bool set_active(const char* vocabulary, const char* code, bool active, long long scope = kNationalScope) {
    bool changed = false;
    session->write_transaction(
        [&] { changed = session->vocabularies().set_active(vocabulary, code, active, scope, "admin", kNow); });
    return changed;
  }
  Vocabularies load(long long scope = kNationalScope) { return *session->vocabularies().load(scope); }
  long long north_ = 0;
  long long south_ = 0;
};

TEST_P(VocabularyRepositoryContract, StartsWithTheStarterSetInOrder) {
  const Vocabularies v = load(north_);
  const FactorCode* co_sleeping = v.factor("social.co_sleeping");
  ASSERT_TRUE(co_sleeping);
  EXPECT_EQ(co_sleeping->domain, "social_environment");
  EXPECT_EQ(co_sleeping->label, "Co-sleeping");
  EXPECT_TRUE(co_sleeping->active);
  EXPECT_TRUE(co_sleeping->national);
  EXPECT_FALSE(co_sleeping->retired_nationally);
  EXPECT_EQ(v.factors.size(), load().factors.size());  // a partnership starts with the national codes only
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
  const Vocabularies v = load();
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
  EXPECT_FALSE(load().factor("weather.snow"));
}

TEST_P(VocabularyRepositoryContract, RetiredCodesStayReadableAndCanBeRestored) {
  const std::size_t factors = load().factors.size();
  EXPECT_TRUE(set_active("factors", "social.co_sleeping", false));
  EXPECT_TRUE(set_active("themes", "neglect", false));
  Vocabularies v = load();
  EXPECT_EQ(v.factors.size(), factors);
  EXPECT_FALSE(v.factor("social.co_sleeping")->active);
  EXPECT_FALSE(v.theme("neglect")->active);
  EXPECT_TRUE(v.theme("escalation")->active);

  EXPECT_TRUE(set_active("factors", "social.co_sleeping", true));
  EXPECT_TRUE(load().factor("social.co_sleeping")->active);
}

TEST_P(VocabularyRepositoryContract, SetActiveIsFalseForNoSuchCode) {
  EXPECT_FALSE(set_active("themes", "no_such_theme", false));
  EXPECT_FALSE(set_active("factors", "neglect", false));  // a theme's code, in the factors
  EXPECT_FALSE(set_active("colours", "neglect", false));  // no such vocabulary
  EXPECT_TRUE(load().theme("neglect")->active);
}

TEST_P(VocabularyRepositoryContract, ALocalCodeIsSeenAndUsedOnlyByItsPartnership) {
  add_factor("service.local_transport", "service_provision", "No bus to the clinic", south_);
  add_theme("county_lines", "County lines", south_);
  const Vocabularies south = load(south_);
  ASSERT_TRUE(south.factor("service.local_transport"));
  EXPECT_FALSE(south.factor("service.local_transport")->national);
  EXPECT_TRUE(south.factor("service.local_transport")->active);
  ASSERT_TRUE(south.theme("county_lines"));
  EXPECT_FALSE(south.theme("county_lines")->national);
  EXPECT_FALSE(load(north_).factor("service.local_transport"));
  EXPECT_FALSE(load(north_).theme("county_lines"));
  EXPECT_FALSE(load().theme("county_lines"));  // not national either
  // Another partnership may hold the same local code, meaning its own thing.
  add_theme("county_lines", "Criminal exploitation across county borders", north_);
  EXPECT_EQ(load(north_).theme("county_lines")->label, "Criminal exploitation across county borders");
  EXPECT_EQ(load(south_).theme("county_lines")->label, "County lines");
  // Retiring it is the partnership's own business.
  EXPECT_TRUE(set_active("themes", "county_lines", false, south_));
  EXPECT_FALSE(load(south_).theme("county_lines")->active);
  EXPECT_FALSE(load(south_).theme("county_lines")->retired_nationally);
  EXPECT_TRUE(load(north_).theme("county_lines")->active);
}

TEST_P(VocabularyRepositoryContract, OneCodeMeansOneThingToWhoeverSeesIt) {
  EXPECT_THROW(add_factor("social.co_sleeping", "social_environment", "Local co-sleeping", south_), ConflictError);
  add_theme("knife_crime", "Knife crime", south_);
  EXPECT_THROW(add_theme("knife_crime", "Knife crime, nationally"), ConflictError);  // south would see two
  EXPECT_THROW(add_theme("knife_crime", "Again", south_), ConflictError);
  EXPECT_FALSE(load().theme("knife_crime"));
  EXPECT_EQ(load(south_).theme("knife_crime")->label, "Knife crime");
}

TEST_P(VocabularyRepositoryContract, APartnershipRetiresANationalCodeForItselfAlone) {
  EXPECT_TRUE(set_active("factors", "child.mental_health", false, south_));
  EXPECT_TRUE(set_active("factors", "child.mental_health", false, south_));  // already so: still true
  EXPECT_FALSE(load(south_).factor("child.mental_health")->active);
  EXPECT_FALSE(load(south_).factor("child.mental_health")->retired_nationally);
  EXPECT_TRUE(load(north_).factor("child.mental_health")->active);
  EXPECT_TRUE(load().factor("child.mental_health")->active);
  EXPECT_TRUE(set_active("factors", "child.mental_health", true, south_));
  EXPECT_TRUE(load(south_).factor("child.mental_health")->active);
  // Nor can it touch another partnership's local code.
  add_factor("service.north_only", "service_provision", "North only", north_);
  EXPECT_FALSE(set_active("factors", "service.north_only", false, south_));
  EXPECT_TRUE(load(north_).factor("service.north_only")->active);
}

TEST_P(VocabularyRepositoryContract, ANationalRetirementReachesEveryPartnership) {
  EXPECT_TRUE(set_active("themes", "escalation", false));
  for (long long p : {north_, south_}) {
    ASSERT_TRUE(load(p).theme("escalation"));
    EXPECT_FALSE(load(p).theme("escalation")->active);
    EXPECT_TRUE(load(p).theme("escalation")->retired_nationally);
  }
  // A partnership's restoring does not bring back what the nation retired.
  EXPECT_TRUE(set_active("themes", "escalation", true, south_));
  EXPECT_FALSE(load(south_).theme("escalation")->active);
  // The national scope reaches national codes only.
  add_theme("south_local", "South local", south_);
  EXPECT_FALSE(set_active("themes", "south_local", false));
  EXPECT_TRUE(load(south_).theme("south_local")->active);
  EXPECT_TRUE(set_active("themes", "escalation", true));
  EXPECT_TRUE(load(south_).theme("escalation")->active);
}

// What was loaded is kept by the number of changes recorded (the store's
// VocabularyCache): a change committed through another session is seen by the
// next load here, whoever loaded before it.
TEST_P(VocabularyRepositoryContract, AChangeThroughAnotherSessionIsSeenAtTheNextLoad) {
  ASSERT_TRUE(load(north_).factor("social.co_sleeping")->active);
  ASSERT_TRUE(load(south_).factor("social.co_sleeping")->active);
  auto other = store->session();
  other->write_transaction([&] {
    EXPECT_TRUE(other->vocabularies().set_active("factors", "social.co_sleeping", false, north_, "admin", kNow));
  });
  EXPECT_FALSE(load(north_).factor("social.co_sleeping")->active);
  EXPECT_TRUE(load(south_).factor("social.co_sleeping")->active);
  other->write_transaction([&] {
    other->vocabularies().add_theme(ThemeCode{"added_elsewhere", "Added elsewhere"}, kNationalScope, "admin", kNow);
  });
  EXPECT_TRUE(load(south_).theme("added_elsewhere"));
  EXPECT_TRUE(other->vocabularies().load(north_)->theme("added_elsewhere"));
}

// A transaction sees its own change; once rolled back, no one ever does: not
// when another change has brought the count of changes to the number the
// rolled-back one had reached, nor on another connection.
TEST_P(VocabularyRepositoryContract, AChangeRolledBackIsNeverSeen) {
  ASSERT_FALSE(load(north_).theme("rolled_back"));
  EXPECT_THROW(session->write_transaction([&] {
    session->vocabularies().add_theme(ThemeCode{"rolled_back", "Rolled back"}, north_, "admin", kNow);
    EXPECT_TRUE(session->vocabularies().load(north_)->theme("rolled_back"));
    throw std::runtime_error("abandoned");
  }),
               std::runtime_error);
  // No load between: what a load in the abandoned transaction might have
  // kept would be found now, at the same count.
  add_theme("kept", "Kept", north_);
  const Vocabularies after = load(north_);
  EXPECT_TRUE(after.theme("kept"));
  EXPECT_FALSE(after.theme("rolled_back"));
  auto other = store->session();
  EXPECT_FALSE(other->vocabularies().load(north_)->theme("rolled_back"));
  EXPECT_TRUE(other->vocabularies().load(north_)->theme("kept"));
}

INSTANTIATE_TEST_SUITE_P(Backends, VocabularyRepositoryContract, ::testing::ValuesIn(testing_support::store_backends()),
                         testing_support::backend_name);

}  // namespace
}  // namespace casereview
