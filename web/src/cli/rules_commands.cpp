#include <iostream>

#include "casereview/engine/rule_setting_service.h"
#include "cli/cli.h"

namespace casereview::web {
namespace {

std::string terms_text(const RuleTerms& t) {
  return std::to_string(t.amount) + " " + unit_name(t.unit) + " from " + t.anchor_id;
}

}  // namespace

int command_rules_list(const CliArgs& args) {
  if (args.words.size() != 2) throw UsageError{"rules list takes no operands"};
  App app = open_for_command(args);
  auto session = app.store().session();
  const Partnership partnership = chosen_partnership(*session, args);
  std::cout << "Deadline rules as " << partnership.code << " runs them:\n";
  const auto settings = session->rule_settings().for_partnership(partnership.id);
  for (const DeadlineRule* rule : app.workflows().all_rules()) {
    const RuleTerms in_force = terms_in_force(*rule, settings);
    std::cout << rule->id << "  " << rule->title << "\n"
              << "    in force: " << terms_text(in_force)
              << (settings.count(rule->id) ? "  (partnership setting)" : "  (default)") << "\n"
              << "    source [" << source_tag_name(rule->tag) << "]: " << rule->source << "\n"
              << "    a partnership may change: "
              << (rule->amount_changeable && rule->anchor_changeable ? "amount and anchor"
                  : rule->amount_changeable                          ? "amount"
                  : rule->anchor_changeable                          ? "anchor"
                                                                     : "nothing")
              << "\n";
  }
  return kExitOk;
}

int command_rules_set(const CliArgs& args) {
  if (args.words.size() != 3 || (!args.amount && !args.anchor) || args.reason.empty()) {
    throw UsageError{"usage: casereview rules set RULE [--amount N] [--anchor ID] --reason TEXT [--partnership CODE]"};
  }
  App app = open_for_command(args);
  auto session = app.store().session();
  const Partnership partnership = chosen_partnership(*session, args);
  const auto changed =
      change_rule_setting(*session, app.workflows(), partnership.id, args.words[2],
                          RuleAdjustment{args.amount, args.anchor, args.reason}, args.actor, Instant::now());
  if (const auto* refused = std::get_if<RuleSettingRefused>(&changed)) {
    if (refused->why == RuleSettingRefused::Why::NoSuchRule) {
      throw UsageError{refused->message + " (see: casereview rules list)"};
    }
    throw UsageError{refused->message + " Nothing was changed."};
  }
  std::cout << args.words[2] << " now runs " << terms_text(std::get<RuleTerms>(changed)) << " in " << partnership.code
            << " for cases opened from now on; open cases keep the terms recorded when they were opened.\n";
  return kExitOk;
}

}  // namespace casereview::web
