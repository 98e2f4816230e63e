#include "sql_errors.h"
#include "sql_repositories.h"

namespace casereview::db {

Partnership SqlPartnershipRepository::add(const std::string& code, const std::string& name) {
  return guarded("add a partnership", [&] {
    if (find_by_code(code)) throw ConflictError("partnership " + code + " exists");
    Partnership p{0, code, name};
    run_kept(statements_, "INSERT INTO partnerships (code, name) VALUES (:c, :n) RETURNING id", soci::use(code),
             soci::use(name), soci::into(p.id));
    return p;
  });
}

std::vector<Partnership> SqlPartnershipRepository::list() {
  return guarded("list partnerships", [&] {
    Partnership p;
    PreparedStatement prepared = statements_.take("SELECT id, code, name FROM partnerships ORDER BY id");
    bind_all(prepared, soci::into(p.id), soci::into(p.code), soci::into(p.name));
    soci::statement& st = *prepared;
    std::vector<Partnership> out;
    st.execute();
    while (st.fetch()) out.push_back(p);
    return out;
  });
}

std::optional<Partnership> SqlPartnershipRepository::find_by_code(const std::string& code) {
  for (Partnership& p : list()) {
    if (p.code == code) return p;
  }
  return std::nullopt;
}

std::vector<std::string> SqlPartnershipRepository::areas(long long partnership_id) {
  return guarded("read partnership areas", [&] {
    std::string area;
    PreparedStatement prepared = statements_.take(
        "SELECT local_authority FROM partnership_areas WHERE partnership_id = :p "
        "ORDER BY local_authority");
    bind_all(prepared, soci::into(area), soci::use(partnership_id));
    soci::statement& st = *prepared;
    std::vector<std::string> out;
    st.execute();
    while (st.fetch()) out.push_back(area);
    return out;
  });
}

void SqlPartnershipRepository::add_area(long long partnership_id, const std::string& local_authority) {
  guarded("add a partnership area", [&] {
    run_kept(statements_,
             "INSERT INTO partnership_areas (partnership_id, local_authority) VALUES (:p, :a) "
             "ON CONFLICT (partnership_id, local_authority) DO NOTHING",
             soci::use(partnership_id), soci::use(local_authority));
  });
}

}  // namespace casereview::db
