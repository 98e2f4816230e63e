// Clocks driven through the real workflows and projected as the engine projects
// them, with fixed dates on bank-holiday boundaries and across an on-hold period.
#include <gtest/gtest.h>

#include "casereview/engine/clock.h"
#include "casereview/workflows/factories.h"
#include "workflow_driver.h"

namespace casereview {
namespace {

using testing_support::facts;
using testing_support::WorkflowDriver;

Json list(std::initializer_list<const char*> items) {
  Json out = Json::array();
  for (const char* i : items) out.push(i);
  return out;
}

class WorkflowClocks : public ::testing::Test {
 protected:
  std::optional<Clock> clock(WorkflowDriver& driver, const Workflow& workflow, const char* rule_id) {
    for (const Clock& c : project_clocks(workflow.spec().rules, driver.terms, driver.history(), driver.calendar())) {
      if (c.rule_id == rule_id) return c;
    }
    return std::nullopt;
  }
  ClockStatus status(WorkflowDriver& driver, const Workflow& workflow, const char* rule_id, const char* today,
                     const char* now = nullptr) {
    const Date day = *Date::parse(today);
    const Instant at = now ? *Instant::parse(now) : london_start_of_day(day).plus_seconds(12LL * 3600);
    return clock_status(*clock(driver, workflow, rule_id), workflow.spec().rule(rule_id)->due_soon_working_days, day,
                        at, driver.calendar());
  }
};

TEST_F(WorkflowClocks, NotifyThePanelWithinFiveWorkingDaysOfBecomingAware) {
  const auto sin = workflows::make_serious_incident_workflow();
  WorkflowDriver driver(*sin, *Date::parse("2022-12-30"));
  driver.must_run("open_notification", facts({{"became_aware_on", "2022-09-14"},
                                              {"harm", "death"},
                                              {"abuse_or_neglect", "known"},
                                              {"location", "in_area"},
                                              {"local_authority", "Northam City Council"},
                                              {"summary", "Child died at home"}}));
  // The State Funeral on Monday 19 September 2022 moves the fifth working day.
  EXPECT_EQ(clock(driver, *sin, "sin.notify_panel")->due->date.iso(), "2022-09-22");
  EXPECT_EQ(clock(driver, *sin, "sin.inform_partners")->due->date.iso(), "2022-09-22");
  EXPECT_FALSE(clock(driver, *sin, "sin.notify_ofsted"));  // not a looked-after child
  driver.must_run("submit_notification", facts({{"submitted_on", "2022-09-23"}}));
  EXPECT_EQ(status(driver, *sin, "sin.notify_panel", "2022-09-23"), ClockStatus::MetLate);
}

TEST_F(WorkflowClocks, ALookedAfterChildsDeathStartsTheOfstedAndSecretaryOfStateClocks) {
  const auto sin = workflows::make_serious_incident_workflow();
  WorkflowDriver driver(*sin, *Date::parse("2024-12-30"));
  driver.must_run("open_notification", facts({{"became_aware_on", "2024-12-20"},
                                              {"harm", "death"},
                                              {"abuse_or_neglect", "not_suspected"},
                                              {"location", "in_area"},
                                              {"looked_after_child", true},
                                              {"local_authority", "Westshire"},
                                              {"summary", "Looked-after young person died"}}));
  // Friday 20 December 2024: Christmas Day and Boxing Day do not count.
  EXPECT_EQ(clock(driver, *sin, "sin.notify_ofsted")->due->date.iso(), "2024-12-31");
  EXPECT_EQ(clock(driver, *sin, "sin.notify_secretary_of_state")->due->date.iso(), "2024-12-31");
  driver.must_run("record_ofsted_notified", facts({{"notified_on", "2024-12-23"}}));
  EXPECT_EQ(status(driver, *sin, "sin.notify_ofsted", "2024-12-30"), ClockStatus::Met);
  EXPECT_EQ(status(driver, *sin, "sin.notify_secretary_of_state", "2024-12-30"), ClockStatus::DueSoon);
}

TEST_F(WorkflowClocks, TheRapidReviewIsDueFifteenWorkingDaysAfterTheNotificationOverChristmas) {
  const auto rr = workflows::make_rapid_review_workflow();
  WorkflowDriver driver(*rr, *Date::parse("2024-02-28"));
  driver.must_run("open_rapid_review", facts({{"notification_date", "2023-12-20"},
                                              {"became_aware_on", "2023-12-18"},
                                              {"harm", "serious_harm"},
                                              {"summary", "x"}}));
  // Christmas Day, Boxing Day and New Year's Day 2024 are skipped.
  EXPECT_EQ(clock(driver, *rr, "rr.submit_to_panel")->due->date.iso(), "2024-01-15");
  driver.terms["rr.submit_to_panel"] = RuleTerms{15, DeadlineUnit::WorkingDays, "became_aware"};
  EXPECT_EQ(clock(driver, *rr, "rr.submit_to_panel")->due->date.iso(), "2024-01-11");
}

TEST_F(WorkflowClocks, ThePanelsResponseIsAReminderFromTheDateSent) {
  const auto rr = workflows::make_rapid_review_workflow();
  WorkflowDriver driver(*rr, *Date::parse("2024-02-28"));
  driver.must_run("open_rapid_review", facts({{"notification_date", "2024-01-03"},
                                              {"became_aware_on", "2024-01-02"},
                                              {"harm", "death"},
                                              {"summary", "x"}}));
  driver.must_run("record_meeting", facts({{"held_on", "2024-01-15"}, {"agencies_attended", list({"Police"})}}));
  driver.must_run("record_decision",
                  facts({{"decided_on", "2024-01-16"},
                         {"decision", "national_review_referral"},
                         {"rationale", "Issues of national importance about exploitation."},
                         {"learning_taken_forward", "Through the national review and local audit."},
                         {"inequalities", "No inequality was found to have shaped the practice."},
                         {"partners_agreeing", list({"local_authority", "integrated_care_board", "police"})}}));
  driver.must_run("submit_to_panel", facts({{"submitted_on", "2024-01-17"}}));
  EXPECT_EQ(clock(driver, *rr, "rr.submit_to_panel")->met_on->iso(), "2024-01-17");
  EXPECT_EQ(status(driver, *rr, "rr.submit_to_panel", "2024-02-01"), ClockStatus::Met);
  EXPECT_EQ(clock(driver, *rr, "rr.panel_response")->due->date.iso(), "2024-01-31");
}

class LcsprClocks : public WorkflowClocks {
 protected:
  void SetUp() override {
    driver.must_run("open_lcspr", facts({{"decided_on", "2020-05-15"},
                                         {"rationale", "Significant learning about information sharing."},
                                         {"summary", "x"}}));
  }
  // Terms of reference, a signed contract and the reviewer at work from 1 July 2020.
  void start_review() {
    driver.must_run("agree_terms_of_reference", facts({{"agreed_on", "2020-06-01"}, {"summary", "Scope"}}));
    Reviewer reviewer;
    reviewer.id = 1;
    reviewer.name = "Reviewer";
    driver.reviewers = {{1, reviewer}};
    driver.must_run("draft_contract", facts({{"contract_ref", "C1"},
                                             {"reviewer_id", 1},
                                             {"scope", "Author"},
                                             {"start_on", "2020-07-01"},
                                             {"end_on", "2021-03-31"},
                                             {"fee_pounds", 9000},
                                             {"conflicts_checked", true},
                                             {"drafted_on", "2020-06-10"}}));
    driver.must_run("sign_contract", facts({{"contract_ref", "C1"}, {"signed_on", "2020-06-20"}}));
    driver.must_run("start_review", facts({{"contract_ref", "C1"}, {"started_on", "2020-07-01"}}));
  }

  std::unique_ptr<Workflow> lcspr = workflows::make_lcspr_workflow();
  WorkflowDriver driver{*lcspr, *Date::parse("2021-12-31")};
};

TEST_F(LcsprClocks, PublicationIsDueSixCalendarMonthsFromTheDecision) {
  EXPECT_EQ(clock(driver, *lcspr, "lcspr.publish")->due->date.iso(), "2020-11-15");
  EXPECT_EQ(status(driver, *lcspr, "lcspr.publish", "2020-10-26"), ClockStatus::DueSoon);  // within its 20 working days
}

TEST_F(LcsprClocks, OnHoldPausesThePublicationClockAndKeepsTheTimeUsed) {
  driver.must_run("put_on_hold",
                  facts({{"held_from", "2020-07-01"}, {"reason", "criminal_trial"}, {"details", "Trial listed"}}));
  const Clock paused = *clock(driver, *lcspr, "lcspr.publish");
  EXPECT_TRUE(paused.is_paused());
  EXPECT_FALSE(paused.due);
  EXPECT_EQ(paused.remaining, 137);  // days from 1 July to 15 November 2020
  EXPECT_EQ(status(driver, *lcspr, "lcspr.publish", "2020-12-01"), ClockStatus::Paused);
  driver.must_run("resume", facts({{"resumed_on", "2020-09-29"}}));  // 90 days on hold
  const Clock resumed = *clock(driver, *lcspr, "lcspr.publish");
  EXPECT_EQ(resumed.due->date.iso(), "2021-02-13");
  ASSERT_EQ(resumed.pauses.size(), 1u);
  EXPECT_EQ(resumed.pauses[0].reason, "criminal_trial");
  EXPECT_EQ(status(driver, *lcspr, "lcspr.publish", "2021-02-15"), ClockStatus::Overdue);
}

TEST_F(LcsprClocks, TheNoticeBeforePublicationCountsBackOverEaster) {
  start_review();
  driver.must_run("record_draft", facts({{"draft_label", "v1"}, {"received_on", "2021-02-01"}}));
  driver.must_run("record_sign_off", facts({{"signed_off_on", "2021-03-01"}, {"publication", "full_report"}}));
  driver.must_run("plan_publication", facts({{"planned_on", "2021-04-07"}}));
  // 7 working days before Wednesday 7 April 2021, skipping Easter Monday 5 and Good Friday 2 April.
  EXPECT_EQ(clock(driver, *lcspr, "lcspr.notice_before_publication")->due->date.iso(), "2021-03-25");
  // The Panel and the Secretary of State had it in time; Ofsted, the last, on the 29th.
  driver.must_run("send_final_report", facts({{"recipient", "national_panel"}, {"sent_on", "2021-03-22"}}));
  driver.must_run("send_final_report", facts({{"recipient", "secretary_of_state"}, {"sent_on", "2021-03-22"}}));
  EXPECT_FALSE(clock(driver, *lcspr, "lcspr.notice_before_publication")->met_on);  // not every recipient yet
  driver.must_run("send_final_report", facts({{"recipient", "ofsted"}, {"sent_on", "2021-03-29"}}));
  EXPECT_EQ(status(driver, *lcspr, "lcspr.notice_before_publication", "2021-03-29"), ClockStatus::MetLate);
  // Moving the publication date re-dates the clock: sent on the 29th is in time for the 20th of April.
  driver.must_run("plan_publication", facts({{"planned_on", "2021-04-20"}}));
  EXPECT_EQ(status(driver, *lcspr, "lcspr.notice_before_publication", "2021-03-29"), ClockStatus::Met);
  EXPECT_FALSE(clock(driver, *lcspr, "lcspr.keep_published"));  // a minimum period, not a clock
}

// The 6 months after which a delay is explained run on the calendar: a hold
// pauses the publication clock, not this reminder.
TEST_F(LcsprClocks, TheDelayIsExplainedSixPlainMonthsAfterTheDecisionThroughAHold) {
  driver.must_run("put_on_hold",
                  facts({{"held_from", "2020-07-01"}, {"reason", "criminal_trial"}, {"details", "Trial listed"}}));
  const Clock reminder = *clock(driver, *lcspr, "lcspr.explain_delay");
  EXPECT_TRUE(reminder.pauses.empty());
  EXPECT_EQ(reminder.due->date.iso(), "2020-11-15");
  EXPECT_EQ(status(driver, *lcspr, "lcspr.explain_delay", "2020-11-16"), ClockStatus::Overdue);
  EXPECT_EQ(status(driver, *lcspr, "lcspr.publish", "2020-11-16"), ClockStatus::Paused);
  driver.must_run("explain_delay", facts({{"explained_on", "2020-11-10"},
                                          {"reasons", "The trial is listed for March; the police asked us to wait."}}));
  EXPECT_EQ(status(driver, *lcspr, "lcspr.explain_delay", "2020-11-16"), ClockStatus::Met);
}

TEST_F(LcsprClocks, AReviewPublishedWithinSixMonthsHasNoDelayToExplain) {
  start_review();
  driver.must_run("record_draft", facts({{"draft_label", "v1"}, {"received_on", "2020-09-01"}}));
  driver.must_run("record_sign_off", facts({{"signed_off_on", "2020-09-14"}, {"publication", "full_report"}}));
  driver.must_run("plan_publication", facts({{"planned_on", "2020-10-30"}}));
  for (const char* to : {"national_panel", "secretary_of_state", "ofsted"}) {
    driver.must_run("send_final_report", facts({{"recipient", to}, {"sent_on", "2020-10-16"}}));
  }
  driver.must_run("record_publication", facts({{"published_on", "2020-10-30"}, {"where", "Website"}}));
  EXPECT_EQ(status(driver, *lcspr, "lcspr.explain_delay", "2021-01-04"), ClockStatus::NotRequired);
  EXPECT_EQ(status(driver, *lcspr, "lcspr.publish", "2021-01-04"), ClockStatus::Met);
}

TEST_F(LcsprClocks, EachWrittenRequestStartsItsOwnReminder) {
  start_review();
  driver.must_run("send_written_request", facts({{"request_ref", "W1"}, {"sent_on", "2020-09-01"}, {"request", "a"}}));
  driver.must_run("record_written_answer",
                  facts({{"request_ref", "W1"}, {"answered_on", "2020-09-08"}, {"answer", "b"}}));
  EXPECT_EQ(clock(driver, *lcspr, "lcspr.written_answer")->met_on->iso(), "2020-09-08");
  driver.must_run("send_written_request", facts({{"request_ref", "W2"}, {"sent_on", "2020-10-01"}, {"request", "c"}}));
  const Clock second = *clock(driver, *lcspr, "lcspr.written_answer");
  EXPECT_FALSE(second.met_on);  // the first answer does not meet the second request
  EXPECT_EQ(second.due->date.iso(), "2020-10-15");
}

TEST_F(WorkflowClocks, ChildDeathClocksRunFromTheTimeOfDeath) {
  const auto cdr = workflows::make_child_death_review_workflow();
  WorkflowDriver driver(*cdr, *Date::parse("2025-06-30"));
  driver.must_run("notify_death", facts({{"date_of_death", "2024-06-01"},
                                         {"time_of_death", "06:40"},
                                         {"place_of_death", "home"},
                                         {"notified_on", "2024-06-03"},
                                         {"notified_time", "09:00"},
                                         {"expected", "unexpected"},
                                         {"jar_triggers", list({"sudden_no_apparent_cause"})},
                                         {"resident_local_authority", "Northam City Council"},
                                         {"notified_by", "Paramedic"},
                                         {"summary", "x"},
                                         {"given_name", "A"},
                                         {"family_name", "B"},
                                         {"date_of_birth", "2024-02-10"}}));
  // Notified 50 hours 20 minutes after the death: the 48 hours were missed.
  const Clock notify = *clock(driver, *cdr, "cdr.notify_cdop");
  EXPECT_EQ(notify.due->at->iso(), "2024-06-03T05:40:00Z");
  EXPECT_EQ(status(driver, *cdr, "cdr.notify_cdop", "2024-06-03"), ClockStatus::MetLate);
  // The JAR discussion: 24 hours from the death.
  EXPECT_EQ(status(driver, *cdr, "cdr.jar_discussion", "2024-06-02", "2024-06-02T05:00:00Z"), ClockStatus::DueToday);
  EXPECT_EQ(status(driver, *cdr, "cdr.jar_discussion", "2024-06-02", "2024-06-02T06:00:00Z"), ClockStatus::Overdue);
  EXPECT_EQ(clock(driver, *cdr, "cdr.review_meeting")->due->date.iso(), "2024-09-01");
  EXPECT_EQ(clock(driver, *cdr, "cdr.panel_review")->due->date.iso(), "2025-06-01");
}

TEST_F(WorkflowClocks, AnInquestHoldPausesTheMeetingAndCdopClocksAndTheyResumeWithTheTimeUsed) {
  const auto cdr = workflows::make_child_death_review_workflow();
  WorkflowDriver driver(*cdr, *Date::parse("2025-06-30"));
  driver.must_run("notify_death", facts({{"date_of_death", "2024-06-01"},
                                         {"place_of_death", "public_place"},
                                         {"notified_on", "2024-06-01"},
                                         {"expected", "unexpected"},
                                         {"jar_triggers", list({"external_cause"})},
                                         {"resident_local_authority", "Northam City Council"},
                                         {"notified_by", "Police"},
                                         {"summary", "x"},
                                         {"given_name", "A"},
                                         {"family_name", "B"},
                                         {"date_of_birth", "2012-02-10"}}));
  driver.must_run("request_agency_information",
                  facts({{"agencies", list({"Police"})}, {"requested_on", "2024-06-03"}}));
  driver.must_run("put_review_on_hold", facts({{"held_from", "2024-07-01"},
                                               {"held_for", "inquest"},
                                               {"reason", "The coroner opened an inquest and adjourned it."}}));
  const Clock paused = *clock(driver, *cdr, "cdr.panel_review");
  EXPECT_TRUE(paused.is_paused());
  EXPECT_FALSE(paused.due);
  EXPECT_EQ(paused.pauses.back().reason, "The coroner opened an inquest and adjourned it.");
  EXPECT_EQ(status(driver, *cdr, "cdr.panel_review", "2025-06-02"), ClockStatus::Paused);
  EXPECT_TRUE(clock(driver, *cdr, "cdr.review_meeting")->is_paused());
  // Resumed 92 days later: both dates move by the time on hold.
  driver.must_run("resume_review", facts({{"resumed_on", "2024-10-01"}}));
  EXPECT_EQ(driver.state(), "gathering_information");
  EXPECT_EQ(clock(driver, *cdr, "cdr.panel_review")->due->date.iso(), "2025-09-01");
  EXPECT_EQ(clock(driver, *cdr, "cdr.review_meeting")->due->date.iso(), "2024-12-02");
  EXPECT_FALSE(clock(driver, *cdr, "cdr.notify_cdop")->pauses.size());  // the notification is not held
}

}  // namespace
}  // namespace casereview
