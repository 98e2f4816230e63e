#pragma once
// Numbered schema migrations (db/migrations/NNNN_name.sql, embedded at build time)
// and the schema-version bookkeeping. Tests build their databases from the same
// files the server uses.

#include <soci/soci.h>

#include <string>
#include <string_view>
#include <vector>

namespace casereview::db {

struct Migration {
  int version;
  std::string name;
  std::string_view sql;
};

// All migrations, ascending by version (generated from db/migrations by CMake).
const std::vector<Migration>& all_migrations();

// The version recorded in the database: 0 for a database with no tables at all.
// Throws SchemaError for a database that has tables but no recorded version
// (not casereview's, or damaged).
int recorded_schema_version(soci::session& session);

// How many of all_migrations() the database has not recorded: those above its
// version, and any below it that it lacks (numbers are not always taken in
// order: a change made in parallel may land after a higher number). In a
// database with no tables at all, every migration is pending.
int pending_migration_count(soci::session& session);

// Applies every migration the database has not recorded, in ascending order,
// each in its own transaction (with its code step, if it has one: 0009 refolds
// the duplicate-check keys). Returns how many were applied. A migration that fails is rolled
// back and throws (StorageError, or SchemaError when it would leave broken
// references); those before it stay applied.
int apply_pending_migrations(soci::session& session);

}  // namespace casereview::db
