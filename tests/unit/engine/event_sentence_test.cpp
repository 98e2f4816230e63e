// The timeline's sentences: templates filled with each member in words (dates,
// England's clock times, lists, the labels of choices, rules, codes and
// reviewers), optional parts left out when their member is absent, and a
// readable fallback for a type without a template.
#include "casereview/engine/event_sentence.h"

#include <gtest/gtest.h>

namespace casereview {
namespace {

WorkflowSpec spec_with(std::map<std::string, std::string> sentences) {
  WorkflowSpec spec;
  spec.kind = "example";
  CommandSpec command;
  command.name = "record_something";
  FieldSpec place = choice_fact("place_of_death", "Place of death", {"home", "public_place"});
  place.choice_labels = {"Home", "A public place"};
  command.fields = {place};
  spec.commands = {command};
  DeadlineRule rule;
  rule.id = "ex.return";
  rule.title = "Reporting forms returned";
  spec.rules = {rule};
  spec.event_sentences = std::move(sentences);
  return spec;
}

Event event_of(const std::string& type, const std::string& payload, long long case_id = 7) {
  Event e;
  e.case_id = case_id;
  e.type = type;
  e.payload = payload;
  return e;
}

TEST(EventSentence, FillsMembersInWordsAndLeavesOutOptionalPartsWithoutThem) {
  const WorkflowSpec spec = spec_with({{"seen", "Seen on {seen_on}[ at {place_of_death}][ by {who}]."}});
  EXPECT_EQ(event_sentence(spec, event_of("seen", R"({"seen_on":"2026-10-06","place_of_death":"public_place"})"), {}),
            "Seen on 6 October 2026 at A public place.");
  EXPECT_EQ(event_sentence(spec, event_of("seen", R"({"seen_on":"2026-10-06","who":""})"), {}),
            "Seen on 6 October 2026.");
}

TEST(EventSentence, ListsRulesCodesAndBooleansReadAsWords) {
  const WorkflowSpec spec =
      spec_with({{"asked", "Asked {agencies} on {requested_on} ({return_rule}); {purpose}; urgent: {urgent}."}});
  EXPECT_EQ(
      event_sentence(spec,
                     event_of("asked", R"({"agencies":["Police","GP","Health visiting"],"requested_on":"2026-10-08",)"
                                       R"("return_rule":"ex.return","purpose":"reporting_form","urgent":true})"),
                     {}),
      "Asked Police, GP and Health visiting on 8 October 2026 (Reporting forms returned); reporting form; urgent: "
      "yes.");
}

TEST(EventSentence, InstantsAreEnglandsClockTimeInSummerAndWinter) {
  EXPECT_EQ(instant_in_words(*Instant::parse("2026-10-06T04:50:00Z")), "6 October 2026 at 05:50");   // summer time
  EXPECT_EQ(instant_in_words(*Instant::parse("2026-12-01T04:50:00Z")), "1 December 2026 at 04:50");  // winter
  EXPECT_EQ(instant_in_words(*Instant::parse("2026-03-29T00:30:00Z")), "29 March 2026 at 00:30");  // before the change
  EXPECT_EQ(instant_in_words(*Instant::parse("2026-03-29T01:30:00Z")), "29 March 2026 at 02:30");  // after it
  EXPECT_EQ(instant_in_words(*Instant::parse("2026-10-25T00:30:00Z")), "25 October 2026 at 01:30");  // first 01:30
  EXPECT_EQ(instant_in_words(*Instant::parse("2026-10-25T01:30:00Z")), "25 October 2026 at 01:30");  // again, in GMT
  EXPECT_EQ(instant_in_words(*Instant::parse("2026-06-30T23:30:00Z")), "1 July 2026 at 00:30");      // the next day
}

TEST(EventSentence, ThemesFactorsReviewersAndReturnsDueComeFromTheLookups) {
  Vocabularies vocabularies;
  vocabularies.themes.push_back(ThemeCode{"voice_of_the_child", "Voice of the child"});
  FactorCode factor;
  factor.code = "social.co_sleeping";
  factor.label = "Co-sleeping";
  vocabularies.factors.push_back(factor);
  SentenceLookups lookups;
  lookups.vocabularies = &vocabularies;
  lookups.reviewer_names[3] = "Dr Avery Example";
  lookups.returns_due[{7, "2026-10-08"}] = *Date::parse("2026-10-22");
  const std::map<std::string, std::string> templates = {
      {"reviewed", "Themes: {learning_themes}; factors: {modifiable_factors}."},
      {"drafted", "Drafted with {reviewer_id}[ for £{fee_pounds}]."},
  };
  const WorkflowSpec spec = spec_with(templates);
  EXPECT_EQ(event_sentence(spec,
                           event_of("reviewed", R"({"learning_themes":["voice_of_the_child","retired_code"],)"
                                                R"("modifiable_factors":["social.co_sleeping"]})"),
                           lookups),
            "Themes: Voice of the child and retired code; factors: Co-sleeping.");
  EXPECT_EQ(event_sentence(spec, event_of("drafted", R"({"reviewer_id":3,"fee_pounds":14500})"), lookups),
            "Drafted with Dr Avery Example for £14,500.");
  // The shared agency request's sentence names when the returns are due, for its own case only.
  const std::string asked = R"({"agencies":["Police","GP"],"requested_on":"2026-10-08","purpose":"information"})";
  EXPECT_EQ(event_sentence(spec, event_of("agency_information_requested", asked), lookups),
            "Asked Police and GP for information on 8 October 2026; returns due 22 October 2026.");
  EXPECT_EQ(event_sentence(spec, event_of("agency_information_requested", asked, 8), lookups),
            "Asked Police and GP for information on 8 October 2026.");
}

TEST(EventSentence, AnUnclosedBraceOrBracketIsWrittenAsItStands) {
  const WorkflowSpec spec = spec_with({{"a", "Seen on {seen_on} {unclosed"}, {"b", "Seen [on {seen_on}"}});
  EXPECT_EQ(event_sentence(spec, event_of("a", R"({"seen_on":"2026-10-06"})"), {}), "Seen on 6 October 2026 {unclosed");
  EXPECT_EQ(event_sentence(spec, event_of("b", R"({"seen_on":"2026-10-06"})"), {}), "Seen [on 6 October 2026");
}

TEST(EventSentence, ATypeWithoutATemplateIsItsNameInWords) {
  EXPECT_EQ(event_sentence(spec_with({}), event_of("panel_review_recorded", "{}"), {}), "Panel review recorded.");
  EXPECT_EQ(event_sentence(spec_with({}), event_of("legal_hold_placed", R"({"reason":"Civil claim"})"), {}),
            "Legal hold placed: Civil claim.");
}

}  // namespace
}  // namespace casereview
