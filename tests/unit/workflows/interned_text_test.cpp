// A code interned once (workflows/interned_text.h): equal texts share one
// string, different texts do not, and it reads and compares as its text.
#include "casereview/workflows/interned_text.h"

#include <gtest/gtest.h>

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
  for (const std::string& code : factors) read.push_back(code);
  EXPECT_EQ(read, (std::vector<std::string>{"smoking", "unsafe_sleep"}));
  InternedText assigned;
  assigned = std::string("hospital");
  EXPECT_EQ(&assigned.str(), &InternedText("hospital").str());
}

}  // namespace
}  // namespace casereview::workflows
