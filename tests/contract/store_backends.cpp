#include "store_backends.h"

#include "casereview/db/sqlite_store.h"

namespace casereview::testing_support {

std::vector<StoreBackend> store_backends() {
  return {
      {"SQLite",
       [](const std::string& directory) -> std::unique_ptr<Store> {
         return db::SqliteStore::open({directory + "/contract.db", 4, 5000}, db::SchemaMode::CreateIfEmpty);
       }},
  };
}

std::string backend_name(const ::testing::TestParamInfo<StoreBackend>& info) { return info.param.name; }

}  // namespace casereview::testing_support
