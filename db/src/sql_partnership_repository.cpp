#include "sql_repositories.h"
#include "sqlite_connection.h"

namespace casereview::db {

std::vector<std::string> SqlPartnershipRepository::areas(long long partnership_id) {
  return guarded("read partnership areas", [&] {
    std::string area;
    soci::statement st = (sql_.prepare << "SELECT local_authority FROM partnership_areas WHERE partnership_id = :p "
                                          "ORDER BY local_authority",
                          soci::into(area), soci::use(partnership_id));
    std::vector<std::string> out;
    st.execute();
    while (st.fetch()) out.push_back(area);
    return out;
  });
}

void SqlPartnershipRepository::add_area(long long partnership_id, const std::string& local_authority) {
  guarded("add a partnership area", [&] {
    sql_ << "INSERT INTO partnership_areas (partnership_id, local_authority) VALUES (:p, :a) "
            "ON CONFLICT (partnership_id, local_authority) DO NOTHING",
        soci::use(partnership_id), soci::use(local_authority);
  });
}

}  // namespace casereview::db
