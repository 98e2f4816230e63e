// The SQLite store's group commit (db/src/group_commit.h): write transactions
// queued while a batch runs join it (within its bound) or are committed
// together after it, a transaction that throws is undone alone, and a
// transaction is never started inside another.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "casereview/db/sqlite_store.h"
#include "store_backends.h"
#include "temp_dir.h"

namespace casereview {
namespace {

using testing_support::TempDir;

// `takes_in_for`: how long a batch takes in transactions queued while it runs.
db::SqliteOptions options(const TempDir& dir,
                          std::chrono::microseconds takes_in_for = db::SqliteOptions{}.group_commit_takes_in_for) {
  db::SqliteOptions made{dir.path() + "/group.db", 8, 5000};
  made.group_commit_takes_in_for = takes_in_for;
  return made;
}

// A new store with one partnership, whose areas the tests write.
struct GroupCommitStore {
  explicit GroupCommitStore(std::chrono::microseconds takes_in_for = db::SqliteOptions{}.group_commit_takes_in_for)
      : store(db::SqliteStore::open(options(dir, takes_in_for), db::SchemaMode::CreateIfEmpty)) {
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

// Starts a transaction that adds "Area first" and holds the writer until
// `queued` more are waiting behind it, so that those run as one batch; returns
// once it runs. Join the thread after starting the queued ones.
std::thread hold_the_writer_until_queued(db::SqliteStore& store, long long partnership, int queued) {
  std::atomic<bool> running{false};
  std::thread holder([&store, &running, partnership, queued] {
    auto session = store.session();
    session->write_transaction([&] {
      session->partnerships().add_area(partnership, "Area first");
      running = true;
      while (store.write_counts().waiting < queued) std::this_thread::yield();
    });
  });
  while (!running) std::this_thread::yield();
  return holder;
}

// Three transactions queued while one runs, the third throwing after
// writing: with a batch taking in what is queued while it runs for
// `takes_in_for`, how many batches committed the three that kept their work.
long long batches_for_one_running_and_three_queued(std::chrono::microseconds takes_in_for) {
  const GroupCommitStore fixture(takes_in_for);
  db::SqliteStore* const store = fixture.store.get();
  const long long partnership = fixture.partnership;
  const db::SqliteStore::WriteCounts before = store->write_counts();

  std::thread first = hold_the_writer_until_queued(*store, partnership, 3);
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
  EXPECT_EQ(after.waiting, 0);
  return after.batches - before.batches;
}

// Within the bound (a minute here, which no holding comes near), the three
// queued join the batch of the one running: one COMMIT for all, and the one
// that threw is undone alone.
TEST(GroupCommit, TransactionsQueuedWhileOneRunsJoinItsBatchAndOneThatThrowsIsUndoneAlone) {
  EXPECT_EQ(batches_for_one_running_and_three_queued(std::chrono::minutes(1)), 1);
}

// Past the bound (none here), they wait for that batch's COMMIT and are
// committed together in the next, the one that threw undone alone.
TEST(GroupCommit, TransactionsQueuedPastTheBoundCommitTogetherInTheNextBatch) {
  EXPECT_EQ(batches_for_one_running_and_three_queued(std::chrono::microseconds(0)), 2);
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

// SQLite's temporary files (where a savepoint keeps the pages it may have to
// put back, and a sort the rows it sets aside) would hold a case's data outside
// the database file, beyond the reach of secure_delete and erasure. Every
// connection keeps them in memory instead. A batch of many transactions, each
// in its own savepoint, is what spilled them to a file before.
// Points SQLite's temporary files at a directory of its own and watches it
// for any file made there (SQLite removes each as soon as it opens it, so only
// the creation shows). Puts SQLite's setting back when it goes.
class TemporaryFilesWatch {
 public:
  TemporaryFilesWatch() : was_(sqlite3_temp_directory), watch_(inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) {
    sqlite3_temp_directory = sqlite3_mprintf("%s", directory_.path().c_str());
    watching_ = watch_ >= 0 && inotify_add_watch(watch_, directory_.path().c_str(), IN_CREATE) >= 0;
  }
  ~TemporaryFilesWatch() {
    if (watch_ >= 0) close(watch_);
    sqlite3_free(sqlite3_temp_directory);
    sqlite3_temp_directory = was_;
  }
  TemporaryFilesWatch(const TemporaryFilesWatch&) = delete;
  TemporaryFilesWatch& operator=(const TemporaryFilesWatch&) = delete;

  bool watching() const { return watching_; }
  bool any_made() {
    alignas(inotify_event) char events[4096];
    return read(watch_, events, sizeof events) > 0;
  }
  const std::string& directory() const { return directory_.path(); }

 private:
  const TempDir directory_;
  char* const was_;
  const int watch_;
  bool watching_ = false;
};

TEST(GroupCommit, ABatchOfManyTransactionsWritesNoTemporaryFile) {
  TemporaryFilesWatch temporary_files;
  ASSERT_TRUE(temporary_files.watching());
  {
    const GroupCommitStore fixture;
    db::SqliteStore* const store = fixture.store.get();
    const long long partnership = fixture.partnership;
    const std::string long_name(300, 'x');
    {
      auto session = store->session();
      session->write_transaction([&] {
        for (int i = 0; i < 200; ++i) session->partnerships().add_area(partnership, std::to_string(i) + long_name);
      });
    }
    // Fewer than the store's connections, less the one that holds the writer.
    constexpr int kQueued = 6;
    std::thread first = hold_the_writer_until_queued(*store, partnership, kQueued);
    std::vector<std::thread> queued;
    queued.reserve(kQueued);
    for (int t = 0; t < kQueued; ++t) {
      queued.emplace_back([&, t] {
        auto session = store->session();
        session->write_transaction([&] {
          // Spread among the names already there: each job rewrites pages
          // that its savepoint must be able to put back.
          for (int i = 0; i < 40; ++i) {
            session->partnerships().add_area(partnership, std::to_string(i * 5) + "-" + std::to_string(t) + long_name);
          }
        });
      });
    }
    first.join();
    for (std::thread& t : queued) t.join();
    EXPECT_EQ(store->session()->partnerships().areas(partnership).size(), std::size_t{200 + 1 + kQueued * 40});
  }

  EXPECT_FALSE(temporary_files.any_made()) << "SQLite made a temporary file in " << temporary_files.directory();
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
