#include "casereview/engine/rule_setting_service.h"

namespace casereview {

std::variant<RuleTerms, RuleSettingRefused> change_rule_setting(StoreSession& session,
                                                                const WorkflowRegistry& workflows,
                                                                long long partnership_id, const std::string& rule_id,
                                                                const RuleAdjustment& adjustment,
                                                                const std::string& actor, Instant now) {
  using Why = RuleSettingRefused::Why;
  const DeadlineRule* rule = workflows.rule(rule_id);
  if (!rule) return RuleSettingRefused{Why::NoSuchRule, "There is no deadline rule \"" + rule_id + "\"."};
  if (!adjustment.amount && !adjustment.anchor_id) {
    return RuleSettingRefused{Why::NothingToChange, "Give the amount, the anchor or both."};
  }
  if (adjustment.reason.empty()) return RuleSettingRefused{Why::NoReason, "Give the reason for the change."};
  std::optional<RuleTerms> terms;
  std::string refusal;
  session.write_transaction([&] {
    terms.reset();  // the transaction may run more than once (a store's retry)
    refusal.clear();
    RuleSetting setting;
    const auto current = session.rule_settings().for_partnership(partnership_id);
    if (const auto it = current.find(rule->id); it != current.end()) setting = it->second;
    if (adjustment.amount) setting.amount = adjustment.amount;
    if (adjustment.anchor_id) setting.anchor_id = adjustment.anchor_id;
    const TermsOrError applied = apply_setting(*rule, setting);
    if (!applied.terms) {
      refusal = applied.error;
      return;  // nothing written: the transaction commits empty
    }
    session.rule_settings().put(partnership_id, rule->id, setting, adjustment.reason, actor, now);
    terms = applied.terms;
  });
  if (!terms) return RuleSettingRefused{Why::NotAllowed, refusal + "."};
  return *terms;
}

}  // namespace casereview
