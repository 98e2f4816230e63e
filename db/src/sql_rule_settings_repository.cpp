#include "sql_repositories.h"
#include "sqlite_connection.h"

namespace casereview::db {

std::map<std::string, RuleSetting> SqlRuleSettingsRepository::for_partnership(long long partnership_id) {
  return guarded("read rule settings", [&] {
    std::string rule_id, anchor_id;
    int amount = 0;
    soci::indicator amount_i{}, anchor_i{};
    soci::statement st =
        (sql_.prepare << "SELECT rule_id, amount, anchor_id FROM rule_settings WHERE partnership_id = :p",
         soci::into(rule_id), soci::into(amount, amount_i), soci::into(anchor_id, anchor_i),
         soci::use(partnership_id));
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

void SqlRuleSettingsRepository::put(long long partnership_id, const std::string& rule_id,
                                    const RuleSetting& setting, const std::string& actor, Instant now) {
  guarded("store a rule setting", [&] {
    int amount = setting.amount.value_or(0);
    std::string anchor = setting.anchor_id.value_or("");
    soci::indicator amount_i = setting.amount ? soci::i_ok : soci::i_null;
    soci::indicator anchor_i = setting.anchor_id ? soci::i_ok : soci::i_null;
    const std::string at = now.iso();
    sql_ << "INSERT INTO rule_settings (partnership_id, rule_id, amount, anchor_id, changed_by, changed_at) "
            "VALUES (:p, :r, :a, :n, :b, :t) ON CONFLICT (partnership_id, rule_id) DO UPDATE SET "
            "amount = excluded.amount, anchor_id = excluded.anchor_id, changed_by = excluded.changed_by, "
            "changed_at = excluded.changed_at",
        soci::use(partnership_id), soci::use(rule_id), soci::use(amount, amount_i), soci::use(anchor, anchor_i),
        soci::use(actor), soci::use(at);
  });
}

}  // namespace casereview::db
