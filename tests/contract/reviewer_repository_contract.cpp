// Contract of ReviewerRepository: each partnership's register of independent
// reviewers and their declarations of interest.
#include <gtest/gtest.h>

#include "store_backends.h"

namespace casereview {
namespace {

using testing_support::each;
using testing_support::StoreTest;

const Instant kNow = *Instant::parse("2024-06-03T09:00:00Z");

Reviewer a_reviewer(const char* name, long long partnership = 1) {
  Reviewer r;
  r.partnership_id = partnership;
  r.name = name;
  r.organisation = std::string(name) + " Consulting";
  r.national_pool = true;
  r.recorded_by = "manager";
  r.recorded_at = kNow;
  return r;
}

ConflictDeclaration a_declaration(const char* text, bool rules_out, const char* on = "2024-06-04") {
  return ConflictDeclaration{0, *Date::parse(on), text, rules_out, "manager"};
}

std::string name(const Reviewer& r) { return r.name; }

class ReviewerRepositoryContract : public StoreTest {
 protected:
  Reviewer add(const Reviewer& r) {
    Reviewer added;
    session->write_transaction([&] { added = session->reviewers().add(r); });
    return added;
  }
  std::optional<ConflictDeclaration> declare(long long partnership, long long reviewer, const ConflictDeclaration& d) {
    std::optional<ConflictDeclaration> stored;
    session->write_transaction([&] { stored = session->reviewers().declare(partnership, reviewer, d); });
    return stored;
  }
};

TEST_P(ReviewerRepositoryContract, AddsAReviewerWithItsIdAndFindsIt) {
  Reviewer given = a_reviewer("Dr Ada Byron");
  given.active = false;
  given.declarations = {a_declaration("given to add, not declared", true)};
  const Reviewer added = add(given);
  EXPECT_GT(added.id, 0);
  EXPECT_TRUE(added.declarations.empty());  // declarations are recorded by declare() only
  const auto found = session->reviewers().find(1, added.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->partnership_id, 1);
  EXPECT_EQ(found->name, "Dr Ada Byron");
  EXPECT_EQ(found->organisation, "Dr Ada Byron Consulting");
  EXPECT_TRUE(found->national_pool);
  EXPECT_FALSE(found->active);
  EXPECT_EQ(found->recorded_by, "manager");
  EXPECT_EQ(found->recorded_at, kNow);
  EXPECT_TRUE(found->declarations.empty());
  EXPECT_FALSE(found->ruled_out());
  EXPECT_FALSE(session->reviewers().find(1, added.id + 1000));
}

TEST_P(ReviewerRepositoryContract, ListsAPartnershipsReviewersByName) {
  const long long west = another_partnership();
  add(a_reviewer("Zoe Marsh"));
  const Reviewer adam = add(a_reviewer("Adam Hale"));
  add(a_reviewer("Mia Stone"));
  const Reviewer bea = add(a_reviewer("Bea West", west));
  EXPECT_EQ(each(session->reviewers().list(1), name),
            (std::vector<std::string>{"Adam Hale", "Mia Stone", "Zoe Marsh"}));
  EXPECT_EQ(each(session->reviewers().list(west), name), std::vector<std::string>{"Bea West"});
  EXPECT_TRUE(session->reviewers().list(west + 1).empty());
  // One partnership never finds another's reviewer.
  EXPECT_FALSE(session->reviewers().find(west, adam.id));
  EXPECT_FALSE(session->reviewers().find(1, bea.id));
}

TEST_P(ReviewerRepositoryContract, DeclarationsAreKeptOldestFirst) {
  const Reviewer r = add(a_reviewer("Dr Ada Byron"));
  const auto first = declare(1, r.id, a_declaration("Former employee of the council", false, "2024-06-04"));
  const auto second = declare(1, r.id, a_declaration("Related to a family member", true, "2024-06-03"));
  ASSERT_TRUE(first);
  ASSERT_TRUE(second);
  EXPECT_GT(first->id, 0);
  EXPECT_NE(first->id, second->id);
  EXPECT_EQ(second->text, "Related to a family member");
  const auto found = session->reviewers().find(1, r.id);
  ASSERT_EQ(found->declarations.size(), 2u);
  EXPECT_EQ(found->declarations[0].id, first->id);  // in the order declared, whatever their dates
  EXPECT_EQ(found->declarations[0].declared_on.iso(), "2024-06-04");
  EXPECT_EQ(found->declarations[0].text, "Former employee of the council");
  EXPECT_EQ(found->declarations[0].recorded_by, "manager");
  EXPECT_FALSE(found->declarations[0].rules_out);
  EXPECT_TRUE(found->declarations[1].rules_out);
  EXPECT_TRUE(found->ruled_out());
  EXPECT_EQ(session->reviewers().list(1).at(0).declarations.size(), 2u);
}

// The list reads every reviewer's declarations together: each still gets
// its own, in the order declared, and none of another partnership's.
TEST_P(ReviewerRepositoryContract, TheListGivesEachReviewerItsOwnDeclarations) {
  const long long west = another_partnership();
  const Reviewer ada = add(a_reviewer("Ada Byron"));
  const Reviewer bea = add(a_reviewer("Bea Marsh"));
  const Reviewer cal = add(a_reviewer("Cal Stone"));
  const Reviewer wes = add(a_reviewer("Wes Hale", west));
  ASSERT_TRUE(declare(1, ada.id, a_declaration("Ada, first", false)));
  ASSERT_TRUE(declare(1, bea.id, a_declaration("Bea, only", true)));
  ASSERT_TRUE(declare(west, wes.id, a_declaration("Wes, only", false)));
  ASSERT_TRUE(declare(1, ada.id, a_declaration("Ada, second", false)));
  const auto texts = [](const Reviewer& r) {
    std::vector<std::string> out;
    for (const ConflictDeclaration& d : r.declarations) out.push_back(d.text);
    return out;
  };
  const std::vector<Reviewer> north = session->reviewers().list(1);
  ASSERT_EQ(north.size(), 3u);
  EXPECT_EQ(texts(north[0]), (std::vector<std::string>{"Ada, first", "Ada, second"}));
  EXPECT_EQ(texts(north[1]), std::vector<std::string>{"Bea, only"});
  EXPECT_TRUE(north[1].ruled_out());
  EXPECT_TRUE(north[2].declarations.empty());
  EXPECT_EQ(north[2].id, cal.id);
  EXPECT_EQ(texts(session->reviewers().list(west).at(0)), std::vector<std::string>{"Wes, only"});
  EXPECT_EQ(texts(*session->reviewers().find(1, ada.id)), texts(north[0]));
}

TEST_P(ReviewerRepositoryContract, DeclaringForAnUnknownReviewerRecordsNothing) {
  const long long west = another_partnership();
  const Reviewer r = add(a_reviewer("Dr Ada Byron"));
  EXPECT_FALSE(declare(1, r.id + 1000, a_declaration("no such reviewer", true)));
  EXPECT_FALSE(declare(west, r.id, a_declaration("another partnership's reviewer", true)));
  EXPECT_TRUE(session->reviewers().find(1, r.id)->declarations.empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, ReviewerRepositoryContract, ::testing::ValuesIn(testing_support::store_backends()),
                         testing_support::backend_name);

}  // namespace
}  // namespace casereview
