#include "migrations.h"

#include <set>

#include "casereview/db/sqlite_store.h"
#include "sql_repositories.h"
#include "sqlite_connection.h"

namespace casereview::db {
namespace {
constexpr const char* kForeignKeysOff = "-- casereview: foreign_keys=off";

// What a migration needs done that SQL cannot do, run after its file in its
// transaction: 0009 refolds the duplicate-check keys with the engine's fold.
void run_code_step(int version, soci::session& session) {
  if (version == 9) refold_subject_keys(session);
}

// The versions the database has recorded; empty for a database without tables.
std::set<int> recorded_versions(soci::session& session) {
  std::set<int> out;
  if (recorded_schema_version(session) == 0) return out;
  int version = 0;
  soci::statement st = (session.prepare << "SELECT version FROM schema_migrations", soci::into(version));
  st.execute();
  while (st.fetch()) out.insert(version);
  return out;
}

}  // namespace

int expected_schema_version() { return all_migrations().back().version; }

int recorded_schema_version(soci::session& session) {
  return guarded("read the schema version", [&] {
    int tables = 0;
    session << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'", soci::into(tables);
    if (tables == 0) return 0;
    int has_versions = 0;
    session << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
        soci::into(has_versions);
    if (!has_versions) {
      throw SchemaError("this file holds a database that is not casereview's (no schema_migrations table)");
    }
    int version = 0;
    soci::indicator ind = soci::i_null;
    session << "SELECT MAX(version) FROM schema_migrations", soci::into(version, ind);
    if (ind != soci::i_ok) {
      throw SchemaError(
          "the database has a schema_migrations table but no recorded version; it was "
          "damaged or edited by hand and will not be touched");
    }
    return version;
  });
}

int pending_migration_count(soci::session& session) {
  return guarded("read the applied migrations", [&] {
    const std::set<int> recorded = recorded_versions(session);
    int pending = 0;
    for (const Migration& m : all_migrations()) pending += recorded.count(m.version) ? 0 : 1;
    return pending;
  });
}

int apply_pending_migrations(soci::session& session) {
  const std::set<int> recorded = guarded("read the applied migrations", [&] { return recorded_versions(session); });
  int applied = 0;
  for (const Migration& m : all_migrations()) {
    if (recorded.count(m.version)) continue;
    // A migration that rebuilds a table asks for foreign keys off while it runs
    // (SQLite's documented procedure); they are checked before it commits.
    const bool keys_off = m.sql.rfind(kForeignKeysOff, 0) == 0;
    guarded("apply a migration", [&] {
      if (keys_off) session << "PRAGMA foreign_keys = OFF";
      session << "BEGIN IMMEDIATE";
      try {
        execute_script(session,
                       "CREATE TABLE IF NOT EXISTS schema_migrations ("
                       "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        execute_script(session, m.sql);
        run_code_step(m.version, session);
        if (keys_off) {
          int violations = 0;
          session << "SELECT COUNT(*) FROM pragma_foreign_key_check", soci::into(violations);
          if (violations > 0) throw SchemaError("migration " + m.name + " would leave broken references");
        }
        const std::string now = Instant::now().iso();
        session << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :a)",
            soci::use(m.version), soci::use(m.name), soci::use(now);
        session << "COMMIT";
      } catch (...) {
        session << "ROLLBACK";
        if (keys_off) session << "PRAGMA foreign_keys = ON";
        throw;
      }
      if (keys_off) session << "PRAGMA foreign_keys = ON";
    });
    ++applied;
  }
  return applied;
}

}  // namespace casereview::db
