// Backup while the server is writing, and a restore that verifies: every write
// acknowledged before the backup began is in the copy, the copy's audit trail
// verifies against the server key, and restore refuses what does not verify.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "api_fixture.h"
#include "raw_sqlite.h"

namespace casereview {
namespace {

using testing_support::ApiTest;
using testing_support::CliResult;
using testing_support::raw_exec;
using testing_support::raw_rows;
using testing_support::run_casereview;
using testing_support::TempDir;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const char* kNotification =
    R"({"kind":"serious_incident_notification","facts":{"became_aware_on":"2022-09-14","harm":"death",
        "abuse_or_neglect":"suspected","location":"in_area","local_authority":"Northam City Council",
        "summary":"Opened during a backup"}})";

class Backup : public ApiTest {
 protected:
  std::string key_file() const { return db_path() + ".key"; }
  TempDir scratch;
};

TEST_F(Backup, ACopyTakenUnderWriteLoadHoldsEveryAcknowledgedWriteAndVerifies) {
  std::mutex mutex;
  std::condition_variable progressed;
  std::vector<long long> acknowledged;  // case ids, in the order the server acknowledged them
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    while (!stop) {
      const auto r = server().post_json("/api/v1/cases", kNotification);
      ASSERT_EQ(r.status, 201) << r.body;
      std::lock_guard<std::mutex> lock(mutex);
      acknowledged.push_back(r.json()["id"].as_integer());
      progressed.notify_all();
    }
  });
  auto acknowledged_count = [&] {
    std::lock_guard<std::mutex> lock(mutex);
    return acknowledged.size();
  };
  auto wait_for = [&](std::size_t n) {
    std::unique_lock<std::mutex> lock(mutex);
    progressed.wait(lock, [&] { return acknowledged.size() >= n; });
  };

  wait_for(5);
  const std::size_t before_backup = acknowledged_count();
  const std::string copy = scratch.file("copy.db");
  const CliResult backup = run_casereview({"backup", copy, "--db", db_path()});
  const std::size_t after_backup = acknowledged_count();
  wait_for(after_backup + 3);  // the server kept writing throughout
  stop = true;
  writer.join();
  ASSERT_EQ(backup.exit_code, 0) << backup.err;
  EXPECT_TRUE(contains(backup.out, "backed up")) << backup.out;

  // The copy is one consistent snapshot: cases 1..k with nothing missing, k at
  // least every case acknowledged before the backup began.
  const auto rows = raw_rows(copy, "SELECT id FROM cases ORDER BY id");
  ASSERT_GE(rows.size(), before_backup);
  for (std::size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(rows[i][0], std::to_string(i + 1));
  for (std::size_t i = 0; i < before_backup; ++i) {
    EXPECT_LE(acknowledged[i], static_cast<long long>(rows.size())) << "acknowledged case missing from the copy";
  }
  EXPECT_EQ(raw_rows(copy, "PRAGMA journal_mode")[0][0], "delete") << "a backup is one self-contained file";
  RecordProperty("acknowledged_before_backup", static_cast<int>(before_backup));
  RecordProperty("cases_in_copy", static_cast<int>(rows.size()));
  RecordProperty("acknowledged_when_backup_returned", static_cast<int>(after_backup));

  // Restored (beside the same server key) it verifies, and reads as it was.
  const std::string restored = scratch.file("restored.db");
  const CliResult restore = run_casereview({"restore", copy, "--db", restored, "--key-file", key_file()});
  ASSERT_EQ(restore.exit_code, 0) << restore.out << restore.err;
  EXPECT_TRUE(contains(restore.out, "verified: " + std::to_string(rows.size()) + " cases")) << restore.out;
  const CliResult verify = run_casereview({"audit", "verify", "--db", restored, "--key-file", key_file()});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
  EXPECT_TRUE(contains(verify.out, "OK: " + std::to_string(rows.size()) + " cases")) << verify.out;
  EXPECT_GE(std::stoi(raw_rows(restored, "SELECT COUNT(*) FROM audit_checkpoints")[0][0]), 1);
}

TEST_F(Backup, ACopyCarriesTheDocumentsAndTheirBytes) {
  const long long id = server().post_json("/api/v1/cases", kNotification).json()["id"].as_integer();
  const std::string bytes = std::string("%PDF-1.7\n\0\x01\xff chronology", 23);
  const auto attached =
      server().request("POST", "/api/v1/cases/" + std::to_string(id) + "/documents?kind=chronology&name=c.pdf", bytes,
                       "application/pdf", {});
  ASSERT_EQ(attached.status, 201) << attached.body;
  const std::string copy = scratch.file("with-documents.db");
  ASSERT_EQ(run_casereview({"backup", copy, "--db", db_path()}).exit_code, 0);
  const std::string restored = scratch.file("restored-documents.db");
  ASSERT_EQ(run_casereview({"restore", copy, "--db", restored, "--key-file", key_file()}).exit_code, 0);
  const std::string sha = attached.json()["sha256"].as_string();
  const auto rows =
      raw_rows(restored, "SELECT length(CAST(content AS BLOB)), hex(content) FROM document_contents WHERE sha256 = '" +
                             sha + "'");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], std::to_string(bytes.size()));
  EXPECT_EQ(rows[0][1].substr(0, 28), "255044462D312E370A0001FF2063");  // "%PDF-1.7\n", NUL, 0x01, 0xFF, " c"
  EXPECT_EQ(raw_rows(restored, "SELECT COUNT(*) FROM documents WHERE sha256 = '" + sha + "'")[0][0], "1");
}

TEST_F(Backup, RestoreRefusesWhatDoesNotVerifyAndChangesNothing) {
  ASSERT_EQ(server().post_json("/api/v1/cases", kNotification).status, 201);
  const std::string good = scratch.file("good.db");
  ASSERT_EQ(run_casereview({"backup", good, "--db", db_path()}).exit_code, 0);
  EXPECT_EQ(run_casereview({"backup", good, "--db", db_path()}).exit_code, 2);  // never overwrites

  // A live database being served is not replaced.
  const CliResult busy = run_casereview({"restore", good, "--db", db_path()});
  EXPECT_EQ(busy.exit_code, 2);
  EXPECT_TRUE(contains(busy.err, "stop it before restoring")) << busy.err;

  // A target with one case of its own, to show that a refused restore leaves it be.
  const std::string target = scratch.file("target.db");
  ASSERT_EQ(run_casereview({"restore", good, "--db", target, "--key-file", key_file()}).exit_code, 0);
  auto target_cases = [&] { return raw_rows(target, "SELECT COUNT(*) FROM cases")[0][0]; };
  const std::string cases_before = target_cases();

  const std::string tampered = scratch.file("tampered.db");
  ASSERT_EQ(run_casereview({"backup", tampered, "--db", db_path()}).exit_code, 0);
  raw_exec(tampered, "DROP TRIGGER case_events_no_update; UPDATE case_events SET actor = 'nobody' WHERE seq = 1");
  const std::string garbage = scratch.file("garbage.db");
  std::ofstream(garbage) << "this is not a database at all, though it is long enough to look like one maybe";
  const std::string future = scratch.file("future.db");
  ASSERT_EQ(run_casereview({"backup", future, "--db", db_path()}).exit_code, 0);
  raw_exec(future, "INSERT INTO schema_migrations VALUES (99, 'future', '2030-01-01T00:00:00Z')");

  for (const auto& [file, why] : std::vector<std::pair<std::string, std::string>>{
           {tampered, "audit trail does not verify"}, {garbage, "not a database"}, {future, "schema version"}}) {
    const CliResult r = run_casereview({"restore", file, "--db", target, "--key-file", key_file()});
    EXPECT_EQ(r.exit_code, 1) << file << ": " << r.err;
    EXPECT_TRUE(contains(r.err, "restore refused, nothing changed")) << r.err;
    EXPECT_TRUE(contains(r.err, why)) << r.err;
    EXPECT_EQ(target_cases(), cases_before);
  }
  // With another server key the restore is refused, and says why.
  std::ofstream(scratch.file("k2")) << std::string(64, 'b') << "\n";
  const CliResult other_key = run_casereview({"restore", good, "--db", target, "--key-file", scratch.file("k2")});
  EXPECT_EQ(other_key.exit_code, 1) << other_key.out;
  EXPECT_TRUE(contains(other_key.err, "restore refused, nothing changed")) << other_key.err;
  EXPECT_TRUE(contains(other_key.err, "did not sign the copy's newest checkpoint")) << other_key.err;
  EXPECT_EQ(target_cases(), cases_before);
  // Without any key the restore is refused before it could lose the pseudonyms, and no key is made.
  const CliResult no_key = run_casereview({"restore", good, "--db", target, "--key-file", scratch.file("k3")});
  EXPECT_EQ(no_key.exit_code, 1) << no_key.out;
  EXPECT_TRUE(contains(no_key.err, "is missing")) << no_key.err;
  EXPECT_FALSE(std::filesystem::exists(scratch.file("k3")));
  EXPECT_EQ(target_cases(), cases_before);
}

}  // namespace
}  // namespace casereview
