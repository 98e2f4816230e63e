// A database written before casereview parsed JSON with nlohmann/json
// (tests/fixtures/before-json-library, made by the binary of that time; its
// README says how and why it is never regenerated) still verifies, and every
// piece of JSON it stores re-serialises through today's parser and canonical
// form to the very bytes that were hashed or signed. Each test works on a copy:
// the committed files stay as they were written.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "casereview/engine/event.h"
#include "casereview/engine/json.h"
#include "raw_sqlite.h"
#include "server_process.h"

namespace casereview {
namespace {

using testing_support::CliResult;
using testing_support::raw_rows;
using testing_support::run_casereview;
using testing_support::TempDir;

const std::string kFixture = std::string(CASEREVIEW_SOURCE_DIR) + "/tests/fixtures/before-json-library";

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class StoredBeforeJsonLibrary : public ::testing::Test {
 protected:
  // The copy is brought up to this build's schema as an operator upgrading
  // would (`casereview db migrate`); migrations add tables and columns and
  // never touch the events, checkpoints or keys.
  void SetUp() override {
    std::filesystem::copy_file(kFixture + "/casereview.db", db);
    std::filesystem::copy_file(kFixture + "/casereview.db.key", key);
    // Brought up to this release's schema the way the README tells an operator
    // to; a migration adds tables and never rewrites what is stored.
    const CliResult migrated = run_casereview({"db", "migrate", "--db", db, "--key-file", key});
    ASSERT_EQ(migrated.exit_code, 0) << migrated.err;
  }
  // `text`, parsed and written again in canonical form, is `text` itself.
  static void expect_canonical_round_trip(const std::string& text, const std::string& what) {
    EXPECT_EQ(Json::parse(text).canonical(), text) << what;
  }

  TempDir scratch;
  std::string db = scratch.file("casereview.db");
  std::string key = scratch.file("casereview.db.key");
};

// The files are the ones the README describes, byte for byte: a regenerated
// fixture would only prove that the new code agrees with itself.
TEST_F(StoredBeforeJsonLibrary, TheFixtureIsTheOneWrittenBeforeTheChange) {
  EXPECT_EQ(sha256_hex(file_bytes(kFixture + "/casereview.db")),
            "164406cefe161758cc2ca6adf3e9114f0ae697fa58b6f3e28d6108f12c1c9e8d");
  EXPECT_EQ(sha256_hex(file_bytes(kFixture + "/casereview.db.key")),
            "8922e97c9d905082696f024aef1354f736b479697fbff925c0c4db114f596805");
}

TEST_F(StoredBeforeJsonLibrary, AuditVerifyPasses) {
  const CliResult r = run_casereview({"audit", "verify", "--db", db, "--key-file", key});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "OK: 15 cases, 66 events, 1 checkpoints checked, 0 problems\n") << r.err;
}

// Its checkpoint was signed before checkpoints were chained (every case's head,
// no previous signature): the first checkpoint after the upgrade signs every
// case again and follows it, and both verify.
TEST_F(StoredBeforeJsonLibrary, TheFirstCheckpointAfterTheUpgradeSignsEveryCaseAndFollowsTheOneBefore) {
  const CliResult signed_now = run_casereview({"audit", "checkpoint", "--db", db, "--key-file", key});
  ASSERT_EQ(signed_now.exit_code, 0) << signed_now.err;
  const auto stored =
      raw_rows(db,
               "SELECT heads, signature, previous_signature IS NULL, previous_signature FROM audit_checkpoints "
               "ORDER BY id");
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0][2], "1") << "the one from before has no previous signature";
  EXPECT_EQ(stored[1][3], stored[0][1]);
  EXPECT_EQ(Json::parse(stored[1][0]).members().size(), 15u);
  EXPECT_EQ(Json::parse(stored[1][0]).members().size(), Json::parse(stored[0][0]).members().size());
  const CliResult r = run_casereview({"audit", "verify", "--db", db, "--key-file", key});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "OK: 15 cases, 66 events, 2 checkpoints checked, 0 problems\n") << r.err;
}

// Every event payload, parsed and written again, is the stored text, so the
// event's hash computed from it is the stored hash.
TEST_F(StoredBeforeJsonLibrary, EveryEventPayloadReserialisesToTheHashedBytes) {
  const auto rows = raw_rows(db,
                             "SELECT case_id, seq, type, actor, recorded_at, effective_date, payload, prev_hash, "
                             "hash FROM case_events ORDER BY case_id, seq");
  ASSERT_EQ(rows.size(), 66u);
  for (const auto& row : rows) {
    const std::string where = "case " + row[0] + " event " + row[1];
    Event e;
    e.case_id = std::stoll(row[0]);
    e.seq = std::stoll(row[1]);
    e.type = row[2];
    e.actor = row[3];
    e.recorded_at = *Instant::parse(row[4]);
    e.effective_date = *Date::parse(row[5]);
    e.payload = Json::parse(row[6]).canonical();
    e.prev_hash = row[7];
    EXPECT_EQ(e.payload, row[6]) << where;
    EXPECT_EQ(compute_event_hash(e), row[8]) << where;
  }
}

// The other JSON the database keeps in canonical form: the identifying details
// (their canonical text is committed to in the case's first event), the chain
// heads the checkpoint signed, and each clock's pauses.
TEST_F(StoredBeforeJsonLibrary, EveryOtherStoredJsonTextReserialisesToItself) {
  const auto subjects = raw_rows(db, "SELECT case_id, details FROM case_subjects");
  ASSERT_FALSE(subjects.empty());
  for (const auto& row : subjects) expect_canonical_round_trip(row[1], "subject of case " + row[0]);
  const auto checkpoints = raw_rows(db, "SELECT id, heads FROM audit_checkpoints");
  ASSERT_EQ(checkpoints.size(), 1u);
  for (const auto& row : checkpoints) expect_canonical_round_trip(row[1], "checkpoint " + row[0]);
  const auto pauses = raw_rows(db, "SELECT case_id, rule_id, pauses FROM deadlines");
  ASSERT_FALSE(pauses.empty());
  for (const auto& row : pauses) expect_canonical_round_trip(row[2], "pauses of " + row[1] + " in case " + row[0]);
}

// Migration 0011 rebuilt the memberships (a new role) and the vocabularies (a
// scope): every membership keeps its role, and every code of that time was
// shared by every partnership, so stays national, as active as it was.
TEST_F(StoredBeforeJsonLibrary, MembershipsAndCodesSurviveTheNationalAndLocalVocabularies) {
  const auto original = kFixture + "/casereview.db";
  const std::string memberships = "SELECT user_id, partnership_id, role, agency FROM memberships ORDER BY user_id";
  EXPECT_EQ(raw_rows(db, memberships), raw_rows(original, memberships));
  EXPECT_EQ(raw_rows(db, "SELECT COUNT(*) FROM memberships").at(0).at(0), "7");
  for (const char* table : {"factor_vocabulary", "theme_vocabulary"}) {
    const std::string codes = std::string("SELECT code, label, active FROM ") + table + " ORDER BY code";
    EXPECT_EQ(raw_rows(db, codes), raw_rows(original, codes)) << table;
    EXPECT_EQ(
        raw_rows(db, std::string("SELECT COUNT(*) FROM ") + table + " WHERE partnership_id IS NOT NULL").at(0).at(0),
        "0")
        << table;
  }
  EXPECT_EQ(raw_rows(db, "SELECT COUNT(*) FROM vocabulary_retirements").at(0).at(0), "0");
}

}  // namespace
}  // namespace casereview
