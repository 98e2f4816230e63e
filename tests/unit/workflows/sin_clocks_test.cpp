// The serious incident notification's clocks, driven through the real workflow
// and projected as the engine projects them.
#include <gtest/gtest.h>

#include "casereview/engine/clock.h"
#include "casereview/workflows/serious_incident.h"
#include "workflow_driver.h"

namespace casereview {
namespace {

using testing_support::facts;
using testing_support::WorkflowDriver;

class SeriousIncidentClocks : public ::testing::Test {
 protected:
  void open(const char* became_aware_on) {
    driver.must_run("open_notification", facts({{"became_aware_on", became_aware_on},
                                                {"harm", "death"},
                                                {"abuse_or_neglect", "known"},
                                                {"location", "in_area"},
                                                {"local_authority", "Northam City Council"},
                                                {"summary", "Child died at home"}}));
  }
  const Clock* clock(const char* rule_id, const RuleTermsByRule& terms = {}) {
    clocks = project_clocks(workflow->spec().rules, terms, driver.history(), driver.calendar());
    for (const Clock& c : clocks) {
      if (c.rule_id == rule_id) return &c;
    }
    return nullptr;
  }

  std::unique_ptr<Workflow> workflow = workflows::make_serious_incident_workflow();
  WorkflowDriver driver{*workflow, *Date::parse("2022-12-30")};
  std::vector<Clock> clocks;
};

TEST_F(SeriousIncidentClocks, NotifyThePanelWithinFiveWorkingDaysOfBecomingAware) {
  open("2022-09-14");
  const Clock* notify = clock("sin.notify_panel");
  ASSERT_TRUE(notify);
  EXPECT_EQ(notify->due->date.iso(), "2022-09-22");
  const Clock* partners = clock("sin.inform_partners");
  ASSERT_TRUE(partners);
  EXPECT_EQ(partners->due->date.iso(), "2022-09-22");
  EXPECT_FALSE(clock("sin.rapid_review"));  // starts with the notification
}

TEST_F(SeriousIncidentClocks, TheNotificationMeetsItsClockAndStartsTheRapidReview) {
  open("2022-09-14");
  driver.must_run("submit_notification", facts({{"submitted_on", "2022-09-23"}}));
  EXPECT_EQ(clock("sin.notify_panel")->met_on->iso(), "2022-09-23");  // one day late
  const Clock* rapid = clock("sin.rapid_review");
  ASSERT_TRUE(rapid);
  // 15 working days after Friday 23 September 2022.
  EXPECT_EQ(rapid->due->date.iso(), "2022-10-14");
  driver.must_run("submit_rapid_review", facts({{"submitted_on", "2022-10-13"}}));
  EXPECT_EQ(clock("sin.rapid_review")->met_on->iso(), "2022-10-13");
}

TEST_F(SeriousIncidentClocks, ThePartnershipMayCountTheRapidReviewFromBecomingAware) {
  open("2022-09-14");
  driver.must_run("submit_notification", facts({{"submitted_on", "2022-09-16"}}));
  const RuleTermsByRule became_aware = {
      {"sin.rapid_review", RuleTerms{15, DeadlineUnit::WorkingDays, "became_aware"}}};
  // 15 working days after Wednesday 14 September 2022, skipping the 19th.
  EXPECT_EQ(clock("sin.rapid_review", became_aware)->due->date.iso(), "2022-10-06");
  EXPECT_EQ(clock("sin.rapid_review")->due->date.iso(), "2022-10-10");  // from Friday 16th
}

TEST_F(SeriousIncidentClocks, CriteriaNotMetEndsTheClocks) {
  open("2022-09-14");
  driver.must_run("record_criteria_not_met",
                  facts({{"decided_on", "2022-09-16"}, {"reason", "Strategy discussion found no concerns of abuse."}}));
  EXPECT_EQ(clock("sin.notify_panel")->ended_on->iso(), "2022-09-16");
  EXPECT_EQ(clock("sin.inform_partners")->ended_on->iso(), "2022-09-16");
}

}  // namespace
}  // namespace casereview
