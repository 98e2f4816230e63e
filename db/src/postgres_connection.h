#pragma once
// PostgreSQL specifics that SOCI does not cover: opening a connection,
// running a multi-statement script, and what libpq knows of the connection
// (whether it is in a transaction, whether it is broken).

#include <soci/soci.h>

#include <string>
#include <string_view>

namespace casereview::db {

// Opens a connection to `connection` (libpq's "host=… dbname=…" or a
// postgresql:// address) on `session`. Throws StorageError.
void open_postgres_connection(soci::session& session, const std::string& connection);

// Opens `session`'s connection again with the same string (after the server
// ended it). Throws StorageError.
void reopen_postgres_connection(soci::session& session);

// Runs a script of several statements (a migration) in one round trip; SOCI
// sends each statement on its own, with parameters, which PostgreSQL allows
// for one statement only. Throws StorageError with the server's message.
void execute_postgres_script(soci::session& session, std::string_view script);

// True while the connection is inside a transaction (also a failed one).
bool postgres_in_transaction(soci::session& session);

// True when the connection cannot be used: libpq found it broken, or the
// server has closed it since it was last used (a restart, an administrator
// ending it), which this reads from the socket without waiting.
bool postgres_connection_broken(soci::session& session);

}  // namespace casereview::db
