#include <optional>

#include "sql_errors.h"
#include "sql_repositories.h"

namespace casereview::db {
namespace {

const char* table_of(const std::string& vocabulary) {
  return vocabulary == "factors" ? "factor_vocabulary" : vocabulary == "themes" ? "theme_vocabulary" : nullptr;
}

// kNationalScope is stored as NULL.
soci::indicator scope_indicator(long long scope) { return scope == kNationalScope ? soci::i_null : soci::i_ok; }

void record_change(StatementCache& statements, const std::string& vocabulary, const std::string& code,
                   const std::string& change, long long scope, const std::string& actor, Instant now) {
  const std::string at = now.iso();
  soci::indicator scope_i = scope_indicator(scope);
  run_kept(statements,
           "INSERT INTO vocabulary_changes (vocabulary, code, change, changed_by, changed_at, partnership_id) "
           "VALUES (:v, :c, :ch, :b, :a, :p)",
           soci::use(vocabulary), soci::use(code), soci::use(change), soci::use(actor), soci::use(at),
           soci::use(scope, scope_i));
}

// Whether `code` is taken for someone who would see a new code of `scope`: a
// national code, a local one of the same partnership, or, for a national code,
// a local one anywhere.
bool taken(StatementCache& statements, const char* table, const std::string& code, long long scope) {
  int count = 0;
  if (scope == kNationalScope) {
    run_kept(statements, std::string("SELECT COUNT(*) FROM ") + table + " WHERE code = :c", soci::use(code),
             soci::into(count));
  } else {
    run_kept(statements,
             std::string("SELECT COUNT(*) FROM ") + table +
                 " WHERE code = :c AND (partnership_id IS NULL OR partnership_id = :p)",
             soci::use(code), soci::use(scope), soci::into(count));
  }
  return count > 0;
}

void insert_code(StatementCache& statements, const std::string& vocabulary, const std::string& code,
                 const std::string& domain, const std::string& label, long long scope, const std::string& actor,
                 Instant now) {
  const std::string at = now.iso();
  soci::indicator scope_i = scope_indicator(scope);
  if (vocabulary == "factors") {
    run_kept(statements,
             "INSERT INTO factor_vocabulary (code, partnership_id, domain, label, active, added_by, added_at) "
             "VALUES (:c, :p, :d, :l, 1, :b, :a)",
             soci::use(code), soci::use(scope, scope_i), soci::use(domain), soci::use(label), soci::use(actor),
             soci::use(at));
  } else {
    run_kept(statements,
             "INSERT INTO theme_vocabulary (code, partnership_id, label, active, added_by, added_at) "
             "VALUES (:c, :p, :l, 1, :b, :a)",
             soci::use(code), soci::use(scope, scope_i), soci::use(label), soci::use(actor), soci::use(at));
  }
  record_change(statements, vocabulary, code, "added: " + label, scope, actor, now);
}

// How one stored code reads to the partnership the vocabularies are loaded for.
struct CodeRow {
  int active = 1;        // as the national editor (or, for a local code, its partnership) left it
  int national = 1;      // partnership_id IS NULL
  int retired_here = 0;  // a retirement by the partnership loading
};
void apply(const CodeRow& row, bool& active, bool& national, bool& retired_nationally) {
  national = row.national != 0;
  retired_nationally = national && row.active == 0;
  active = row.active != 0 && row.retired_here == 0;
}

// The columns after the code's own: active, national, retired here. The
// partnership's id is bound twice, as :p1 and :p2 (SQLite gives one name one slot).
std::string scope_columns(const char* vocabulary) {
  return std::string(
             "active, CASE WHEN partnership_id IS NULL THEN 1 ELSE 0 END, "
             "(SELECT COUNT(*) FROM vocabulary_retirements r WHERE r.partnership_id = :p1 AND r.vocabulary = '") +
         vocabulary + "' AND r.code = v.code)";
}

}  // namespace

SharedVocabularies SqlVocabularyRepository::load(long long partnership_id) {
  return guarded("read vocabularies", [&]() -> SharedVocabularies {
    if (changed_in_transaction_) return std::make_shared<const Vocabularies>(read(partnership_id));
    const long long changes = changes_recorded();
    if (SharedVocabularies kept = cache_.find(partnership_id, changes)) return kept;
    auto v = std::make_shared<const Vocabularies>(read(partnership_id));
    // Outside a transaction each statement reads the latest commit: what was
    // read is of `changes` only if no change was committed meanwhile.
    if (changes_recorded() == changes) cache_.keep(partnership_id, changes, v);
    return v;
  });
}

long long SqlVocabularyRepository::changes_recorded() {
  long long changes = 0;
  run_kept(statements_, "SELECT COUNT(*) FROM vocabulary_changes", soci::into(changes));
  return changes;
}

Vocabularies SqlVocabularyRepository::read(long long partnership_id) {
  Vocabularies v;
  {
    FactorCode f;
    CodeRow row;
    PreparedStatement prepared =
        statements_.take("SELECT code, domain, label, " + scope_columns("factors") +
                         " FROM factor_vocabulary v WHERE partnership_id IS NULL OR partnership_id = :p2 "
                         "ORDER BY domain, code");
    bind_all(prepared, soci::into(f.code), soci::into(f.domain), soci::into(f.label), soci::into(row.active),
             soci::into(row.national), soci::into(row.retired_here), soci::use(partnership_id),
             soci::use(partnership_id));
    soci::statement& st = *prepared;
    st.execute();
    while (st.fetch()) {
      apply(row, f.active, f.national, f.retired_nationally);
      v.factors.push_back(f);
    }
  }
  ThemeCode t;
  CodeRow row;
  PreparedStatement prepared = statements_.take("SELECT code, label, " + scope_columns("themes") +
                                                " FROM theme_vocabulary v WHERE partnership_id IS NULL OR "
                                                "partnership_id = :p2 ORDER BY code");
  bind_all(prepared, soci::into(t.code), soci::into(t.label), soci::into(row.active), soci::into(row.national),
           soci::into(row.retired_here), soci::use(partnership_id), soci::use(partnership_id));
  soci::statement& st = *prepared;
  st.execute();
  while (st.fetch()) {
    apply(row, t.active, t.national, t.retired_nationally);
    v.themes.push_back(t);
  }
  return v;
}

void SqlVocabularyRepository::add_factor(const FactorCode& factor, long long scope, const std::string& actor,
                                         Instant now) {
  guarded("add a modifiable factor", [&] {
    changed_in_transaction_ = true;  // before any write: one that fails part-way counts
    if (taken(statements_, "factor_vocabulary", factor.code, scope))
      throw ConflictError("factor " + factor.code + " exists");
    insert_code(statements_, "factors", factor.code, factor.domain, factor.label, scope, actor, now);
  });
}

void SqlVocabularyRepository::add_theme(const ThemeCode& theme, long long scope, const std::string& actor,
                                        Instant now) {
  guarded("add a learning theme", [&] {
    changed_in_transaction_ = true;  // before any write: one that fails part-way counts
    if (taken(statements_, "theme_vocabulary", theme.code, scope))
      throw ConflictError("theme " + theme.code + " exists");
    insert_code(statements_, "themes", theme.code, "", theme.label, scope, actor, now);
  });
}

bool SqlVocabularyRepository::set_active(const std::string& vocabulary, const std::string& code, bool active,
                                         long long scope, const std::string& actor, Instant now) {
  return guarded("retire or restore a code", [&] {
    changed_in_transaction_ = true;  // before any write: one that fails part-way counts
    const char* table = table_of(vocabulary);
    if (!table) return false;
    int flag = active ? 1 : 0;
    const std::string change = active ? "restored" : "retired";
    // Nationally, or a partnership's own local code: the code's own row.
    long long changed_rows = 0;
    if (scope == kNationalScope) {
      PreparedStatement prepared = statements_.take(std::string("UPDATE ") + table +
                                                    " SET active = :a WHERE code = :c AND partnership_id IS NULL");
      bind_all(prepared, soci::use(flag), soci::use(code));
      soci::statement& st = *prepared;
      st.execute(true);
      changed_rows = st.get_affected_rows();
    } else {
      PreparedStatement prepared =
          statements_.take(std::string("UPDATE ") + table + " SET active = :a WHERE code = :c AND partnership_id = :p");
      bind_all(prepared, soci::use(flag), soci::use(code), soci::use(scope));
      soci::statement& st = *prepared;
      st.execute(true);
      changed_rows = st.get_affected_rows();
    }
    if (changed_rows == 1) {
      record_change(statements_, vocabulary, code, change, scope, actor, now);
      return true;
    }
    if (scope == kNationalScope) return false;
    // A national code, for this partnership alone.
    int national = 0;
    run_kept(statements_, std::string("SELECT COUNT(*) FROM ") + table + " WHERE code = :c AND partnership_id IS NULL",
             soci::use(code), soci::into(national));
    if (national == 0) return false;
    if (active) {
      run_kept(statements_,
               "DELETE FROM vocabulary_retirements WHERE partnership_id = :p AND vocabulary = :v AND code = :c",
               soci::use(scope), soci::use(vocabulary), soci::use(code));
    } else {
      const std::string at = now.iso();
      run_kept(statements_,
               "INSERT INTO vocabulary_retirements (partnership_id, vocabulary, code, retired_by, retired_at) "
               "VALUES (:p, :v, :c, :b, :a) ON CONFLICT DO NOTHING",
               soci::use(scope), soci::use(vocabulary), soci::use(code), soci::use(actor), soci::use(at));
    }
    record_change(statements_, vocabulary, code, change, scope, actor, now);
    return true;
  });
}

}  // namespace casereview::db
