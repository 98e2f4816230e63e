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

// The declarations `where` picks (a condition on d, whose values `bind`
// binds), by reviewer, oldest first.
std::map<long long, std::vector<ConflictDeclaration>> SqlReviewerRepository::declarations_where(
    const std::string& where, const std::function<void(soci::statement&)>& bind) {
  long long reviewer_id = 0;
  ConflictDeclaration d;
  std::string declared_on;
  int rules_out = 0;
  PreparedStatement prepared = statements_.take(
      "SELECT d.reviewer_id, d.id, d.declared_on, d.text, d.rules_out, d.recorded_by "
      "FROM reviewer_declarations d WHERE " +
      where + " ORDER BY d.reviewer_id, d.id");
  soci::statement& st = *prepared;
  st.exchange(soci::into(reviewer_id));
  st.exchange(soci::into(d.id));
  st.exchange(soci::into(declared_on));
  st.exchange(soci::into(d.text));
  st.exchange(soci::into(rules_out));
  st.exchange(soci::into(d.recorded_by));
  bind(st);
  st.define_and_bind();
  std::map<long long, std::vector<ConflictDeclaration>> out;
  st.execute();
  while (st.fetch()) {
    d.declared_on = stored_date(declared_on);
    d.rules_out = rules_out != 0;
    out[reviewer_id].push_back(d);
  }
  return out;
}

// The reviewers `where` picks (a condition on the reviewers table, whose
// values `bind` binds), by name, without their declarations.
std::vector<Reviewer> SqlReviewerRepository::reviewers_where(const std::string& where,
                                                             const std::function<void(soci::statement&)>& bind) {
  Reviewer r;
  int pool = 0, active = 0;
  std::string at;
  PreparedStatement prepared = statements_.take(std::string("SELECT ") + kReviewerColumns + " FROM reviewers WHERE " +
                                                where + " ORDER BY name, id");
  soci::statement& st = *prepared;
  st.exchange(soci::into(r.id));
  st.exchange(soci::into(r.partnership_id));
  st.exchange(soci::into(r.name));
  st.exchange(soci::into(r.organisation));
  st.exchange(soci::into(pool));
  st.exchange(soci::into(active));
  st.exchange(soci::into(r.recorded_by));
  st.exchange(soci::into(at));
  bind(st);
  st.define_and_bind();
  std::vector<Reviewer> out;
  st.execute();
  while (st.fetch()) {
    r.national_pool = pool != 0;
    r.active = active != 0;
    r.recorded_at = stored_instant(at);
    out.push_back(r);
  }
  return out;
}

std::vector<Reviewer> SqlReviewerRepository::list(long long partnership_id) {
  return guarded("list reviewers", [&] {
    const auto by_partnership = [&](soci::statement& st) { st.exchange(soci::use(partnership_id)); };
    std::vector<Reviewer> out = reviewers_where("partnership_id = :p", by_partnership);
    // Every reviewer's declarations in one query, not one a reviewer: the
    // timeline names the partnership's reviewers on every read.
    auto declared =
        declarations_where("d.reviewer_id IN (SELECT id FROM reviewers WHERE partnership_id = :p)", by_partnership);
    for (Reviewer& each : out) each.declarations = std::move(declared[each.id]);
    return out;
  });
}

std::optional<Reviewer> SqlReviewerRepository::find(long long partnership_id, long long reviewer_id) {
  return guarded("find a reviewer", [&]() -> std::optional<Reviewer> {
    std::vector<Reviewer> found = reviewers_where("partnership_id = :p AND id = :r", [&](soci::statement& st) {
      st.exchange(soci::use(partnership_id));
      st.exchange(soci::use(reviewer_id));
    });
    if (found.empty()) return std::nullopt;
    found.front().declarations = std::move(declarations_where(
        "d.reviewer_id = :r", [&](soci::statement& st) { st.exchange(soci::use(reviewer_id)); })[reviewer_id]);
    return found.front();
  });
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
