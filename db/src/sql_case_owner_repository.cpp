// Case owners (case_owner.h): one row per case that has an owner, the person's
// username and name read from their account.
#include "sql_errors.h"
#include "sql_repositories.h"

namespace casereview::db {
namespace {

constexpr const char* kOwnerColumns =
    "SELECT o.case_id, o.user_id, u.username, u.display_name, o.assigned_by, o.assigned_at "
    "FROM case_owners o JOIN users u ON u.id = o.user_id ";

}  // namespace

std::optional<CaseOwner> SqlCaseOwnerRepository::find(long long case_id) {
  return guarded("read a case owner", [&]() -> std::optional<CaseOwner> {
    CaseOwner o;
    std::string at;
    const bool got = run_kept(statements_, std::string(kOwnerColumns) + "WHERE o.case_id = :c", soci::use(case_id),
                              soci::into(o.case_id), soci::into(o.user_id), soci::into(o.username),
                              soci::into(o.display_name), soci::into(o.assigned_by), soci::into(at));
    if (!got) return std::nullopt;
    o.assigned_at = stored_instant(at);
    return o;
  });
}

std::map<long long, CaseOwner> SqlCaseOwnerRepository::of_partnership(long long partnership_id) {
  return guarded("list case owners", [&] {
    CaseOwner o;
    std::string at;
    PreparedStatement prepared = statements_.take(
        // The owners first, then each one's case (db/README.md, *Join order*).
        std::string(kOwnerColumns) +
        "CROSS JOIN cases c WHERE c.id = o.case_id AND c.partnership_id = :p ORDER BY o.case_id");
    bind_all(prepared, soci::into(o.case_id), soci::into(o.user_id), soci::into(o.username), soci::into(o.display_name),
             soci::into(o.assigned_by), soci::into(at), soci::use(partnership_id));
    soci::statement& st = *prepared;
    std::map<long long, CaseOwner> out;
    st.execute();
    while (st.fetch()) {
      o.assigned_at = stored_instant(at);
      out[o.case_id] = o;
    }
    return out;
  });
}

void SqlCaseOwnerRepository::assign(const CaseOwner& owner) {
  guarded("assign a case owner", [&] {
    const std::string at = owner.assigned_at.iso();
    run_kept(statements_,
             "INSERT INTO case_owners (case_id, user_id, assigned_by, assigned_at) VALUES (:c, :u, :b, :a) "
             "ON CONFLICT (case_id) DO UPDATE SET user_id = excluded.user_id, assigned_by = excluded.assigned_by, "
             "assigned_at = excluded.assigned_at",
             soci::use(owner.case_id), soci::use(owner.user_id), soci::use(owner.assigned_by), soci::use(at));
  });
}

bool SqlCaseOwnerRepository::remove(long long case_id) {
  return guarded("remove a case owner", [&] {
    PreparedStatement prepared = statements_.take("DELETE FROM case_owners WHERE case_id = :c");
    bind_all(prepared, soci::use(case_id));
    soci::statement& st = *prepared;
    st.execute(true);
    return st.get_affected_rows() == 1;
  });
}

}  // namespace casereview::db
