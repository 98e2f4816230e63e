#include <set>

#include "sql_dialect.h"
#include "sql_errors.h"
#include "sql_repositories.h"
#include "sqlite_native_query.h"

namespace casereview::db {

std::vector<BankHoliday> SqlCalendarRepository::holidays() {
  return guarded("read bank holidays", [&] {
    std::string date, title, notes;
    PreparedStatement prepared = statements_.take("SELECT date, title, notes FROM bank_holidays ORDER BY date");
    bind_all(prepared, soci::into(date), soci::into(title), soci::into(notes));
    soci::statement& st = *prepared;
    std::vector<BankHoliday> out;
    st.execute();
    while (st.fetch()) out.push_back({stored_date(date), title, notes});
    return out;
  });
}

std::optional<CalendarLoad> SqlCalendarRepository::latest_load() {
  return guarded("read the calendar load", [&]() -> std::optional<CalendarLoad> {
    static const std::string sql =
        "SELECT revision, source, loaded_by, loaded_at FROM calendar_loads ORDER BY revision DESC LIMIT 1";
    CalendarLoad load;
    if (!on_postgresql(statements_.session())) {
      // Asked by every request that reads a clock (its calendar's revision):
      // through SOCI, a twentieth of reading a case's clocks (perf).
      SqliteNativeQuery query(statements_, sql, "read the calendar load");
      if (!query.next()) return std::nullopt;
      load.revision = query.integer(0);
      load.source = query.text(1);
      load.loaded_by = query.text(2);
      load.loaded_at = stored_instant(query.text(3));
      return load;
    }
    std::string at;
    PreparedStatement prepared = statements_.take(sql);
    bind_all(prepared, soci::into(load.revision), soci::into(load.source), soci::into(load.loaded_by), soci::into(at));
    soci::statement& st = *prepared;
    if (!st.execute(true)) return std::nullopt;
    load.loaded_at = stored_instant(at);
    return load;
  });
}

void SqlCalendarRepository::replace_years(const std::vector<BankHoliday>& feed, const CalendarLoad& load) {
  guarded("replace bank holidays", [&] {
    std::set<int> years;
    for (const auto& h : feed) years.insert(h.date.year());
    if (years.empty()) throw StorageError("refusing to load an empty bank-holiday list");
    for (int year : years) {
      const std::string from = std::to_string(year) + "-01-01", to = std::to_string(year) + "-12-31";
      run_kept(statements_, "DELETE FROM bank_holidays WHERE date >= :f AND date <= :t", soci::use(from),
               soci::use(to));
    }
    for (const auto& h : feed) {
      const std::string date = h.date.iso();
      run_kept(statements_, "INSERT INTO bank_holidays (date, title, notes) VALUES (:d, :t, :n)", soci::use(date),
               soci::use(h.title), soci::use(h.notes));
    }
    const std::string at = load.loaded_at.iso();
    const int first = *years.begin(), last = *years.rbegin();
    run_kept(statements_,
             "INSERT INTO calendar_loads (source, loaded_by, loaded_at, first_year, last_year) "
             "VALUES (:s, :b, :a, :f, :l)",
             soci::use(load.source), soci::use(load.loaded_by), soci::use(at), soci::use(first), soci::use(last));
  });
}

}  // namespace casereview::db
