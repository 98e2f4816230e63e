// The statements a SQLite connection keeps for reads through SQLite's own
// interface (db/src/sqlite_native_query.h, StatementCache::native_slot): a
// kept statement is lent again reset and without its values, a use of the
// same text while it is lent gets one of its own, and nothing is left on the
// connection once the cache is emptied. White-box: these are db/src's own
// classes, below what the repositories' contract suites can see.
#include <gtest/gtest.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <string>
#include <vector>

#include "casereview/engine/repositories.h"
#include "sqlite_connection.h"
#include "sqlite_native_query.h"
#include "statement_cache.h"
#include "temp_dir.h"

namespace casereview {
namespace {

using db::SqliteNativeQuery;
using db::StatementCache;
using testing_support::TempDir;

const std::string kAtLeast = "SELECT x FROM numbers WHERE x >= :least ORDER BY x";

struct KeptStatements : testing::Test {
  KeptStatements() : sql(soci::sqlite3, dir.path() + "/kept.db"), kept(sql) {
    sql << "CREATE TABLE numbers (x INTEGER NOT NULL)";
    for (int x = 1; x <= 5; ++x) sql << "INSERT INTO numbers (x) VALUES (" << x << ")";
  }

  // Statements prepared and not finalized on the connection.
  int statements_open() {
    int n = 0;
    for (auto* st = sqlite_api::sqlite3_next_stmt(db::sqlite_handle(sql), nullptr); st != nullptr;
         st = sqlite_api::sqlite3_next_stmt(db::sqlite_handle(sql), st)) {
      ++n;
    }
    return n;
  }

  // Every x of `query`, from where it stands.
  static std::vector<long long> rest_of(SqliteNativeQuery& query) {
    std::vector<long long> xs;
    while (query.next()) xs.push_back(query.integer(0));
    return xs;
  }

  TempDir dir;
  soci::session sql;
  StatementCache kept;
};

TEST_F(KeptStatements, AStatementLeftPartWayIsLentAgainFromItsStartWithTheNewValue) {
  {
    SqliteNativeQuery first(kept, kAtLeast, "read numbers");
    first.bind(2);
    ASSERT_TRUE(first.next());
    EXPECT_EQ(first.integer(0), 2);  // and left there, three rows unread
  }
  EXPECT_EQ(statements_open(), 1);  // kept, not finalized
  SqliteNativeQuery again(kept, kAtLeast, "read numbers");
  again.bind(4);
  EXPECT_EQ(rest_of(again), (std::vector<long long>{4, 5}));
  EXPECT_EQ(statements_open(), 1);  // the same one
}

TEST_F(KeptStatements, AKeptStatementSeesWhatWasCommittedSinceItsLastUse) {
  {
    SqliteNativeQuery first(kept, kAtLeast, "read numbers");
    first.bind(5);
    ASSERT_TRUE(first.next());  // left part-way: a reset ends the read it holds
  }
  sql << "INSERT INTO numbers (x) VALUES (6)";
  SqliteNativeQuery again(kept, kAtLeast, "read numbers");
  again.bind(5);
  EXPECT_EQ(rest_of(again), (std::vector<long long>{5, 6}));
}

TEST_F(KeptStatements, TheSameTextWhileItsStatementIsLentGetsOneOfItsOwn) {
  SqliteNativeQuery outer(kept, kAtLeast, "read numbers");
  outer.bind(4);
  ASSERT_TRUE(outer.next());
  {
    SqliteNativeQuery inner(kept, kAtLeast, "read numbers");
    inner.bind(1);
    EXPECT_EQ(rest_of(inner), (std::vector<long long>{1, 2, 3, 4, 5}));
    EXPECT_EQ(statements_open(), 2);
  }
  EXPECT_EQ(statements_open(), 1);  // the inner one's own went with it
  EXPECT_EQ(outer.integer(0), 4);   // the outer read is where it was
  EXPECT_EQ(rest_of(outer), (std::vector<long long>{5}));
}

TEST_F(KeptStatements, AValueGivenToOneUseIsNotGivenToTheNext) {
  {
    SqliteNativeQuery first(kept, kAtLeast, "read numbers");
    first.bind(3);
    ASSERT_TRUE(first.next());
  }
  SqliteNativeQuery unbound(kept, kAtLeast, "read numbers");
  EXPECT_THROW(unbound.next(), StorageError);
}

TEST_F(KeptStatements, AListOfIdsIsPreparedForItsUseAlone) {
  const std::string listed =
      std::string("SELECT x FROM numbers WHERE x IN ") + StatementCache::kListedIds + " (2, 3) ORDER BY x";
  {
    SqliteNativeQuery query(kept, listed, "read numbers");
    EXPECT_EQ(rest_of(query), (std::vector<long long>{2, 3}));
  }
  EXPECT_EQ(statements_open(), 0);
}

TEST_F(KeptStatements, EmptyingTheCacheFinalizesWhatItKeptAndItKeepsAgainAfter) {
  db::run_native(kept, "BEGIN", "begin");
  EXPECT_EQ(sqlite_api::sqlite3_get_autocommit(db::sqlite_handle(sql)), 0);
  {
    SqliteNativeQuery query(kept, kAtLeast, "read numbers");
    query.bind(1);
    ASSERT_TRUE(query.next());
  }
  db::run_native(kept, "COMMIT", "commit");
  EXPECT_NE(sqlite_api::sqlite3_get_autocommit(db::sqlite_handle(sql)), 0);
  EXPECT_EQ(statements_open(), 3);  // BEGIN, the read, COMMIT
  kept.clear();
  EXPECT_EQ(statements_open(), 0);
  SqliteNativeQuery after(kept, kAtLeast, "read numbers");
  after.bind(5);
  EXPECT_EQ(rest_of(after), (std::vector<long long>{5}));
}

TEST_F(KeptStatements, AStatementSQLiteRefusesIsAStorageErrorAndKeepsNothing) {
  EXPECT_THROW(SqliteNativeQuery(kept, "SELECT nothing FROM nowhere", "read nothing"), StorageError);
  EXPECT_EQ(statements_open(), 0);
  EXPECT_THROW(db::run_native(kept, "COMMIT", "commit"), StorageError);  // no transaction is open
}

}  // namespace
}  // namespace casereview
