// The serious incident notification's transition table, row by row, including
// the steps it must refuse: these are the API's 409 and 422 cases.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "casereview/workflows/serious_incident.h"
#include "workflow_driver.h"

namespace casereview {
namespace {

using testing_support::facts;
using testing_support::WorkflowDriver;

const Date kToday = *Date::parse("2024-06-28");

Json opening(const char* abuse = "suspected", bool looked_after = false, const char* harm = "serious_harm") {
  return facts({{"became_aware_on", "2024-06-03"},
                {"harm", harm},
                {"abuse_or_neglect", abuse},
                {"location", "in_area"},
                {"looked_after_child", looked_after},
                {"local_authority", "Northam City Council"},
                {"summary", "Infant with unexplained injuries"}});
}

Json partners_on(const char* date) {
  Json who = Json::array();
  who.push("Police");
  return facts({{"informed_on", date}, {"partners", who}});
}

// How to bring a case to the state a row starts from.
using Setup = std::function<void(WorkflowDriver&)>;
const Setup kNotOpened = [](WorkflowDriver&) {};
const Setup kNotificationDue = [](WorkflowDriver& w) { w.must_run("open_notification", opening()); };
const Setup kPartnersTold = [](WorkflowDriver& w) {
  kNotificationDue(w);
  w.must_run("record_partners_informed", partners_on("2024-06-04"));
};
const Setup kNotified = [](WorkflowDriver& w) {
  kNotificationDue(w);
  w.must_run("submit_notification", facts({{"submitted_on", "2024-06-06"}}));
};
const Setup kRapidReviewSubmitted = [](WorkflowDriver& w) {
  kNotified(w);
  w.must_run("submit_rapid_review", facts({{"submitted_on", "2024-06-25"}}));
};
const Setup kCriteriaNotMet = [](WorkflowDriver& w) {
  kNotificationDue(w);
  w.must_run("record_criteria_not_met",
             facts({{"decided_on", "2024-06-05"}, {"reason", "No abuse or neglect concerns after the strategy discussion."}}));
};

enum class Expect { Accepted, NotAllowed, Refused };

struct Row {
  const char* name;
  Setup setup;
  const char* command;
  Json facts;
  Expect expect;
  const char* next_state_or_field;  // next state when accepted; the fact at fault when refused
  std::vector<const char*> event_types = {};
};

std::vector<Row> rows() {
  const char* reason = "The strategy discussion found no abuse or neglect concerns.";
  return {
      {"open", kNotOpened, "open_notification", opening(), Expect::Accepted, "notification_due", {"notification_opened"}},
      {"open_without_abuse_or_neglect", kNotOpened, "open_notification", opening("not_suspected"), Expect::Refused,
       "abuse_or_neglect"},
      {"open_looked_after_death_without_abuse", kNotOpened, "open_notification",
       opening("not_suspected", true, "death"), Expect::Accepted, "notification_due", {"notification_opened"}},
      {"open_looked_after_harm_without_abuse", kNotOpened, "open_notification",
       opening("not_suspected", true, "serious_harm"), Expect::Refused, "abuse_or_neglect"},
      {"open_twice", kNotificationDue, "open_notification", opening(), Expect::NotAllowed, ""},
      {"submit", kNotificationDue, "submit_notification", facts({{"submitted_on", "2024-06-06"}}), Expect::Accepted,
       "notified", {"notification_submitted"}},
      {"submit_before_aware", kNotificationDue, "submit_notification", facts({{"submitted_on", "2024-05-31"}}),
       Expect::Refused, "submitted_on"},
      {"criteria_not_met", kNotificationDue, "record_criteria_not_met",
       facts({{"decided_on", "2024-06-05"}, {"reason", reason}}), Expect::Accepted, "criteria_not_met",
       {"criteria_not_met_recorded"}},
      {"criteria_not_met_unreasoned", kNotificationDue, "record_criteria_not_met",
       facts({{"decided_on", "2024-06-05"}, {"reason", "Not met."}}), Expect::Refused, "reason"},
      {"criteria_not_met_before_aware", kNotificationDue, "record_criteria_not_met",
       facts({{"decided_on", "2024-06-01"}, {"reason", reason}}), Expect::Refused, "decided_on"},
      {"partners_while_due", kNotificationDue, "record_partners_informed", partners_on("2024-06-04"),
       Expect::Accepted, "notification_due", {"partners_informed"}},
      {"partners_before_aware", kNotificationDue, "record_partners_informed", partners_on("2024-06-02"),
       Expect::Refused, "informed_on"},
      {"partners_twice", kPartnersTold, "record_partners_informed", partners_on("2024-06-05"), Expect::Refused,
       "informed_on"},
      {"rapid_review_before_notification", kNotificationDue, "submit_rapid_review",
       facts({{"submitted_on", "2024-06-20"}}), Expect::NotAllowed, ""},
      {"partners_while_notified", kNotified, "record_partners_informed", partners_on("2024-06-07"),
       Expect::Accepted, "notified", {"partners_informed"}},
      {"rapid_review", kNotified, "submit_rapid_review", facts({{"submitted_on", "2024-06-25"}}), Expect::Accepted,
       "rapid_review_submitted", {"rapid_review_submitted"}},
      {"rapid_review_dated_before_notification", kNotified, "submit_rapid_review",
       facts({{"submitted_on", "2024-06-05"}}), Expect::Refused, "submitted_on"},
      {"notify_twice", kNotified, "submit_notification", facts({{"submitted_on", "2024-06-07"}}),
       Expect::NotAllowed, ""},
      {"criteria_not_met_after_notification", kNotified, "record_criteria_not_met",
       facts({{"decided_on", "2024-06-07"}, {"reason", reason}}), Expect::NotAllowed, ""},
      {"partners_after_rapid_review", kRapidReviewSubmitted, "record_partners_informed", partners_on("2024-06-26"),
       Expect::Accepted, "rapid_review_submitted", {"partners_informed"}},
      {"rapid_review_twice", kRapidReviewSubmitted, "submit_rapid_review", facts({{"submitted_on", "2024-06-26"}}),
       Expect::NotAllowed, ""},
      {"submit_when_closed", kCriteriaNotMet, "submit_notification", facts({{"submitted_on", "2024-06-06"}}),
       Expect::NotAllowed, ""},
      {"partners_when_closed", kCriteriaNotMet, "record_partners_informed", partners_on("2024-06-06"),
       Expect::NotAllowed, ""},
      {"unknown_command", kNotificationDue, "approve", Json::object(), Expect::NotAllowed, ""},
  };
}

void PrintTo(const Row& row, std::ostream* os) { *os << row.name; }

class SeriousIncidentTransitions : public ::testing::TestWithParam<Row> {};

TEST_P(SeriousIncidentTransitions, DecideAsTheTableSays) {
  const Row& row = GetParam();
  const auto workflow = workflows::make_serious_incident_workflow();
  WorkflowDriver driver(*workflow, kToday);
  row.setup(driver);
  const std::string before = driver.state();
  const std::size_t events_before = driver.history().size();
  const Decision decision = driver.run(row.command, row.facts);

  switch (row.expect) {
    case Expect::Accepted: {
      const auto* accepted = std::get_if<Accepted>(&decision);
      ASSERT_TRUE(accepted) << std::get<Refusal>(decision).reason;
      EXPECT_EQ(accepted->next_state, row.next_state_or_field);
      std::vector<std::string> types;
      for (const auto& e : accepted->events) types.push_back(e.type);
      EXPECT_EQ(types, std::vector<std::string>(row.event_types.begin(), row.event_types.end()));
      break;
    }
    case Expect::NotAllowed: {
      const auto* refusal = std::get_if<Refusal>(&decision);
      ASSERT_TRUE(refusal);
      EXPECT_EQ(refusal->kind, Refusal::Kind::NotAllowedInState);
      EXPECT_EQ(driver.state(), before);
      EXPECT_EQ(driver.history().size(), events_before);
      break;
    }
    case Expect::Refused: {
      const auto* refusal = std::get_if<Refusal>(&decision);
      ASSERT_TRUE(refusal);
      EXPECT_EQ(refusal->kind, Refusal::Kind::GuardRefused);
      EXPECT_EQ(refusal->field, row.next_state_or_field);
      EXPECT_FALSE(refusal->reason.empty());
      EXPECT_EQ(driver.state(), before);
      EXPECT_EQ(driver.history().size(), events_before);
      break;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Rows, SeriousIncidentTransitions, ::testing::ValuesIn(rows()),
                         [](const auto& row) { return std::string(row.param.name); });

// Every (state, command) pair that has no row in the table is refused as "not
// allowed", whatever the facts: nothing slips through a missing guard.
TEST(SeriousIncidentTable, RefusesEveryCommandWithoutARow) {
  const auto workflow = workflows::make_serious_incident_workflow();
  const WorkflowSpec& spec = workflow->spec();
  const WorkingDayCalendar calendar(parse_bank_holiday_feed(shipped_bank_holiday_feed()));
  const std::vector<Event> history;
  for (const StateSpec& state : spec.states) {
    const auto allowed = spec.commands_from(state.name);
    for (const CommandSpec& command : spec.commands) {
      if (std::find(allowed.begin(), allowed.end(), command.name) != allowed.end()) continue;
      const Decision decision =
          workflow->decide(state.name, Command{command.name, Json::object()}, DecisionContext{history, kToday, calendar});
      const auto* refusal = std::get_if<Refusal>(&decision);
      ASSERT_TRUE(refusal) << state.name << " / " << command.name;
      EXPECT_EQ(refusal->kind, Refusal::Kind::NotAllowedInState) << state.name << " / " << command.name;
    }
  }
}

TEST(SeriousIncidentTable, OpensOnlyWithTheOpeningCommand) {
  const auto workflow = workflows::make_serious_incident_workflow();
  const auto openers = workflow->spec().commands_from("");
  EXPECT_EQ(openers, std::vector<std::string>{workflow->spec().opening_command});
}

}  // namespace
}  // namespace casereview
