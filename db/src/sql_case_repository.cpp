#include <algorithm>
#include <cstdio>
#include <string_view>

#include "case_filter_clause.h"
#include "casereview/engine/case_owner.h"
#include "casereview/engine/retention.h"
#include "sql_dialect.h"
#include "sql_errors.h"
#include "sql_repositories.h"
#include "sqlite_native_query.h"

namespace casereview::db {

Date stored_date(std::string_view text) {
  auto d = Date::parse(text);
  if (!d) throw StorageError("stored date is not valid: \"" + std::string(text) + "\"");
  return *d;
}

std::optional<Date> stored_optional_date(const std::string& text, soci::indicator indicator) {
  if (indicator != soci::i_ok) return std::nullopt;
  return stored_date(text);
}

Instant stored_instant(std::string_view text) {
  auto t = Instant::parse(text);
  if (!t) throw StorageError("stored time is not valid: \"" + std::string(text) + "\"");
  return *t;
}

namespace {

// The columns of an event, in the order SqlCaseRepository::select_events reads them.
constexpr const char* kEventColumns =
    "e.case_id, e.seq, e.type, e.actor, e.recorded_at, e.effective_date, e.payload, e.prev_hash, e.hash";

// The columns a report counts by (all_matching_brief), in the order
// BriefCaseRow binds them; kCaseColumns begins with them. Migration 0023's
// index holds each of them: a column added here must be added to it (a new
// migration), or each case counted is read from the table again.
constexpr const char* kBriefCaseColumns =
    "id, reference, kind, partnership_id, state, version, opened_on, parent_case_id";
// Every column of `cases`, in the order CaseRow binds them.
constexpr const char* kCaseColumns =
    "id, reference, kind, partnership_id, state, version, opened_on, parent_case_id, head_hash, created_at, "
    "updated_at, summary, relation, outcome";
static_assert(std::string_view(kCaseColumns).substr(0, std::string_view(kBriefCaseColumns).size()) ==
              std::string_view(kBriefCaseColumns));

struct BriefCaseRow {
  long long id = 0, partnership_id = 0, version = 0, parent_case_id = 0;
  std::string reference, kind, state, opened_on;
  soci::indicator parent_i{};

  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(reference));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(partnership_id));
    st.exchange(soci::into(state));
    st.exchange(soci::into(version));
    st.exchange(soci::into(opened_on));
    st.exchange(soci::into(parent_case_id, parent_i));
  }

  // Copied: the row's texts keep their buffers for the next fetch.
  CaseRecord record() const {
    CaseRecord r;
    r.id = id;
    r.reference = reference;
    r.kind = kind;
    r.partnership_id = partnership_id;
    r.state = state;
    r.version = version;
    r.opened_on = stored_date(opened_on);
    r.parent_case_id = parent_i == soci::i_ok ? parent_case_id : 0;
    return r;
  }
};

// The same record from a row of kBriefCaseColumns read by SqliteNativeQuery,
// written into `r`, a new record in place (moved there instead, the move of
// its dozen texts was 2% of the ten-year CDOP report).
void read_brief_record(const SqliteNativeQuery& row, CaseRecord& r) {
  r.id = row.integer(0);
  r.reference = row.text(1);
  r.kind = row.text(2);
  r.partnership_id = row.integer(3);
  r.state = row.text(4);
  r.version = row.integer(5);
  r.opened_on = stored_date(row.text(6));
  r.parent_case_id = row.null(7) ? 0 : row.integer(7);
}

// The same from a row of kCaseColumns.
void read_case_record(const SqliteNativeQuery& row, CaseRecord& r) {
  read_brief_record(row, r);
  r.head_hash = row.text(8);
  r.created_at = stored_instant(row.text(9));
  r.updated_at = stored_instant(row.text(10));
  r.summary = row.text(11);
  r.relation = row.text(12);
  r.outcome = row.text(13);
}

// An event from a row of kEventColumns read by SqliteNativeQuery.
void read_event(const SqliteNativeQuery& row, Event& e) {
  e.case_id = row.integer(0);
  e.seq = row.integer(1);
  e.type = row.text(2);
  e.actor = row.text(3);
  e.recorded_at = stored_instant(row.text(4));
  e.effective_date = stored_date(row.text(5));
  e.payload = row.text(6);
  e.prev_hash = row.text(7);
  e.hash = row.text(8);
}

struct CaseRow : BriefCaseRow {
  std::string head_hash, created_at, updated_at, summary, relation, outcome;

  void bind(soci::statement& st) {
    BriefCaseRow::bind(st);
    st.exchange(soci::into(head_hash));
    st.exchange(soci::into(created_at));
    st.exchange(soci::into(updated_at));
    st.exchange(soci::into(summary));
    st.exchange(soci::into(relation));
    st.exchange(soci::into(outcome));
  }

  // The row as a record; the texts past the brief ones move out, which is
  // safe because every text column is NOT NULL: the next fetch fills each
  // one again.
  CaseRecord take_record() {
    CaseRecord r = record();
    r.head_hash = std::move(head_hash);
    r.created_at = stored_instant(created_at);
    r.updated_at = stored_instant(updated_at);
    r.summary = std::move(summary);
    r.relation = std::move(relation);
    r.outcome = std::move(outcome);
    return r;
  }

  // Runs `sql` (selecting kCaseColumns) with `bind_parameters` and returns every row.
  template <class Bind>
  static std::vector<CaseRecord> fetch_all(StatementCache& statements, const std::string& sql, Bind bind_parameters) {
    CaseRow row;
    PreparedStatement prepared = statements.take(sql);
    soci::statement& st = *prepared;
    row.bind(st);
    bind_parameters(st);
    st.define_and_bind();
    std::vector<CaseRecord> out;
    st.execute();
    while (st.fetch()) out.push_back(row.take_record());
    return out;
  }
};

// How many cases `where` (one of `clause`'s, with its placeholders) picks.
long long cases_counted(StatementCache& statements, const CaseFilterClause& clause, const std::string& where) {
  long long n = 0;
  PreparedStatement prepared = statements.take("SELECT COUNT(*) FROM cases c" + where);
  soci::statement& st = *prepared;
  st.exchange(soci::into(n));
  clause.bind(st);
  st.define_and_bind();
  st.execute(true);
  return n;
}

// `cases` by id. Ten years' cases are tens of thousands of records of a dozen
// texts each: a sort of the records themselves spent most of its time moving
// them, so the ids are sorted and each record is then moved about once, in
// place along the cycles of that order: moved into a second vector instead,
// the second held 22 MB more at the peak of two ten-year CDOP reports drawn
// together (heaptrack).
std::vector<CaseRecord> in_id_order(std::vector<CaseRecord> cases) {
  const auto by_id = [](const CaseRecord& a, const CaseRecord& b) { return a.id < b.id; };
  if (std::is_sorted(cases.begin(), cases.end(), by_id)) return cases;
  std::vector<std::pair<long long, std::size_t>> order;  // (id, where that case is now)
  order.reserve(cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) order.emplace_back(cases[i].id, i);
  std::sort(order.begin(), order.end());
  // Slot i takes the case at order[i].second; a slot done points at itself.
  for (std::size_t start = 0; start < cases.size(); ++start) {
    if (order[start].second == start) continue;
    CaseRecord first = std::move(cases[start]);
    std::size_t slot = start;
    while (order[slot].second != start) {
      const std::size_t from = order[slot].second;
      cases[slot] = std::move(cases[from]);
      order[slot].second = slot;
      slot = from;
    }
    cases[slot] = std::move(first);
    order[slot].second = slot;
  }
  return cases;
}

std::string format_reference(const std::string& prefix, int year, long long number) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s-%04d-%04lld", prefix.c_str(), year, number);
  return buf;
}

}  // namespace

CaseRecord SqlCaseRepository::create(const NewCase& c, Instant now) {
  return guarded("create a case", [&] {
    const int year = c.opened_on.year();
    long long number = 0;
    run_kept(statements_,
             "INSERT INTO case_reference_counters (partnership_id, prefix, year, last) VALUES (:pa, :p, :y, 1) "
             "ON CONFLICT (partnership_id, prefix, year) DO UPDATE SET last = case_reference_counters.last + 1 "
             "RETURNING last",
             soci::use(c.partnership_id), soci::use(c.reference_prefix), soci::use(year), soci::into(number));

    CaseRecord record;
    record.reference = format_reference(c.reference_prefix, year, number);
    record.kind = c.kind;
    record.partnership_id = c.partnership_id;
    record.state = "";
    record.version = 0;
    record.head_hash = kGenesisHash;
    record.opened_on = c.opened_on;
    record.created_at = now;
    record.updated_at = now;
    record.summary = c.summary;
    record.parent_case_id = c.parent_case_id;
    record.relation = c.relation;
    const std::string opened = c.opened_on.iso(), at = now.iso();
    long long parent = c.parent_case_id;
    soci::indicator parent_i = parent ? soci::i_ok : soci::i_null;
    run_kept(statements_,
             "INSERT INTO cases (reference, kind, partnership_id, state, version, head_hash, "
             "opened_on, created_at, updated_at, summary, parent_case_id, relation) "
             "VALUES (:r, :k, :p, :s, 0, :h, :o, :c, :u, :m, :pa, :re) RETURNING id",
             soci::use(record.reference), soci::use(record.kind), soci::use(record.partnership_id),
             soci::use(record.state), soci::use(record.head_hash), soci::use(opened), soci::use(at), soci::use(at),
             soci::use(record.summary), soci::use(parent, parent_i), soci::use(record.relation), soci::into(record.id));
    return record;
  });
}

std::optional<CaseRecord> SqlCaseRepository::find(long long case_id) {
  return guarded("read a case", [&]() -> std::optional<CaseRecord> {
    static const std::string sql = std::string("SELECT ") + kCaseColumns + " FROM cases WHERE id = :id";
    if (on_postgresql(statements_.session())) {
      auto rows = CaseRow::fetch_all(statements_, sql, [&](soci::statement& st) { st.exchange(soci::use(case_id)); });
      if (rows.empty()) return std::nullopt;
      return std::move(rows.front());
    }
    // Every read of a case's page, timeline or clocks and every command
    // begins here: SOCI's binding, copying and unbinding around this one row
    // was a tenth of a timeline read (perf).
    SqliteNativeQuery query(statements_, sql, "read a case");
    query.bind(case_id);
    if (!query.next()) return std::nullopt;
    std::optional<CaseRecord> found(std::in_place);
    read_case_record(query, *found);
    return found;
  });
}

std::string like_escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::vector<CaseRecord> SqlCaseRepository::list(const CaseFilter& filter) {
  return guarded("list cases", [&] {
    const CaseFilterClause clause(filter, statements_.session());
    return CaseRow::fetch_all(statements_,
                              std::string("SELECT ") + kCaseColumns + " FROM cases c" + clause.where() +
                                  " ORDER BY opened_on DESC, id DESC LIMIT :l OFFSET :o",
                              [&](soci::statement& st) {
                                clause.bind(st);
                                st.exchange(soci::use(filter.limit));
                                st.exchange(soci::use(filter.offset));
                              });
  });
}

std::vector<CaseRecord> SqlCaseRepository::all_matching(const CaseFilter& filter) {
  return guarded("list cases", [&] {
    const CaseFilterClause clause(filter, statements_.session());
    // Put in order here: ordered by SQL, SQLite would either read them in
    // opening order (every case of the kind, where an index can find the few
    // stepped in a period) or sort whole rows.
    std::vector<CaseRecord> cases =
        CaseRow::fetch_all(statements_, std::string("SELECT ") + kCaseColumns + " FROM cases c" + clause.where(),
                           [&](soci::statement& st) { clause.bind(st); });
    return in_id_order(std::move(cases));
  });
}

std::vector<CaseRecord> SqlCaseRepository::all_matching_brief(const CaseFilter& filter) {
  return guarded("list cases", [&] {
    const CaseFilterClause clause(filter, statements_.session());
    // Counted first, through the same index, so that the records are read
    // into a vector of their number: grown by doubling instead, ten years'
    // deaths held up to twice their 12 MB, and half that again while each
    // doubling moved them (39 MB at the peak of two ten-year CDOP reports
    // drawn at once, heaptrack).
    const long long expected = cases_counted(statements_, clause, clause.where());
    std::vector<CaseRecord> cases;
    cases.reserve(static_cast<std::size_t>(expected));
    const std::string sql = std::string("SELECT ") + kBriefCaseColumns + " FROM cases c" + clause.where();
    if (on_postgresql(statements_.session())) {
      BriefCaseRow row;
      PreparedStatement prepared = statements_.take(sql);
      soci::statement& st = *prepared;
      row.bind(st);
      clause.bind(st);
      st.define_and_bind();
      st.execute();
      while (st.fetch()) cases.push_back(row.record());
    } else {
      SqliteNativeQuery query(statements_, sql, "list cases");
      clause.bind_each([&query](const auto& value) { query.bind(value); });
      while (query.next()) read_brief_record(query, cases.emplace_back());
    }
    return in_id_order(std::move(cases));
  });
}

long long SqlCaseRepository::count(const CaseFilter& filter) {
  return guarded("count cases", [&] {
    const CaseFilterClause clause(filter, statements_.session());
    return cases_counted(statements_, clause, clause.where_for_count());
  });
}

std::vector<long long> SqlCaseRepository::all_ids() {
  return guarded("list case ids", [&] {
    long long id = 0;
    std::vector<long long> out;
    PreparedStatement prepared = statements_.take("SELECT id FROM cases ORDER BY id");
    bind_all(prepared, soci::into(id));
    soci::statement& st = *prepared;
    st.execute();
    while (st.fetch()) out.push_back(id);
    return out;
  });
}

std::vector<Event> SqlCaseRepository::events(long long case_id) {
  return guarded("read a case's events", [&] { return events_in_order(case_id, ""); });
}

std::vector<Event> SqlCaseRepository::events_of_types(const CaseFilter& cases, const std::vector<std::string>& types) {
  return guarded("read events across cases", [&] {
    if (types.empty()) return std::vector<Event>();
    const CaseFilterClause clause(cases, statements_.session());
    std::string sql = std::string("SELECT ") + kEventColumns + " FROM case_events e JOIN cases c ON c.id = e.case_id" +
                      clause.where();
    sql += " AND e.type IN (";
    for (std::size_t i = 0; i < types.size(); ++i) sql += (i ? ", :t" : ":t") + std::to_string(i);
    // Put in order here rather than by ORDER BY: SQLite reads these through
    // the index of events by type, so it would sort whole rows, payloads
    // and all (thousands of them for a report), where this moves only
    // pointers to them.
    sql += ")";
    std::vector<SqlValue> values;
    clause.bind_each([&values](const auto& value) { values.emplace_back(value); });
    values.insert(values.end(), types.begin(), types.end());
    std::vector<Event> events = select_events(sql, values);
    std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
      return a.case_id != b.case_id ? a.case_id < b.case_id : a.seq < b.seq;
    });
    return events;
  });
}

std::vector<Event> SqlCaseRepository::events_of_cases(const std::vector<long long>& case_ids) {
  return guarded("read the events of cases", [&] {
    if (case_ids.empty()) return std::vector<Event>();
    // Ids are numbers we produced: safe to write into the statement, which is
    // not kept (StatementCache::kListedIds). Through the events' primary key
    // (case, sequence), in its order.
    std::string list;
    for (long long id : case_ids) list += (list.empty() ? "" : ",") + std::to_string(id);
    return select_events(std::string("SELECT ") + kEventColumns + " FROM case_events e WHERE e.case_id IN (" +
                             StatementCache::kListedIds + list + ") ORDER BY e.case_id, e.seq",
                         {});
  });
}

std::optional<Event> SqlCaseRepository::opening_event(long long case_id) {
  return guarded("read a case's opening event", [&]() -> std::optional<Event> {
    std::vector<Event> first = events_in_order(case_id, " LIMIT 1");
    if (first.empty()) return std::nullopt;
    return first.front();
  });
}

std::vector<Event> SqlCaseRepository::events_in_order(long long case_id, const std::string& limit) {
  return select_events(
      std::string("SELECT ") + kEventColumns + " FROM case_events e WHERE e.case_id = :id ORDER BY e.seq" + limit,
      {case_id});
}

std::vector<Event> SqlCaseRepository::select_events(const std::string& sql, const std::vector<SqlValue>& values) {
  std::vector<Event> out;
  if (!on_postgresql(statements_.session())) {
    // A command reads its case's whole history, and so does its page drawn
    // after: through SOCI, its binding and its copy of every payload into a
    // buffer of its own first were a tenth of that read.
    SqliteNativeQuery query(statements_, sql, "read events");
    for (const SqlValue& value : values) std::visit([&query](const auto& v) { query.bind(v); }, value);
    while (query.next()) read_event(query, out.emplace_back());
    return out;
  }
  Event e;
  std::string recorded, effective;
  PreparedStatement prepared = statements_.take(sql);
  soci::statement& st = *prepared;
  st.exchange(soci::into(e.case_id));
  st.exchange(soci::into(e.seq));
  st.exchange(soci::into(e.type));
  st.exchange(soci::into(e.actor));
  st.exchange(soci::into(recorded));
  st.exchange(soci::into(effective));
  st.exchange(soci::into(e.payload));
  st.exchange(soci::into(e.prev_hash));
  st.exchange(soci::into(e.hash));
  for (const SqlValue& value : values) std::visit([&st](const auto& v) { st.exchange(soci::use(v)); }, value);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    e.recorded_at = stored_instant(recorded);
    e.effective_date = stored_date(effective);
    // Moved, not copied: `e` is the same object the statement fills, emptied
    // here, and every column is NOT NULL, so the next fetch fills each member.
    out.push_back(std::move(e));
    e = Event{};
  }
  return out;
}

void SqlCaseRepository::append(const CaseRecord& updated, long long expected_version,
                               const std::vector<Event>& events) {
  guarded("append events", [&] {
    const std::string at = updated.updated_at.iso();
    // Of these events that are steps (retention and owner events are not):
    // the date of the last, which becomes the case's last step (migration
    // 0015), and the latest date, which becomes its latest step when it is
    // later than the one stored (0016), or when none is stored. (Written
    // without SQLite's two-value MAX or PostgreSQL's GREATEST: neither has
    // the other's.)
    std::string last_step, latest_step;
    soci::indicator step_i = soci::i_null;
    for (const Event& e : events) {
      if (is_retention_event(e.type) || is_owner_event(e.type)) continue;
      last_step = e.effective_date.iso();
      latest_step = std::max(latest_step, last_step);
      step_i = soci::i_ok;
    }
    PreparedStatement update = statements_.take(
        "UPDATE cases SET state = :s, version = :v, head_hash = :h, updated_at = :u, "
        "summary = :m, outcome = :oc, last_step_on = COALESCE(:ls, last_step_on), "
        "latest_step_on = CASE WHEN latest_step_on IS NULL OR latest_step_on < CAST(:lt AS TEXT) "
        "THEN COALESCE(CAST(:lt_new AS TEXT), latest_step_on) ELSE latest_step_on END "
        "WHERE id = :id AND version = :expected");
    bind_all(update, soci::use(updated.state), soci::use(updated.version), soci::use(updated.head_hash), soci::use(at),
             soci::use(updated.summary), soci::use(updated.outcome), soci::use(last_step, step_i),
             soci::use(latest_step, step_i), soci::use(latest_step, step_i), soci::use(updated.id),
             soci::use(expected_version));
    update->execute(true);
    if (update->get_affected_rows() != 1) {
      throw ConflictError("case " + std::to_string(updated.id) + " is no longer at version " +
                          std::to_string(expected_version));
    }
    for (const Event& e : events) {
      const std::string recorded = e.recorded_at.iso(), effective = e.effective_date.iso();
      run_kept(statements_,
               "INSERT INTO case_events (case_id, seq, type, actor, recorded_at, effective_date, "
               "payload, prev_hash, hash) VALUES (:c, :s, :t, :a, :r, :e, :p, :ph, :h)",
               soci::use(e.case_id), soci::use(e.seq), soci::use(e.type), soci::use(e.actor), soci::use(recorded),
               soci::use(effective), soci::use(e.payload), soci::use(e.prev_hash), soci::use(e.hash));
    }
  });
}

std::vector<CaseRecord> SqlCaseRepository::children(long long case_id) {
  return guarded("read linked cases", [&] {
    return CaseRow::fetch_all(
        statements_, std::string("SELECT ") + kCaseColumns + " FROM cases WHERE parent_case_id = :p ORDER BY id",
        [&](soci::statement& st) { st.exchange(soci::use(case_id)); });
  });
}

}  // namespace casereview::db
