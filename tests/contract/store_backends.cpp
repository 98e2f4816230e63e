#include "store_backends.h"

#include <mutex>

#include "casereview/db/postgres_store.h"
#include "casereview/db/sqlite_store.h"
#include "postgres_server.h"

namespace casereview::testing_support {

namespace {

// A database on the test binary's PostgreSQL server holding the current
// schema, made once; each test's database is a copy of it, which is quicker
// than applying the schema again.
const std::string& migrated_postgres_template() {
  static std::once_flag made;
  static std::string name;
  std::call_once(made, [] {
    PostgresServer& server = PostgresServer::shared();
    name = server.create_database("schema_template");
    // Applies the schema, then disconnects as the store goes: a database
    // being copied may have nobody connected.
    db::PostgresStore::open({server.connection_string(name), 1}, db::SchemaMode::CreateIfEmpty);
  });
  return name;
}

}  // namespace

std::string new_postgres_database(bool with_schema) {
  PostgresServer& server = PostgresServer::shared();
  return server.connection_string(with_schema ? server.create_database("contract", migrated_postgres_template())
                                              : server.create_database("empty"));
}

std::vector<StoreBackend> store_backends() {
  return {
      {"SQLite",
       [](const std::string& directory) -> std::unique_ptr<Store> {
         return db::SqliteStore::open({directory + "/contract.db", 4, 5000}, db::SchemaMode::CreateIfEmpty);
       }},
      {"PostgreSQL",
       [](const std::string&) -> std::unique_ptr<Store> {
         return db::PostgresStore::open({new_postgres_database(), 4}, db::SchemaMode::CreateIfEmpty);
       }},
  };
}

std::string backend_name(const ::testing::TestParamInfo<StoreBackend>& info) { return info.param.name; }

}  // namespace casereview::testing_support
