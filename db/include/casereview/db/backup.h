#pragma once
// Copies of a whole SQLite database, taken while the server may be writing.
//
// backup_database uses SQLite's online backup API in one step, so the copy is
// one consistent snapshot: every transaction committed before the copy began
// is in it, none after. In WAL mode writers are not blocked while it runs.

#include <string>
#include <vector>

namespace casereview::db {

// Writes a copy of `source` to `target`, which must not exist yet. Throws
// StorageError (nothing left at `target`) when it cannot. While the source is
// locked it retries every 50 ms, without a limit. The copy has no write-ahead
// log beside it (journal mode DELETE).
void backup_database(const std::string& source, const std::string& target);

// SQLite's own integrity check of the file at `path`: empty when sound, else
// what it found (at most 20 lines; a file that is not a database gives one line).
// Throws StorageError when it cannot be opened.
std::vector<std::string> integrity_problems(const std::string& path);

}  // namespace casereview::db
