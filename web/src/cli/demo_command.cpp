// Demonstration data: serious incident notifications in every state, dated
// relative to today so that the deadlines show every status (due soon, overdue,
// met, met late, not required) whenever the demo is started. The children are
// fictional and described without identifying details, as the product expects.
#include <iostream>

#include "cli/cli.h"

namespace casereview::web {
namespace {

struct DemoStep {
  const char* command;
  int working_days_ago;   // the step's date, counted back from today
  Json extra_facts;       // facts other than the date
  const char* date_fact;  // which fact holds the date
};

struct DemoCase {
  int became_aware_working_days_ago;
  const char* harm;
  const char* abuse_or_neglect;
  bool looked_after;
  const char* local_authority;
  const char* summary;
  std::vector<DemoStep> steps;
};

Json partners() {
  Json list = Json::array();
  list.push("Local authority children's services");
  list.push("Police");
  list.push("Integrated care board");
  return list;
}

Json with(const char* name, Json value) {
  Json facts = Json::object();
  facts.set(name, std::move(value));
  return facts;
}

std::vector<DemoCase> demo_cases() {
  return {
      {2, "serious_harm", "suspected", false, "Northam City Council",
       "Infant, 7 weeks old, admitted to hospital with unexplained rib fractures and a subdural "
       "haemorrhage. Police investigation under way.",
       {}},
      {8, "death", "known", false, "Northam City Council",
       "Child, 3 years old, died at home. Neglect and poor home conditions were known to children's "
       "social care; the family had an open child in need plan.",
       {}},
      {11, "serious_harm", "suspected", false, "Westshire County Council",
       "Young person, 15, seriously injured in a knife attack. Criminal exploitation suspected; "
       "missing episodes reported in the preceding months.",
       {{"submit_notification", 10, with("panel_reference", "SIN-DEMO-1183"), "submitted_on"},
        {"record_partners_informed", 9, with("partners", partners()), "informed_on"}}},
      {30, "death", "suspected", true, "Westshire County Council",
       "Looked-after young person, 16, died in supported accommodation. Cause of death not yet known; "
       "concerns about the quality of care are being examined.",
       {{"submit_notification", 27, with("panel_reference", "SIN-DEMO-1120"), "submitted_on"},
        {"record_partners_informed", 27, with("partners", partners()), "informed_on"},
        {"submit_rapid_review", 10, Json::object(), "submitted_on"}}},
      {22, "death", "suspected", false, "Northam City Council",
       "Baby, 5 months old, died after co-sleeping with a parent who had been drinking alcohol. "
       "Neglect suspected; the family was known to early help.",
       {{"record_partners_informed", 21, with("partners", partners()), "informed_on"},
        {"submit_notification", 20, with("panel_reference", "SIN-DEMO-1141"), "submitted_on"},
        {"submit_rapid_review", 7, Json::object(), "submitted_on"}}},
      {6, "serious_harm", "suspected", false, "Northam City Council",
       "Toddler, 2, scalded at home. Referred as a possible non-accidental injury.",
       {{"record_criteria_not_met", 4,
         with("reason",
              "The strategy discussion and child protection medical found the injury consistent with the "
              "account given; no abuse or neglect concerns. Single-agency follow-up by the health visitor."),
         "decided_on"}}},
  };
}

}  // namespace

int command_demo_load(const CliArgs& args) {
  if (args.words.size() != 2) throw UsageError{"demo load takes no operands"};
  App app = open_for_command(args);
  auto session = app.store().session();
  CaseFilter all;
  all.partnership_id = kDefaultPartnership;
  all.limit = 1;
  if (!session->cases().list(all).empty()) {
    throw UsageError{"the database " + args.settings.db_path +
                     " already holds cases; demonstration data goes only into an empty database"};
  }
  const std::string actor = "demo:board-office";
  const RequestContext context = app.context(*session, actor);
  const WorkingDayCalendar& calendar = *context.calendar;
  auto days_ago = [&](int n) { return calendar.subtract_working_days(context.today, n).date.iso(); };

  int opened = 0;
  for (const DemoCase& demo : demo_cases()) {
    Json facts = Json::object();
    facts.set("became_aware_on", days_ago(demo.became_aware_working_days_ago));
    facts.set("harm", demo.harm);
    facts.set("abuse_or_neglect", demo.abuse_or_neglect);
    facts.set("location", "in_area");
    facts.set("looked_after_child", demo.looked_after);
    facts.set("local_authority", demo.local_authority);
    facts.set("summary", demo.summary);
    CommandOutcome result = app.cases().open(*session, "serious_incident_notification", facts, context);
    auto* changed = std::get_if<outcome::Changed>(&result);
    if (!changed) throw std::logic_error("demonstration case refused");
    CaseRecord record = changed->record;
    for (const DemoStep& step : demo.steps) {
      Json step_facts = step.extra_facts;
      step_facts.set(step.date_fact, days_ago(step.working_days_ago));
      result = app.cases().apply(*session, record.id, Command{step.command, step_facts}, record.version, context);
      changed = std::get_if<outcome::Changed>(&result);
      if (!changed) throw std::logic_error(std::string("demonstration step refused: ") + step.command);
      record = changed->record;
    }
    ++opened;
    std::cout << "  " << record.reference << "  " << record.state << "\n";
  }
  std::cout << "Loaded " << opened << " demonstration cases into " << args.settings.db_path << " (today is "
            << context.today.iso() << ").\n";
  return kExitOk;
}

}  // namespace casereview::web
