// The VFS that gives the process one memory map of each database file
// (db/src/sqlite_shared_map.cpp): every mapping connection reads through the same map,
// a commit does not move it, and what a connection reads through it is what
// SQLite's own reads would give, while the file grows, shrinks and grows again.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "casereview/db/sqlite_store.h"
#include "temp_dir.h"

namespace casereview {
namespace {

using testing_support::TempDir;

// A connection of our own on `path`, with the settings the store gives its own.
class Connection {
 public:
  explicit Connection(const std::string& path) {
    EXPECT_EQ(sqlite3_open(path.c_str(), &db_), SQLITE_OK);
    run("PRAGMA busy_timeout = 5000");
    run("PRAGMA journal_mode = WAL");
    run("PRAGMA mmap_size = 1073741824");
  }
  ~Connection() { sqlite3_close(db_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void run(const std::string& sql) {
    char* error = nullptr;
    const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error);
    EXPECT_EQ(rc, SQLITE_OK) << sql << ": " << (error ? error : "");
    sqlite3_free(error);
  }
  long long number(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sql;
    long long value = -1;
    if (sqlite3_step(st) == SQLITE_ROW) value = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return value;
  }

 private:
  sqlite3* db_ = nullptr;
};

// The lines of /proc/self/maps that map `path`.
std::vector<std::string> maps_of(const std::string& path) {
  std::ifstream maps("/proc/self/maps");
  std::vector<std::string> found;
  for (std::string line; std::getline(maps, line);) {
    if (line.size() > path.size() && line.compare(line.size() - path.size(), path.size(), path) == 0) {
      found.push_back(line);
    }
  }
  return found;
}

// The kilobytes of the mapping `map` (a line of /proc/self/maps) that are in
// memory: the pages read through it.
long long resident_kb(const std::string& map) {
  std::ifstream smaps("/proc/self/smaps");
  bool in_it = false;
  for (std::string line; std::getline(smaps, line);) {
    if (line == map) in_it = true;
    if (in_it && line.rfind("Rss:", 0) == 0) return std::stoll(line.substr(4));
  }
  return -1;
}

// Adds `rows` rows of about a kilobyte each, and puts them in the file.
void add_rows(Connection& writer, int rows) {
  writer.run("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + std::to_string(rows) +
             ") INSERT INTO padded (pad) SELECT randomblob(1000) FROM n");
  writer.run("PRAGMA wal_checkpoint(TRUNCATE)");
}

struct SharedMapDatabase {
  SharedMapDatabase()
      : path(dir.path() + "/shared.db"),
        store(db::SqliteStore::open({path, 2, 5000, 1}, db::SchemaMode::CreateIfEmpty)),
        reader(path),
        writer(path) {
    writer.run("CREATE TABLE padded (id INTEGER PRIMARY KEY, pad BLOB NOT NULL)");
  }
  TempDir dir;
  std::string path;
  std::unique_ptr<db::SqliteStore> store;  // which makes the VFS SQLite's default
  Connection reader;
  Connection writer;
};

TEST(SqliteSharedMap, EveryConnectionReadsThroughOneMapThatACommitDoesNotMove) {
  SharedMapDatabase db;
  EXPECT_EQ(std::string(sqlite3_vfs_find(nullptr)->zName), "casereview-shared-map");
  add_rows(db.writer, 2000);
  EXPECT_EQ(db.reader.number("SELECT count(*) FROM padded WHERE length(pad) = 1000"), 2000);
  // The store's four connections and these two: one map of the file.
  const std::vector<std::string> before = maps_of(db.path);
  ASSERT_EQ(before.size(), 1u);
  EXPECT_GT(resident_kb(before[0]), 1500);  // the two megabytes of rows were read through it
  add_rows(db.writer, 3000);                // a commit, and the file grows past what was read
  EXPECT_EQ(db.reader.number("SELECT count(*) FROM padded WHERE length(pad) = 1000"), 5000);
  EXPECT_EQ(db.reader.number("SELECT max(id) FROM padded"), 5000);
  EXPECT_EQ(maps_of(db.path), before);
}

// Releasing the mapped pages takes what was read out of the process's
// resident set, and a read afterwards still reads the file as it is, mapping
// again what it reads.
TEST(SqliteSharedMap, ReleasingTheMappedPagesLeavesTheMapReadable) {
  SharedMapDatabase db;
  add_rows(db.writer, 4000);
  EXPECT_EQ(db.reader.number("SELECT count(*) FROM padded WHERE length(pad) = 1000"), 4000);
  const std::vector<std::string> map = maps_of(db.path);
  ASSERT_EQ(map.size(), 1u);
  EXPECT_GT(resident_kb(map[0]), 3000);  // the four megabytes of rows were read through it
  db::release_mapped_file_pages();
  EXPECT_LT(resident_kb(map[0]), 100);
  add_rows(db.writer, 1000);
  EXPECT_EQ(db.reader.number("SELECT count(*) FROM padded WHERE length(pad) = 1000"), 5000);
  EXPECT_EQ(maps_of(db.path), map);  // the same map, where it was
  EXPECT_GT(resident_kb(map[0]), 3000);
}

TEST(SqliteSharedMap, AReaderKeepsItsSnapshotAndReadsAFileThatShrankAndGrewAgain) {
  SharedMapDatabase db;
  add_rows(db.writer, 4000);
  db.reader.run("BEGIN");
  EXPECT_EQ(db.reader.number("SELECT count(*) FROM padded"), 4000);
  db.writer.run("DELETE FROM padded WHERE id > 1000");
  EXPECT_EQ(db.reader.number("SELECT count(*) FROM padded"), 4000);  // its snapshot, as it began
  EXPECT_EQ(db.reader.number("SELECT sum(length(pad)) FROM padded"), 4000000);
  db.reader.run("COMMIT");

  // Measured by name: a descriptor of the file opened and closed here would
  // drop the process's locks on it (sqlite_shared_map.cpp).
  const auto grown = std::filesystem::file_size(db.path);
  db.writer.run("VACUUM");
  db.writer.run("PRAGMA wal_checkpoint(TRUNCATE)");
  EXPECT_LT(std::filesystem::file_size(db.path), grown / 2);  // the file itself is shorter now
  EXPECT_EQ(db.reader.number("SELECT count(*) FROM padded WHERE length(pad) = 1000"), 1000);
  EXPECT_EQ(db.reader.number("SELECT max(id) FROM padded"), 1000);

  add_rows(db.writer, 4000);
  EXPECT_EQ(db.reader.number("SELECT count(*) FROM padded WHERE length(pad) = 1000"), 5000);
  EXPECT_EQ(db.reader.number("SELECT count(*) FROM padded WHERE id > 1000"), 4000);
}

// Whether another process would find a lock that SQLite's shared lock on the
// database file conflicts with: a child process asks the kernel, which never
// reports a process's own locks to itself.
bool another_process_sees_a_shared_lock(const std::string& path) {
  const pid_t child = fork();
  if (child == 0) {
    const int fd = open(path.c_str(), O_RDONLY);
    struct flock lock {};
    lock.l_type = F_WRLCK;
    lock.l_whence = SEEK_SET;
    lock.l_start = 0x40000000 + 2;  // SQLite's SHARED_FIRST: PENDING_BYTE + 2
    lock.l_len = 510;               // SHARED_SIZE
    const bool held = fd >= 0 && fcntl(fd, F_GETLK, &lock) == 0 && lock.l_type == F_RDLCK;
    _exit(held ? 0 : 1);
  }
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// Closing any descriptor of a file drops every POSIX lock the process holds on
// it: the map's own descriptor must not be closed while a connection is open,
// or another process could take the database for unused (the last connection
// to close deletes the log).
TEST(SqliteSharedMap, OpeningAndClosingConnectionsKeepsTheLocksOfTheOthers) {
  SharedMapDatabase db;
  add_rows(db.writer, 10);
  EXPECT_EQ(db.reader.number("SELECT count(*) FROM padded"), 10);  // in WAL mode it keeps a shared lock
  ASSERT_TRUE(another_process_sees_a_shared_lock(db.path));
  {
    Connection another(db.path);
    EXPECT_EQ(another.number("SELECT count(*) FROM padded"), 10);
  }
  EXPECT_TRUE(another_process_sees_a_shared_lock(db.path));
}

// The store's connections for long reads (Store::scan_session: reports,
// exports, lists) and its writer copy the pages they read into their own
// cache: a report over the whole file leaves the map's resident size where it
// was (through the map the kernel maps sixteen pages around each one read). A
// request's session reads through the map.
TEST(SqliteSharedMap, OnlyTheStoresRequestSessionsReadThroughTheMap) {
  SharedMapDatabase db;
  const Date opened = *Date::parse("2024-05-01");
  {
    // Written by a store of its own: the pages written stay out of the cache
    // of the store under test's writer, which must read them from the file.
    auto filler = db::SqliteStore::open({db.path, 1, 5000, 1}, db::SchemaMode::CreateIfEmpty);
    auto session = filler->session();
    session->write_transaction([&] {
      for (int i = 0; i < 3000; ++i) {
        session->cases().create(NewCase{"rapid_review", "RR", 1, opened, std::string(1000, 'x'), 0, ""},
                                Instant::now());
      }
    });
  }
  CaseFilter every_case;
  every_case.partnership_id = 1;
  db.writer.run("PRAGMA wal_checkpoint(TRUNCATE)");  // the rows in the file, not the log
  db::release_mapped_file_pages();
  const std::vector<std::string> map = maps_of(db.path);
  ASSERT_EQ(map.size(), 1u);
  ASSERT_LT(resident_kb(map[0]), 100);

  EXPECT_EQ(db.store->scan_session()->cases().all_matching_brief(every_case).size(), 3000u);
  EXPECT_LT(resident_kb(map[0]), 100) << "the three megabytes of cases were copied, not mapped";
  // Nor does the writer read through it (a write transaction's reads are the writer's).
  {
    auto session = db.store->session();
    std::size_t read_in_a_write = 0;
    session->write_transaction([&] { read_in_a_write = session->cases().all_matching_brief(every_case).size(); });
    EXPECT_EQ(read_in_a_write, 3000u);
  }
  EXPECT_LT(resident_kb(map[0]), 100) << "the writer copied the three megabytes of cases";

  EXPECT_EQ(db.store->session()->cases().all_matching_brief(every_case).size(), 3000u);
  EXPECT_GT(resident_kb(map[0]), 2500) << "the three megabytes of cases were read through the map";
}

}  // namespace
}  // namespace casereview
