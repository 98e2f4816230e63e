// What the PostgreSQL store promises beyond the contract suites: commands sent
// at once from many sessions (as from several servers) are serialized, one
// command at one version wins exactly once, transactions PostgreSQL abandons
// are run again, a connection the server ends is opened again, and servers
// starting together on an empty database apply the schema once.
#include "casereview/db/postgres_store.h"

#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <atomic>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "case_service_fixture.h"
#include "casereview/engine/audit.h"
#include "clock_met_without_time.h"
#include "postgres_server.h"
#include "stepped_cases_query.h"

namespace casereview {
namespace {

using testing_support::new_postgres_database;
using testing_support::opening_facts;
using testing_support::PostgresServer;

constexpr int kWriters = 8;

// The CaseService of the contract suites, on a PostgreSQL store of its own
// with room for kWriters sessions at once.
class PostgresStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    connection = new_postgres_database();
    store = db::PostgresStore::open({connection, kWriters + 1}, db::SchemaMode::CreateIfEmpty);
    workflows::register_all(registry);
    context = testing_support::manager_on_10_june_2024();
  }

  CommandOutcome open_notification(StoreSession& session) const {
    return service.open(session, OpenRequest{"serious_incident_notification", opening_facts(), {"POSSIBLE_DUPLICATE"}},
                        context);
  }

  // Runs `work(i)` on kWriters threads at once, each with a session of its own.
  template <class Work>
  void at_once(Work work) {
    std::atomic<int> ready{0};
    std::vector<std::thread> threads;
    threads.reserve(kWriters);
    for (int i = 0; i < kWriters; ++i) {
      threads.emplace_back([&, i] {
        auto session = store->session();
        ++ready;
        while (ready.load() < kWriters) std::this_thread::yield();
        try {
          work(*session, i);
        } catch (const std::exception& e) {
          ADD_FAILURE() << "writer " << i << ": " << e.what();
        }
      });
    }
    for (std::thread& t : threads) t.join();
  }

  // The database's name, from its connection string.
  std::string database_name() const {
    const std::string key = "dbname=";
    const std::size_t from = connection.find(key) + key.size();
    return connection.substr(from, connection.find(' ', from) - from);
  }

  // Ends every connection of this test's database from the server's side,
  // and returns once their processes have gone (waiting up to 5 s for each).
  void server_ends_every_connection() const {
    PostgresServer::shared().run_sql(
        "postgres",
        "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = '" + database_name() + "'");
  }

  std::string connection;
  std::unique_ptr<db::PostgresStore> store;
  WorkflowRegistry registry;
  CaseService service{registry};
  RequestContext context;
};

TEST_F(PostgresStoreTest, OneCommandSentFromManySessionsAtOneVersionWinsOnceAndTheOthersAreStale) {
  auto session = store->session();
  const CaseRecord opened = std::get<outcome::Changed>(open_notification(*session)).record;
  ASSERT_EQ(opened.version, 1);

  std::atomic<int> changed{0}, stale{0}, other{0};
  at_once([&](StoreSession& own, int) {
    Json facts = Json::object();
    facts.set("submitted_on", "2024-06-07");
    const CommandOutcome result = service.apply(own, opened.id, Command{"submit_notification", facts}, 1, context);
    if (std::holds_alternative<outcome::Changed>(result)) {
      ++changed;
    } else if (std::holds_alternative<outcome::Stale>(result)) {
      ++stale;
    } else {
      ++other;
    }
  });

  EXPECT_EQ(changed.load(), 1);
  EXPECT_EQ(stale.load(), kWriters - 1);
  EXPECT_EQ(other.load(), 0);
  const std::vector<Event> events = session->cases().events(opened.id);
  ASSERT_EQ(events.size(), 2U);  // opened, submitted: no duplicate
  EXPECT_EQ(events[1].type, "notification_submitted");
  EXPECT_EQ(session->cases().find(opened.id)->version, 2);
  EXPECT_EQ(session->cases().children(opened.id).size(), 1U);  // one rapid review
  const AuditReport audit = verify_all(*session, "");
  EXPECT_TRUE(audit.intact());
  EXPECT_EQ(audit.events_checked, 3);  // and the rapid review's opening
}

TEST_F(PostgresStoreTest, CasesOpenedFromManySessionsAtOnceAreAllStoredWithReferencesOfTheirOwn) {
  constexpr int kEach = 5;
  std::atomic<int> changed{0};
  at_once([&](StoreSession& own, int) {
    for (int n = 0; n < kEach; ++n) {
      if (std::holds_alternative<outcome::Changed>(open_notification(own))) ++changed;
    }
  });

  EXPECT_EQ(changed.load(), kWriters * kEach);
  auto session = store->session();
  CaseFilter all;
  all.partnership_id = 1;
  const std::vector<CaseRecord> cases = session->cases().list(all);
  ASSERT_EQ(cases.size(), static_cast<std::size_t>(kWriters * kEach));
  std::set<std::string> references;
  for (const CaseRecord& c : cases) references.insert(c.reference);
  EXPECT_EQ(references.size(), cases.size());
  EXPECT_EQ(references.count("SIN-2024-0001"), 1U);
  EXPECT_EQ(references.count("SIN-2024-0040"), 1U);
  EXPECT_TRUE(verify_all(*session, "").intact());
}

TEST_F(PostgresStoreTest, ATransactionPostgresqlAbandonsIsRunAgainFromItsStart) {
  // Two sessions each read the row the other writes, inside SERIALIZABLE
  // transactions that overlap: PostgreSQL lets one commit and abandons the
  // other (40001), which the store runs again, after the first committed.
  auto first = store->session();
  auto second = store->session();
  std::atomic<int> runs_of_second{0};
  std::atomic<bool> second_has_read{false}, first_committed{false};
  std::thread other([&] {
    second->write_transaction([&] {
      ++runs_of_second;
      (void)second->partnerships().areas(1);
      second_has_read = true;
      while (runs_of_second.load() == 1 && !first_committed.load()) std::this_thread::yield();
      second->partnerships().add_area(1, "Area of the second");
    });
  });
  while (!second_has_read.load()) std::this_thread::yield();
  first->write_transaction([&] {
    (void)first->partnerships().areas(1);
    first->partnerships().add_area(1, "Area of the first");
  });
  first_committed = true;
  other.join();

  EXPECT_EQ(runs_of_second.load(), 2);
  EXPECT_EQ(store->retry_counts().transactions_run_again, 1);
  const std::vector<std::string> areas = first->partnerships().areas(1);
  EXPECT_EQ(areas, (std::vector<std::string>{"Area of the first", "Area of the second"}));
}

TEST_F(PostgresStoreTest, WorkThatThrowsIsNotRunAgainAndLeavesNothing) {
  auto session = store->session();
  int runs = 0;
  EXPECT_THROW(session->write_transaction([&] {
    ++runs;
    session->partnerships().add_area(1, "Area never stored");
    throw std::invalid_argument("refused after writing");
  }),
               std::invalid_argument);
  EXPECT_EQ(runs, 1);
  EXPECT_TRUE(session->partnerships().areas(1).empty());
}

TEST_F(PostgresStoreTest, ConnectionsTheServerEndsAreOpenedAgain) {
  {
    auto session = store->session();
    ASSERT_TRUE(std::holds_alternative<outcome::Changed>(open_notification(*session)));
  }
  auto held = store->session();  // lent before the server ends it, used after
  server_ends_every_connection();

  // A session lent now finds its connection ended and opens it again.
  {
    auto session = store->session();
    ASSERT_TRUE(std::holds_alternative<outcome::Changed>(open_notification(*session)));
  }
  // The session that held its connection meanwhile: its transaction finds the
  // connection lost before anything was committed and is run again on a new one.
  int runs = 0;
  held->write_transaction([&] {
    ++runs;
    held->partnerships().add_area(1, "Area after the restart");
  });
  EXPECT_EQ(runs, 1);  // the BEGIN failed, so the work ran once
  EXPECT_EQ(held->partnerships().areas(1), std::vector<std::string>{"Area after the restart"});
  std::vector<CaseRecord> cases;
  held->read_transaction([&] {
    CaseFilter all;
    all.partnership_id = 1;
    cases = held->cases().list(all);
  });
  EXPECT_EQ(cases.size(), 2U);
  EXPECT_GE(store->retry_counts().connections_reopened, 2);
}

TEST_F(PostgresStoreTest, AReadTransactionWhoseConnectionEndsDuringItsWorkFailsAndIsNotRunAgain) {
  auto session = store->session();
  int runs = 0;
  EXPECT_THROW(session->read_transaction([&] {
    ++runs;
    (void)session->partnerships().list();
    server_ends_every_connection();
    (void)session->partnerships().areas(1);
  }),
               StorageError);
  EXPECT_EQ(runs, 1);
  // The next session opens the connection again.
  auto next = store->session();
  EXPECT_EQ(next->partnerships().list().size(), 1U);
}

// The met clocks a database held before migration 0021 (marked by it, without
// the time met) are found, given the time of the clock of the same rule met on
// the same day, and found no more; nothing else of them changes. (SQLite's
// side: CliDatabase.MigratingGivesStoredClocksTheTimeTheyWereMet.)
TEST_F(PostgresStoreTest, ClocksStoredBeforeTheTimeMetWasKeptAreGivenItOnce) {
  auto session = store->session();
  long long id = 0;
  Clock hours;
  hours.rule_id = "cdr.jar_discussion";
  hours.terms = {24, DeadlineUnit::Hours, "death"};
  hours.anchor = {*Date::parse("2024-06-03"), Instant::parse("2024-06-03T14:00:00Z")};
  hours.due = DueDate{*Date::parse("2024-06-04"), Instant::parse("2024-06-04T14:00:00Z"), false};
  hours.met_on = Date::parse("2024-06-04");
  Clock days = hours;
  days.rule_id = "cdr.reporting_form";
  days.terms = {5, DeadlineUnit::WorkingDays, "death"};
  days.anchor.at.reset();
  days.due = DueDate{*Date::parse("2024-06-10"), std::nullopt, false};
  days.met_on = Date::parse("2024-06-07");
  session->write_transaction([&] {
    id = session->cases()
             .create(NewCase{"child_death_review", "CDR", 1, *Date::parse("2024-06-03"), ""},
                     *Instant::parse("2024-06-03T15:00:00Z"))
             .id;
    session->deadlines().replace_for_case(id, {hours, days});
  });
  PostgresServer::shared().run_sql(database_name(), "UPDATE deadlines SET met_at_unknown = 1 WHERE met_on IS NOT NULL");
  EXPECT_EQ(session->deadlines().cases_stored_without_met_times(), std::vector<long long>{id});

  Clock late = hours;  // as computed again from the events: held at 15:30, after its due hour
  late.met_at = Instant::parse("2024-06-04T15:30:00Z");
  Clock other_day = days;  // met on another day than the one stored: not taken
  other_day.met_on = Date::parse("2024-06-08");
  other_day.met_at = Instant::parse("2024-06-08T09:00:00Z");
  session->write_transaction([&] { session->deadlines().fill_met_times(id, {late, other_day}); });
  EXPECT_TRUE(session->deadlines().cases_stored_without_met_times().empty());
  const std::vector<Clock> stored = session->deadlines().for_case(id);
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].rule_id, "cdr.jar_discussion");
  EXPECT_EQ(stored[0].met_at, late.met_at);
  EXPECT_EQ(stored[0].due->at, hours.due->at);
  EXPECT_EQ(stored[1].met_on, days.met_on);
  EXPECT_FALSE(stored[1].met_at);
}

// A clock marked by migration 0021 loses the mark when its case's clocks are
// stored again, even unchanged. (SQLite's side: SqliteSchema.
// AClockMarkedAwaitingItsTimeMetIsClearedByItsCasesNextStore.)
TEST_F(PostgresStoreTest, AClockMarkedAwaitingItsTimeMetIsClearedByItsCasesNextStore) {
  auto session = store->session();
  const Clock met = testing_support::clock_met_without_time();
  const long long id = testing_support::case_with_clocks(*session, {met});
  PostgresServer::shared().run_sql(database_name(), "UPDATE deadlines SET met_at_unknown = 1");
  EXPECT_EQ(session->deadlines().cases_stored_without_met_times(), std::vector<long long>{id});
  session->write_transaction([&] { session->deadlines().replace_for_case(id, {met}); });
  EXPECT_TRUE(session->deadlines().cases_stored_without_met_times().empty());
  EXPECT_EQ(session->deadlines().for_case(id).at(0).met_on, met.met_on);
}

// Migration 0023: the cases stepped in a period that a report counts
// (kSteppedCasesQuery) can be read from their index alone. The planner is kept from
// the table scans it prefers for a table this small, so that the plan shows
// what the index can do.
TEST_F(PostgresStoreTest, TheCasesAReportCountsCanBeReadFromTheirIndexAlone) {
  soci::session sql(soci::postgresql, connection);
  sql << "SET enable_seqscan = off";
  sql << "SET enable_bitmapscan = off";
  std::string plan;
  const soci::rowset<std::string> lines =
      (sql.prepare << std::string("EXPLAIN ") + testing_support::kSteppedCasesQuery);
  for (const std::string& line : lines) plan += line + "\n";
  EXPECT_NE(plan.find("Index Only Scan using cases_of_kind_by_latest_step"), std::string::npos) << plan;
}

TEST(PostgresStoreSchema, ServersStartingTogetherOnAnEmptyDatabaseApplyTheSchemaOnce) {
  const std::string connection = new_postgres_database(false);
  std::atomic<int> applied{0}, versions_seen{0};
  std::vector<std::thread> servers;
  servers.reserve(4);
  for (int i = 0; i < 4; ++i) {
    servers.emplace_back([&] {
      const auto store = db::PostgresStore::open({connection, 1}, db::SchemaMode::CreateIfEmpty);
      applied += store->migrations_applied();
      if (store->schema_version() == db::expected_schema_version()) ++versions_seen;
    });
  }
  for (std::thread& t : servers) t.join();
  // PostgreSQL's migrations (its baseline at version 16 and each one since),
  // each applied by one server only.
  EXPECT_EQ(applied.load(), db::expected_schema_version() - 15);
  EXPECT_EQ(versions_seen.load(), 4);
  const auto store = db::PostgresStore::open({connection, 1}, db::SchemaMode::ExistingCurrent);
  EXPECT_EQ(store->session()->partnerships().list().size(), 1U);  // "default", once
}

TEST(PostgresStoreSchema, AnEmptyDatabaseIsRefusedWhereOnlyAnExistingOneWillDo) {
  const std::string connection = new_postgres_database(false);
  try {
    db::PostgresStore::open({connection, 1}, db::SchemaMode::ExistingCurrent);
    FAIL() << "an empty database was opened";
  } catch (const db::SchemaError& e) {
    EXPECT_EQ(std::string(e.what()), "the PostgreSQL database holds no casereview tables");
  }
}

}  // namespace
}  // namespace casereview
