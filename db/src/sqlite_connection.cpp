#include "sqlite_connection.h"

#include <fcntl.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <mutex>
#include <thread>

#include "sqlite_shared_map.h"

namespace casereview::db {

namespace {

constexpr const char* kWalSuffixes[] = {"-wal", "-shm"};

// Whether this process (its effective user, as open(2) judges) may write `file`.
bool may_write(const std::string& file) { return ::faccessat(AT_FDCWD, file.c_str(), W_OK, AT_EACCESS) == 0; }

bool writable_or_absent(const std::string& file) { return may_write(file) || errno == ENOENT; }

// Once per process, before SQLite opens its first connection. A connection
// needs no mutex of its own: each is used by one thread at a time (a pool
// lends it to one session; the writer keeps its own). And SQLite keeps no
// memory statistics, which it counts under one process-wide mutex around
// every allocation. Both mutexes together took a tenth of a report's time.
// When SQLite is running already (something opened a connection first), it
// refuses the change and keeps its defaults, which are as correct.
void configure_sqlite_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    use_shared_map_vfs();
  });
}

// Puts the connection in WAL mode, its mode read into `mode`. Two processes
// opening one database at once (two `reminders send`) may find each other's
// lock here, where SQLite answers "database is locked" without calling its
// busy handler: it is asked again every 10 ms until the busy timeout.
void switch_to_wal(soci::session& session, std::string& mode, int busy_timeout_ms) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms);
  for (;;) {
    try {
      session << "PRAGMA journal_mode = WAL", soci::into(mode);
      return;
    } catch (const soci::sqlite3_soci_error& e) {
      if ((e.result() & 0xff) != SQLITE_BUSY || std::chrono::steady_clock::now() >= give_up) throw;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace

bool database_files_writable(const std::string& path) {
  if (!may_write(path)) return false;
  for (const char* suffix : kWalSuffixes) {
    if (!writable_or_absent(path + suffix)) return false;
  }
  return true;
}

void align_wal_file_modes(const std::string& path) {
  struct stat database {};
  if (::stat(path.c_str(), &database) != 0) return;
  const mode_t write_bits = database.st_mode & 0222;
  for (const char* suffix : kWalSuffixes) {
    const std::string file = path + suffix;
    struct stat wal {};
    if (::stat(file.c_str(), &wal) != 0 || wal.st_uid != ::geteuid()) continue;
    // Only the write permission the database has and the file lacks is added.
    if ((wal.st_mode & write_bits) != write_bits) ::chmod(file.c_str(), (wal.st_mode & 07777) | write_bits);
  }
}

sqlite_api::sqlite3* sqlite_handle(soci::session& session) {
  auto* backend = session.get_backend();
  // Cast as the name says: SOCI's library does not export the backend's
  // type information, which dynamic_cast would need.
  if (backend == nullptr || backend->get_backend_name() != "sqlite3") return nullptr;
  return static_cast<soci::sqlite3_session_backend*>(backend)->conn_;
}

bool in_transaction(soci::session& session) {
  sqlite_api::sqlite3* handle = sqlite_handle(session);
  return handle != nullptr && sqlite_api::sqlite3_get_autocommit(handle) == 0;
}

void roll_back_quietly(soci::session& session) {
  try {
    if (in_transaction(session)) session << "ROLLBACK";
  } catch (...) {
  }
}

bool opened_read_only(soci::session& session) {
  sqlite_api::sqlite3* handle = sqlite_handle(session);
  return handle != nullptr && sqlite_api::sqlite3_db_readonly(handle, "main") == 1;
}

void open_sqlite_connection(soci::session& session, const std::string& path, int busy_timeout_ms, PageReads reads) {
  configure_sqlite_once();
  try {
    guarded("open the database", [&] {
      session.open(soci::sqlite3, "db=" + path);
      session << "PRAGMA busy_timeout = " + std::to_string(busy_timeout_ms);
      std::string mode;
      switch_to_wal(session, mode, busy_timeout_ms);
      if (mode != "wal")
        throw StorageError("the database could not be switched to WAL mode (it is in " + mode + " mode)");
      session << "PRAGMA foreign_keys = ON";
      session << "PRAGMA synchronous = FULL";
      // What is deleted or overwritten (an erased identity, an erased document)
      // is overwritten with zeros in the file, not left in free space.
      session << "PRAGMA secure_delete = ON";
      // Nor does anything of a case leave the file on its way: the copies of
      // pages a savepoint keeps (one for every command of a group commit) and
      // the rows a sort sets aside are held in memory, not written to
      // SQLite's temporary files in /var/tmp (or $TMPDIR), where they would
      // outlive an erasure on the disk. It also spares the writer a
      // temporary file and its writes for every batch (README, *Requests
      // against the machine's ceilings*).
      session << "PRAGMA temp_store = MEMORY";
      // Mapped: pages are read from the operating system's page cache with no
      // copy, through the one map of the file that every connection of the
      // process shares and that a commit does not drop
      // (sqlite_shared_map.cpp). Any size above zero turns that on; the shared
      // map serves the whole file. Zero: SQLite reads them into its own cache.
      session << (reads == PageReads::Mapped ? "PRAGMA mmap_size = 1073741824" : "PRAGMA mmap_size = 0");
    });
  } catch (...) {
    // Never left open without its settings: a closed connection is opened
    // again (settings and all) when next lent.
    if (session.get_backend() != nullptr) session.close();
    throw;
  }
}

void execute_script(soci::session& session, std::string_view script) {
  char* error = nullptr;
  const std::string text(script);
  if (sqlite_api::sqlite3_exec(sqlite_handle(session), text.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error ? error : "unknown error";
    sqlite_api::sqlite3_free(error);
    throw StorageError("script failed: " + message);
  }
}

}  // namespace casereview::db
