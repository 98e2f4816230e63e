// screening.h: what free text may not say about the child and family.
#include "casereview/engine/screening.h"

#include <gtest/gtest.h>

namespace casereview {
namespace {

Json marigold() {
  return Json::object()
      .set("given_name", "Marigold")
      .set("family_name", "Fenwick-Zed")
      .set("nhs_number", "943 476 5919")
      .set("date_of_birth", "2021-03-04")
      .set("home_address", "14 Acacia Avenue\nNortham, NE1 4XY");
}

const IdentityScreen& screen() {
  static const IdentityScreen kScreen(marigold(), {*Date::parse("2024-06-01")});
  return kScreen;
}

TEST(Screening, FindsTheNameHoweverItIsTyped) {
  for (const std::string& text :
       {std::string("Marigold Fenwick-Zed, 3, bruising"), std::string("MARIGOLD FENWICK-ZED"),
        std::string("Mari\x67old\xC2\xA0"
                    "Fenwick-Zed was seen"),
        std::string("seen: fenwick-zed marigold"), std::string("Marigold Fenwick\xE2\x80\x93Zed"),
        std::string("Marigold Fenwick Zed"), std::string("Marigold  Fenwick-Zed's injuries")}) {
    EXPECT_EQ(screen().found_in(text), "the child's name") << text;
  }
}

TEST(Screening, FindsANameAloneWhereItIsWrittenAsAName) {
  EXPECT_EQ(screen().found_in("Marigold was seen by the GP"), "the child's given name");
  EXPECT_EQ(screen().found_in("MARIGOLD was seen"), "the child's given name");
  EXPECT_EQ(screen().found_in("Seen at the Fenwick-Zed home"), "the family name");
  EXPECT_EQ(screen().found_in("Ms Fenwick-Zed's partner"), "the family name");
  // A name that is also a word is not refused where it is written as a word.
  const IdentityScreen young(Json::object().set("given_name", "Rose").set("family_name", "Young"), {});
  EXPECT_FALSE(young.found_in("the young person rose early"));
  EXPECT_EQ(young.found_in("Young was seen"), "the family name");
  EXPECT_EQ(young.found_in("rose young"), "the child's name");
}

TEST(Screening, FindsNhsNumbersAndAnyNumberShapedLikeOne) {
  EXPECT_EQ(screen().found_in("NHS 943 476 5919"), "an NHS number");
  EXPECT_EQ(screen().found_in("NHS 9434765919."), "an NHS number");
  EXPECT_EQ(screen().found_in("ref 943-476-5919"), "an NHS number");
  EXPECT_EQ(screen().found_in("\xEF\xBC\x99\xEF\xBC\x94\xEF\xBC\x93 476 5919"), "an NHS number");
  EXPECT_EQ(screen().found_in("another child 401 023 2137"), "an NHS number");
  EXPECT_FALSE(screen().found_in("call 0191 234 5678 at 10:30 on 2024-06-01, 3 visits"));
}

TEST(Screening, FindsTheDateOfBirthInItsUsualForms) {
  for (const char* text :
       {"born 2021-03-04", "dob 04/03/2021", "dob 4/3/2021", "dob 4.3.21", "dob 04-03-2021", "born 4 March 2021",
        "born 4th March 2021", "born 4 Mar 2021", "born March 4, 2021", "born 4th of march 2021"}) {
    EXPECT_EQ(screen().found_in(text), "the child's date of birth") << text;
  }
  EXPECT_FALSE(screen().found_in("seen 14/03/2021 and 4/3/20219"));
  // The same date as a date of the case (a death on the day of birth) is no identifier.
  const IdentityScreen neonate(Json::object().set("date_of_birth", "2024-06-01"), {*Date::parse("2024-06-01")});
  EXPECT_FALSE(neonate.found_in("died 01/06/2024, the day of birth"));
}

TEST(Screening, FindsTheHomeAddressAndPostcode) {
  EXPECT_EQ(screen().found_in("visited 14 Acacia Avenue twice"), "the home address");
  EXPECT_EQ(screen().found_in("the house on acacia avenue"), "the home address");
  EXPECT_EQ(screen().found_in("postcode NE1 4XY"), "the home address");
  EXPECT_EQ(screen().found_in("postcode ne14xy"), "the home address");
  EXPECT_FALSE(screen().found_in("a family in Northam"));
}

TEST(Screening, PassesTextThatIdentifiesNobody) {
  EXPECT_FALSE(screen().found_in("The child, 3, was brought to the emergency department with bruising."));
  EXPECT_FALSE(screen().found_in(""));
  EXPECT_FALSE(IdentityScreen(Json::object(), {}).found_in("Marigold Fenwick-Zed"));
}

TEST(Screening, NamesTheFirstFreeTextFieldAndNeverTheIdentifier) {
  const CommandSpec spec{"c",
                         "C",
                         "",
                         "manager",
                         {identifying(text_fact("given_name", "Given name", 100)),
                          text_fact("summary", "Summary", 1000), list_fact("agencies", "Agencies", 200, false)}};
  // The identifying field itself is not free text.
  EXPECT_FALSE(screen().first_problem(spec, Json::object().set("given_name", "Marigold").set("summary", "x")));
  const auto problem = screen().first_problem(
      spec,
      Json::object().set("summary", "seen").set("agencies", Json::array().push("Police").push("MF 943 476 5919")));
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->field, "agencies");
  EXPECT_TRUE(problem->is_refusal);
  EXPECT_EQ(problem->message.rfind("contains an NHS number: ", 0), 0u);
  EXPECT_EQ(problem->message.find("943"), std::string::npos);
}

}  // namespace
}  // namespace casereview
