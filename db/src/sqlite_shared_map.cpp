// SQLite's unix VFS maps the database file once per connection, and in WAL
// mode a connection that finds the log changed since its last read transaction
// drops its whole map (pagerBeginReadTransaction -> sqlite3OsUnfetch(fd, 0, 0))
// and faults every page in again. Every command and every logged identity
// read commits, so a report pays about 100 ms after any commit, and a
// connection that reads a few pages per request pays more for the unmapping
// than it saves on copies.
//
// This VFS forwards every call to "unix" but xFetch, xUnfetch and the setting
// of the map's size (SQLITE_FCNTL_MMAP_SIZE, kept from the unix file). A database
// file's pages are served from one read-only map of the file for the process
// (MAP_SHARED, so it always shows the file as it is now), with room for the
// file to grow into and never moved: "drop everything" only
// makes the connection measure the file again, and a page is only served
// below the size last measured (beyond the end of the file a mapped page is
// not there: reading it would raise SIGBUS). SQLite asks for a page of the
// file only when its snapshot has it in the file and not in the log, so a page
// below the measured size that a shrinking checkpoint has cut off is never
// asked for. A fetch answered with no pointer makes SQLite read the page with
// xRead, which is always correct: that is the answer whenever the map cannot
// serve (a map that could not be made, a file grown past the map).
//
// The map is made from the unix file's own descriptor, the first time a
// connection fetches a page, and this VFS never opens or closes a descriptor
// of the database: closing any descriptor of a file drops every POSIX lock the
// process holds on it, the unix VFS's included, and another process could then
// take the database for unused (the last connection to close checkpoints and
// deletes the log). mmap keeps its own reference to the file.
#include "sqlite_shared_map.h"

#include <sqlite3.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <map>
#include <mutex>
#include <utility>

#include "casereview/db/sqlite_store.h"

namespace casereview::db {
namespace {

// The address space reserved for a file's map when it is made: four times the
// file, and at least 4 GiB. No memory is taken for it, only what is read is.
// The part of a file that outgrows it (while this process has the file open)
// is read with xRead.
constexpr sqlite3_int64 kLeastReserved = sqlite3_int64{4} << 30;
constexpr sqlite3_int64 kGrowthReserved = 4;

// One map of one file (by device and inode), shared by the connections that
// fetch its pages.
struct SharedMap {
  void* base = nullptr;  // nullptr when the map could not be made
  sqlite3_int64 reserved = 0;
  int users = 0;
};

// Never destroyed: a connection may close during the process's exit.
std::mutex& maps_mutex() {
  static auto* mutex = new std::mutex;
  return *mutex;
}

std::map<std::pair<dev_t, ino_t>, SharedMap>& maps() {
  static auto* all = new std::map<std::pair<dev_t, ino_t>, SharedMap>;
  return *all;
}

// Our file: the unix VFS's file follows it in the same allocation.
struct File {
  sqlite3_file base;
  sqlite3_file* real;
  const char* path;  // a main database file's name (SQLite keeps it until xClose); else nullptr
  bool map_sought;   // share_map has been tried
  std::pair<dev_t, ino_t> key;
  const char* map;           // with a share of its file's SharedMap; nullptr: pages are read
  sqlite3_int64 reserved;    // the map's size
  sqlite3_int64 known_size;  // the file's size when last measured
  sqlite3_int64 mmap_limit;  // what SQLite last set (SQLITE_FCNTL_MMAP_SIZE); SQLite fetches only when above 0
};

sqlite3_vfs& unix_vfs() {
  static sqlite3_vfs* vfs = sqlite3_vfs_find("unix");
  return *vfs;
}

File& file_of(sqlite3_file* f) { return *reinterpret_cast<File*>(f); }
sqlite3_file* real(sqlite3_file* f) { return file_of(f).real; }

// The descriptor the unix VFS reads `real` with. os_unix.c's unixFile begins
// { const sqlite3_io_methods*, sqlite3_vfs*, unixInodeInfo*, int h }, as it has
// for many releases; share_map checks that it is the file at the path before
// mapping it, so a different layout only leaves the pages read.
int unix_descriptor(const sqlite3_file* real) {
  struct UnixFileHead {
    const sqlite3_io_methods* methods;
    sqlite3_vfs* vfs;
    void* inode;
    int h;
  };
  int h = -1;
  std::memcpy(&h, reinterpret_cast<const char*>(real) + offsetof(UnixFileHead, h), sizeof h);
  return h;
}

// Takes for `file` a share of the map of its database file, making the map if
// this is the first: file.map stays nullptr when it cannot be made, and the
// pages are then read.
void share_map(File& file) {
  file.map_sought = true;
  const int fd = unix_descriptor(file.real);
  struct stat by_descriptor {};
  struct stat by_path {};
  if (fd < 0 || ::fstat(fd, &by_descriptor) != 0 || !S_ISREG(by_descriptor.st_mode) ||
      ::stat(file.path, &by_path) != 0 || by_path.st_dev != by_descriptor.st_dev ||
      by_path.st_ino != by_descriptor.st_ino) {
    return;  // not the file at the path (moved, replaced, or not the layout above)
  }
  file.key = {by_descriptor.st_dev, by_descriptor.st_ino};
  std::lock_guard<std::mutex> lock(maps_mutex());
  SharedMap& shared = maps()[file.key];
  if (shared.users == 0) {
    const long page = ::sysconf(_SC_PAGESIZE);
    sqlite3_int64 size = std::max<sqlite3_int64>(kLeastReserved, kGrowthReserved * by_descriptor.st_size);
    size = (size + page - 1) / page * page;
    void* base = ::mmap(nullptr, static_cast<std::size_t>(size), PROT_READ, MAP_SHARED, fd, 0);
    if (base == MAP_FAILED) {
      maps().erase(file.key);
      return;
    }
    shared.base = base;
    shared.reserved = size;
  }
  ++shared.users;
  file.map = static_cast<const char*>(shared.base);
  file.reserved = shared.reserved;
}

// Gives back a share taken by share_map; the last one unmaps the file.
void release_map(const std::pair<dev_t, ino_t>& key) {
  std::lock_guard<std::mutex> lock(maps_mutex());
  const auto found = maps().find(key);
  if (found == maps().end() || --found->second.users > 0) return;
  ::munmap(found->second.base, static_cast<std::size_t>(found->second.reserved));
  maps().erase(found);
}

// Sets the size below which pages are served: the file's now, or nothing
// when it cannot be measured.
void measure(File& f) {
  sqlite3_int64 size = 0;
  f.known_size = f.real->pMethods->xFileSize(f.real, &size) == SQLITE_OK ? std::min(size, f.reserved) : 0;
}

int x_close(sqlite3_file* f) {
  File& file = file_of(f);
  const int rc = file.real->pMethods->xClose(file.real);
  if (file.map) release_map(file.key);
  return rc;
}
int x_read(sqlite3_file* f, void* out, int n, sqlite3_int64 at) {
  return real(f)->pMethods->xRead(real(f), out, n, at);
}
int x_write(sqlite3_file* f, const void* in, int n, sqlite3_int64 at) {
  return real(f)->pMethods->xWrite(real(f), in, n, at);
}
int x_truncate(sqlite3_file* f, sqlite3_int64 size) {
  const int rc = real(f)->pMethods->xTruncate(real(f), size);
  // As the unix VFS shortens its own map: this connection's own checkpoint
  // may cut the file without SQLite asking to drop the map afterwards.
  File& file = file_of(f);
  if (rc == SQLITE_OK && size < file.known_size) file.known_size = size;
  return rc;
}
int x_sync(sqlite3_file* f, int flags) { return real(f)->pMethods->xSync(real(f), flags); }
int x_file_size(sqlite3_file* f, sqlite3_int64* size) { return real(f)->pMethods->xFileSize(real(f), size); }
int x_lock(sqlite3_file* f, int level) { return real(f)->pMethods->xLock(real(f), level); }
int x_unlock(sqlite3_file* f, int level) { return real(f)->pMethods->xUnlock(real(f), level); }
int x_check_reserved_lock(sqlite3_file* f, int* out) { return real(f)->pMethods->xCheckReservedLock(real(f), out); }
int x_file_control(sqlite3_file* f, int op, void* arg) {
  if (op == SQLITE_FCNTL_MMAP_SIZE) {
    // Kept from the unix file, which would otherwise map the file itself when
    // told the file is about to grow (a checkpoint's size hint). Answered as
    // it would be: the limit before, which becomes the one given unless negative.
    File& file = file_of(f);
    const sqlite3_int64 asked = *static_cast<sqlite3_int64*>(arg);
    *static_cast<sqlite3_int64*>(arg) = file.mmap_limit;
    if (asked >= 0) file.mmap_limit = asked;
    return SQLITE_OK;
  }
  return real(f)->pMethods->xFileControl(real(f), op, arg);
}
int x_sector_size(sqlite3_file* f) { return real(f)->pMethods->xSectorSize(real(f)); }
int x_device_characteristics(sqlite3_file* f) { return real(f)->pMethods->xDeviceCharacteristics(real(f)); }
int x_shm_map(sqlite3_file* f, int region, int size, int extend, void volatile** out) {
  return real(f)->pMethods->xShmMap(real(f), region, size, extend, out);
}
int x_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
  return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
}
void x_shm_barrier(sqlite3_file* f) { real(f)->pMethods->xShmBarrier(real(f)); }
int x_shm_unmap(sqlite3_file* f, int delete_it) { return real(f)->pMethods->xShmUnmap(real(f), delete_it); }

int x_fetch(sqlite3_file* f, sqlite3_int64 at, int n, void** out) {
  *out = nullptr;
  File& file = file_of(f);
  if (!file.map_sought && file.path != nullptr) {
    share_map(file);
    if (file.map) measure(file);
  }
  if (!file.map || at + n > file.reserved) return SQLITE_OK;
  // Past the size last measured: the file may have grown since.
  if (at + n > file.known_size) measure(file);
  if (at + n <= file.known_size) *out = const_cast<char*>(file.map) + at;
  return SQLITE_OK;
}

int x_unfetch(sqlite3_file* f, sqlite3_int64 at, void* page) {
  // SQLite asks to drop the whole map (no page) when another connection has
  // committed: the shared map stays, and the file is measured again, as it
  // may have grown or shrunk. A single page given back needs nothing.
  if (page == nullptr && at == 0) {
    File& file = file_of(f);
    if (file.map) measure(file);
  }
  return SQLITE_OK;
}

const sqlite3_io_methods kMethods = {
    3,
    x_close,
    x_read,
    x_write,
    x_truncate,
    x_sync,
    x_file_size,
    x_lock,
    x_unlock,
    x_check_reserved_lock,
    x_file_control,
    x_sector_size,
    x_device_characteristics,
    x_shm_map,
    x_shm_lock,
    x_shm_barrier,
    x_shm_unmap,
    x_fetch,
    x_unfetch,
};

int x_open(sqlite3_vfs*, const char* name, sqlite3_file* f, int flags, int* out_flags) {
  File& file = file_of(f);
  file.real = reinterpret_cast<sqlite3_file*>(&file + 1);
  file.path = nullptr;
  file.map_sought = false;
  file.map = nullptr;
  file.reserved = 0;
  file.known_size = 0;
  file.mmap_limit = 0;
  f->pMethods = nullptr;
  const int rc = unix_vfs().xOpen(&unix_vfs(), name, file.real, flags, out_flags);
  if (file.real->pMethods == nullptr) return rc;
  f->pMethods = &kMethods;
  if (rc != SQLITE_OK) return rc;
  // Only a main database file has its pages fetched (a temporary one has no
  // name); its map is shared when it first is, by a connection that maps.
  if ((flags & SQLITE_OPEN_MAIN_DB) != 0 && name != nullptr && file.real->pMethods->iVersion >= 3) file.path = name;
  return rc;
}

}  // namespace

void release_mapped_file_pages() {
  // MADV_DONTNEED on a shared map of a file only takes the pages out of this
  // process's page tables: the kernel keeps them in its page cache, and a
  // connection reading one meanwhile or later faults it in again from there
  // (a minor fault while the page is still cached), seeing the file as it is.
  // A failure (none is expected on a map this process made) leaves the
  // pages mapped: only the resident size shows it.
  std::lock_guard<std::mutex> lock(maps_mutex());
  for (const auto& [key, shared] : maps()) {
    if (shared.base != nullptr) ::madvise(shared.base, static_cast<std::size_t>(shared.reserved), MADV_DONTNEED);
  }
}

void use_shared_map_vfs() {
  static std::once_flag once;
  std::call_once(once, [] {
    static sqlite3_vfs vfs = unix_vfs();
    vfs.zName = "casereview-shared-map";
    vfs.szOsFile = static_cast<int>(sizeof(File)) + unix_vfs().szOsFile;
    vfs.xOpen = x_open;
    vfs.pNext = nullptr;
    sqlite3_vfs_register(&vfs, 1);
  });
}

}  // namespace casereview::db
