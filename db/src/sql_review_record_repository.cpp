#include <algorithm>
#include <map>
#include <optional>
#include <tuple>
#include <utility>

#include "case_filter_clause.h"
#include "sql_dialect.h"
#include "sql_errors.h"
#include "sql_repositories.h"
#include "sqlite_native_query.h"

namespace casereview::db {
namespace {

// A nullable column of a row read by SqliteNativeQuery, as the text and
// indicator SOCI would have given it.
void read_column(const SqliteNativeQuery& row, int column, std::string& text, soci::indicator& ind) {
  ind = row.null(column) ? soci::i_null : soci::i_ok;
  text = row.text(column);
}

// One action as its row holds it: every column but case_id, as written.
struct ActionColumns {
  std::string ref, recommendation, action, owner_person, owner_agency, due_on, desired_outcome, status, added_on,
      updated_on, completed_on, evidence, note, impact;
  soci::indicator updated_i = soci::i_null, completed_i = soci::i_null;

  static ActionColumns of(const ActionItem& a) {
    ActionColumns c;
    c.ref = a.ref;
    c.recommendation = a.recommendation;
    c.action = a.action;
    c.owner_person = a.owner_person;
    c.owner_agency = a.owner_agency;
    c.due_on = a.due_on.iso();
    c.desired_outcome = a.desired_outcome;
    c.status = a.status;
    c.added_on = a.added_on.iso();
    set_column(c.updated_on, c.updated_i, NullableText(a.updated_on));
    set_column(c.completed_on, c.completed_i, NullableText(a.completed_on));
    c.evidence = a.evidence;
    c.note = a.note;
    c.impact = a.impact;
    return c;
  }

  bool operator==(const ActionColumns& o) const {
    return ref == o.ref && recommendation == o.recommendation && action == o.action && owner_person == o.owner_person &&
           owner_agency == o.owner_agency && due_on == o.due_on && desired_outcome == o.desired_outcome &&
           status == o.status && added_on == o.added_on &&
           same_column(updated_on, updated_i, o.updated_on, o.updated_i) &&
           same_column(completed_on, completed_i, o.completed_on, o.completed_i) && evidence == o.evidence &&
           note == o.note && impact == o.impact;
  }
};

// Stores `actions` as the case's, writing only the rows that differ from those
// stored under the same ref (most steps change none, or one), adding the new
// and dropping those gone.
void store_actions(StatementCache& statements, long long case_id, const std::vector<ActionItem>& actions,
                   bool stored_before) {
  std::map<std::string, ActionColumns> before;
  if (stored_before) {
    ActionColumns row;
    PreparedStatement prepared = statements.take(
        "SELECT ref, recommendation, action, owner_person, owner_agency, due_on, desired_outcome, status, added_on, "
        "updated_on, completed_on, evidence, note, impact FROM case_actions WHERE case_id = :c");
    bind_all(prepared, soci::into(row.ref), soci::into(row.recommendation), soci::into(row.action),
             soci::into(row.owner_person), soci::into(row.owner_agency), soci::into(row.due_on),
             soci::into(row.desired_outcome), soci::into(row.status), soci::into(row.added_on),
             soci::into(row.updated_on, row.updated_i), soci::into(row.completed_on, row.completed_i),
             soci::into(row.evidence), soci::into(row.note), soci::into(row.impact), soci::use(case_id));
    soci::statement& st = *prepared;
    st.execute();
    while (st.fetch()) before.emplace(row.ref, row);
  }
  std::vector<ActionColumns> rows;
  rows.reserve(actions.size());
  for (const ActionItem& item : actions) rows.push_back(ActionColumns::of(item));
  write_what_changed(
      std::move(before), rows, [](const ActionColumns& a) { return a.ref; },
      [](const ActionColumns& stored, const ActionColumns& a) { return stored == a; },
      [&](ActionColumns& a, bool stored) {
        const char* sql =
            stored ? "UPDATE case_actions SET recommendation = :rec, action = :a, owner_person = :op, "
                     "owner_agency = :oa, due_on = :d, desired_outcome = :o, status = :s, added_on = :ad, "
                     "updated_on = :u, completed_on = :co, evidence = :e, note = :n, impact = :i "
                     "WHERE case_id = :c AND ref = :r"
                   : "INSERT INTO case_actions (recommendation, action, owner_person, owner_agency, due_on, "
                     "desired_outcome, status, added_on, updated_on, completed_on, evidence, note, impact, "
                     "case_id, ref) VALUES (:rec, :a, :op, :oa, :d, :o, :s, :ad, :u, :co, :e, :n, :i, :c, :r)";
        run_kept(statements, sql, soci::use(a.recommendation), soci::use(a.action), soci::use(a.owner_person),
                 soci::use(a.owner_agency), soci::use(a.due_on), soci::use(a.desired_outcome), soci::use(a.status),
                 soci::use(a.added_on), soci::use(a.updated_on, a.updated_i), soci::use(a.completed_on, a.completed_i),
                 soci::use(a.evidence), soci::use(a.note), soci::use(a.impact), soci::use(case_id), soci::use(a.ref));
      },
      [&](const std::string& ref) {
        run_kept(statements, "DELETE FROM case_actions WHERE case_id = :c AND ref = :r", soci::use(case_id),
                 soci::use(ref));
      });
}

// Stores `tags` as the case's: adds those it lacks, drops those it no longer has.
void store_tags(StatementCache& statements, long long case_id, const std::vector<CaseTag>& tags, bool stored_before) {
  using Tag = std::pair<std::string, std::string>;  // kind, code: the whole row but its case
  std::map<Tag, bool> before;
  if (stored_before) {
    std::string kind, code;
    PreparedStatement prepared = statements.take("SELECT kind, code FROM case_tags WHERE case_id = :c");
    bind_all(prepared, soci::into(kind), soci::into(code), soci::use(case_id));
    soci::statement& st = *prepared;
    st.execute();
    while (st.fetch()) before.emplace(Tag{kind, code}, true);
  }
  std::vector<CaseTag> rows = tags;
  write_what_changed(
      std::move(before), rows,
      [](const CaseTag& t) {
        return Tag{t.kind, t.code};
      },
      [](bool, const CaseTag&) { return true; },
      [&](CaseTag& t, bool) {
        run_kept(statements, "INSERT INTO case_tags (case_id, kind, code) VALUES (:c, :k, :v)", soci::use(case_id),
                 soci::use(t.kind), soci::use(t.code));
      },
      [&](const Tag& gone) {
        run_kept(statements, "DELETE FROM case_tags WHERE case_id = :c AND kind = :k AND code = :v", soci::use(case_id),
                 soci::use(gone.first), soci::use(gone.second));
      });
}

// One agency request as its row holds it: every column but case_id, as the
// texts and numbers written.
struct RequestColumns {
  int position = 0;
  std::string agency, purpose, requested_on, rule_id, due_on, returned_on, last_reminder_on;
  soci::indicator due_i = soci::i_null, returned_i = soci::i_null, reminded_i = soci::i_null;
  int provisional = 0, reminders = 0;

  static RequestColumns of(int position, const AgencyRequest& r) {
    RequestColumns c;
    c.position = position;
    c.agency = r.agency;
    c.purpose = r.purpose;
    c.requested_on = r.requested_on.iso();
    c.rule_id = r.rule_id;
    set_column(c.due_on, c.due_i, NullableText(r.due ? std::optional<Date>(r.due->date) : std::nullopt));
    set_column(c.returned_on, c.returned_i, NullableText(r.returned_on));
    set_column(c.last_reminder_on, c.reminded_i, NullableText(r.last_reminder_on));
    c.provisional = r.due && r.due->provisional ? 1 : 0;
    c.reminders = r.reminders;
    return c;
  }

  // The columns of a row read by SqliteNativeQuery, in the order store_requests selects them.
  static RequestColumns read(const SqliteNativeQuery& row) {
    RequestColumns c;
    c.position = static_cast<int>(row.integer(0));
    c.agency = row.text(1);
    c.purpose = row.text(2);
    c.requested_on = row.text(3);
    c.rule_id = row.text(4);
    read_column(row, 5, c.due_on, c.due_i);
    c.provisional = static_cast<int>(row.integer(6));
    read_column(row, 7, c.returned_on, c.returned_i);
    c.reminders = static_cast<int>(row.integer(8));
    read_column(row, 9, c.last_reminder_on, c.reminded_i);
    return c;
  }

  bool operator==(const RequestColumns& o) const {
    return position == o.position && agency == o.agency && purpose == o.purpose && requested_on == o.requested_on &&
           rule_id == o.rule_id && same_column(due_on, due_i, o.due_on, o.due_i) && provisional == o.provisional &&
           same_column(returned_on, returned_i, o.returned_on, o.returned_i) && reminders == o.reminders &&
           same_column(last_reminder_on, reminded_i, o.last_reminder_on, o.reminded_i);
  }
};

// Stores `requests` as the case's, in order (position 1, 2, ...), writing only
// the rows that differ from those stored at the same position: a step adds a
// request or changes one, where every row of the case (and its index entries)
// used to be deleted and written again at each step of the case.
void store_requests(StatementCache& statements, long long case_id, const std::vector<AgencyRequest>& requests,
                    bool stored_before) {
  std::map<int, RequestColumns> before;
  if (stored_before) {
    const std::string sql =
        "SELECT position, agency, purpose, requested_on, rule_id, due_on, provisional, returned_on, reminders, "
        "last_reminder_on FROM agency_requests WHERE case_id = :c";
    if (on_postgresql(statements.session())) {
      RequestColumns row;
      PreparedStatement prepared = statements.take(sql);
      bind_all(prepared, soci::into(row.position), soci::into(row.agency), soci::into(row.purpose),
               soci::into(row.requested_on), soci::into(row.rule_id), soci::into(row.due_on, row.due_i),
               soci::into(row.provisional), soci::into(row.returned_on, row.returned_i), soci::into(row.reminders),
               soci::into(row.last_reminder_on, row.reminded_i), soci::use(case_id));
      soci::statement& st = *prepared;
      st.execute();
      while (st.fetch()) before.emplace(row.position, row);
    } else {
      // A death's review asks dozens of agencies; SOCI's copies of their rows
      // were a sixth of a step's writing (perf).
      SqliteNativeQuery query(statements, sql, "read a case's requests");
      query.bind(case_id);
      while (query.next()) {
        RequestColumns row = RequestColumns::read(query);
        const int position = row.position;
        before.emplace(position, std::move(row));
      }
    }
  }
  std::vector<RequestColumns> rows;
  rows.reserve(requests.size());
  for (const AgencyRequest& request : requests) {
    rows.push_back(RequestColumns::of(static_cast<int>(rows.size()) + 1, request));
  }
  write_what_changed(
      std::move(before), rows, [](const RequestColumns& r) { return r.position; },
      [](const RequestColumns& stored, const RequestColumns& r) { return stored == r; },
      [&](RequestColumns& r, bool stored) {
        const char* sql = stored ? "UPDATE agency_requests SET agency = :a, purpose = :pu, requested_on = :rq, "
                                   "rule_id = :ru, due_on = :d, provisional = :pr, returned_on = :rt, "
                                   "reminders = :rm, last_reminder_on = :lr WHERE case_id = :c AND position = :p"
                                 : "INSERT INTO agency_requests (agency, purpose, requested_on, rule_id, due_on, "
                                   "provisional, returned_on, reminders, last_reminder_on, case_id, position) VALUES "
                                   "(:a, :pu, :rq, :ru, :d, :pr, :rt, :rm, :lr, :c, :p)";
        run_kept(statements, sql, soci::use(r.agency), soci::use(r.purpose), soci::use(r.requested_on),
                 soci::use(r.rule_id), soci::use(r.due_on, r.due_i), soci::use(r.provisional),
                 soci::use(r.returned_on, r.returned_i), soci::use(r.reminders),
                 soci::use(r.last_reminder_on, r.reminded_i), soci::use(case_id), soci::use(r.position));
      },
      [&](int position) {
        run_kept(statements, "DELETE FROM agency_requests WHERE case_id = :c AND position = :p", soci::use(case_id),
                 soci::use(position));
      });
}

void insert_contracts(StatementCache& statements, long long case_id, const std::vector<Contract>& contracts) {
  for (const Contract& c : contracts) {
    const std::string start = c.start_on.iso(), end = c.end_on.iso(), drafted = c.drafted_on.iso();
    NullableText signed_on(c.signed_on), started(c.started_on), completed(c.completed_on), terminated(c.terminated_on);
    run_kept(statements,
             "INSERT INTO case_contracts (case_id, ref, reviewer_id, reviewer_name, scope, start_on, end_on, "
             "fee_pounds, status, drafted_on, signed_on, started_on, completed_on, terminated_on, termination_reason) "
             "VALUES (:c, :r, :ri, :rn, :sc, :s, :e, :f, :st, :d, :si, :sa, :co, :te, :tr)",
             soci::use(case_id), soci::use(c.ref), soci::use(c.reviewer_id), soci::use(c.reviewer_name),
             soci::use(c.scope), soci::use(start), soci::use(end), soci::use(c.fee_pounds), soci::use(c.status),
             soci::use(drafted), soci::use(signed_on.text, signed_on.ind), soci::use(started.text, started.ind),
             soci::use(completed.text, completed.ind), soci::use(terminated.text, terminated.ind),
             soci::use(c.termination_reason));
  }
}

// One row of case_actions joined with its case.
struct ActionRow {
  long long case_id = 0;
  std::string reference, kind, due, added, updated, completed;
  soci::indicator updated_i{}, completed_i{};
  ActionItem a;

  // What counting an action needs (ActionFilter::with_texts), then its texts.
  static constexpr const char* kCountedColumns =
      "a.case_id, c.reference, c.kind, a.ref, a.owner_agency, a.due_on, a.status, a.added_on, a.updated_on, "
      "a.completed_on";
  static constexpr const char* kTextColumns =
      ", a.recommendation, a.action, a.owner_person, a.desired_outcome, a.evidence, a.note, a.impact";

  void bind(soci::statement& st, bool with_texts) {
    st.exchange(soci::into(case_id));
    st.exchange(soci::into(reference));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(a.ref));
    st.exchange(soci::into(a.owner_agency));
    st.exchange(soci::into(due));
    st.exchange(soci::into(a.status));
    st.exchange(soci::into(added));
    st.exchange(soci::into(updated, updated_i));
    st.exchange(soci::into(completed, completed_i));
    if (!with_texts) return;
    st.exchange(soci::into(a.recommendation));
    st.exchange(soci::into(a.action));
    st.exchange(soci::into(a.owner_person));
    st.exchange(soci::into(a.desired_outcome));
    st.exchange(soci::into(a.evidence));
    st.exchange(soci::into(a.note));
    st.exchange(soci::into(a.impact));
  }

  // The row just fetched, its text moved out rather than copied (a report
  // reads thousands). The members bound without an indicator are NOT NULL
  // columns, so the next fetch fills each one again; the texts not bound
  // (bind without them) are emptied here, as a moved-from string need not be.
  CaseAction take() {
    a.due_on = stored_date(due);
    a.added_on = stored_date(added);
    a.updated_on = stored_optional_date(updated, updated_i);
    a.completed_on = stored_optional_date(completed, completed_i);
    CaseAction out{case_id, std::move(reference), std::move(kind), std::move(a)};
    a = ActionItem{};  // the same objects, still bound
    return out;
  }

  // The same action from a row read by SqliteNativeQuery, its columns in the
  // order above, written into `out` (a new action in place).
  static void read(const SqliteNativeQuery& row, bool with_texts, CaseAction& out) {
    out.case_id = row.integer(0);
    out.case_reference = row.text(1);
    out.case_kind = row.text(2);
    ActionItem& item = out.action;
    item.ref = row.text(3);
    item.owner_agency = row.text(4);
    item.due_on = stored_date(row.text(5));
    item.status = row.text(6);
    item.added_on = stored_date(row.text(7));
    if (!row.null(8)) item.updated_on = stored_date(row.text(8));
    if (!row.null(9)) item.completed_on = stored_date(row.text(9));
    if (!with_texts) return;
    item.recommendation = row.text(10);
    item.action = row.text(11);
    item.owner_person = row.text(12);
    item.desired_outcome = row.text(13);
    item.evidence = row.text(14);
    item.note = row.text(15);
    item.impact = row.text(16);
  }
};

// One row of case_contracts joined with its case.
struct ContractRow {
  long long case_id = 0;
  std::string reference, start, end, drafted, signed_on, started, completed, terminated;
  soci::indicator signed_i{}, started_i{}, completed_i{}, terminated_i{};
  Contract c;

  static constexpr const char* kColumns =
      "k.case_id, c.reference, k.ref, k.reviewer_id, k.reviewer_name, k.scope, k.start_on, k.end_on, k.fee_pounds, "
      "k.status, k.drafted_on, k.signed_on, k.started_on, k.completed_on, k.terminated_on, k.termination_reason";

  void bind(soci::statement& st) {
    st.exchange(soci::into(case_id));
    st.exchange(soci::into(reference));
    st.exchange(soci::into(c.ref));
    st.exchange(soci::into(c.reviewer_id));
    st.exchange(soci::into(c.reviewer_name));
    st.exchange(soci::into(c.scope));
    st.exchange(soci::into(start));
    st.exchange(soci::into(end));
    st.exchange(soci::into(c.fee_pounds));
    st.exchange(soci::into(c.status));
    st.exchange(soci::into(drafted));
    st.exchange(soci::into(signed_on, signed_i));
    st.exchange(soci::into(started, started_i));
    st.exchange(soci::into(completed, completed_i));
    st.exchange(soci::into(terminated, terminated_i));
    st.exchange(soci::into(c.termination_reason));
  }

  CaseContract value() const {
    Contract out = c;
    out.start_on = stored_date(start);
    out.end_on = stored_date(end);
    out.drafted_on = stored_date(drafted);
    out.signed_on = stored_optional_date(signed_on, signed_i);
    out.started_on = stored_optional_date(started, started_i);
    out.completed_on = stored_optional_date(completed, completed_i);
    out.terminated_on = stored_optional_date(terminated, terminated_i);
    return CaseContract{case_id, reference, out};
  }
};

// The columns of one row of agency_requests (`r`), without its case's.
struct RequestRow {
  std::string requested, due, returned, reminded;
  int provisional = 0;
  soci::indicator due_i{}, returned_i{}, reminded_i{};
  AgencyRequest r;

  static constexpr const char* kColumns =
      "r.agency, r.purpose, r.requested_on, r.rule_id, r.due_on, r.provisional, r.returned_on, r.reminders, "
      "r.last_reminder_on";

  void bind(soci::statement& st) {
    st.exchange(soci::into(r.agency));
    st.exchange(soci::into(r.purpose));
    st.exchange(soci::into(requested));
    st.exchange(soci::into(r.rule_id));
    st.exchange(soci::into(due, due_i));
    st.exchange(soci::into(provisional));
    st.exchange(soci::into(returned, returned_i));
    st.exchange(soci::into(r.reminders));
    st.exchange(soci::into(reminded, reminded_i));
  }

  // The same request from a row of kColumns read by SqliteNativeQuery.
  static AgencyRequest read(const SqliteNativeQuery& row) {
    AgencyRequest out;
    out.agency = row.text(0);
    out.purpose = row.text(1);
    out.requested_on = stored_date(row.text(2));
    out.rule_id = row.text(3);
    if (!row.null(4)) out.due = DueDate{stored_date(row.text(4)), std::nullopt, row.integer(5) != 0};
    if (!row.null(6)) out.returned_on = stored_date(row.text(6));
    out.reminders = static_cast<int>(row.integer(7));
    if (!row.null(8)) out.last_reminder_on = stored_date(row.text(8));
    return out;
  }

  AgencyRequest value() const {
    AgencyRequest out = r;
    out.requested_on = stored_date(requested);
    out.due = due_i == soci::i_ok ? std::optional<DueDate>(DueDate{stored_date(due), std::nullopt, provisional != 0})
                                  : std::nullopt;
    out.returned_on = stored_optional_date(returned, returned_i);
    out.last_reminder_on = stored_optional_date(reminded, reminded_i);
    return out;
  }
};

}  // namespace

std::vector<CaseRequest> SqlReviewRecordRepository::requests_where(const std::string& where,
                                                                   const std::function<void(soci::statement&)>& bind) {
  RequestRow row;
  std::string reference, kind, state;
  long long case_id = 0, case_version = 0;
  PreparedStatement prepared = statements_.take(
      std::string("SELECT r.case_id, c.reference, c.kind, c.version, c.state, ") + RequestRow::kColumns +
      " FROM agency_requests r "
      // The requests first, then each one's case (db/README.md, *Join order*).
      "CROSS JOIN cases c WHERE c.id = r.case_id AND (" +
      where + ") ORDER BY r.due_on IS NULL, r.due_on, r.case_id, r.position");
  soci::statement& st = *prepared;
  st.exchange(soci::into(case_id));
  st.exchange(soci::into(reference));
  st.exchange(soci::into(kind));
  st.exchange(soci::into(case_version));
  st.exchange(soci::into(state));
  row.bind(st);
  bind(st);
  st.define_and_bind();
  std::vector<CaseRequest> out;
  st.execute();
  while (st.fetch()) out.push_back(CaseRequest{case_id, reference, kind, row.value(), case_version, state});
  return out;
}

std::vector<CaseRequest> SqlReviewRecordRepository::requests_for_agency(long long partnership_id,
                                                                        const std::string& agency) {
  return guarded("list an agency's requests", [&] {
    return requests_where("c.partnership_id = :p AND r.agency = :a", [&](soci::statement& st) {
      st.exchange(soci::use(partnership_id));
      st.exchange(soci::use(agency));
    });
  });
}

std::vector<CaseRequest> SqlReviewRecordRepository::open_requests(long long partnership_id) {
  return guarded("list the requests not yet returned", [&] {
    return requests_where("c.partnership_id = :p AND r.returned_on IS NULL",
                          [&](soci::statement& st) { st.exchange(soci::use(partnership_id)); });
  });
}

namespace {

// Stores `records` as the case's; `stored_before` false for a case opened in
// this transaction, whose rows are written without reading what is stored.
void store_records(StatementCache& statements, long long case_id, const ReviewRecords& records, bool stored_before) {
  // Each step stores all its case's records again, and changes few of them or
  // none: only the rows that differ are written (the contracts, one or two a
  // review, are written whole).
  store_actions(statements, case_id, records.actions, stored_before);
  store_requests(statements, case_id, records.requests, stored_before);
  if (stored_before) run_kept(statements, "DELETE FROM case_contracts WHERE case_id = :c", soci::use(case_id));
  insert_contracts(statements, case_id, records.contracts);
  store_tags(statements, case_id, records.tags, stored_before);
}

}  // namespace

void SqlReviewRecordRepository::replace_for_case(long long case_id, const ReviewRecords& records) {
  guarded("store review records", [&] { store_records(statements_, case_id, records, true); });
}

void SqlReviewRecordRepository::store_for_new_case(long long case_id, const ReviewRecords& records) {
  guarded("store review records", [&] { store_records(statements_, case_id, records, false); });
}

ReviewRecords SqlReviewRecordRepository::for_case(long long case_id) {
  return guarded("read review records", [&] {
    ReviewRecords out;
    long long partnership = 0;
    run_kept(statements_, "SELECT partnership_id FROM cases WHERE id = :c", soci::use(case_id),
             soci::into(partnership));
    ActionFilter filter;
    filter.partnership_id = partnership;
    filter.case_id = case_id;
    for (const CaseAction& a : actions(filter)) out.actions.push_back(a.action);
    for (CaseContract& c : contracts_where("k.case_id = :c", case_id)) out.contracts.push_back(std::move(c.contract));
    out.requests = requests_of(case_id);
    CaseTag tag;
    PreparedStatement prepared =
        statements_.take("SELECT kind, code FROM case_tags WHERE case_id = :c ORDER BY kind, code");
    bind_all(prepared, soci::into(tag.kind), soci::into(tag.code), soci::use(case_id));
    soci::statement& st = *prepared;
    st.execute();
    while (st.fetch()) out.tags.push_back(tag);
    return out;
  });
}

std::vector<AgencyRequest> SqlReviewRecordRepository::requests_for_case(long long case_id) {
  return guarded("read a case's requests", [&] { return requests_of(case_id); });
}

std::vector<AgencyRequest> SqlReviewRecordRepository::requests_of(long long case_id) {
  // One case's requests need nothing of its case: no join (a tenth of a
  // timeline's time went to the joined query and its copied case columns).
  static const std::string sql = std::string("SELECT ") + RequestRow::kColumns +
                                 " FROM agency_requests r WHERE r.case_id = :c "
                                 "ORDER BY r.due_on IS NULL, r.due_on, r.position";
  std::vector<AgencyRequest> out;
  if (!on_postgresql(statements_.session())) {
    // Read at every step of a death's review and on its page after: dozens
    // of rows, whose copies through SOCI were most of the read.
    SqliteNativeQuery query(statements_, sql, "read a case's requests");
    query.bind(case_id);
    while (query.next()) out.push_back(RequestRow::read(query));
    return out;
  }
  RequestRow row;
  PreparedStatement prepared = statements_.take(sql);
  soci::statement& st = *prepared;
  row.bind(st);
  st.exchange(soci::use(case_id));
  st.define_and_bind();
  st.execute();
  while (st.fetch()) out.push_back(row.value());
  return out;
}

std::vector<CaseAction> SqlReviewRecordRepository::actions(const ActionFilter& filter) {
  return guarded("list actions", [&] {
    // The actions first, then each one's case (db/README.md, *Join order*).
    std::string where = " WHERE c.id = a.case_id AND c.partnership_id = :p";
    if (filter.case_id) where += " AND a.case_id = :c";
    if (filter.status) where += " AND a.status = :s";
    if (filter.owner_agency) where += " AND a.owner_agency = :o";
    if (filter.case_kind) where += " AND c.kind = :k";
    // Put in order below rather than by ORDER BY, which sorts whole rows (a
    // report reads thousands); the strings compare bytewise, as SQLite's do.
    const std::string sql = std::string("SELECT ") + ActionRow::kCountedColumns +
                            (filter.with_texts ? ActionRow::kTextColumns : "") +
                            " FROM case_actions a CROSS JOIN cases c" + where;
    const auto bind_filter = [&filter](auto&& bind) {
      bind(filter.partnership_id);
      if (filter.case_id) bind(*filter.case_id);
      if (filter.status) bind(*filter.status);
      if (filter.owner_agency) bind(*filter.owner_agency);
      if (filter.case_kind) bind(*filter.case_kind);
    };
    std::vector<CaseAction> out;
    // SQLite's rows are read through its own interface, with the statement
    // kept on the connection: across a partnership (the reports, the
    // register, the reminders) thousands of them, which SOCI copied twice
    // each; for one case (a command's checks, its page) a few, where SOCI's
    // binding each time cost more than reading them.
    if (on_postgresql(statements_.session())) {
      ActionRow row;
      PreparedStatement prepared = statements_.take(sql);
      soci::statement& st = *prepared;
      row.bind(st, filter.with_texts);
      bind_filter([&st](const auto& value) { st.exchange(soci::use(value)); });
      st.define_and_bind();
      st.execute();
      while (st.fetch()) out.push_back(row.take());
    } else {
      SqliteNativeQuery query(statements_, sql, "list actions");
      bind_filter([&query](const auto& value) { query.bind(value); });
      while (query.next()) ActionRow::read(query, filter.with_texts, out.emplace_back());
    }
    std::sort(out.begin(), out.end(), [](const CaseAction& a, const CaseAction& b) {
      return std::tie(a.action.due_on, a.case_reference, a.action.ref) <
             std::tie(b.action.due_on, b.case_reference, b.action.ref);
    });
    return out;
  });
}

std::vector<CaseContract> SqlReviewRecordRepository::contracts(long long partnership_id) {
  return guarded("list contracts", [&] { return contracts_where("c.partnership_id = :p", partnership_id); });
}

std::vector<CaseContract> SqlReviewRecordRepository::contracts_where(const char* where, long long value) {
  ContractRow row;
  PreparedStatement prepared =
      statements_.take(std::string("SELECT ") + ContractRow::kColumns +
                       // The contracts first, then each one's case (db/README.md, *Join order*).
                       " FROM case_contracts k CROSS JOIN cases c "
                       "WHERE c.id = k.case_id AND (" +
                       where + ") ORDER BY c.reference, k.ref");
  soci::statement& st = *prepared;
  row.bind(st);
  st.exchange(soci::use(value));
  st.define_and_bind();
  std::vector<CaseContract> out;
  st.execute();
  while (st.fetch()) out.push_back(row.value());
  return out;
}

std::map<long long, std::vector<CaseTag>> SqlReviewRecordRepository::tags_for_cases(const CaseFilter& cases) {
  return guarded("read tags across cases", [&] {
    const CaseFilterClause clause(cases, statements_.session());
    long long case_id = 0;
    CaseTag tag;
    PreparedStatement prepared =
        statements_.take("SELECT t.case_id, t.kind, t.code FROM case_tags t JOIN cases c ON c.id = t.case_id" +
                         clause.where() + " ORDER BY t.case_id, t.kind, t.code");
    soci::statement& st = *prepared;
    st.exchange(soci::into(case_id));
    st.exchange(soci::into(tag.kind));
    st.exchange(soci::into(tag.code));
    clause.bind(st);
    st.define_and_bind();
    std::map<long long, std::vector<CaseTag>> out;
    st.execute();
    while (st.fetch()) out[case_id].push_back(tag);
    return out;
  });
}

std::vector<long long> SqlReviewRecordRepository::cases_tagged(long long partnership_id, const std::string& kind,
                                                               const std::string& code) {
  return guarded("find tagged cases", [&] {
    long long id = 0;
    PreparedStatement prepared = statements_.take(
        "SELECT t.case_id FROM case_tags t JOIN cases c ON c.id = t.case_id "
        "WHERE c.partnership_id = :p AND t.kind = :k AND t.code = :v ORDER BY t.case_id");
    bind_all(prepared, soci::into(id), soci::use(partnership_id), soci::use(kind), soci::use(code));
    soci::statement& st = *prepared;
    std::vector<long long> out;
    st.execute();
    while (st.fetch()) out.push_back(id);
    return out;
  });
}

std::vector<TagCount> SqlReviewRecordRepository::tag_counts(long long partnership_id, const std::string& kind) {
  return guarded("count tags", [&] {
    TagCount count;
    count.kind = kind;
    PreparedStatement prepared = statements_.take(
        "SELECT t.code, COUNT(*) FROM case_tags t JOIN cases c ON c.id = t.case_id "
        "WHERE c.partnership_id = :p AND t.kind = :k GROUP BY t.code ORDER BY COUNT(*) DESC, t.code");
    bind_all(prepared, soci::into(count.code), soci::into(count.cases), soci::use(partnership_id), soci::use(kind));
    soci::statement& st = *prepared;
    std::vector<TagCount> out;
    st.execute();
    while (st.fetch()) out.push_back(count);
    return out;
  });
}

}  // namespace casereview::db
