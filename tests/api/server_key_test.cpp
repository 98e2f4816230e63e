// The server key file (web/src/server_key.h), in process: commands started at
// the same moment on a new database all end up with the one key, and none of
// them ever reads a key file half-written.
#include "server_key.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <set>
#include <thread>
#include <vector>

#include "temp_dir.h"

namespace casereview::web {
namespace {

TEST(ServerKey, ProcessesCreatingItAtOnceAllReadTheOneKeyWritten) {
  testing_support::TempDir dir;
  for (int round = 0; round < 25; ++round) {
    const std::string path = dir.file("round" + std::to_string(round) + ".db.key");
    std::vector<std::string> keys(8);
    std::vector<std::string> errors(8);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < keys.size(); ++i) {
      threads.emplace_back([&, i] {
        try {
          keys[i] = load_or_create_server_key(path);
        } catch (const std::exception& e) {
          errors[i] = e.what();
        }
      });
    }
    for (std::thread& t : threads) t.join();
    for (const std::string& e : errors) EXPECT_EQ(e, "") << "round " << round;
    EXPECT_EQ(std::set<std::string>(keys.begin(), keys.end()).size(), 1u) << "round " << round;
    EXPECT_EQ(keys[0].size(), 64u);
    EXPECT_EQ(load_server_key(path), keys[0]);
    struct stat info {};
    ASSERT_EQ(stat(path.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
  }
  // Nothing is left beside the keys.
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    EXPECT_EQ(entry.path().filename().string().find(".new."), std::string::npos) << entry.path();
  }
}

TEST(ServerKey, AnExistingKeyIsReadAndNeverReplaced) {
  testing_support::TempDir dir;
  const std::string path = dir.file("kept.db.key");
  const std::string first = load_or_create_server_key(path);
  EXPECT_EQ(load_or_create_server_key(path), first);
  EXPECT_FALSE(load_server_key(dir.file("absent.db.key")));
}

}  // namespace
}  // namespace casereview::web
