#include "migrations.h"

#include <set>

#include "postgres_connection.h"
#include "sql_dialect.h"
#include "sql_repositories.h"
#include "sqlite_connection.h"

namespace casereview::db {
namespace {
constexpr const char* kForeignKeysOff = "-- casereview: foreign_keys=off";

// What a migration needs done that SQL cannot do, run after its file in its
// transaction: SQLite's 0009 refolds the duplicate-check keys with the
// engine's fold (PostgreSQL's schema starts after it).
void run_code_step(SqlBackend backend, int version, soci::session& session) {
  if (backend == SqlBackend::SQLite && version == 9) refold_subject_keys(session);
}

// How many tables the database has, and how many named `name`.
int count_tables(soci::session& session, const std::string& name = "") {
  int tables = 0;
  const bool postgresql = backend_of(session) == SqlBackend::PostgreSQL;
  std::string sql = postgresql ? "SELECT COUNT(*) FROM information_schema.tables "
                                 "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
                               : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'";
  if (name.empty()) {
    session << sql, soci::into(tables);
  } else {
    session << sql + (postgresql ? " AND table_name = :n" : " AND name = :n"), soci::use(name), soci::into(tables);
  }
  return tables;
}

void run_script(soci::session& session, std::string_view script) {
  if (backend_of(session) == SqlBackend::PostgreSQL) {
    execute_postgres_script(session, script);
  } else {
    execute_script(session, script);
  }
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

SqlBackend backend_of(soci::session& session) {
  return on_postgresql(session) ? SqlBackend::PostgreSQL : SqlBackend::SQLite;
}

int expected_schema_version() { return all_migrations(SqlBackend::SQLite).back().version; }

int recorded_schema_version(soci::session& session) {
  return guarded("read the schema version", [&] {
    if (count_tables(session) == 0) return 0;
    if (count_tables(session, "schema_migrations") == 0) {
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
    for (const Migration& m : all_migrations(backend_of(session))) pending += recorded.count(m.version) ? 0 : 1;
    return pending;
  });
}

int apply_pending_migrations(soci::session& session) {
  const std::set<int> recorded = guarded("read the applied migrations", [&] { return recorded_versions(session); });
  const SqlBackend backend = backend_of(session);
  int applied = 0;
  for (const Migration& m : all_migrations(backend)) {
    if (recorded.count(m.version)) continue;
    // A migration that rebuilds a table asks for foreign keys off while it runs
    // (SQLite's documented procedure); they are checked before it commits.
    const bool keys_off = backend == SqlBackend::SQLite && m.sql.rfind(kForeignKeysOff, 0) == 0;
    guarded("apply a migration", [&] {
      if (keys_off) session << "PRAGMA foreign_keys = OFF";
      session << (backend == SqlBackend::PostgreSQL ? "BEGIN" : "BEGIN IMMEDIATE");
      try {
        run_script(session,
                   "CREATE TABLE IF NOT EXISTS schema_migrations ("
                   "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        run_script(session, m.sql);
        run_code_step(backend, m.version, session);
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

int bring_schema_up(soci::session& session, SchemaMode mode, const SchemaNames& names) {
  const int found = recorded_schema_version(session);
  const int expected = expected_schema_version();
  if (found > expected) {
    throw SchemaError(names.database + " has schema version " + std::to_string(found) +
                      ", written by a newer casereview (this one knows up to " + std::to_string(expected) +
                      "); it was left untouched");
  }
  // A migration may be missing below the recorded version too (numbers taken by
  // changes made in parallel land in any order): any unrecorded one is pending.
  if (pending_migration_count(session) == 0) return 0;
  if (mode == SchemaMode::ExistingCurrent) {
    throw SchemaError(found == 0 ? names.nothing_there
                                 : names.database + " has schema version " + std::to_string(found) +
                                       " without every migration this casereview needs (up to " +
                                       std::to_string(expected) + ")");
  }
  if (mode == SchemaMode::CreateIfEmpty && found != 0) {
    throw SchemaError(names.database + " has schema version " + std::to_string(found) + " and this casereview needs " +
                      std::to_string(expected) + " with every migration before it. Back " + names.what_to_back_up +
                      " up, then run: casereview db migrate " + names.migrate_option);
  }
  return apply_pending_migrations(session);
}

}  // namespace casereview::db
