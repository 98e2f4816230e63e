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

}  // namespace

void SqlDeadlineRepository::replace_for_case(long long case_id, const std::vector<Clock>& clocks) {
  guarded("store deadlines", [&] {
    run_kept(statements_, "DELETE FROM deadlines WHERE case_id = :c", soci::use(case_id));
    for (const Clock& c : clocks) {
      const std::string unit = unit_name(c.terms.unit), anchor_date = c.anchor.date.iso();
      const std::string pauses = pauses_json(c.pauses);
      NullableText anchor_at(c.anchor.at), met(c.met_on), met_at(c.met_at), ended(c.ended_on);
      NullableText due_date(c.due ? std::optional<Date>(c.due->date) : std::nullopt);
      NullableText due_at(c.due ? c.due->at : std::nullopt);
      const int provisional = c.due && c.due->provisional ? 1 : 0;
      long long remaining = c.remaining.value_or(0);
      soci::indicator remaining_i = c.remaining ? soci::i_ok : soci::i_null;
      run_kept(statements_,
               "INSERT INTO deadlines (case_id, rule_id, amount, unit, anchor_id, anchor_date, anchor_at, "
               "due_date, due_at, provisional, remaining, met_on, met_at, ended_on, pauses) VALUES "
               "(:c, :r, :a, :u, :ai, :ad, :aa, :dd, :da, :p, :rem, :m, :mt, :e, :ps)",
               soci::use(case_id), soci::use(c.rule_id), soci::use(c.terms.amount), soci::use(unit),
               soci::use(c.terms.anchor_id), soci::use(anchor_date), soci::use(anchor_at.text, anchor_at.ind),
               soci::use(due_date.text, due_date.ind), soci::use(due_at.text, due_at.ind), soci::use(provisional),
               soci::use(remaining, remaining_i), soci::use(met.text, met.ind), soci::use(met_at.text, met_at.ind),
               soci::use(ended.text, ended.ind), soci::use(pauses));
    }
  });
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
