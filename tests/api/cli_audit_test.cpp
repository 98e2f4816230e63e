// `casereview audit verify` against someone who has the database file: every
// kind of tampering with the record is found, including a case's chain
// rewritten from end to end with correct hashes (the signed checkpoint catches
// that), and a deleted case.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "casereview/engine/event.h"
#include "raw_sqlite.h"
#include "server_process.h"

namespace casereview {
namespace {

using testing_support::CliResult;
using testing_support::raw_exec;
using testing_support::raw_row;
using testing_support::raw_rows;
using testing_support::run_casereview;
using testing_support::sql_text;
using testing_support::TempDir;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

constexpr const char* kDropGuards =
    "DROP TRIGGER IF EXISTS case_events_no_update; DROP TRIGGER IF EXISTS case_events_no_delete;";

class AuditVerify : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(run_casereview({"demo", "load", "--db", db}).exit_code, 0);
    const CliResult signed_now = run_casereview({"audit", "checkpoint", "--db", db});
    ASSERT_EQ(signed_now.exit_code, 0) << signed_now.err;
    const CliResult clean = verify();
    ASSERT_EQ(clean.exit_code, 0) << clean.out;
    ASSERT_TRUE(contains(clean.out, "1 checkpoints checked, 0 problems")) << clean.out;
    // A case with at least three events, to tamper with.
    target = raw_row(db, "SELECT id, reference FROM cases WHERE version >= 3 ORDER BY id LIMIT 1");
    ASSERT_EQ(target.size(), 2u);
  }
  CliResult verify() const { return run_casereview({"audit", "verify", "--db", db}); }
  // Alters the target's second event and expects verification to find it.
  void alter_event_2_and_expect_it_found() const {
    raw_exec(db, std::string(kDropGuards) + "UPDATE case_events SET actor = 'someone else'" + where(2));
    const CliResult r = verify();
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(
        r.out, "BROKEN case " + target[1] + " (id " + target[0] + ") at event 2: content does not match its hash"))
        << r.out;
  }
  std::string where(int seq) const { return " WHERE case_id = " + target[0] + " AND seq = " + std::to_string(seq); }

  TempDir scratch;
  std::string db = scratch.file("audit.db");
  std::vector<std::string> target;  // id, reference
};

TEST_F(AuditVerify, FindsAnAlteredEvent) { alter_event_2_and_expect_it_found(); }

TEST_F(AuditVerify, FindsADeletedEvent) {
  raw_exec(db, std::string(kDropGuards) + "DELETE FROM case_events" + where(2));
  const CliResult r = verify();
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.out, "BROKEN case " + target[1] + " (id " + target[0] + ") at event 2")) << r.out;
}

TEST_F(AuditVerify, FindsReorderedEvents) {
  // Events 2 and 3 swap places, each keeping its own hash.
  raw_exec(db, std::string(kDropGuards) + "UPDATE case_events SET seq = 1000" + where(2) + ";" +
                   "UPDATE case_events SET seq = 2" + where(3) + ";" +
                   "UPDATE case_events SET seq = 3 WHERE case_id = " + target[0] + " AND seq = 1000;");
  const CliResult r = verify();
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.out, "BROKEN case " + target[1] + " (id " + target[0] + ") at event 2")) << r.out;
}

TEST_F(AuditVerify, FindsAWholeChainRewrittenWithGoodHashes) {
  // Read the case's events, change the first one, and chain them all afresh, as
  // someone who knows the hashing scheme (it is documented) would.
  CaseRecord record;
  record.id = std::stoll(target[0]);
  record.head_hash = kGenesisHash;
  std::vector<Event> events;
  for (const auto& row : raw_rows(db,
                                  "SELECT type, actor, recorded_at, effective_date, payload FROM case_events "
                                  "WHERE case_id = " +
                                      target[0] + " ORDER BY seq")) {
    Event e;
    e.case_id = record.id;
    e.type = row[0];
    e.actor = row[1];
    e.recorded_at = *Instant::parse(row[2]);
    e.effective_date = *Date::parse(row[3]);
    e.payload = row[4];
    events.push_back(e);
  }
  ASSERT_GE(events.size(), 3u);
  ASSERT_EQ(events[0].recorded_at.iso(), raw_row(db, "SELECT recorded_at FROM case_events" + where(1))[0]);
  events[0].actor = "a person who was never there";
  chain_events(record, events);
  std::string sql = std::string(kDropGuards) + "DELETE FROM case_events WHERE case_id = " + target[0] + ";";
  for (const Event& e : events) {
    sql += "INSERT INTO case_events VALUES (" + target[0] + ", " + std::to_string(e.seq) + ", " + sql_text(e.type) +
           ", " + sql_text(e.actor) + ", " + sql_text(e.recorded_at.iso()) + ", " + sql_text(e.effective_date.iso()) +
           ", " + sql_text(e.payload) + ", " + sql_text(e.prev_hash) + ", " + sql_text(e.hash) + ");";
  }
  sql += "UPDATE cases SET head_hash = " + sql_text(record.head_hash) + " WHERE id = " + target[0] + ";";
  raw_exec(db, sql);

  const CliResult r = verify();
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_FALSE(contains(r.out, "BROKEN case")) << "the rewritten chain is self-consistent: " << r.out;
  EXPECT_TRUE(contains(r.out, "case id " + target[0] + ": event")) << r.out;
  EXPECT_TRUE(contains(r.out, "differs from the one the checkpoint signed")) << r.out;
}

TEST_F(AuditVerify, FindsADeletedCase) {
  raw_exec(db, std::string(kDropGuards) + "PRAGMA foreign_keys = OFF; DELETE FROM case_events WHERE case_id = " +
                   target[0] + "; DELETE FROM cases WHERE id = " + target[0] + ";");
  const CliResult r = verify();
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.out, "case id " + target[0] + ": event")) << r.out;
  EXPECT_TRUE(contains(r.out, "recorded by the checkpoint is missing")) << r.out;
}

TEST_F(AuditVerify, FindsAForgedCheckpoint) {
  // Whoever rewrote a chain cannot re-sign the checkpoint without the server key.
  raw_exec(db, "UPDATE audit_checkpoints SET heads = replace(heads, '\"version\":', '\"version\": ')");
  const CliResult r = verify();
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.out, "the checkpoint's signature does not match its contents")) << r.out;
}

// Each checkpoint signs the heads changed since the one before and that one's
// signature: one taken out of the chain, or passed off as one from before the
// chain (its previous signature dropped), is found.
TEST_F(AuditVerify, FindsACheckpointTakenOutOfTheChain) {
  for (int i = 0; i < 2; ++i) ASSERT_EQ(run_casereview({"audit", "checkpoint", "--db", db}).exit_code, 0);
  const auto stored =
      raw_rows(db, "SELECT id, heads, previous_signature, signature FROM audit_checkpoints ORDER BY id");
  ASSERT_EQ(stored.size(), 3u);
  EXPECT_GT(stored[0][1].size(), 1000u) << "the first signs every case";
  EXPECT_EQ(stored[1][1], "{}") << "nothing changed since";
  EXPECT_EQ(stored[1][2], stored[0][3]);
  EXPECT_EQ(stored[2][2], stored[1][3]);
  const CliResult whole = verify();
  EXPECT_EQ(whole.exit_code, 0) << whole.out;
  EXPECT_TRUE(contains(whole.out, "3 checkpoints checked, 0 problems")) << whole.out;

  raw_exec(db, "DELETE FROM audit_checkpoints WHERE id = " + stored[1][0]);
  const CliResult taken_out = verify();
  EXPECT_EQ(taken_out.exit_code, 1);
  EXPECT_TRUE(contains(taken_out.out, "the checkpoint signed before this one is missing or was altered"))
      << taken_out.out;

  raw_exec(db, "UPDATE audit_checkpoints SET previous_signature = NULL WHERE id = " + stored[2][0]);
  const CliResult unchained = verify();
  EXPECT_EQ(unchained.exit_code, 1);
  EXPECT_TRUE(contains(unchained.out, "the checkpoint's signature does not match its contents")) << unchained.out;
}

// What each case was last signed at is kept on the case, so that the next
// checkpoint signs only what changed; verification holds it to the
// checkpoints. Written up to keep a case out of the checkpoints, or left
// behind when the newest checkpoint is taken away, it is found.
TEST_F(AuditVerify, FindsACaseKeptOutOfTheCheckpointsAndTheNewestCheckpointTakenAway) {
  raw_exec(db, "UPDATE cases SET signed_version = 1000000 WHERE id = " + target[0]);
  const CliResult kept_out = verify();
  EXPECT_EQ(kept_out.exit_code, 1);
  EXPECT_TRUE(contains(kept_out.out, "case id " + target[0] +
                                         ": the case is recorded as signed at version 1000000, but the "
                                         "checkpoints signed it at version"))
      << kept_out.out;

  raw_exec(db, "UPDATE cases SET signed_version = version WHERE id = " + target[0]);
  ASSERT_EQ(verify().exit_code, 0);
  raw_exec(db, "DELETE FROM audit_checkpoints");
  const CliResult taken_away = verify();
  EXPECT_EQ(taken_away.exit_code, 1);
  EXPECT_TRUE(contains(taken_away.out, "case id " + target[0] + ": the case is recorded as signed at version " +
                                           raw_row(db, "SELECT version FROM cases WHERE id = " + target[0]).at(0) +
                                           ", but the checkpoints signed it at version 0"))
      << taken_away.out;
}

TEST_F(AuditVerify, ACheckpointSignedWithAnotherKeyDoesNotVerify) {
  const std::string other = scratch.file("other.key");
  std::ofstream(other) << std::string(64, 'a') << "\n";
  const CliResult r = run_casereview({"audit", "verify", "--db", db, "--key-file", other});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.out, "signature does not match")) << r.out;
}

// Verification reads the chains a partnership at a time; a case moved to a
// partnership that does not exist (the database's own checks off) is still
// read, and its altered event found.
TEST_F(AuditVerify, FindsAnAlteredEventOfACaseOfNoPartnership) {
  const std::string cases_before = raw_row(db, "SELECT COUNT(*) FROM cases").at(0);
  raw_exec(db, "PRAGMA foreign_keys = OFF; UPDATE cases SET partnership_id = 9999 WHERE id = " + target[0]);
  const CliResult moved = verify();
  EXPECT_TRUE(contains(moved.out, ": " + cases_before + " cases,")) << moved.out;
  alter_event_2_and_expect_it_found();
}

// A checkpoint is signed only with the key that signed the one before: a key
// file named wrongly is neither made nor used, and nothing is signed.
TEST_F(AuditVerify, ACheckpointIsTakenOnlyWithTheKeyThatSignedTheOneBefore) {
  const auto checkpoints = [&] { return raw_row(db, "SELECT COUNT(*) FROM audit_checkpoints").at(0); };
  ASSERT_EQ(checkpoints(), "1");
  const std::string missing = scratch.file("missing.key");
  const CliResult without = run_casereview({"audit", "checkpoint", "--db", db, "--key-file", missing});
  EXPECT_EQ(without.exit_code, 3);  // refused: not a usage error, not a failed check
  EXPECT_TRUE(contains(
      without.err, "there is no server key at " + missing + ", but this database's checkpoints were signed with one"))
      << without.err;
  EXPECT_FALSE(std::filesystem::exists(missing));

  const std::string other = scratch.file("other.key");
  std::ofstream(other) << std::string(64, 'a') << "\n";
  const CliResult wrong = run_casereview({"audit", "checkpoint", "--db", db, "--key-file", other});
  EXPECT_EQ(wrong.exit_code, 3);
  EXPECT_TRUE(contains(wrong.err, "the server key at " + other + " did not sign this database's newest checkpoint"))
      << wrong.err;
  EXPECT_EQ(checkpoints(), "1");
  // Nor does any other command that writes open the database with it.
  const CliResult listing = run_casereview({"user", "list", "--db", db, "--key-file", other});
  EXPECT_EQ(listing.exit_code, 3);
  EXPECT_TRUE(contains(listing.err, "did not sign this database's newest checkpoint")) << listing.err;

  const CliResult right = run_casereview({"audit", "checkpoint", "--db", db});
  EXPECT_EQ(right.exit_code, 0) << right.err;
  EXPECT_EQ(checkpoints(), "2");
  EXPECT_EQ(verify().exit_code, 0);
}

// A backup copied without its key: the chains verify, the checkpoints are said
// to be unchecked (exit 4), and no file is made; with the key, all passes.
TEST_F(AuditVerify, ACopyWithoutItsKeyVerifiesItsChainsAndSaysTheCheckpointsAreUnchecked) {
  const std::string copy = scratch.file("copy.db");
  const CliResult backed_up = run_casereview({"backup", copy, "--db", db});
  ASSERT_EQ(backed_up.exit_code, 0) << backed_up.err;
  EXPECT_TRUE(contains(backed_up.out, "The server key is not in the copy: it is " + db + ".key")) << backed_up.out;
  const CliResult without = run_casereview({"audit", "verify", "--db", copy});
  EXPECT_EQ(without.exit_code, 4) << without.out << without.err;
  EXPECT_TRUE(contains(without.out, "OK: ")) << without.out;
  EXPECT_TRUE(contains(without.out, "NOT CHECKED: 1 signed checkpoints")) << without.out;
  EXPECT_FALSE(contains(without.out, "does not match")) << without.out;
  EXPECT_FALSE(std::filesystem::exists(copy + ".key"));
  const CliResult with = run_casereview({"audit", "verify", "--db", copy, "--key-file", db + ".key"});
  EXPECT_EQ(with.exit_code, 0) << with.out;
  EXPECT_TRUE(contains(with.out, "1 checkpoints checked, 0 problems")) << with.out;
  // Nothing at all to verify: a usage error, and still no file made.
  const std::string nowhere = scratch.file("nowhere.db");
  EXPECT_EQ(run_casereview({"audit", "verify", "--db", nowhere}).exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(nowhere));
  EXPECT_FALSE(std::filesystem::exists(nowhere + ".key"));
}

}  // namespace
}  // namespace casereview
