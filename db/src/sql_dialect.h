#pragma once
// The few places where SQLite and PostgreSQL need different SQL. Everything
// else in db/ is written once for both.

#include <soci/soci.h>

namespace casereview::db {

// True when `session` is a PostgreSQL connection (otherwise it is SQLite's).
inline bool on_postgresql(soci::session& session) { return session.get_backend_name() == "postgresql"; }

}  // namespace casereview::db
