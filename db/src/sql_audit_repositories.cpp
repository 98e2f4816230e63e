// The access log and the signed checkpoints of the audit chain.
#include "casereview/engine/event.h"
#include "sql_errors.h"
#include "sql_repositories.h"

namespace casereview::db {

namespace {

constexpr const char* kAppendAccess =
    "INSERT INTO access_log (at, username, partnership_id, case_id, what, reason) VALUES (:a, :u, :p, :c, :w, :r)";
constexpr const char* kAppendPageRead =
    "INSERT INTO access_log (at, username, partnership_id, page_id, what, reason) VALUES (:a, :u, :p, :g, :w, :r)";
// Bound only as SOCI's vectors (its text marks it, so that no statement run
// with single values shares it): SOCI 4.0.3's PostgreSQL backend, once a
// statement has been run with single values, runs it once whatever the
// vectors hold, and would keep the first case alone.
constexpr const char* kAddPageCases =
    "INSERT INTO access_page_cases (page_id, position, case_id) VALUES (:g, :n, :c) /* vectors */";

// What finds a page's children again: a digest of their ids in order.
std::string page_digest(const std::vector<long long>& case_ids) {
  std::string ids;
  for (long long id : case_ids) ids += std::to_string(id) + ",";
  return sha256_hex(ids);
}

}  // namespace

void SqlAccessLogRepository::append(const AccessEntry& e) {
  guarded("log an access", [&] {
    const std::string at = e.at.iso();
    long long case_id = e.case_id;
    soci::indicator case_i = e.case_id ? soci::i_ok : soci::i_null;
    run_kept(statements_, kAppendAccess, soci::use(at), soci::use(e.username), soci::use(e.partnership_id),
             soci::use(case_id, case_i), soci::use(e.what), soci::use(e.reason));
  });
}

long long SqlAccessLogRepository::page_naming(const std::vector<long long>& case_ids) {
  const std::string digest = page_digest(case_ids);
  long long id = 0;
  if (run_kept(statements_, "SELECT id FROM access_pages WHERE digest = :d", soci::use(digest), soci::into(id))) {
    return id;
  }
  // Another server may add the same page at the same moment (PostgreSQL).
  // Its row, committed or not, is one this serializable transaction cannot
  // see: PostgreSQL abandons the transaction (40001), which is run again
  // from its start and finds the row. Should nothing come back all the
  // same, the transaction is run again rather than log a read of no page.
  if (!run_kept(statements_,
                "INSERT INTO access_pages (digest) VALUES (:d) ON CONFLICT (digest) DO NOTHING RETURNING id",
                soci::use(digest), soci::into(id))) {
    throw RetryableStorageError("log an access: another server added the same page at the same moment",
                                RetryableStorageError::Cause::Contention);
  }
  const std::size_t n = case_ids.size();
  std::vector<long long> page(n, id), case_id(case_ids);
  std::vector<int> position(n);
  for (std::size_t i = 0; i < n; ++i) position[i] = static_cast<int>(i);
  PreparedStatement statement = statements_.take(kAddPageCases);
  bind_all(statement, soci::use(page), soci::use(position), soci::use(case_id));
  statement->execute(true);
  return id;
}

void SqlAccessLogRepository::append_for_cases(const AccessEntry& e, const std::vector<long long>& case_ids) {
  if (case_ids.empty()) return;
  if (case_ids.size() == 1) {
    // A page of one child (a case's own page) is the row of a single read.
    AccessEntry one = e;
    one.case_id = case_ids.front();
    append(one);
    return;
  }
  guarded("log an access", [&] {
    // One row for the answer, pointing at the children the page names, kept
    // once for every answer of the same page (migration 0024): a row for each
    // child put each on a page of the index by case of its own, and the
    // pages written, not the statements, were what a dashboard's answer took.
    long long page_id = page_naming(case_ids);
    const std::string at = e.at.iso();
    run_kept(statements_, kAppendPageRead, soci::use(at), soci::use(e.username), soci::use(e.partnership_id),
             soci::use(page_id), soci::use(e.what), soci::use(e.reason));
  });
}

std::vector<AccessEntry> SqlAccessLogRepository::list(const AccessFilter& filter) {
  return guarded("read the access log", [&] {
    // An answer of a page is one row and gives an entry for each child it
    // names, newest first: the last named first, as if each had a row. `x`
    // is a page's children (none for a single read) or, for one case, that
    // case's single reads and the pages that name it, each with its position.
    const std::string entries =
        filter.case_id
            ? "(SELECT id, -1 AS position, case_id FROM access_log WHERE case_id = :c1 "
              "UNION ALL SELECT p.id, m.position, m.case_id FROM access_page_cases m "
              "JOIN access_log p ON p.page_id = m.page_id WHERE m.case_id = :c2) x JOIN access_log l ON l.id = x.id"
            : "access_log l LEFT JOIN access_page_cases x ON x.page_id = l.page_id";
    std::string sql =
        "SELECT l.id, l.at, l.username, l.partnership_id, COALESCE(x.case_id, l.case_id), c.reference, l.what, "
        "l.reason FROM " +
        entries + " LEFT JOIN cases c ON c.id = COALESCE(x.case_id, l.case_id) WHERE l.partnership_id = :p";
    if (filter.username) sql += " AND l.username = :u";
    sql += " ORDER BY l.id DESC, x.position DESC LIMIT :l";
    AccessEntry e;
    std::string at, reference;
    long long case_id = 0;
    soci::indicator case_i{}, reference_i{};
    PreparedStatement prepared = statements_.take(sql);
    soci::statement& st = *prepared;
    st.exchange(soci::into(e.id));
    st.exchange(soci::into(at));
    st.exchange(soci::into(e.username));
    st.exchange(soci::into(e.partnership_id));
    st.exchange(soci::into(case_id, case_i));
    st.exchange(soci::into(reference, reference_i));
    st.exchange(soci::into(e.what));
    st.exchange(soci::into(e.reason));
    if (filter.case_id) {
      st.exchange(soci::use(*filter.case_id));
      st.exchange(soci::use(*filter.case_id));
    }
    st.exchange(soci::use(filter.partnership_id));
    if (filter.username) st.exchange(soci::use(*filter.username));
    st.exchange(soci::use(filter.limit));
    st.define_and_bind();
    std::vector<AccessEntry> out;
    st.execute();
    while (st.fetch()) {
      AccessEntry row = e;
      row.at = stored_instant(at);
      row.case_id = case_i == soci::i_ok ? case_id : 0;
      row.case_reference = reference_i == soci::i_ok ? reference : "";
      out.push_back(row);
    }
    return out;
  });
}

std::vector<ChainHead> SqlCheckpointRepository::unsigned_heads() {
  return guarded("read the chain heads not yet signed", [&] {
    ChainHead head;
    // Over migration 0022's index of the cases whose version is past the one signed.
    PreparedStatement prepared = statements_.take(
        "SELECT id, partnership_id, version, head_hash FROM cases WHERE version > signed_version ORDER BY id");
    bind_all(prepared, soci::into(head.case_id), soci::into(head.partnership_id), soci::into(head.version),
             soci::into(head.hash));
    soci::statement& st = *prepared;
    std::vector<ChainHead> out;
    st.execute();
    while (st.fetch()) out.push_back(head);
    return out;
  });
}

std::map<long long, long long> SqlCheckpointRepository::signed_versions() {
  return guarded("read the versions signed", [&] {
    long long id = 0, version = 0;
    PreparedStatement prepared = statements_.take("SELECT id, signed_version FROM cases");
    bind_all(prepared, soci::into(id), soci::into(version));
    soci::statement& st = *prepared;
    std::map<long long, long long> out;
    st.execute();
    while (st.fetch()) out.emplace(id, version);
    return out;
  });
}

void SqlCheckpointRepository::add(const Checkpoint& c) {
  guarded("store a checkpoint", [&] {
    const std::string at = c.taken_at.iso();
    const std::string previous = c.previous_signature.value_or("");
    soci::indicator previous_i = c.previous_signature ? soci::i_ok : soci::i_null;
    run_kept(statements_,
             "INSERT INTO audit_checkpoints (taken_at, taken_by, heads, signature, previous_signature) "
             "VALUES (:a, :b, :h, :s, :p)",
             soci::use(at), soci::use(c.taken_by), soci::use(c.heads), soci::use(c.signature),
             soci::use(previous, previous_i));
    run_kept(statements_, "UPDATE cases SET signed_version = version WHERE version > signed_version");
  });
}

namespace {
constexpr const char* kCheckpointColumns = "id, taken_at, taken_by, heads, signature, previous_signature";

// One checkpoint's columns (kCheckpointColumns, in that order) as read.
struct CheckpointRow {
  Checkpoint c;
  std::string at, previous;
  soci::indicator previous_i{};
  template <class Statement>
  void bind(Statement& prepared) {
    bind_all(prepared, soci::into(c.id), soci::into(at), soci::into(c.taken_by), soci::into(c.heads),
             soci::into(c.signature), soci::into(previous, previous_i));
  }
  Checkpoint read() const {
    Checkpoint out = c;
    out.taken_at = stored_instant(at);
    out.previous_signature = previous_i == soci::i_ok ? std::optional<std::string>(previous) : std::nullopt;
    return out;
  }
};

// Checkpoints read at once by for_each: libpq receives a whole result before
// the first row is fetched, and a national record's first checkpoint alone is
// some 5.6 MB.
constexpr int kCheckpointsAPage = 4;
}  // namespace

void SqlCheckpointRepository::for_each(const std::function<void(const Checkpoint&)>& visit) {
  guarded("read checkpoints", [&] {
    long long after = 0;
    for (;;) {
      std::vector<Checkpoint> page;
      {
        CheckpointRow row;
        PreparedStatement prepared = statements_.take(std::string("SELECT ") + kCheckpointColumns +
                                                      " FROM audit_checkpoints WHERE id > :after ORDER BY id LIMIT " +
                                                      std::to_string(kCheckpointsAPage));
        prepared->exchange(soci::use(after));
        row.bind(prepared);
        soci::statement& st = *prepared;
        st.execute();
        while (st.fetch()) page.push_back(row.read());
      }
      // Visited with the statement given back: a visitor may read the store.
      for (const Checkpoint& c : page) visit(c);
      if (page.size() < static_cast<std::size_t>(kCheckpointsAPage)) return;
      after = page.back().id;
    }
  });
}

long long SqlCheckpointRepository::count() {
  return guarded("count checkpoints", [&] {
    long long n = 0;
    run_kept(statements_, "SELECT COUNT(*) FROM audit_checkpoints", soci::into(n));
    return n;
  });
}

std::optional<Checkpoint> SqlCheckpointRepository::latest() {
  return guarded("read the newest checkpoint", [&]() -> std::optional<Checkpoint> {
    CheckpointRow row;
    PreparedStatement prepared = statements_.take(std::string("SELECT ") + kCheckpointColumns +
                                                  " FROM audit_checkpoints ORDER BY id DESC LIMIT 1");
    row.bind(prepared);
    if (!prepared->execute(true)) return std::nullopt;
    return row.read();
  });
}

std::optional<Instant> SqlCheckpointRepository::latest_taken_at() {
  return guarded("read the newest checkpoint", [&]() -> std::optional<Instant> {
    std::string at;
    PreparedStatement prepared = statements_.take("SELECT taken_at FROM audit_checkpoints ORDER BY id DESC LIMIT 1");
    bind_all(prepared, soci::into(at));
    soci::statement& st = *prepared;
    if (!st.execute(true)) return std::nullopt;
    return stored_instant(at);
  });
}

}  // namespace casereview::db
