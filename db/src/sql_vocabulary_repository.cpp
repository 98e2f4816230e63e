#include "sql_repositories.h"
#include "sqlite_connection.h"

namespace casereview::db {
namespace {

void record_change(soci::session& sql, const std::string& vocabulary, const std::string& code,
                   const std::string& change, const std::string& actor, Instant now) {
  const std::string at = now.iso();
  sql << "INSERT INTO vocabulary_changes (vocabulary, code, change, changed_by, changed_at) "
         "VALUES (:v, :c, :ch, :b, :a)",
      soci::use(vocabulary), soci::use(code), soci::use(change), soci::use(actor), soci::use(at);
}

bool exists(soci::session& sql, const char* table, const std::string& code) {
  int count = 0;
  sql << std::string("SELECT COUNT(*) FROM ") + table + " WHERE code = :c", soci::use(code), soci::into(count);
  return count > 0;
}

}  // namespace

Vocabularies SqlVocabularyRepository::load() {
  return guarded("read vocabularies", [&] {
    Vocabularies v;
    {
      FactorCode f;
      int active = 1;
      soci::statement st =
          (sql_.prepare << "SELECT code, domain, label, active FROM factor_vocabulary ORDER BY domain, code",
           soci::into(f.code), soci::into(f.domain), soci::into(f.label), soci::into(active));
      st.execute();
      while (st.fetch()) {
        f.active = active != 0;
        v.factors.push_back(f);
      }
    }
    ThemeCode t;
    int active = 1;
    soci::statement st = (sql_.prepare << "SELECT code, label, active FROM theme_vocabulary ORDER BY code",
                          soci::into(t.code), soci::into(t.label), soci::into(active));
    st.execute();
    while (st.fetch()) {
      t.active = active != 0;
      v.themes.push_back(t);
    }
    return v;
  });
}

void SqlVocabularyRepository::add_factor(const FactorCode& factor, const std::string& actor, Instant now) {
  guarded("add a modifiable factor", [&] {
    if (exists(sql_, "factor_vocabulary", factor.code)) throw ConflictError("factor " + factor.code + " exists");
    const std::string at = now.iso();
    sql_ << "INSERT INTO factor_vocabulary (code, domain, label, active, added_by, added_at) "
            "VALUES (:c, :d, :l, 1, :b, :a)",
        soci::use(factor.code), soci::use(factor.domain), soci::use(factor.label), soci::use(actor), soci::use(at);
    record_change(sql_, "factors", factor.code, "added: " + factor.label, actor, now);
  });
}

void SqlVocabularyRepository::add_theme(const ThemeCode& theme, const std::string& actor, Instant now) {
  guarded("add a learning theme", [&] {
    if (exists(sql_, "theme_vocabulary", theme.code)) throw ConflictError("theme " + theme.code + " exists");
    const std::string at = now.iso();
    sql_ << "INSERT INTO theme_vocabulary (code, label, active, added_by, added_at) VALUES (:c, :l, 1, :b, :a)",
        soci::use(theme.code), soci::use(theme.label), soci::use(actor), soci::use(at);
    record_change(sql_, "themes", theme.code, "added: " + theme.label, actor, now);
  });
}

bool SqlVocabularyRepository::set_active(const std::string& vocabulary, const std::string& code, bool active,
                                         const std::string& actor, Instant now) {
  return guarded("retire or restore a code", [&] {
    const char* table = vocabulary == "factors"  ? "factor_vocabulary"
                        : vocabulary == "themes" ? "theme_vocabulary"
                                                 : nullptr;
    if (!table) return false;
    int flag = active ? 1 : 0;
    soci::statement st = (sql_.prepare << std::string("UPDATE ") + table + " SET active = :a WHERE code = :c",
                          soci::use(flag), soci::use(code));
    st.execute(true);
    if (st.get_affected_rows() != 1) return false;
    record_change(sql_, vocabulary, code, active ? "restored" : "retired", actor, now);
    return true;
  });
}

}  // namespace casereview::db
