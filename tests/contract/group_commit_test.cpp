// The SQLite store's group commit (db/src/group_commit.h): write transactions
// queued while one runs are committed together, a transaction that throws is
// undone alone, and a transaction is never started inside another.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "casereview/db/sqlite_store.h"
#include "store_backends.h"

namespace casereview {
namespace {

using testing_support::TempDir;

db::SqliteOptions options(const TempDir& dir) { return {dir.path() + "/group.db", 8, 5000}; }

// A new store with one partnership, whose areas the tests write.
struct GroupCommitStore {
  GroupCommitStore() : store(db::SqliteStore::open(options(dir), db::SchemaMode::CreateIfEmpty)) {
    auto session = store->session();
    session->write_transaction([&] { partnership = session->partnerships().add("GC", "Group commit").id; });
  }
  TempDir dir;
  std::unique_ptr<db::SqliteStore> store;
  long long partnership = 0;
};

bool has_area(db::SqliteStore& store, long long partnership, const std::string& area) {
  const std::vector<std::string> areas = store.session()->partnerships().areas(partnership);
  return std::find(areas.begin(), areas.end(), area) != areas.end();
}

TEST(GroupCommit, TransactionsQueuedWhileOneRunsCommitTogetherAndOneThatThrowsIsUndoneAlone) {
  const GroupCommitStore fixture;
  db::SqliteStore* const store = fixture.store.get();
  const long long partnership = fixture.partnership;
  const db::SqliteStore::WriteCounts before = store->write_counts();

  // The first transaction holds the writer until the three others are queued
  // behind it; they then run as one batch, in which the third throws after
  // writing.
  std::atomic<bool> first_running{false};
  std::thread first([&] {
    auto session = store->session();
    session->write_transaction([&] {
      session->partnerships().add_area(partnership, "Area first");
      first_running = true;
      while (store->write_counts().waiting < 3) std::this_thread::yield();
    });
  });
  while (!first_running) std::this_thread::yield();
  std::atomic<int> refused{0};
  std::vector<std::thread> queued;
  for (const std::string area : {"Area second", "Area third", "Area refused"}) {
    queued.emplace_back([&, area] {
      auto session = store->session();
      try {
        session->write_transaction([&] {
          session->partnerships().add_area(partnership, area);
          if (area == "Area refused") throw std::invalid_argument("refused after writing");
        });
      } catch (const std::invalid_argument&) {
        ++refused;
      }
    });
  }
  first.join();
  for (std::thread& t : queued) t.join();

  EXPECT_EQ(refused.load(), 1);
  EXPECT_TRUE(has_area(*store, partnership, "Area first"));
  EXPECT_TRUE(has_area(*store, partnership, "Area second"));
  EXPECT_TRUE(has_area(*store, partnership, "Area third"));
  EXPECT_FALSE(has_area(*store, partnership, "Area refused"));
  const db::SqliteStore::WriteCounts after = store->write_counts();
  EXPECT_EQ(after.transactions - before.transactions, 3);
  EXPECT_EQ(after.batches - before.batches, 2);
  EXPECT_EQ(after.waiting, 0);
}

TEST(GroupCommit, ManyWritersAtOnceHaveEveryTransactionCommittedOnce) {
  const GroupCommitStore fixture;
  db::SqliteStore* const store = fixture.store.get();
  const long long partnership = fixture.partnership;
  const db::SqliteStore::WriteCounts before = store->write_counts();
  constexpr int kThreads = 8;
  constexpr int kEach = 25;
  std::vector<std::thread> writers;
  writers.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&, t] {
      auto session = store->session();
      for (int i = 0; i < kEach; ++i) {
        session->write_transaction(
            [&] { session->partnerships().add_area(partnership, "Area " + std::to_string(t * kEach + i)); });
      }
    });
  }
  for (std::thread& t : writers) t.join();
  EXPECT_EQ(store->session()->partnerships().areas(partnership).size(), static_cast<std::size_t>(kThreads * kEach));
  const db::SqliteStore::WriteCounts after = store->write_counts();
  EXPECT_EQ(after.transactions - before.transactions, kThreads * kEach);
  EXPECT_LE(after.batches - before.batches, after.transactions - before.transactions);
}

TEST(GroupCommit, NoTransactionStartsInsideAnotherOfTheSameSessionOrInsideAWrite) {
  const GroupCommitStore fixture;
  db::SqliteStore* const store = fixture.store.get();
  const long long partnership = fixture.partnership;
  auto session = store->session();

  EXPECT_THROW(session->write_transaction([&] {
    session->partnerships().add_area(partnership, "Area outer");
    session->write_transaction([&] { session->partnerships().add_area(partnership, "Area inner"); });
  }),
               StorageError);
  EXPECT_THROW(session->read_transaction([&] { session->write_transaction([] {}); }), StorageError);
  EXPECT_THROW(session->write_transaction([&] { session->read_transaction([] {}); }), StorageError);
  // Another session's write inside a write would wait for the writer that runs it.
  EXPECT_THROW(session->write_transaction([&] {
    session->partnerships().add_area(partnership, "Area outer");
    auto other = store->session();
    other->write_transaction([&] { other->partnerships().add_area(partnership, "Area other"); });
  }),
               StorageError);
  EXPECT_TRUE(session->partnerships().areas(partnership).empty());
  // The session still writes afterwards.
  session->write_transaction([&] { session->partnerships().add_area(partnership, "Area after"); });
  EXPECT_EQ(session->partnerships().areas(partnership), std::vector<std::string>{"Area after"});
}

// The store's second pool, for reads across the partnership: its sessions
// write through the same writer (counted with the rest) and it must have a
// connection.
TEST(SqliteScanSessions, WriteThroughTheStoresOneWriterAndNeedAConnection) {
  const GroupCommitStore fixture;
  db::SqliteStore& store = *fixture.store;
  const long long before = store.write_counts().transactions;
  auto scan = store.scan_session();
  scan->write_transaction([&] { scan->partnerships().add_area(fixture.partnership, "Area scanned"); });
  EXPECT_EQ(store.write_counts().transactions, before + 1);
  EXPECT_TRUE(has_area(store, fixture.partnership, "Area scanned"));
  // Not nested in a transaction of its own session, as for any other.
  EXPECT_THROW(scan->read_transaction([&] { scan->write_transaction([] {}); }), StorageError);

  const TempDir other;
  db::SqliteOptions none = options(other);
  none.scan_connections = 0;
  EXPECT_THROW(db::SqliteStore::open(none, db::SchemaMode::CreateIfEmpty), StorageError);
}

}  // namespace
}  // namespace casereview
