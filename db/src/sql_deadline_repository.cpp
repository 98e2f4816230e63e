#include <map>
#include <utility>

#include "case_filter_clause.h"
#include "casereview/engine/json.h"
#include "sql_errors.h"
#include "sql_repositories.h"

namespace casereview::db {
namespace {

std::string pauses_json(const std::vector<Pause>& pauses) {
  Json list = Json::array();
  for (const Pause& p : pauses) {
    Json item = Json::object();
    item.set("from", p.from.iso());
    item.set("to", p.to ? Json(p.to->iso()) : Json());
    item.set("reason", p.reason);
    list.push(std::move(item));
  }
  return list.canonical();
}

std::vector<Pause> pauses_from_json(const std::string& text) {
  std::vector<Pause> out;
  const Json list = Json::parse(text);
  for (const Json& item : list.items()) {
    Pause p;
    p.from = stored_date(item["from"].as_string());
    if (item["to"].is_string()) p.to = stored_date(item["to"].as_string());
    p.reason = item["reason"].is_string() ? item["reason"].as_string() : "";
    out.push_back(std::move(p));
  }
  return out;
}

// One row of `deadlines` as read, with an indicator per nullable column.
struct ClockRow {
  long long case_id = 0;
  std::string rule_id, unit, anchor_id, anchor_date, anchor_at, due_date, due_at, met_on, met_at, ended_on, pauses;
  int amount = 0, provisional = 0;
  long long remaining = 0;
  soci::indicator anchor_at_i{}, due_date_i{}, due_at_i{}, remaining_i{}, met_on_i{}, met_at_i{}, ended_on_i{};

  // Every one of them is in the index of open clocks (migrations 0020, 0021),
  // so that the reads of all open clocks stay in it.
  static constexpr const char* kColumns =
      "d.case_id, d.rule_id, d.amount, d.unit, d.anchor_id, d.anchor_date, d.anchor_at, d.due_date, "
      "d.due_at, d.provisional, d.remaining, d.met_on, d.met_at, d.ended_on, d.pauses";

  void bind(soci::statement& st) {
    st.exchange(soci::into(case_id));
    st.exchange(soci::into(rule_id));
    st.exchange(soci::into(amount));
    st.exchange(soci::into(unit));
    st.exchange(soci::into(anchor_id));
    st.exchange(soci::into(anchor_date));
    st.exchange(soci::into(anchor_at, anchor_at_i));
    st.exchange(soci::into(due_date, due_date_i));
    st.exchange(soci::into(due_at, due_at_i));
    st.exchange(soci::into(provisional));
    st.exchange(soci::into(remaining, remaining_i));
    st.exchange(soci::into(met_on, met_on_i));
    st.exchange(soci::into(met_at, met_at_i));
    st.exchange(soci::into(ended_on, ended_on_i));
    st.exchange(soci::into(pauses));
  }

  // `c` as its row stores it.
  static ClockRow of(long long case_id, const Clock& c) {
    ClockRow row;
    row.case_id = case_id;
    row.rule_id = c.rule_id;
    row.amount = c.terms.amount;
    row.unit = unit_name(c.terms.unit);
    row.anchor_id = c.terms.anchor_id;
    row.anchor_date = c.anchor.date.iso();
    set_column(row.anchor_at, row.anchor_at_i, NullableText(c.anchor.at));
    set_column(row.due_date, row.due_date_i, NullableText(c.due ? std::optional<Date>(c.due->date) : std::nullopt));
    set_column(row.due_at, row.due_at_i, NullableText(c.due ? c.due->at : std::nullopt));
    row.provisional = c.due && c.due->provisional ? 1 : 0;
    row.remaining = c.remaining.value_or(0);
    row.remaining_i = c.remaining ? soci::i_ok : soci::i_null;
    set_column(row.met_on, row.met_on_i, NullableText(c.met_on));
    set_column(row.met_at, row.met_at_i, NullableText(c.met_at));
    set_column(row.ended_on, row.ended_on_i, NullableText(c.ended_on));
    row.pauses = pauses_json(c.pauses);
    return row;
  }

  // Whether the two rows (of one case) hold the same in every column.
  bool same_as(const ClockRow& o) const {
    return rule_id == o.rule_id && amount == o.amount && unit == o.unit && anchor_id == o.anchor_id &&
           anchor_date == o.anchor_date && same_column(anchor_at, anchor_at_i, o.anchor_at, o.anchor_at_i) &&
           same_column(due_date, due_date_i, o.due_date, o.due_date_i) &&
           same_column(due_at, due_at_i, o.due_at, o.due_at_i) && provisional == o.provisional &&
           (remaining_i == soci::i_null) == (o.remaining_i == soci::i_null) &&
           (remaining_i == soci::i_null || remaining == o.remaining) &&
           same_column(met_on, met_on_i, o.met_on, o.met_on_i) && same_column(met_at, met_at_i, o.met_at, o.met_at_i) &&
           same_column(ended_on, ended_on_i, o.ended_on, o.ended_on_i) && pauses == o.pauses;
  }

  Clock clock() const {
    Clock c;
    c.rule_id = rule_id;
    const auto parsed_unit = unit_from_name(unit);
    if (!parsed_unit) throw StorageError("stored deadline has unknown unit \"" + unit + "\"");
    c.terms = RuleTerms{amount, *parsed_unit, anchor_id};
    c.anchor.date = stored_date(anchor_date);
    if (anchor_at_i == soci::i_ok) c.anchor.at = stored_instant(anchor_at);
    if (due_date_i == soci::i_ok) {
      DueDate due{stored_date(due_date), std::nullopt, provisional != 0};
      if (due_at_i == soci::i_ok) due.at = stored_instant(due_at);
      c.due = due;
    }
    if (remaining_i == soci::i_ok) c.remaining = static_cast<long>(remaining);
    if (met_on_i == soci::i_ok) c.met_on = stored_date(met_on);
    if (met_at_i == soci::i_ok) c.met_at = stored_instant(met_at);
    if (ended_on_i == soci::i_ok) c.ended_on = stored_date(ended_on);
    c.pauses = pauses_from_json(pauses);
    return c;
  }
};

// A case's clocks as stored, by rule; with each, whether its time met is marked
// unknown (migration 0021), which a row written again clears.
std::map<std::string, std::pair<ClockRow, bool>> stored_clocks(StatementCache& statements, long long case_id) {
  ClockRow row;
  int met_at_unknown = 0;
  PreparedStatement prepared = statements.take(std::string("SELECT ") + ClockRow::kColumns +
                                               ", d.met_at_unknown FROM deadlines d WHERE d.case_id = :c");
  soci::statement& st = *prepared;
  row.bind(st);
  st.exchange(soci::into(met_at_unknown));
  st.exchange(soci::use(case_id));
  st.define_and_bind();
  std::map<std::string, std::pair<ClockRow, bool>> out;
  st.execute();
  while (st.fetch()) out.emplace(row.rule_id, std::make_pair(row, met_at_unknown != 0));
  return out;
}

// Writes only the clocks that differ from `before` (what is stored of the
// case), adds the new ones and drops those no longer projected: each step
// projects every clock of its case again, and most are as they were (each
// agency asked has one). The rows end as a deletion of them all and a writing
// of `clocks` would leave them.
void store_clocks(StatementCache& statements, long long case_id, const std::vector<Clock>& clocks,
                  std::map<std::string, std::pair<ClockRow, bool>> before) {
  std::vector<ClockRow> rows;
  rows.reserve(clocks.size());
  for (const Clock& c : clocks) rows.push_back(ClockRow::of(case_id, c));
  write_what_changed(
      std::move(before), rows, [](const ClockRow& r) { return r.rule_id; },
      [](const std::pair<ClockRow, bool>& stored, const ClockRow& r) {
        return stored.first.same_as(r) && !stored.second;
      },
      [&](ClockRow& r, bool stored) {
        const char* sql = stored ? "UPDATE deadlines SET amount = :a, unit = :u, anchor_id = :ai, anchor_date = :ad, "
                                   "anchor_at = :aa, due_date = :dd, due_at = :da, provisional = :p, remaining = :rem, "
                                   "met_on = :m, met_at = :mt, ended_on = :e, pauses = :ps, met_at_unknown = 0 "
                                   "WHERE case_id = :c AND rule_id = :r"
                                 : "INSERT INTO deadlines (amount, unit, anchor_id, anchor_date, anchor_at, due_date, "
                                   "due_at, provisional, remaining, met_on, met_at, ended_on, pauses, case_id, "
                                   "rule_id) VALUES (:a, :u, :ai, :ad, :aa, :dd, :da, :p, :rem, :m, :mt, :e, :ps, :c, "
                                   ":r)";
        run_kept(statements, sql, soci::use(r.amount), soci::use(r.unit), soci::use(r.anchor_id),
                 soci::use(r.anchor_date), soci::use(r.anchor_at, r.anchor_at_i), soci::use(r.due_date, r.due_date_i),
                 soci::use(r.due_at, r.due_at_i), soci::use(r.provisional), soci::use(r.remaining, r.remaining_i),
                 soci::use(r.met_on, r.met_on_i), soci::use(r.met_at, r.met_at_i), soci::use(r.ended_on, r.ended_on_i),
                 soci::use(r.pauses), soci::use(case_id), soci::use(r.rule_id));
      },
      [&](const std::string& rule_id) {
        run_kept(statements, "DELETE FROM deadlines WHERE case_id = :c AND rule_id = :r", soci::use(case_id),
                 soci::use(rule_id));
      });
}

}  // namespace

void SqlDeadlineRepository::replace_for_case(long long case_id, const std::vector<Clock>& clocks) {
  guarded("store deadlines", [&] { store_clocks(statements_, case_id, clocks, stored_clocks(statements_, case_id)); });
}

void SqlDeadlineRepository::store_for_new_case(long long case_id, const std::vector<Clock>& clocks) {
  guarded("store deadlines", [&] { store_clocks(statements_, case_id, clocks, {}); });
}

std::vector<Clock> SqlDeadlineRepository::for_case(long long case_id) {
  return guarded("read deadlines", [&] {
    ClockRow row;
    PreparedStatement prepared = statements_.take(std::string("SELECT ") + ClockRow::kColumns +
                                                  " FROM deadlines d WHERE d.case_id = :c ORDER BY d.rule_id");
    soci::statement& st = *prepared;
    row.bind(st);
    st.exchange(soci::use(case_id));
    st.define_and_bind();
    std::vector<Clock> out;
    st.execute();
    while (st.fetch()) out.push_back(row.clock());
    return out;
  });
}

std::map<long long, std::vector<Clock>> SqlDeadlineRepository::for_cases(const CaseFilter& cases) {
  return guarded("read deadlines across cases", [&] {
    const CaseFilterClause clause(cases, statements_.session());
    ClockRow row;
    PreparedStatement prepared = statements_.take(std::string("SELECT ") + ClockRow::kColumns +
                                                  " FROM deadlines d JOIN cases c ON c.id = d.case_id" +
                                                  clause.where() + " ORDER BY d.case_id, d.rule_id");
    soci::statement& st = *prepared;
    row.bind(st);
    clause.bind(st);
    st.define_and_bind();
    std::map<long long, std::vector<Clock>> out;
    st.execute();
    while (st.fetch()) out[row.case_id].push_back(row.clock());
    return out;
  });
}

std::vector<CaseClock> SqlDeadlineRepository::open_clocks(long long partnership_id) {
  return guarded("list open deadlines", [&] {
    ClockRow row;
    std::string reference, kind, state;
    PreparedStatement prepared = statements_.take(
        std::string("SELECT ") + ClockRow::kColumns +
        ", c.reference, c.kind, c.state FROM deadlines d CROSS JOIN cases c "
        // The open clocks through their partial index, then each one's case
        // (db/README.md, *Join order*).
        "WHERE c.id = d.case_id AND c.partnership_id = :p AND d.met_on IS NULL AND d.ended_on IS NULL "
        "ORDER BY d.due_date IS NULL, d.due_date, d.due_at IS NOT NULL, d.due_at, c.reference, d.rule_id");
    soci::statement& st = *prepared;
    row.bind(st);
    st.exchange(soci::into(reference));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(state));
    st.exchange(soci::use(partnership_id));
    st.define_and_bind();
    std::vector<CaseClock> out;
    st.execute();
    while (st.fetch()) out.push_back(CaseClock{row.case_id, reference, kind, state, row.clock()});
    return out;
  });
}

std::vector<long long> SqlDeadlineRepository::cases_with_open_clocks() {
  return guarded("list cases with open deadlines", [&] {
    long long id = 0;
    std::vector<long long> out;
    PreparedStatement prepared = statements_.take(
        "SELECT DISTINCT case_id FROM deadlines "
        "WHERE met_on IS NULL AND ended_on IS NULL ORDER BY case_id");
    bind_all(prepared, soci::into(id));
    soci::statement& st = *prepared;
    st.execute();
    while (st.fetch()) out.push_back(id);
    return out;
  });
}

std::vector<long long> SqlDeadlineRepository::cases_stored_without_met_times() {
  return guarded("list cases with clocks stored without the time they were met", [&] {
    long long id = 0;
    std::vector<long long> out;
    PreparedStatement prepared =
        statements_.take("SELECT DISTINCT case_id FROM deadlines WHERE met_at_unknown = 1 ORDER BY case_id");
    bind_all(prepared, soci::into(id));
    soci::statement& st = *prepared;
    st.execute();
    while (st.fetch()) out.push_back(id);
    return out;
  });
}

void SqlDeadlineRepository::fill_met_times(long long case_id, const std::vector<Clock>& clocks) {
  guarded("store the times clocks were met", [&] {
    for (const Clock& c : clocks) {
      if (!c.met_on || !c.met_at) continue;
      const std::string met_on = c.met_on->iso(), met_at = c.met_at->iso();
      run_kept(statements_,
               "UPDATE deadlines SET met_at = :t, met_at_unknown = 0 "
               "WHERE case_id = :c AND rule_id = :r AND met_on = :m AND met_at_unknown = 1",
               soci::use(met_at), soci::use(case_id), soci::use(c.rule_id), soci::use(met_on));
    }
    run_kept(statements_, "UPDATE deadlines SET met_at_unknown = 0 WHERE case_id = :c AND met_at_unknown = 1",
             soci::use(case_id));
  });
}

}  // namespace casereview::db
