#include "sql_errors.h"
#include "sql_repositories.h"

namespace casereview::db {

std::map<std::string, RuleSetting> SqlRuleSettingsRepository::for_partnership(long long partnership_id) {
  return guarded("read rule settings", [&] {
    std::string rule_id, anchor_id;
    int amount = 0;
    soci::indicator amount_i{}, anchor_i{};
    PreparedStatement prepared =
        statements_.take("SELECT rule_id, amount, anchor_id FROM rule_settings WHERE partnership_id = :p");
    bind_all(prepared, soci::into(rule_id), soci::into(amount, amount_i), soci::into(anchor_id, anchor_i),
             soci::use(partnership_id));
    soci::statement& st = *prepared;
    std::map<std::string, RuleSetting> out;
    st.execute();
    while (st.fetch()) {
      RuleSetting s;
      if (amount_i == soci::i_ok) s.amount = amount;
      if (anchor_i == soci::i_ok) s.anchor_id = anchor_id;
      out[rule_id] = s;
    }
    return out;
  });
}

void SqlRuleSettingsRepository::put(long long partnership_id, const std::string& rule_id, const RuleSetting& setting,
                                    const std::string& reason, const std::string& actor, Instant now) {
  guarded("store a rule setting", [&] {
    const auto current = for_partnership(partnership_id);
    const RuleSetting before = current.count(rule_id) ? current.at(rule_id) : RuleSetting{};
    int amount = setting.amount.value_or(0), before_amount = before.amount.value_or(0);
    std::string anchor = setting.anchor_id.value_or(""), before_anchor = before.anchor_id.value_or("");
    soci::indicator amount_i = setting.amount ? soci::i_ok : soci::i_null;
    soci::indicator anchor_i = setting.anchor_id ? soci::i_ok : soci::i_null;
    soci::indicator before_amount_i = before.amount ? soci::i_ok : soci::i_null;
    soci::indicator before_anchor_i = before.anchor_id ? soci::i_ok : soci::i_null;
    const std::string at = now.iso();
    run_kept(statements_,
             "INSERT INTO rule_settings (partnership_id, rule_id, amount, anchor_id, changed_by, changed_at) "
             "VALUES (:p, :r, :a, :n, :b, :t) ON CONFLICT (partnership_id, rule_id) DO UPDATE SET "
             "amount = excluded.amount, anchor_id = excluded.anchor_id, changed_by = excluded.changed_by, "
             "changed_at = excluded.changed_at",
             soci::use(partnership_id), soci::use(rule_id), soci::use(amount, amount_i), soci::use(anchor, anchor_i),
             soci::use(actor), soci::use(at));
    run_kept(statements_,
             "INSERT INTO rule_setting_changes (partnership_id, rule_id, before_amount, before_anchor, after_amount, "
             "after_anchor, reason, changed_by, changed_at) VALUES (:p, :r, :ba, :bn, :aa, :an, :re, :b, :t)",
             soci::use(partnership_id), soci::use(rule_id), soci::use(before_amount, before_amount_i),
             soci::use(before_anchor, before_anchor_i), soci::use(amount, amount_i), soci::use(anchor, anchor_i),
             soci::use(reason), soci::use(actor), soci::use(at));
  });
}

std::vector<RuleSettingChange> SqlRuleSettingsRepository::changes(long long partnership_id) {
  return guarded("read rule setting changes", [&] {
    RuleSettingChange c;
    int before_amount = 0, after_amount = 0;
    std::string before_anchor, after_anchor, at;
    soci::indicator ba{}, bn{}, aa{}, an{};
    PreparedStatement prepared = statements_.take(
        "SELECT rule_id, before_amount, before_anchor, after_amount, after_anchor, reason, "
        "changed_by, changed_at FROM rule_setting_changes WHERE partnership_id = :p ORDER BY id DESC");
    bind_all(prepared, soci::into(c.rule_id), soci::into(before_amount, ba), soci::into(before_anchor, bn),
             soci::into(after_amount, aa), soci::into(after_anchor, an), soci::into(c.reason), soci::into(c.changed_by),
             soci::into(at), soci::use(partnership_id));
    soci::statement& st = *prepared;
    std::vector<RuleSettingChange> out;
    st.execute();
    while (st.fetch()) {
      RuleSettingChange row = c;
      row.before = RuleSetting{ba == soci::i_ok ? std::optional<int>(before_amount) : std::nullopt,
                               bn == soci::i_ok ? std::optional<std::string>(before_anchor) : std::nullopt};
      row.after = RuleSetting{aa == soci::i_ok ? std::optional<int>(after_amount) : std::nullopt,
                              an == soci::i_ok ? std::optional<std::string>(after_anchor) : std::nullopt};
      row.changed_at = stored_instant(at);
      out.push_back(row);
    }
    return out;
  });
}

}  // namespace casereview::db
