// SQLite specifics of the store: schema versions, connection settings and the
// append-only guards on the event table and the access log.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <utility>
#include <vector>

#include "casereview/db/sqlite_store.h"
#include "clock_met_without_time.h"
#include "stepped_cases_query.h"
#include "store_backends.h"

namespace casereview {
namespace {

using testing_support::TempDir;

// Runs SQL on the file directly, as someone with access to it could.
int raw_exec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  sqlite3_close(db);
  return rc;
}

std::string raw_text(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
    out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

db::SqliteOptions options(const TempDir& dir) { return {dir.path() + "/schema.db", 2, 5000}; }

// The migration files in the source tree (numbers may leave gaps: one taken by
// a change made in parallel may not have landed yet).
int migration_files() {
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(CASEREVIEW_SOURCE_DIR) + "/db/migrations")) {
    count += entry.path().extension() == ".sql" ? 1 : 0;
  }
  return count;
}

TEST(SqliteSchema, CreatesAFreshDatabaseAtTheExpectedVersion) {
  TempDir dir;
  const auto store = db::SqliteStore::open(options(dir), db::SchemaMode::CreateIfEmpty);
  EXPECT_EQ(store->schema_version(), db::expected_schema_version());
  EXPECT_EQ(store->migrations_applied(), migration_files());
  EXPECT_EQ(raw_text(options(dir).path, "SELECT COUNT(*) FROM schema_migrations"), std::to_string(migration_files()));
  EXPECT_EQ(raw_text(options(dir).path, "PRAGMA journal_mode"), "wal");
}

// A database that has a migration above one it lacks (the lower number landed
// later) is not current: serving refuses it, and migrating applies the missing
// one alone.
TEST(SqliteSchema, AMigrationMissingBelowTheNewestIsApplied) {
  TempDir dir;
  db::SqliteStore::open(options(dir), db::SchemaMode::CreateIfEmpty);
  ASSERT_EQ(
      raw_exec(options(dir).path,
               "DROP TABLE documents; DROP TABLE document_contents; DELETE FROM schema_migrations WHERE version = 4"),
      SQLITE_OK);
  ASSERT_EQ(raw_text(options(dir).path, "SELECT MAX(version) FROM schema_migrations"),
            std::to_string(db::expected_schema_version()));
  try {
    db::SqliteStore::open(options(dir), db::SchemaMode::CreateIfEmpty);
    FAIL() << "served a database that lacks a migration";
  } catch (const db::SchemaError& e) {
    EXPECT_NE(std::string(e.what()).find("casereview db migrate"), std::string::npos) << e.what();
  }
  EXPECT_THROW(db::SqliteStore::open(options(dir), db::SchemaMode::ExistingCurrent), db::SchemaError);
  const auto migrated = db::SqliteStore::open(options(dir), db::SchemaMode::Migrate);
  EXPECT_EQ(migrated->migrations_applied(), 1);
  EXPECT_EQ(raw_text(options(dir).path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'documents'"), "1");
  EXPECT_EQ(raw_text(options(dir).path, "SELECT COUNT(*) FROM schema_migrations"), std::to_string(migration_files()));
  EXPECT_EQ(db::SqliteStore::open(options(dir), db::SchemaMode::CreateIfEmpty)->migrations_applied(), 0);
}

// 0009 refolds the keys possible duplicates are found by: a subject stored
// with the keys of the earlier fold (ASCII lower case only, ASCII digits only)
// is found by the identity fold of text.h afterwards.
TEST(SqliteSchema, MigrationNineRefoldsTheStoredDuplicateKeys) {
  TempDir dir;
  db::SqliteStore::open(options(dir), db::SchemaMode::CreateIfEmpty);
  const std::string details =
      R"({"family_name":"O\u2019Brien","given_name":"ZO\u00cb","nhs_number":"\uff19\uff14\uff13 \uff14\uff17\uff16 )"
      R"(\uff15\uff19\uff11\uff19"})";
  ASSERT_EQ(raw_exec(options(dir).path,
                     "DELETE FROM schema_migrations WHERE version = 9; "
                     "INSERT INTO case_subjects (case_id, details, salt, nhs_number, given_name, family_name) "
                     "VALUES (41, '" +
                         details +
                         "', 'ab', '', 'zo\xC3\x8B', 'o\xE2\x80\x99"
                         "brien')"),
            SQLITE_OK);
  const auto migrated = db::SqliteStore::open(options(dir), db::SchemaMode::Migrate);
  EXPECT_EQ(migrated->migrations_applied(), 1);
  EXPECT_EQ(raw_text(options(dir).path, "SELECT given_name FROM case_subjects WHERE case_id = 41"), "zo\xC3\xAB");
  EXPECT_EQ(raw_text(options(dir).path, "SELECT family_name FROM case_subjects WHERE case_id = 41"), "o'brien");
  EXPECT_EQ(raw_text(options(dir).path, "SELECT nhs_number FROM case_subjects WHERE case_id = 41"), "9434765919");
  EXPECT_EQ(raw_text(options(dir).path, "SELECT details FROM case_subjects WHERE case_id = 41"), details);
}

// Appends one event of `type` dated `on` to `record`, chained as the engine would.
void append(StoreSession& session, CaseRecord& record, const char* type, const char* on) {
  Event e;
  e.type = type;
  e.actor = "tester";
  e.recorded_at = *Instant::parse("2024-06-21T09:00:00Z");
  e.effective_date = *Date::parse(on);
  e.payload = "{}";
  std::vector<Event> events{e};
  const long long expected = record.version;
  chain_events(record, events);
  session.write_transaction([&] { session.cases().append(record, expected, events); });
}

// Stores a notification, SIN-2024-0001, with events of these types and dates
// in that order, in a new database in `dir`.
void store_case_with(const TempDir& dir, const std::vector<std::pair<const char*, const char*>>& steps) {
  const auto store = db::SqliteStore::open(options(dir), db::SchemaMode::CreateIfEmpty);
  auto session = store->session();
  CaseRecord record;
  session->write_transaction([&] {
    record = session->cases().create(
        NewCase{"serious_incident_notification", "SIN", 1, *Date::parse("2024-06-03"), "s"}, Instant::now());
  });
  for (const auto& [type, on] : steps) append(*session, record, type, on);
}

// 0015 keeps each case's last step on its row: a case stored before it gets
// the date of its last event that is neither a retention nor an owner event,
// and each step appended afterwards moves it (such events do not).
TEST(SqliteSchema, MigrationFifteenKeepsTheLastStepOnTheCase) {
  TempDir dir;
  store_case_with(dir, {{"opened", "2024-06-03"},
                        {"submitted", "2024-06-07"},
                        {"owner_assigned", "2024-07-01"},
                        {"legal_hold_placed", "2024-07-02"}});
  const std::string last = "SELECT last_step_on FROM cases WHERE reference = 'SIN-2024-0001'";
  EXPECT_EQ(raw_text(options(dir).path, last), "2024-06-07") << "kept by each append";
  ASSERT_EQ(raw_exec(options(dir).path,
                     "ALTER TABLE cases DROP COLUMN last_step_on; DELETE FROM schema_migrations WHERE version = 15"),
            SQLITE_OK);
  EXPECT_EQ(db::SqliteStore::open(options(dir), db::SchemaMode::Migrate)->migrations_applied(), 1);
  EXPECT_EQ(raw_text(options(dir).path, last), "2024-06-07") << "filled by the migration";
}

// 0016 keeps the latest date among the steps beside the last recorded: a step
// appended with an earlier date moves the last step, not the latest; a case
// stored before it gets its latest.
TEST(SqliteSchema, MigrationSixteenKeepsTheLatestStepOnTheCase) {
  TempDir dir;
  store_case_with(dir, {{"opened", "2024-06-03"}, {"closed", "2024-06-20"}, {"action_added", "2024-06-10"}});
  const std::string last = "SELECT last_step_on FROM cases WHERE reference = 'SIN-2024-0001'";
  const std::string latest = "SELECT latest_step_on FROM cases WHERE reference = 'SIN-2024-0001'";
  EXPECT_EQ(raw_text(options(dir).path, last), "2024-06-10");
  EXPECT_EQ(raw_text(options(dir).path, latest), "2024-06-20") << "kept by each append";
  // 0019's index (made again by 0023) holds the column: it goes first, and
  // 0019, applied again here, makes it again in its own shape.
  ASSERT_EQ(raw_exec(options(dir).path,
                     "DROP INDEX cases_of_kind_by_latest_step; ALTER TABLE cases DROP COLUMN latest_step_on; "
                     "DELETE FROM schema_migrations WHERE version IN (16, 19)"),
            SQLITE_OK);
  EXPECT_EQ(db::SqliteStore::open(options(dir), db::SchemaMode::Migrate)->migrations_applied(), 2);
  EXPECT_EQ(raw_text(options(dir).path, latest), "2024-06-20") << "filled by the migration";
  EXPECT_EQ(raw_text(options(dir).path, last), "2024-06-10");
}

// 0017 measures a document's content in bytes: a content stored as text
// whose first byte is zero (length() counts none of it) is not taken for
// erased and overwritten; emptying it is still the one change allowed.
TEST(SqliteSchema, MigrationSeventeenLetsADocumentsContentOnlyBeEmptied) {
  TempDir dir;
  db::SqliteStore::open(options(dir), db::SchemaMode::CreateIfEmpty);
  const std::string path = options(dir).path;
  ASSERT_EQ(raw_exec(path, "INSERT INTO document_contents VALUES ('h', 2, CAST(X'0041' AS TEXT))"), SQLITE_OK);
  EXPECT_EQ(raw_text(path, "SELECT length(content) FROM document_contents"), "0");
  EXPECT_NE(raw_exec(path, "UPDATE document_contents SET content = X'4242' WHERE sha256 = 'h'"), SQLITE_OK);
  EXPECT_EQ(raw_text(path, "SELECT hex(content) FROM document_contents"), "0041");
  EXPECT_EQ(raw_exec(path, "UPDATE document_contents SET content = X'' WHERE sha256 = 'h'"), SQLITE_OK);
  EXPECT_EQ(raw_text(path, "SELECT length(CAST(content AS BLOB)) FROM document_contents"), "0");
}

// The case list and the returns owed read through 0017's indexes, the
// cases of one kind through 0018's, those stepped since a day through 0019's.
// SQLite's plan for `sql` on the database at `path`, one line a step.
std::string query_plan(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  std::string out;
  sqlite3_prepare_v2(db, ("EXPLAIN QUERY PLAN " + sql).c_str(), -1, &st, nullptr);
  while (sqlite3_step(st) == SQLITE_ROW)
    out += std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 3))) + "\n";
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

TEST(SqliteSchema, MigrationSeventeenIndexesTheCaseListAndTheReturnsOwed) {
  TempDir dir;
  db::SqliteStore::open(options(dir), db::SchemaMode::CreateIfEmpty);
  const auto plan = [&](const std::string& sql) { return query_plan(options(dir).path, sql); };
  const std::string list =
      plan("SELECT * FROM cases c WHERE c.partnership_id = 1 ORDER BY opened_on DESC, id DESC LIMIT 50");
  EXPECT_NE(list.find("INDEX cases_in_opening_order"), std::string::npos) << list;
  EXPECT_EQ(list.find("TEMP B-TREE"), std::string::npos) << list;
  const std::string owed = plan(
      "SELECT r.case_id FROM agency_requests r CROSS JOIN cases c WHERE c.id = r.case_id AND c.partnership_id = 1 "
      "AND r.returned_on IS NULL");
  EXPECT_NE(owed.find("INDEX agency_requests_outstanding"), std::string::npos) << owed;
  // 0018: the cases of one kind are read from an index that holds the kind.
  const std::string of_kind = plan(
      "SELECT * FROM cases c WHERE c.partnership_id = 1 AND c.kind = 'rapid_review' AND c.opened_on <= '2027-03-31' "
      "ORDER BY opened_on DESC, id DESC LIMIT 50");
  EXPECT_NE(of_kind.find("INDEX cases_of_kind_in_opening_order (partnership_id=? AND kind=? AND opened_on<?)"),
            std::string::npos)
      << of_kind;
  EXPECT_EQ(of_kind.find("TEMP B-TREE"), std::string::npos) << of_kind;
  // 0019: the cases of one kind with a step since a day are read from an
  // index on the filter's own expression (case_filter_clause.cpp).
  const std::string stepped = plan(
      "SELECT * FROM cases c WHERE c.partnership_id = 1 AND c.kind = 'child_death_review' "
      "AND c.opened_on <= '2027-03-31' AND COALESCE(c.latest_step_on, c.opened_on) >= '2026-04-01'");
  EXPECT_NE(stepped.find("INDEX cases_of_kind_by_latest_step (partnership_id=? AND kind=? AND <expr>>?)"),
            std::string::npos)
      << stepped;
}

// 0023: those cases are read from 0019's index, made again to hold every
// column read, without a read of the table. SQLite 3.40 still calls it
// INDEX, not COVERING INDEX, for an index on an expression, and opens the
// table too (to seek in it only if asked), so its program is read: no column
// is read through the table's cursor (one opened without an index's key).
TEST(SqliteSchema, MigrationTwentyThreeReadsTheCasesAReportCountsFromTheIndexAlone) {
  TempDir dir;
  db::SqliteStore::open(options(dir), db::SchemaMode::CreateIfEmpty);
  EXPECT_NE(
      query_plan(options(dir).path, testing_support::kSteppedCasesQuery).find("INDEX cases_of_kind_by_latest_step"),
      std::string::npos);
  sqlite3* db = nullptr;
  sqlite3_open(options(dir).path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(
      sqlite3_prepare_v2(db, (std::string("EXPLAIN ") + testing_support::kSteppedCasesQuery).c_str(), -1, &st, nullptr),
      SQLITE_OK);
  std::vector<int> table_cursors;
  int columns_read = 0, columns_read_from_the_table = 0;
  while (sqlite3_step(st) == SQLITE_ROW) {
    const std::string opcode = reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
    const int cursor = sqlite3_column_int(st, 2);
    const unsigned char* p4 = sqlite3_column_text(st, 5);
    const bool of_an_index = p4 && std::string(reinterpret_cast<const char*>(p4)).rfind("k(", 0) == 0;
    if (opcode == "OpenRead" && !of_an_index) table_cursors.push_back(cursor);
    if (opcode == "Column") {
      ++columns_read;
      if (std::find(table_cursors.begin(), table_cursors.end(), cursor) != table_cursors.end()) {
        ++columns_read_from_the_table;
      }
    }
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  ASSERT_EQ(table_cursors.size(), 1u);
  EXPECT_GE(columns_read, 6) << "the columns are read, from the index";
  EXPECT_EQ(columns_read_from_the_table, 0) << "the index alone, not the table after it";
}

// 0020, 0021: every open clock of a partnership (the dashboard, timeliness) is
// read from the index of open clocks alone, each with its case.
TEST(SqliteSchema, MigrationTwentyReadsTheOpenClocksFromTheirIndexAlone) {
  TempDir dir;
  db::SqliteStore::open(options(dir), db::SchemaMode::CreateIfEmpty);
  const std::string open = query_plan(
      options(dir).path,
      "SELECT d.case_id, d.rule_id, d.amount, d.unit, d.anchor_id, d.anchor_date, d.anchor_at, d.due_date, d.due_at, "
      "d.provisional, d.remaining, d.met_on, d.met_at, d.ended_on, d.pauses, c.reference, c.kind, c.state "
      "FROM deadlines d CROSS JOIN cases c WHERE c.id = d.case_id AND c.partnership_id = 1 "
      "AND d.met_on IS NULL AND d.ended_on IS NULL");
  EXPECT_NE(open.find("SCAN d USING COVERING INDEX deadlines_open_whole"), std::string::npos) << open;
  EXPECT_NE(open.find("SEARCH c USING INTEGER PRIMARY KEY"), std::string::npos) << open;
}

// The searches of the case list (case_filter_clause.cpp,
// sql_subject_repository.cpp) compare only what an index holds, so SQLite reads
// the index and not each case's or child's row.
TEST(SqliteSchema, SearchesReadOnlyTheIndexesThatHoldWhatTheyCompare) {
  TempDir dir;
  db::SqliteStore::open(options(dir), db::SchemaMode::CreateIfEmpty);
  const auto plan = [&](const std::string& sql) { return query_plan(options(dir).path, sql); };
  const std::string by_reference = plan(
      "SELECT c.id FROM cases c WHERE c.partnership_id = 1 AND c.id IN (SELECT r.id FROM cases r "
      "WHERE r.partnership_id = 1 AND r.reference LIKE '%SIN-2026%' ESCAPE '\\')");
  EXPECT_NE(by_reference.find("SEARCH r USING COVERING INDEX sqlite_autoindex_cases_1 (partnership_id=?)"),
            std::string::npos)
      << by_reference;
  const std::string by_name = plan(
      "SELECT c.id FROM case_subjects s CROSS JOIN cases c WHERE c.id = s.case_id AND c.partnership_id = 1 AND "
      "((' ' || replace(s.given_name, '-', ' ') || ' ' || replace(s.family_name, '-', ' ')) LIKE '% ami%' "
      "ESCAPE '\\') ORDER BY c.id");
  EXPECT_NE(by_name.find("SCAN s USING COVERING INDEX case_subjects_by_name"), std::string::npos) << by_name;
}

TEST(SqliteSchema, ReopeningAppliesNothing) {
  TempDir dir;
  db::SqliteStore::open(options(dir), db::SchemaMode::CreateIfEmpty);
  const auto again = db::SqliteStore::open(options(dir), db::SchemaMode::CreateIfEmpty);
  EXPECT_EQ(again->migrations_applied(), 0);
  const auto migrate = db::SqliteStore::open(options(dir), db::SchemaMode::Migrate);
  EXPECT_EQ(migrate->migrations_applied(), 0);
}

TEST(SqliteSchema, RefusesADatabaseFromANewerRelease) {
  TempDir dir;
  db::SqliteStore::open(options(dir), db::SchemaMode::CreateIfEmpty);
  ASSERT_EQ(
      raw_exec(options(dir).path, "INSERT INTO schema_migrations VALUES (9999, 'future', '2030-01-01T00:00:00Z')"),
      SQLITE_OK);
  try {
    db::SqliteStore::open(options(dir), db::SchemaMode::Migrate);
    FAIL() << "opened a newer schema";
  } catch (const db::SchemaError& e) {
    EXPECT_NE(std::string(e.what()).find("newer casereview"), std::string::npos);
  }
}

TEST(SqliteSchema, RefusesADatabaseThatIsNotCasereviews) {
  TempDir dir;
  ASSERT_EQ(raw_exec(options(dir).path, "CREATE TABLE customers (id INTEGER)"), SQLITE_OK);
  EXPECT_THROW(db::SqliteStore::open(options(dir), db::SchemaMode::CreateIfEmpty), db::SchemaError);
  EXPECT_EQ(raw_text(options(dir).path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'cases'"), "0");
}

TEST(SqliteSchema, RefusesADatabaseWithoutARecordedVersion) {
  TempDir dir;
  db::SqliteStore::open(options(dir), db::SchemaMode::CreateIfEmpty);
  ASSERT_EQ(raw_exec(options(dir).path, "DELETE FROM schema_migrations"), SQLITE_OK);
  EXPECT_THROW(db::SqliteStore::open(options(dir), db::SchemaMode::Migrate), db::SchemaError);
}

TEST(SqliteSchema, TheEventTableRefusesUpdatesAndDeletes) {
  TempDir dir;
  {
    const auto store = db::SqliteStore::open(options(dir), db::SchemaMode::CreateIfEmpty);
    auto session = store->session();
    CaseRecord record;
    session->write_transaction([&] {
      record = session->cases().create(NewCase{"k", "K", 1, *Date::parse("2024-01-01"), ""},
                                       *Instant::parse("2024-01-01T00:00:00Z"));
      std::vector<Event> events(1);
      events[0].type = "opened";
      events[0].payload = "{}";
      chain_events(record, events);
      session->cases().append(record, 0, events);
    });
  }
  EXPECT_NE(raw_exec(options(dir).path, "UPDATE case_events SET payload = '{\"x\":1}'"), SQLITE_OK);
  EXPECT_NE(raw_exec(options(dir).path, "DELETE FROM case_events"), SQLITE_OK);
  EXPECT_EQ(raw_text(options(dir).path, "SELECT COUNT(*) FROM case_events"), "1");
}

// 0024: the children a page names are kept once for every answer of it, and
// each answer is one row of the log; neither can be changed or taken away.
TEST(SqliteSchema, MigrationTwentyFourKeepsAPagesChildrenOnceAndEachAnswerAsOneRow) {
  TempDir dir;
  {
    const auto store = db::SqliteStore::open(options(dir), db::SchemaMode::CreateIfEmpty);
    auto session = store->session();
    session->write_transaction([&] {
      std::vector<long long> named;
      named.reserve(3);
      for (int i = 0; i < 3; ++i) {
        named.push_back(
            session->cases()
                .create(NewCase{"k", "K", 1, *Date::parse("2024-01-01"), ""}, *Instant::parse("2024-01-01T00:00:00Z"))
                .id);
      }
      const AccessEntry read{0, *Instant::parse("2024-01-02T09:00:00Z"), "m", 1, 0, "", "dashboard", ""};
      session->access_log().append_for_cases(read, named);
      session->access_log().append_for_cases(read, named);
      session->access_log().append_for_cases(read, {named[2], named[1], named[0]});
      session->access_log().append_for_cases(read, {named[1]});
    });
  }
  const std::string path = options(dir).path;
  EXPECT_EQ(raw_text(path, "SELECT COUNT(*) FROM access_log"), "4") << "one row an answer";
  EXPECT_EQ(raw_text(path, "SELECT COUNT(*) FROM access_log WHERE case_id IS NOT NULL AND page_id IS NULL"), "1")
      << "a page of one child is the row of a single read";
  EXPECT_EQ(raw_text(path, "SELECT COUNT(*) FROM access_pages"), "2") << "the same children in another order: a page";
  EXPECT_EQ(raw_text(path, "SELECT COUNT(*) FROM access_page_cases"), "6");
  EXPECT_NE(raw_exec(path, "UPDATE access_page_cases SET case_id = 1"), SQLITE_OK);
  EXPECT_NE(raw_exec(path, "DELETE FROM access_page_cases"), SQLITE_OK);
  EXPECT_NE(raw_exec(path, "UPDATE access_pages SET digest = 'x'"), SQLITE_OK);
  EXPECT_NE(raw_exec(path, "DELETE FROM access_pages"), SQLITE_OK);
  EXPECT_NE(raw_exec(path, "UPDATE access_log SET page_id = NULL"), SQLITE_OK);
  EXPECT_EQ(raw_text(path, "SELECT COUNT(*) FROM access_page_cases"), "6");
  EXPECT_EQ(raw_text(path, "SELECT COUNT(*) FROM access_log WHERE page_id IS NOT NULL"), "3");
  EXPECT_EQ(raw_text(path, "SELECT COUNT(*) FROM access_log WHERE page_id IS NOT NULL AND case_id IS NOT NULL"), "0");
}

TEST(SqliteSchema, ReportsAnUnwritableLocation) {
  EXPECT_THROW(db::SqliteStore::open({"/nonexistent-directory/x.db", 1, 100}, db::SchemaMode::CreateIfEmpty),
               StorageError);
}

// A clock migration 0021 marked as awaiting its time met loses the mark when
// its case's clocks are stored again, even unchanged, as it did when every
// clock was deleted and written again. (PostgreSQL's side:
// PostgresStoreTest.AClockMarkedAwaitingItsTimeMetIsClearedByItsCasesNextStore.)
TEST(SqliteSchema, AClockMarkedAwaitingItsTimeMetIsClearedByItsCasesNextStore) {
  TempDir dir;
  const auto store = db::SqliteStore::open(options(dir), db::SchemaMode::CreateIfEmpty);
  auto session = store->session();
  const Clock met = testing_support::clock_met_without_time();
  const long long id = testing_support::case_with_clocks(*session, {met});
  ASSERT_EQ(raw_exec(options(dir).path, "UPDATE deadlines SET met_at_unknown = 1"), SQLITE_OK);
  EXPECT_EQ(session->deadlines().cases_stored_without_met_times(), std::vector<long long>{id});
  session->write_transaction([&] { session->deadlines().replace_for_case(id, {met}); });
  EXPECT_TRUE(session->deadlines().cases_stored_without_met_times().empty());
  EXPECT_EQ(session->deadlines().for_case(id).at(0).met_on, met.met_on);
}

}  // namespace
}  // namespace casereview
