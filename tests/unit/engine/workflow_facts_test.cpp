#include <gtest/gtest.h>

#include "casereview/engine/workflow.h"

namespace casereview {
namespace {

CommandSpec spec() {
  return {"record_it", "Record it", "", "manager",
          {
              date_fact("on", "Date"),
              text_fact("reason", "Reason", 20),
              flag_fact("flag", "Flag"),
              choice_fact("kind", "Kind", {"a", "b"}, false),
              list_fact("who", "Who", 5, false),
          }};
}

std::vector<FactProblem> check(const char* json) {
  return validate_facts(spec(), Json::parse(json), *Date::parse("2024-06-10"));
}

TEST(Facts, AcceptsValidFacts) {
  EXPECT_TRUE(check(R"({"on":"2024-06-10","reason":"because","flag":true,"kind":"b","who":["ab"]})").empty());
  EXPECT_TRUE(check(R"({"on":"2024-06-01","reason":"because","kind":null})").empty());
}

TEST(Facts, ReportsMissingWrongTypeAndUnknown) {
  const auto problems = check(R"({"reason":5,"flag":"yes","kind":"c","who":"ab","extra":1})");
  std::vector<std::string> fields;
  for (const auto& p : problems) {
    fields.push_back(p.field);
    EXPECT_FALSE(p.is_refusal) << p.field;
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"extra", "on", "reason", "flag", "kind", "who"}));
}

TEST(Facts, RefusesImpossibleDatesAsMalformed) {
  const auto problems = check(R"({"on":"2023-02-29","reason":"x"})");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_FALSE(problems[0].is_refusal);
  EXPECT_NE(problems[0].message.find("not a real calendar date"), std::string::npos);
}

TEST(Facts, RefusesAFutureDateAsARule) {
  const auto problems = check(R"({"on":"2024-06-11","reason":"x"})");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_TRUE(problems[0].is_refusal);
}

TEST(Facts, EnforcesLengthsAndEmptiness) {
  EXPECT_EQ(check(R"({"on":"2024-06-01","reason":"   "})").size(), 1u);
  EXPECT_EQ(check(R"({"on":"2024-06-01","reason":"123456789012345678901"})").size(), 1u);
  EXPECT_EQ(check(R"({"on":"2024-06-01","reason":"x","who":["123456"]})").size(), 1u);
  EXPECT_EQ(check(R"({"on":"2024-06-01","reason":"x","who":[""]})").size(), 1u);
}

TEST(Facts, MustBeAnObject) {
  EXPECT_EQ(validate_facts(spec(), Json::parse("[1]"), *Date::parse("2024-06-10")).size(), 1u);
}

}  // namespace
}  // namespace casereview
