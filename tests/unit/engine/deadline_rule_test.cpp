#include "casereview/engine/deadline_rule.h"

#include <gtest/gtest.h>

#include "casereview/engine/deadline_preview.h"

namespace casereview {
namespace {

Date d(const char* text) { return *Date::parse(text); }

DeadlineRule sample_rule() {
  DeadlineRule r;
  r.id = "test.rule";
  r.anchors = {{"first", "a_happened", "", "when A happened"}, {"second", "b_happened", "", "when B happened"}};
  r.amount = 15;
  r.unit = DeadlineUnit::WorkingDays;
  return r;
}

class Rules : public ::testing::Test {
 protected:
  WorkingDayCalendar calendar{parse_bank_holiday_feed(shipped_bank_holiday_feed())};
};

TEST_F(Rules, UnitsHaveStableNames) {
  for (auto unit : {DeadlineUnit::WorkingDays, DeadlineUnit::CalendarDays, DeadlineUnit::CalendarMonths,
                    DeadlineUnit::Hours, DeadlineUnit::WorkingDaysBefore}) {
    EXPECT_EQ(unit_from_name(unit_name(unit)), unit);
  }
  EXPECT_FALSE(unit_from_name("fortnights"));
}

TEST_F(Rules, DefaultTermsUseTheFirstAnchor) {
  const RuleTerms t = default_terms(sample_rule());
  EXPECT_EQ(t.amount, 15);
  EXPECT_EQ(t.anchor_id, "first");
}

TEST_F(Rules, SettingsChangeOnlyWhatTheRuleAllows) {
  DeadlineRule fixed = sample_rule();
  EXPECT_FALSE(fixed.partnership_may_change());
  // A fixed amount may be made stricter, never weaker.
  EXPECT_EQ(apply_setting(fixed, RuleSetting{10, std::nullopt}).terms->amount, 10);
  const TermsOrError weaker = apply_setting(fixed, RuleSetting{20, std::nullopt});
  EXPECT_FALSE(weaker.terms);
  EXPECT_NE(weaker.error.find("never weaker"), std::string::npos);
  EXPECT_FALSE(apply_setting(fixed, RuleSetting{std::nullopt, "second"}).terms);
  // For "N working days before", stricter is more notice.
  DeadlineRule notice = sample_rule();
  notice.amount = 7;
  notice.unit = DeadlineUnit::WorkingDaysBefore;
  EXPECT_TRUE(apply_setting(notice, RuleSetting{10, std::nullopt}).terms);
  EXPECT_FALSE(apply_setting(notice, RuleSetting{5, std::nullopt}).terms);

  DeadlineRule flexible = sample_rule();
  flexible.anchor_changeable = true;
  EXPECT_TRUE(flexible.partnership_may_change());
  EXPECT_EQ(apply_setting(flexible, RuleSetting{std::nullopt, "second"}).terms->anchor_id, "second");
  const TermsOrError unknown = apply_setting(flexible, RuleSetting{std::nullopt, "third"});
  EXPECT_FALSE(unknown.terms);
  EXPECT_NE(unknown.error.find("first, second"), std::string::npos);

  flexible.amount_changeable = true;
  EXPECT_EQ(apply_setting(flexible, RuleSetting{10, std::nullopt}).terms->amount, 10);
  EXPECT_FALSE(apply_setting(flexible, RuleSetting{0, std::nullopt}).terms);
  EXPECT_FALSE(apply_setting(flexible, RuleSetting{1500, std::nullopt}).terms);
}

TEST_F(Rules, TermsInForceIgnoreASettingTheRuleNoLongerAllows) {
  const DeadlineRule fixed = sample_rule();
  const RuleTerms t = terms_in_force(fixed, {{"test.rule", RuleSetting{30, std::nullopt}}});
  EXPECT_EQ(t.amount, 15);
  EXPECT_EQ(terms_in_force(fixed, {{"test.rule", RuleSetting{12, std::nullopt}}}).amount, 12);
}

TEST_F(Rules, ComputesEachUnit) {
  const Anchor a{d("2023-08-31"), std::nullopt};
  EXPECT_EQ(compute_due({5, DeadlineUnit::WorkingDays, ""}, a, calendar).date.iso(), "2023-09-07");
  EXPECT_EQ(compute_due({10, DeadlineUnit::CalendarDays, ""}, a, calendar).date.iso(), "2023-09-10");
  EXPECT_EQ(compute_due({6, DeadlineUnit::CalendarMonths, ""}, a, calendar).date.iso(), "2024-02-29");
  EXPECT_EQ(compute_due({7, DeadlineUnit::WorkingDaysBefore, ""}, a, calendar).date.iso(), "2023-08-21");
  // Without a time, hours run from the start of the day in England (a summer
  // day starts at 23:00 UTC the day before), so 24 hours ends at the next midnight.
  const DueDate hours = compute_due({24, DeadlineUnit::Hours, ""}, a, calendar);
  EXPECT_EQ(hours.at->iso(), "2023-08-31T23:00:00Z");
  EXPECT_EQ(hours.date.iso(), "2023-09-01");
  const DueDate from_instant =
      compute_due({24, DeadlineUnit::Hours, ""}, Anchor{a.date, Instant::parse("2023-08-31T14:30:00Z")}, calendar);
  EXPECT_EQ(from_instant.at->iso(), "2023-09-01T14:30:00Z");
}

TEST_F(Rules, PreviewExplainsTheDateAndTheHolidaysSkipped) {
  const DeadlinePreview p = preview_deadline({5, DeadlineUnit::WorkingDays, ""}, d("2022-09-14"), calendar);
  EXPECT_EQ(p.due.date.iso(), "2022-09-22");
  ASSERT_EQ(p.holidays_skipped.size(), 1u);
  EXPECT_EQ(p.holidays_skipped[0].date.iso(), "2022-09-19");
  EXPECT_EQ(p.explanation, "5 working days after Wednesday 14 September 2022 is Thursday 22 September 2022.");
  const DeadlinePreview late = preview_deadline({15, DeadlineUnit::WorkingDays, ""}, d("2027-12-20"), calendar);
  EXPECT_TRUE(late.due.provisional);
  EXPECT_NE(late.explanation.find("Provisional"), std::string::npos);
}

}  // namespace
}  // namespace casereview
