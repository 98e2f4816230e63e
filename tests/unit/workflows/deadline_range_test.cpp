// Every deadline rule of every workflow (deadlines, reminders, per-agency
// requests, minimum periods), on its own terms and on the most a partnership
// may set, anchored over the whole supported range: a due date within
// 1900-01-01..2199-12-31, or DateOutOfRange near the end the rule runs towards.
// And a clock a pause would push past the end names the fact its anchor came from.
#include <gtest/gtest.h>

#include <set>

#include "casereview/engine/bank_holidays.h"
#include "casereview/engine/clock.h"
#include "casereview/engine/deadline_preview.h"
#include "casereview/engine/workflow.h"
#include "casereview/workflows/all_workflows.h"

namespace casereview {
namespace {

const WorkingDayCalendar& rule_based_calendar() {
  static const WorkingDayCalendar calendar(std::vector<BankHoliday>{});
  return calendar;
}

std::vector<RuleTerms> terms_to_try(const DeadlineRule& rule) {
  std::vector<RuleTerms> out{default_terms(rule)};
  RuleTerms longest = default_terms(rule);
  longest.amount = 366;
  out.push_back(longest);
  return out;
}

TEST(DeadlineRange, EveryRuleAnswersADateInRangeOrRefusesOverTheWholeRange) {
  WorkflowRegistry registry;
  workflows::register_all(registry);
  const long first = Date::first_supported().serial();
  const long last = Date::last_supported().serial();
  std::vector<long> anchors;
  for (long s = first; s <= last; s += 97) anchors.push_back(s);
  for (long s = first; s <= first + 400; s += 3) anchors.push_back(s);
  for (long s = last - 400; s <= last; ++s) anchors.push_back(s);

  std::set<RuleKind> kinds;
  std::set<DeadlineUnit> units;
  int rules = 0;
  for (const DeadlineRule* rule : registry.all_rules()) {
    ++rules;
    kinds.insert(rule->kind);
    units.insert(rule->unit);
    for (const RuleTerms& terms : terms_to_try(*rule)) {
      for (const long s : anchors) {
        const Date anchor = Date::from_serial(s);
        try {
          const DueDate due = compute_due(terms, Anchor{anchor, std::nullopt}, rule_based_calendar());
          ASSERT_GE(due.date, Date::first_supported()) << rule->id;
          ASSERT_LE(due.date, Date::last_supported()) << rule->id;
          ASSERT_EQ(Date::parse(due.date.iso()), due.date) << rule->id;
        } catch (const DateOutOfRange& e) {
          const bool backwards = terms.unit == DeadlineUnit::WorkingDaysBefore;
          ASSERT_EQ(e.after_the_end(), !backwards) << rule->id << " " << anchor.iso();
          if (backwards) {
            ASSERT_LT(s, first + 2L * terms.amount + 14) << rule->id << " " << anchor.iso();
          } else {
            ASSERT_GT(s, last - 31L * terms.amount - 14) << rule->id << " " << anchor.iso();
          }
        }
      }
    }
  }
  EXPECT_GT(rules, 10);
  // The sweep covered every kind of rule and every unit the workflows use.
  EXPECT_EQ(kinds, (std::set<RuleKind>{RuleKind::Deadline, RuleKind::Reminder, RuleKind::PerAgencyRequest,
                                       RuleKind::MinimumPeriod}));
  EXPECT_GE(units.size(), 4U);
}

TEST(DeadlineRange, AClockPushedPastTheEndByAPauseNamesItsAnchorField) {
  DeadlineRule rule;
  rule.id = "test.answer";
  rule.title = "Answer the request";
  rule.anchors = {{"due", "requested", "due_on", "the date asked for"}};
  rule.pausing_events = {"paused"};
  rule.resuming_events = {"resumed"};
  rule.amount = 0;
  rule.unit = DeadlineUnit::CalendarDays;
  auto event = [](const char* type, const char* on, const char* payload) {
    Event e;
    e.type = type;
    e.effective_date = *Date::parse(on);
    e.payload = payload;
    return e;
  };
  const std::vector<Event> events = {event("requested", "2199-12-01", R"({"due_on":"2199-12-30"})"),
                                     event("paused", "2199-12-02", "{}"), event("resumed", "2199-12-10", "{}")};
  try {
    (void)project_clocks({rule}, {}, events, rule_based_calendar());
    FAIL() << "a due date past 2199-12-31 was projected";
  } catch (const DateOutOfRange& e) {
    EXPECT_EQ(e.field(), "due_on");
    EXPECT_STREQ(e.what(),
                 "the deadline \"Answer the request\" counted from 2199-12-30 would fall after 2199-12-31, the last "
                 "date casereview supports");
  }
  // Resumed a day sooner, it lands on the last supported date.
  const std::vector<Event> sooner = {events[0], events[1], event("resumed", "2199-12-03", "{}")};
  const auto clocks = project_clocks({rule}, {}, sooner, rule_based_calendar());
  ASSERT_EQ(clocks.size(), 1U);
  EXPECT_EQ(clocks[0].due->date, Date::last_supported());
}

}  // namespace
}  // namespace casereview
