// A code interned once (workflows/interned_text.h): equal texts share one
// string, different texts do not, and it reads and compares as its text.
#include "casereview/workflows/interned_text.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace casereview::workflows {
namespace {

TEST(InternedText, EqualTextsShareOneStringHoweverTheyCome) {
  const std::string owned = "modifiable_factors_identified";
  const InternedText from_literal("modifiable_factors_identified");
  const InternedText from_string(owned);
  const InternedText from_view(std::string_view(owned).substr(0));
  EXPECT_EQ(&from_literal.str(), &from_string.str());
  EXPECT_EQ(&from_literal.str(), &from_view.str());
  EXPECT_TRUE(from_literal == from_string);
  EXPECT_EQ(from_literal.str(), owned);
}

TEST(InternedText, DifferentTextsStayApart) {
  const InternedText expected("expected");
  const InternedText unexpected("unexpected");
  EXPECT_NE(&expected.str(), &unexpected.str());
  EXPECT_FALSE(expected == unexpected);
  EXPECT_TRUE(expected == "expected");
  EXPECT_FALSE(expected == "unexpected");
  EXPECT_TRUE(unexpected == std::string_view("unexpected"));
}

// A comparison reads the other text, on either side, and interns nothing: a
// query's text compared with a code must not grow a table never emptied.
TEST(InternedText, ComparingWithTextOnEitherSideInternsNothing) {
  const InternedText home("home");
  const std::string asked = "a text compared, never held";
  const std::size_t held = InternedText::texts_held();
  EXPECT_FALSE(home == asked);
  EXPECT_FALSE(asked == home);
  EXPECT_TRUE(home != asked);
  EXPECT_TRUE(asked != home);
  EXPECT_FALSE(home == std::string_view(asked));
  EXPECT_FALSE(std::string_view(asked) == home);
  EXPECT_FALSE(home == "another text compared, never held");
  EXPECT_FALSE("another text compared, never held" == home);
  EXPECT_TRUE("home" == home);
  EXPECT_TRUE(std::string("home") == home);
  EXPECT_FALSE(home != "home");
  EXPECT_EQ(InternedText::texts_held(), held);
  const InternedText made(asked);
  EXPECT_EQ(InternedText::texts_held(), held + 1);
}

TEST(InternedText, PrintsAsItsText) {
  std::ostringstream out;
  out << InternedText("unsafe_sleep");
  EXPECT_EQ(out.str(), "unsafe_sleep");
}

TEST(InternedText, StartsEmptyAsTheEmptyText) {
  const InternedText none;
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.str(), "");
  EXPECT_TRUE(none == InternedText(""));
  EXPECT_FALSE(InternedText("home").empty());
}

TEST(InternedText, ReadsAsAStringWhereOneIsAsked) {
  std::vector<InternedText> factors = {"smoking", "unsafe_sleep"};
  std::vector<std::string> read;
  read.reserve(factors.size());
  for (const std::string& code : factors) read.push_back(code);
  EXPECT_EQ(read, (std::vector<std::string>{"smoking", "unsafe_sleep"}));
  InternedText assigned;
  assigned = std::string("hospital");
  EXPECT_EQ(&assigned.str(), &InternedText("hospital").str());
}

}  // namespace
}  // namespace casereview::workflows
