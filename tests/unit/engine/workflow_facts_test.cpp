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

// The text rule of text.h as the facts of a command meet it.
CommandSpec texts_spec() {
  FieldSpec agencies = list_fact("agencies", "Agencies", 200, false);
  agencies.max_items = 3;
  return {"texts",
          "Texts",
          "",
          "manager",
          {identifying(text_fact("given_name", "Given name", 100)), text_fact("summary", "Summary", 1000),
           text_fact("note", "Note", 4000, false), agencies}};
}

std::vector<FactProblem> check_texts(const Json& facts) {
  const References references;
  const CommandSpec spec = texts_spec();
  return validate_facts(spec, cleaned_facts(spec, facts), *Date::parse("2024-06-10"), references.refs());
}

Json texts(std::string name, std::string summary) {
  return Json::object().set("given_name", std::move(name)).set("summary", std::move(summary));
}

TEST(Facts, AreLinesUpToTwoHundredCharactersAndBlocksBeyond) {
  const CommandSpec spec = texts_spec();
  EXPECT_EQ(text_kind(spec.fields[0]), text::Kind::Line);
  EXPECT_EQ(text_kind(spec.fields[1]), text::Kind::Block);
  EXPECT_EQ(text_kind(text_fact("agency", "Agency", 200)), text::Kind::Line);
  EXPECT_EQ(text_kind(text_fact("where", "Where", 201)), text::Kind::Block);
}

TEST(Facts, CleanedFactsComposeTextAndTidyABlockOnly) {
  const CommandSpec spec = texts_spec();
  Json facts = texts("Zoe\xCC\x88", "one\r\ntwo\xE2\x80\x8B");
  facts.set("agencies", Json::array()
                            .push("Poli\x63\xCC\xA7"
                                  "e")
                            .push(5));
  facts.set("unknown", "left\r\n");
  const Json cleaned = cleaned_facts(spec, facts);
  EXPECT_EQ(cleaned["given_name"].as_string(), "Zo\xC3\xAB");
  EXPECT_EQ(cleaned["summary"].as_string(), "one\ntwo");
  EXPECT_EQ(cleaned["agencies"].items()[0].as_string(),
            "Poli\xC3\xA7"
            "e");
  EXPECT_EQ(cleaned["agencies"].items()[1].as_integer(), 5);  // for validation to refuse
  EXPECT_EQ(cleaned["unknown"].as_string(), "left\r\n");
}

TEST(Facts, CountLengthsInCharactersNotBytes) {
  std::string hundred_accents, hundred_and_one;
  for (int i = 0; i < 100; ++i) hundred_accents += "\xC3\xA9";
  hundred_and_one = hundred_accents + "\xC3\xA9";
  EXPECT_TRUE(check_texts(texts(hundred_accents, "summary")).empty());
  const auto problems = check_texts(texts(hundred_and_one, "summary"));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field, "given_name");
  EXPECT_EQ(problems[0].message, "is longer than 100 characters (it has 101)");
}

TEST(Facts, EmptyMeansNoVisibleCharacter) {
  for (const char* invisible : {"   ", "\xC2\xA0\xC2\xA0", "\xE2\x80\x8B\xE2\x80\x8B", "\xC2\xAD"}) {
    const auto problems = check_texts(texts("Zoe", invisible));
    ASSERT_EQ(problems.size(), 1u) << invisible;
    EXPECT_EQ(problems[0].field, "summary");
    EXPECT_EQ(problems[0].message, "must not be empty");
  }
  // A name of zero-width spaces is refused for the characters themselves.
  const auto name = check_texts(texts("\xE2\x80\x8B\xE2\x80\x8B", "summary"));
  ASSERT_EQ(name.size(), 1u);
  EXPECT_EQ(name[0].field, "given_name");
  EXPECT_EQ(name[0].message.rfind("contains an invisible character (U+200B ZERO WIDTH SPACE) at character 1", 0), 0u);
}

TEST(Facts, RefuseControlAndDirectionCharactersAsTheRuleSays) {
  for (const std::string& name : {std::string("Zo\x07"), std::string("Zoe\x1B[31m"), std::string("Zoe\nX"),
                                  std::string("Z\xE2\x80\xAEoe"), std::string("Zoe\xEF\xBB\xBF")}) {
    const auto problems = check_texts(texts(name, "summary"));
    ASSERT_EQ(problems.size(), 1u) << name;
    EXPECT_EQ(problems[0].field, "given_name") << name;
    EXPECT_FALSE(problems[0].is_refusal);
  }
  EXPECT_TRUE(check_texts(texts("Zoe", "para one\n\tpara two\xE2\x80\x8B")).empty());
  for (const std::string& summary : {std::string("bell\x07"), std::string("\x1B[31mred"), std::string("x\xE2\x80\xAEy"),
                                     std::string("nul\0here", 8)}) {
    const auto problems = check_texts(texts("Zoe", summary));
    ASSERT_EQ(problems.size(), 1u) << summary;
    EXPECT_EQ(problems[0].field, "summary");
  }
}

TEST(Facts, ListsHaveALimitAndNoRepeats) {
  Json facts = texts("Zoe", "summary");
  facts.set("agencies", Json::array().push("Police").push("Health").push("School"));
  EXPECT_TRUE(check_texts(facts).empty());
  facts.set("agencies", Json::array().push("Police").push("Health").push("School").push("Housing"));
  auto problems = check_texts(facts);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].message, "lists 4 entries; at most 3 are allowed");
  facts.set("agencies", Json::array().push("Police").push(" POLICE\xC2\xA0"));
  problems = check_texts(facts);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].message, "entry 2 repeats an earlier one");
  facts.set("agencies", Json::array().push("Po\tlice"));
  problems = check_texts(facts);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].message.rfind("entry 1 contains a control character (U+0009", 0), 0u);
  EXPECT_EQ(check_rich(R"({"themes":["safer_sleeping","safer_sleeping"]})")[0].message,
            "lists \"safer_sleeping\" twice");
}

}  // namespace
}  // namespace casereview
