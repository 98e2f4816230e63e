// Reading a search box's words: references, NHS numbers, dates of birth in the
// usual English forms, names (folded as identities are) and pseudonyms.
#include "casereview/engine/case_search.h"

#include <gtest/gtest.h>

namespace casereview {
namespace {

CaseSearch parsed(const std::string& typed) {
  const auto search = CaseSearch::parse(typed);
  EXPECT_TRUE(search.has_value()) << typed;
  return search.value_or(CaseSearch{});
}

TEST(CaseSearch, AnNhsNumberIsTenDigitsWithOrWithoutSpacesInAnyScript) {
  EXPECT_EQ(parsed("943 476 5919").nhs_number, "9434765919");
  EXPECT_EQ(parsed("9434765919").nhs_number, "9434765919");
  EXPECT_EQ(parsed("\xEF\xBC\x99\xEF\xBC\x94\xEF\xBC\x93 476 5919").nhs_number, "9434765919");  // full-width 943
  EXPECT_EQ(parsed("943 476 591").nhs_number, "");
  EXPECT_EQ(parsed("943-476-5919").nhs_number, "");
  EXPECT_TRUE(parsed("943 476 5919").name_words.empty());
}

TEST(CaseSearch, ADateOfBirthInTheUsualFormsIsOneDate) {
  const Date expected = *Date::from_ymd(2019, 3, 12);
  for (const char* typed : {"2019-03-12", "12/03/2019", "12/3/2019", "12.03.2019", "12-03-2019", "12 March 2019",
                            "12 mar 2019", "12 MARCH 2019"}) {
    const CaseSearch s = parsed(typed);
    ASSERT_TRUE(s.date_of_birth) << typed;
    EXPECT_EQ(*s.date_of_birth, expected) << typed;
    EXPECT_TRUE(s.name_words.empty()) << typed;
  }
  EXPECT_FALSE(parsed("31/02/2019").date_of_birth);
  EXPECT_FALSE(parsed("12/03/19").date_of_birth);
  EXPECT_FALSE(parsed("12 Smith 2019").date_of_birth);
}

TEST(CaseSearch, ANameIsItsFoldedWords) {
  EXPECT_EQ(parsed("  Ava   JONES ").name_words, (std::vector<std::string>{"ava", "jones"}));
  EXPECT_EQ(parsed("O\xE2\x80\x99"
                   "Brien")
                .name_words,
            (std::vector<std::string>{"o'brien"}));  // a typographic apostrophe
  EXPECT_EQ(parsed("Wimbourne-Trask").name_words, (std::vector<std::string>{"wimbourne", "trask"}));
  EXPECT_EQ(parsed("\xD0\x90"
                   "va")
                .name_words,
            (std::vector<std::string>{"ava"}));  // a Cyrillic A
  EXPECT_TRUE(parsed("CDR-2026-0012").name_words.empty());
  EXPECT_TRUE(parsed("CDR-2026-0012").asks_identity() == false);
  EXPECT_TRUE(parsed("Jones").asks_identity());
}

TEST(CaseSearch, AReferenceIsLettersDigitsAndDashesAndAPseudonymIsOneShape) {
  EXPECT_EQ(parsed("cdr-2026-0012").reference, "CDR-2026-0012");
  EXPECT_EQ(parsed("0012").reference, "0012");
  EXPECT_EQ(parsed("Ava Jones").reference, "");
  EXPECT_EQ(parsed("c-7a1b2c3d4e").pseudonym, "C-7A1B2C3D4E");
  EXPECT_EQ(parsed("C-7A1B2C3D4").pseudonym, "");
  EXPECT_EQ(parsed("CDR-2026-0012").pseudonym, "");
}

TEST(CaseSearch, FewerThanTwoVisibleCharactersAskForNothing) {
  EXPECT_FALSE(CaseSearch::parse(""));
  EXPECT_FALSE(CaseSearch::parse("a"));
  EXPECT_FALSE(CaseSearch::parse("   "));
  EXPECT_FALSE(CaseSearch::parse("\xE2\x80\x8B\xE2\x80\x8B"));  // zero-width spaces
  EXPECT_TRUE(CaseSearch::parse("ab"));
}

}  // namespace
}  // namespace casereview
