#include <iostream>

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
  const auto settings = session->rule_settings().for_partnership(kDefaultPartnership);
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
    throw UsageError{"usage: casereview rules set RULE [--amount N] [--anchor ID] --reason TEXT"};
  }
  App app = open_for_command(args);
  const DeadlineRule* rule = app.workflows().rule(args.words[2]);
  if (!rule) throw UsageError{"there is no deadline rule \"" + args.words[2] + "\" (see: casereview rules list)"};
  auto session = app.store().session();
  RuleSetting setting;
  const auto current = session->rule_settings().for_partnership(kDefaultPartnership);
  if (auto it = current.find(rule->id); it != current.end()) setting = it->second;
  if (args.amount) setting.amount = args.amount;
  if (args.anchor) setting.anchor_id = args.anchor;
  const TermsOrError applied = apply_setting(*rule, setting);
  if (!applied.terms) throw UsageError{applied.error + "; nothing was changed"};
  session->write_transaction([&] {
    session->rule_settings().put(kDefaultPartnership, rule->id, setting, args.reason, args.actor, Instant::now());
  });
  std::cout << rule->id << " now runs " << terms_text(*applied.terms)
            << " for cases opened from now on; open cases keep the terms recorded when they were opened.\n";
  return kExitOk;
}

}  // namespace casereview::web
