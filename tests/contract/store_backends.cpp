#include "store_backends.h"

#include <cstdlib>
#include <filesystem>

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

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "casereview-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary directory");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace casereview::testing_support
