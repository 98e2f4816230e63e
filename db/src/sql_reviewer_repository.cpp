#include "sql_errors.h"
#include "sql_repositories.h"

namespace casereview::db {
namespace {

constexpr const char* kReviewerColumns =
    "id, partnership_id, name, organisation, national_pool, active, recorded_by, recorded_at";

}  // namespace

Reviewer SqlReviewerRepository::add(const Reviewer& reviewer) {
  return guarded("add a reviewer", [&] {
    Reviewer stored = reviewer;
    const int pool = reviewer.national_pool ? 1 : 0, active = reviewer.active ? 1 : 0;
    const std::string at = reviewer.recorded_at.iso();
    run_kept(statements_,
             "INSERT INTO reviewers (partnership_id, name, organisation, national_pool, active, recorded_by, "
             "recorded_at) VALUES (:p, :n, :o, :np, :a, :b, :t) RETURNING id",
             soci::use(reviewer.partnership_id), soci::use(reviewer.name), soci::use(reviewer.organisation),
             soci::use(pool), soci::use(active), soci::use(reviewer.recorded_by), soci::use(at), soci::into(stored.id));
    stored.declarations.clear();
    return stored;
  });
}

std::vector<ConflictDeclaration> SqlReviewerRepository::declarations(long long reviewer_id) {
  ConflictDeclaration d;
  std::string declared_on;
  int rules_out = 0;
  PreparedStatement prepared = statements_.take(
      "SELECT id, declared_on, text, rules_out, recorded_by "
      "FROM reviewer_declarations WHERE reviewer_id = :r ORDER BY id");
  bind_all(prepared, soci::into(d.id), soci::into(declared_on), soci::into(d.text), soci::into(rules_out),
           soci::into(d.recorded_by), soci::use(reviewer_id));
  soci::statement& st = *prepared;
  std::vector<ConflictDeclaration> out;
  st.execute();
  while (st.fetch()) {
    d.declared_on = stored_date(declared_on);
    d.rules_out = rules_out != 0;
    out.push_back(d);
  }
  return out;
}

std::vector<Reviewer> SqlReviewerRepository::list(long long partnership_id) {
  return guarded("list reviewers", [&] {
    Reviewer r;
    int pool = 0, active = 0;
    std::string at;
    PreparedStatement prepared = statements_.take(std::string("SELECT ") + kReviewerColumns +
                                                  " FROM reviewers WHERE partnership_id = :p ORDER BY name, id");
    bind_all(prepared, soci::into(r.id), soci::into(r.partnership_id), soci::into(r.name), soci::into(r.organisation),
             soci::into(pool), soci::into(active), soci::into(r.recorded_by), soci::into(at),
             soci::use(partnership_id));
    soci::statement& st = *prepared;
    std::vector<Reviewer> out;
    st.execute();
    while (st.fetch()) {
      r.national_pool = pool != 0;
      r.active = active != 0;
      r.recorded_at = stored_instant(at);
      out.push_back(r);
    }
    for (Reviewer& each : out) each.declarations = declarations(each.id);
    return out;
  });
}

std::optional<Reviewer> SqlReviewerRepository::find(long long partnership_id, long long reviewer_id) {
  for (Reviewer& r : list(partnership_id)) {
    if (r.id == reviewer_id) return r;
  }
  return std::nullopt;
}

std::optional<ConflictDeclaration> SqlReviewerRepository::declare(long long partnership_id, long long reviewer_id,
                                                                  const ConflictDeclaration& declaration) {
  return guarded("record a declaration", [&]() -> std::optional<ConflictDeclaration> {
    int count = 0;
    run_kept(statements_, "SELECT COUNT(*) FROM reviewers WHERE id = :r AND partnership_id = :p",
             soci::use(reviewer_id), soci::use(partnership_id), soci::into(count));
    if (count == 0) return std::nullopt;
    ConflictDeclaration stored = declaration;
    const std::string on = declaration.declared_on.iso(), at = Instant::now().iso();
    const int rules_out = declaration.rules_out ? 1 : 0;
    run_kept(statements_,
             "INSERT INTO reviewer_declarations (reviewer_id, declared_on, text, rules_out, recorded_by, "
             "recorded_at) VALUES (:r, :d, :t, :o, :b, :a) RETURNING id",
             soci::use(reviewer_id), soci::use(on), soci::use(declaration.text), soci::use(rules_out),
             soci::use(declaration.recorded_by), soci::use(at), soci::into(stored.id));
    return stored;
  });
}

}  // namespace casereview::db
