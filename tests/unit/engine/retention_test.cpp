// Where a closed case stands against its retention (retention.h): pure rules.
#include "casereview/engine/retention.h"

#include <gtest/gtest.h>

namespace casereview {
namespace {

Date d(const char* iso) { return *Date::parse(iso); }

CaseForRetention closed_on(const char* iso) {
  CaseForRetention c;
  c.case_id = 7;
  c.reference = "SIN-2020-0007";
  c.kind = "serious_incident_notification";
  c.last_recorded = d(iso);
  c.has_identity = true;
  return c;
}

TEST(Retention, IsDueOnTheAnniversaryOfTheLastStep) {
  const CaseForRetention c = closed_on("2020-02-10");
  EXPECT_EQ(retention_item(c, 2, d("2022-02-09")).status, RetentionStatus::Kept);
  const RetentionItem due = retention_item(c, 2, d("2022-02-10"));
  EXPECT_EQ(due.status, RetentionStatus::Due);
  EXPECT_EQ(due.closed_on.iso(), "2020-02-10");
  EXPECT_EQ(due.due_on.iso(), "2022-02-10");
  // 29 February closes on 28 February in a common year.
  EXPECT_EQ(retention_item(closed_on("2024-02-29"), 1, d("2024-03-01")).due_on.iso(), "2025-02-28");
  EXPECT_EQ(retention_item(closed_on("2024-02-29"), 4, d("2024-03-01")).due_on.iso(), "2028-02-29");
}

TEST(Retention, AHoldAnErasureOrNoIdentityOutrankTheDate) {
  CaseForRetention c = closed_on("2000-01-01");
  c.hold = LegalHold{7, "Inquest", "admin", Instant(0)};
  EXPECT_EQ(retention_item(c, 1, d("2026-12-02")).status, RetentionStatus::Held);
  c.erasure = IdentityErasure{7, "C-1", "Retention ended", 0, "admin", Instant(0)};
  EXPECT_EQ(retention_item(c, 1, d("2026-12-02")).status, RetentionStatus::Erased);
  CaseForRetention nothing = closed_on("2000-01-01");
  nothing.has_identity = false;
  EXPECT_EQ(retention_item(nothing, 1, d("2026-12-02")).status, RetentionStatus::NoIdentity);
  EXPECT_STREQ(retention_status_name(RetentionStatus::NoIdentity), "no_identity");
}

TEST(Retention, ADueDateBeyondTheCalendarIsItsLastDay) {
  const RetentionItem far = retention_item(closed_on("2190-06-30"), kMaxRetentionYears, d("2199-12-31"));
  EXPECT_EQ(far.due_on, Date::last_supported());
  EXPECT_EQ(far.status, RetentionStatus::Due);
  EXPECT_EQ(retention_item(closed_on("2190-06-30"), 25, d("2199-12-30")).status, RetentionStatus::Kept);
}

TEST(Retention, AKindWithoutItsOwnPeriodKeepsTheDefault) {
  RetentionPeriod lcspr;
  lcspr.case_kind = "lcspr";
  lcspr.years = 40;
  lcspr.is_default = false;
  EXPECT_EQ(period_for({lcspr}, "lcspr").years, 40);
  const RetentionPeriod other = period_for({lcspr}, "rapid_review");
  EXPECT_EQ(other.years, kDefaultRetentionYears);
  EXPECT_TRUE(other.is_default);
  EXPECT_EQ(other.case_kind, "rapid_review");
}

TEST(Retention, TheLastStepIgnoresRetentionsOwnEvents) {
  std::vector<Event> events(3);
  events[0].type = "notification_opened";
  events[0].effective_date = d("2020-02-03");
  events[1].type = "criteria_not_met";
  events[1].effective_date = d("2020-02-10");
  events[2].type = "identity_erased";
  events[2].effective_date = d("2026-12-02");
  EXPECT_EQ(last_step_on(events, d("2020-02-03")).iso(), "2020-02-10");
  EXPECT_EQ(last_step_on({}, d("2020-02-03")).iso(), "2020-02-03");
  EXPECT_TRUE(is_retention_event("legal_hold_placed"));
  EXPECT_FALSE(is_retention_event("document_attached"));
}

}  // namespace
}  // namespace casereview
