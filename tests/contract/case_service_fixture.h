#pragma once
// The real CaseService with every workflow, on a fresh store of each backend,
// acting as a manager of partnership 1 on Monday 10 June 2024 with the shipped
// bank holidays.

#include <string>
#include <utility>
#include <vector>

#include "casereview/engine/case_service.h"
#include "casereview/workflows/all_workflows.h"
#include "store_backends.h"

namespace casereview::testing_support {

// A serious incident notified on Monday 3 June 2024, with a child's name and
// NHS number (identifying facts, stored apart from the events).
inline Json opening_facts() {
  Json f = Json::object();
  f.set("became_aware_on", "2024-06-03");
  f.set("harm", "serious_harm");
  f.set("abuse_or_neglect", "suspected");
  f.set("location", "in_area");
  f.set("local_authority", "Northam City Council");
  f.set("summary", "Infant with unexplained injuries");
  f.set("given_name", "Amira");
  f.set("family_name", "Testchild");
  f.set("nhs_number", "943 476 5919");
  return f;
}

// A manager of partnership 1 acting on Monday 10 June 2024 at 10:00, with
// the shipped bank holidays.
inline RequestContext manager_on_10_june_2024() {
  RequestContext context;
  context.principal.username = "manager@northam";
  context.principal.role = Role::Manager;
  context.principal.partnership_id = 1;
  context.today = *Date::parse("2024-06-10");
  context.now = *Instant::parse("2024-06-10T10:00:00Z");
  context.calendar = std::make_shared<const WorkingDayCalendar>(parse_bank_holiday_feed(shipped_bank_holiday_feed()));
  return context;
}

class CaseServiceTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    workflows::register_all(registry);
    context = manager_on_10_june_2024();
  }
  CommandOutcome open(const char* kind, const Json& facts, std::vector<std::string> confirmed = {}) {
    return service.open(*session, OpenRequest{kind, facts, std::move(confirmed)}, context);
  }
  // The notification above, opened: SIN-2024-0001 at version 1.
  CaseRecord open_case() {
    return std::get<outcome::Changed>(open("serious_incident_notification", opening_facts())).record;
  }
  // Sends the notification to the Panel, which opens its rapid review.
  static Command submit(const char* date) {
    Json f = Json::object();
    f.set("submitted_on", date);
    return Command{"submit_notification", f};
  }

  WorkflowRegistry registry;
  CaseService service{registry};
  RequestContext context;
};

}  // namespace casereview::testing_support
