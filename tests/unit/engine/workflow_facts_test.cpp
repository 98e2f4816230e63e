#include <gtest/gtest.h>

#include "casereview/engine/workflow.h"

namespace casereview {
namespace {

CommandSpec spec() {
  return {"record_it",
          "Record it",
          "",
          "manager",
          {
              date_fact("on", "Date"),
              text_fact("reason", "Reason", 20),
              flag_fact("flag", "Flag"),
              choice_fact("kind", "Kind", {"a", "b"}, false),
              list_fact("who", "Who", 5, false),
          }};
}

// What facts may refer to: a small vocabulary and one reviewer.
struct References {
  Vocabularies vocabularies{{{"social.co_sleeping", "social_environment", "Co-sleeping", true},
                             {"social.retired", "social_environment", "Retired", false}},
                            {{"safer_sleeping", "Safer sleeping", true}}};
  std::map<long long, Reviewer> reviewers{{7, Reviewer{}}};
  FactReferences refs() const { return {vocabularies, reviewers}; }
};

std::vector<FactProblem> check(const char* json) {
  const References references;
  return validate_facts(spec(), Json::parse(json), *Date::parse("2024-06-10"), references.refs());
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
  const References references;
  EXPECT_EQ(validate_facts(spec(), Json::parse("[1]"), *Date::parse("2024-06-10"), references.refs()).size(), 1u);
}

CommandSpec richer_spec() {
  FieldSpec triggers = list_fact("triggers", "Triggers", 30, false);
  triggers.choices = {"a", "b"};
  return {"rich",
          "Rich",
          "",
          "manager",
          {
              time_fact("at", "Time"),
              integer_fact("age", "Age", 0, 17, false),
              themes_fact("themes", "Themes"),
              factors_fact("factors", "Factors"),
              triggers,
          }};
}

std::vector<FactProblem> check_rich(const char* json) {
  const References references;
  return validate_facts(richer_spec(), Json::parse(json), *Date::parse("2024-06-10"), references.refs());
}

TEST(Facts, ChecksTimesIntegersAndListsWithChoices) {
  EXPECT_TRUE(check_rich(R"({"at":"23:59","age":17,"triggers":["a","b"]})").empty());
  for (const char* bad :
       {R"({"at":"24:00"})", R"({"at":"7:30"})", R"({"age":18})", R"({"age":"3"})", R"({"triggers":["c"]})"}) {
    const auto problems = check_rich(bad);
    ASSERT_EQ(problems.size(), 1u) << bad;
    EXPECT_FALSE(problems[0].is_refusal) << bad;
  }
}

TEST(Facts, RefusesUnknownOrRetiredCodes) {
  EXPECT_TRUE(check_rich(R"({"themes":["safer_sleeping"],"factors":["social.co_sleeping"]})").empty());
  for (const char* bad : {R"({"themes":["made_up"]})", R"({"factors":["social.retired"]})"}) {
    const auto problems = check_rich(bad);
    ASSERT_EQ(problems.size(), 1u) << bad;
    EXPECT_TRUE(problems[0].is_refusal) << bad;
  }
  EXPECT_FALSE(check_rich(R"({"themes":"safer_sleeping"})")[0].is_refusal);
}

TEST(Facts, RefusesAReviewerNotInTheRegister) {
  const CommandSpec spec{"c", "C", "", "m", {reviewer_fact("reviewer_id", "Reviewer")}};
  const References references;
  const Date today = *Date::parse("2024-06-10");
  EXPECT_TRUE(validate_facts(spec, Json::parse(R"({"reviewer_id":7})"), today, references.refs()).empty());
  const auto unknown = validate_facts(spec, Json::parse(R"({"reviewer_id":8})"), today, references.refs());
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_TRUE(unknown[0].is_refusal);
  EXPECT_EQ(reviewer_ids_in(spec, Json::parse(R"({"reviewer_id":8})")), std::vector<long long>{8});
}

}  // namespace
}  // namespace casereview
