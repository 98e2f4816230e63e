#include <filesystem>
#include <iostream>

#include "casereview/engine/deadline_preview.h"
#include "casereview/workflows/all_workflows.h"
#include "cli/cli.h"

namespace casereview::web {

// Uses the database's calendar and the partnership's rule settings when the
// database exists; otherwise the shipped calendar and the rules' defaults, so
// that the question can be answered before anything is set up.
int command_deadline(const CliArgs& args) {
  if (args.words.size() != 3) throw UsageError{"usage: casereview deadline RULE YYYY-MM-DD"};
  const std::string& rule_id = args.words[1];
  const auto anchor = Date::parse(args.words[2]);
  if (!anchor) throw UsageError{"\"" + args.words[2] + "\" " + Date::parse_problem(args.words[2])};

  WorkflowRegistry registry;
  workflows::register_all(registry);
  const DeadlineRule* rule = registry.rule(rule_id);
  if (!rule) {
    std::string known;
    for (const DeadlineRule* r : registry.all_rules()) known += "\n  " + r->id + "  " + r->title;
    throw UsageError{"there is no deadline rule \"" + rule_id + "\". Known rules:" + known};
  }

  RuleTerms terms = default_terms(*rule);
  std::shared_ptr<const WorkingDayCalendar> calendar;
  std::string calendar_source = "the shipped bank-holiday list (no database at " + args.settings.db_path + ")";
  if (!args.settings.postgres.empty() || std::filesystem::exists(args.settings.db_path)) {
    App app = open_for_command(args);
    auto session = app.store().session();
    terms = terms_in_force(*rule, session->rule_settings().for_partnership(chosen_partnership(*session, args).id));
    calendar = app.calendar(*session);
    calendar_source = "the bank holidays in " + app.database_name();
  } else {
    calendar = std::make_shared<const WorkingDayCalendar>(parse_bank_holiday_feed(shipped_bank_holiday_feed()));
  }

  DeadlinePreview preview;
  try {
    preview = preview_deadline(terms, *anchor, *calendar);
  } catch (const DateOutOfRange& e) {
    throw UsageError{std::string(DateOutOfRange(e, "", "the due date " + amount_phrase(terms) + anchor->iso()).what())};
  }
  std::cout << rule->id << ": " << rule->title << "\n";
  std::cout << "due " << preview.due.date.iso() << (preview.due.provisional ? " (provisional)" : "") << "\n";
  std::cout << preview.explanation << "\n";
  for (const BankHoliday& h : preview.holidays_skipped) {
    std::cout << "  skips " << h.date.iso() << " " << h.title << "\n";
  }
  std::cout << "source: " << rule->source << "\n";
  std::cout << "calendar: " << calendar_source << "\n";
  return kExitOk;
}

}  // namespace casereview::web
