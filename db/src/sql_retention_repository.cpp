// Retention periods, legal holds and identity erasures (retention.h).
#include "sql_errors.h"
#include "sql_repositories.h"

namespace casereview::db {

std::vector<RetentionPeriod> SqlRetentionRepository::periods(long long partnership_id) {
  return guarded("read retention periods", [&] {
    RetentionPeriod p;
    std::string at;
    PreparedStatement prepared = statements_.take(
        "SELECT case_kind, years, reason, set_by, set_at FROM retention_periods "
        "WHERE partnership_id = :p ORDER BY case_kind");
    bind_all(prepared, soci::into(p.case_kind), soci::into(p.years), soci::into(p.reason), soci::into(p.set_by),
             soci::into(at), soci::use(partnership_id));
    soci::statement& st = *prepared;
    std::vector<RetentionPeriod> out;
    st.execute();
    while (st.fetch()) {
      p.is_default = false;
      p.set_at = stored_instant(at);
      out.push_back(p);
    }
    return out;
  });
}

void SqlRetentionRepository::set_period(long long partnership_id, const RetentionPeriod& period) {
  guarded("set a retention period", [&] {
    const std::string at = period.set_at.value_or(Instant::now()).iso();
    run_kept(statements_,
             "INSERT INTO retention_periods (partnership_id, case_kind, years, reason, set_by, set_at) "
             "VALUES (:p, :k, :y, :r, :b, :a) ON CONFLICT (partnership_id, case_kind) DO UPDATE SET "
             "years = excluded.years, reason = excluded.reason, set_by = excluded.set_by, set_at = excluded.set_at",
             soci::use(partnership_id), soci::use(period.case_kind), soci::use(period.years), soci::use(period.reason),
             soci::use(period.set_by), soci::use(at));
  });
}

void SqlRetentionRepository::for_each_closed_case(long long partnership_id,
                                                  const std::vector<std::pair<std::string, std::string>>& closed_states,
                                                  const std::function<void(const CaseForRetention&)>& visit) {
  guarded("list closed cases", [&] {
    if (closed_states.empty()) return;
    std::string which;
    for (std::size_t i = 0; i < closed_states.size(); ++i) {
      which += std::string(i ? " OR " : "") + "(c.kind = :k" + std::to_string(i) + " AND c.state = :s" +
               std::to_string(i) + ")";
    }
    CaseForRetention row;
    std::string last, hold_reason, hold_by, hold_at, pseudonym, erasure_reason, erased_by, erased_at;
    int has_identity = 0, documents_erased = 0;
    // The columns of the two outer joins are NULL without a hold or an erasure.
    soci::indicator hold_i{}, hold_by_i{}, hold_at_i{}, erasure_i{}, reason_i{}, documents_i{}, by_i{}, at_i{};
    PreparedStatement prepared = statements_.take(
        "SELECT c.id, c.reference, c.kind, c.state, "
        "COALESCE(c.last_step_on, c.opened_on), "
        "(SELECT COUNT(*) FROM case_subjects s WHERE s.case_id = c.id), "
        "h.reason, h.placed_by, h.placed_at, x.pseudonym, x.reason, x.documents_erased, x.erased_by, x.erased_at "
        "FROM cases c LEFT JOIN legal_holds h ON h.case_id = c.id LEFT JOIN identity_erasures x ON x.case_id = c.id "
        "WHERE c.partnership_id = :p AND (" +
        which + ") ORDER BY 5, c.id");
    soci::statement& st = *prepared;
    st.exchange(soci::into(row.case_id));
    st.exchange(soci::into(row.reference));
    st.exchange(soci::into(row.kind));
    st.exchange(soci::into(row.state));
    st.exchange(soci::into(last));
    st.exchange(soci::into(has_identity));
    st.exchange(soci::into(hold_reason, hold_i));
    st.exchange(soci::into(hold_by, hold_by_i));
    st.exchange(soci::into(hold_at, hold_at_i));
    st.exchange(soci::into(pseudonym, erasure_i));
    st.exchange(soci::into(erasure_reason, reason_i));
    st.exchange(soci::into(documents_erased, documents_i));
    st.exchange(soci::into(erased_by, by_i));
    st.exchange(soci::into(erased_at, at_i));
    st.exchange(soci::use(partnership_id));
    for (const auto& [kind, state] : closed_states) {
      st.exchange(soci::use(kind));
      st.exchange(soci::use(state));
    }
    st.define_and_bind();
    st.execute();
    while (st.fetch()) {
      CaseForRetention c = row;
      c.last_recorded = stored_date(last);
      c.has_identity = has_identity > 0;
      if (hold_i == soci::i_ok) c.hold = LegalHold{c.case_id, hold_reason, hold_by, stored_instant(hold_at)};
      if (erasure_i == soci::i_ok) {
        c.erasure = IdentityErasure{c.case_id,        pseudonym, erasure_reason,
                                    documents_erased, erased_by, stored_instant(erased_at)};
      }
      visit(c);
    }
  });
}

std::optional<LegalHold> SqlRetentionRepository::hold(long long case_id) {
  return guarded("read a legal hold", [&]() -> std::optional<LegalHold> {
    LegalHold h;
    std::string at;
    const bool got = run_kept(statements_, "SELECT reason, placed_by, placed_at FROM legal_holds WHERE case_id = :c",
                              soci::use(case_id), soci::into(h.reason), soci::into(h.placed_by), soci::into(at));
    if (!got) return std::nullopt;
    h.case_id = case_id;
    h.placed_at = stored_instant(at);
    return h;
  });
}

void SqlRetentionRepository::place_hold(const LegalHold& hold) {
  guarded("place a legal hold", [&] {
    const std::string at = hold.placed_at.iso();
    run_kept(statements_,
             "INSERT INTO legal_holds (case_id, reason, placed_by, placed_at) VALUES (:c, :r, :b, :a) "
             "ON CONFLICT (case_id) DO UPDATE SET reason = excluded.reason, placed_by = excluded.placed_by, "
             "placed_at = excluded.placed_at",
             soci::use(hold.case_id), soci::use(hold.reason), soci::use(hold.placed_by), soci::use(at));
  });
}

bool SqlRetentionRepository::lift_hold(long long case_id) {
  return guarded("lift a legal hold", [&] {
    PreparedStatement prepared = statements_.take("DELETE FROM legal_holds WHERE case_id = :c");
    bind_all(prepared, soci::use(case_id));
    soci::statement& st = *prepared;
    st.execute(true);
    return st.get_affected_rows() == 1;
  });
}

std::optional<IdentityErasure> SqlRetentionRepository::erasure(long long case_id) {
  return guarded("read an erasure", [&]() -> std::optional<IdentityErasure> {
    IdentityErasure x;
    std::string at;
    const bool got = run_kept(statements_,
                              "SELECT pseudonym, reason, documents_erased, erased_by, erased_at FROM identity_erasures "
                              "WHERE case_id = :c",
                              soci::use(case_id), soci::into(x.pseudonym), soci::into(x.reason),
                              soci::into(x.documents_erased), soci::into(x.erased_by), soci::into(at));
    if (!got) return std::nullopt;
    x.case_id = case_id;
    x.erased_at = stored_instant(at);
    return x;
  });
}

void SqlRetentionRepository::record_erasure(const IdentityErasure& x) {
  guarded("record an erasure", [&] {
    int already = 0;
    run_kept(statements_, "SELECT COUNT(*) FROM identity_erasures WHERE case_id = :c", soci::use(x.case_id),
             soci::into(already));
    if (already) throw ConflictError("the identity of case " + std::to_string(x.case_id) + " was erased already");
    const std::string at = x.erased_at.iso();
    run_kept(statements_,
             "INSERT INTO identity_erasures (case_id, pseudonym, reason, documents_erased, erased_by, erased_at) "
             "VALUES (:c, :p, :r, :d, :b, :a)",
             soci::use(x.case_id), soci::use(x.pseudonym), soci::use(x.reason), soci::use(x.documents_erased),
             soci::use(x.erased_by), soci::use(at));
  });
}

}  // namespace casereview::db
