#pragma once
// The storage backends the contract suites run against. Each suite is written
// once against the engine's interfaces and instantiated for every entry here;
// a new backend (PostgreSQL) is one more entry.

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "casereview/engine/repositories.h"
#include "temp_dir.h"

namespace casereview::testing_support {

struct StoreBackend {
  std::string name;
  // A fresh, empty store with the current schema, keeping its files in `directory`.
  std::function<std::unique_ptr<Store>(const std::string& directory)> make;
};

std::vector<StoreBackend> store_backends();
// Test names and failure messages show the backend's name, not its bytes.
inline void PrintTo(const StoreBackend& backend, std::ostream* os) { *os << backend.name; }
std::string backend_name(const ::testing::TestParamInfo<StoreBackend>& info);

// Base fixture: one fresh store per test, and a session on it.
class StoreTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override {
    store = GetParam().make(dir.path());
    session = store->session();
  }
  TempDir dir;
  std::unique_ptr<Store> store;
  std::unique_ptr<StoreSession> session;
};

}  // namespace casereview::testing_support
