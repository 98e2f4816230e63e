#pragma once
// One memory map of each database file for the whole process, which a commit
// does not drop (sqlite_shared_map.cpp says why and how).

namespace casereview::db {

// Makes SQLite's default VFS one that forwards everything to the "unix" VFS
// except the reading of a database file's pages through a memory map, which
// it serves from one map of the file shared by every connection of the
// process. Once per process, after SQLite's process-wide configuration;
// later calls do nothing.
void use_shared_map_vfs();

}  // namespace casereview::db
