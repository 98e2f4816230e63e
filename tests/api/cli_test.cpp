// The command line, used as an administrator would: the same deadline
// computations, audit verification of the whole record, calendar loads, rules.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "casereview/engine/bank_holidays.h"
#include "raw_sqlite.h"
#include "server_process.h"

namespace casereview {
namespace {

using testing_support::CliResult;
using testing_support::raw_exec;
using testing_support::raw_row;
using testing_support::run_casereview;
using testing_support::TempDir;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

TEST(Cli, ComputesADeadlineLikeTheApi) {
  const CliResult r = run_casereview({"deadline", "sin.notify_panel", "2022-09-14", "--db", "/nonexistent/x.db"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "due 2022-09-22\n"));
  EXPECT_TRUE(contains(r.out, "skips 2022-09-19 Bank Holiday for the State Funeral of Queen Elizabeth II"));
  const CliResult late = run_casereview({"deadline", "rr.submit_to_panel", "2027-12-20", "--db", "/nonexistent/x.db"});
  EXPECT_TRUE(contains(late.out, "due 2028-01-13 (provisional)"));
}

TEST(Cli, ADeadlineOutsideTheSupportedDatesIsAUsageError) {
  const CliResult far = run_casereview({"deadline", "cdr.panel_review", "9999-12-31", "--db", "/nonexistent/x.db"});
  EXPECT_EQ(far.exit_code, 2);
  EXPECT_TRUE(contains(far.err, "\"9999-12-31\" is outside the dates casereview supports (1900-01-01 to 2199-12-31)"))
      << far.err;
  const CliResult late = run_casereview({"deadline", "cdr.panel_review", "2199-12-31", "--db", "/nonexistent/x.db"});
  EXPECT_EQ(late.exit_code, 2);
  EXPECT_TRUE(contains(late.err, "the due date 12 calendar months after 2199-12-31 would fall after 2199-12-31"))
      << late.err;
  const CliResult working = run_casereview({"deadline", "sin.notify_panel", "2199-12-31", "--db", "/nonexistent/x.db"});
  EXPECT_EQ(working.exit_code, 2);
  const CliResult in_range =
      run_casereview({"deadline", "sin.notify_panel", "2199-12-20", "--db", "/nonexistent/x.db"});
  EXPECT_EQ(in_range.exit_code, 0) << in_range.err;
  EXPECT_TRUE(contains(in_range.out, "due 2199-12-31 (provisional)\n")) << in_range.out;
}

TEST(Cli, RefusesBadUsageWithExitCode2) {
  EXPECT_EQ(run_casereview({"deadline", "sin.nope", "2022-09-14"}).exit_code, 2);
  EXPECT_EQ(run_casereview({"deadline", "sin.notify_panel", "2023-02-29"}).exit_code, 2);
  EXPECT_EQ(run_casereview({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(run_casereview({"serve", "--port", "70000"}).exit_code, 2);
  const CliResult proxy = run_casereview({"serve", "--trusted-proxy", "proxy.example.org"});
  EXPECT_EQ(proxy.exit_code, 2);
  EXPECT_TRUE(contains(proxy.err, "--trusted-proxy \"proxy.example.org\" is not an IP address")) << proxy.err;
  EXPECT_EQ(run_casereview({}).exit_code, 2);
  const CliResult help = run_casereview({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_TRUE(contains(help.err, "audit verify"));
}

class CliWithDemo : public ::testing::Test {
 protected:
  void SetUp() override {
    const CliResult r = run_casereview({"demo", "load", "--db", db});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  CliResult verify() const { return run_casereview({"audit", "verify", "--db", db}); }
  TempDir scratch;
  std::string db = scratch.file("cli.db");
};

TEST_F(CliWithDemo, AuditVerifyPassesAnIntactDatabase) {
  const CliResult r = verify();
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto counts = raw_row(db, "SELECT (SELECT COUNT(*) FROM cases), (SELECT COUNT(*) FROM case_events)");
  EXPECT_TRUE(
      contains(r.out, "OK: " + counts[0] + " cases, " + counts[1] + " events, 0 checkpoints checked, 0 problems"))
      << r.out;
  EXPECT_GE(std::stoi(counts[0]), 15);
}

TEST_F(CliWithDemo, AuditVerifyNamesAnAlteredEvent) {
  // Someone with the file drops the append-only guard and edits the record.
  const auto target = raw_row(db,
                              "SELECT id, reference FROM cases WHERE kind = 'serious_incident_notification' "
                              "ORDER BY id LIMIT 1");
  raw_exec(db,
           "DROP TRIGGER case_events_no_update;"
           "UPDATE case_events SET payload = replace(payload, 'Northam', 'Southam') WHERE case_id = " +
               target[0] + " AND seq = 1;");
  const CliResult r = verify();
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(
      r.out, "BROKEN case " + target[1] + " (id " + target[0] + ") at event 1: content does not match its hash"))
      << r.out;
  EXPECT_TRUE(contains(r.out, " checkpoints checked, 1 problems"));
}

TEST_F(CliWithDemo, AuditVerifyNamesADeletedEvent) {
  const auto target = raw_row(db, "SELECT id, reference, version FROM cases WHERE version >= 3 ORDER BY id LIMIT 1");
  raw_exec(db, "DROP TRIGGER case_events_no_delete; DELETE FROM case_events WHERE case_id = " + target[0] +
                   " AND seq = " + target[2] + ";");
  const CliResult r = verify();
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.out, "BROKEN case " + target[1] + " (id " + target[0] + ") at event " + target[2])) << r.out;
}

TEST_F(CliWithDemo, AuditVerifyNamesReorderedEvents) {
  const auto target = raw_row(db, "SELECT id, reference FROM cases WHERE version >= 3 ORDER BY id LIMIT 1");
  const std::string where = " WHERE case_id = " + target[0] + " AND seq = ";
  raw_exec(db,
           "DROP TRIGGER case_events_no_update;"
           "UPDATE case_events SET seq = 100" +
               where +
               "2;"
               "UPDATE case_events SET seq = 2" +
               where +
               "3;"
               "UPDATE case_events SET seq = 3" +
               where + "100;");
  const CliResult r = verify();
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.out, "BROKEN case " + target[1] + " (id " + target[0] + ") at event 2")) << r.out;
}

TEST_F(CliWithDemo, DemoDataGoesOnlyIntoAnEmptyDatabase) {
  const CliResult again = run_casereview({"demo", "load", "--db", db});
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_TRUE(contains(again.err, "already holds cases"));
}

TEST_F(CliWithDemo, LoadsANewerCalendarAndMovesOpenDeadlines) {
  // The shipped feed plus a one-off holiday on Tuesday 20 September 2022.
  std::string feed(shipped_bank_holiday_feed());
  const std::string marker = R"("events": [)";
  ASSERT_NE(feed.find(marker), std::string::npos);
  feed.insert(feed.find(marker) + marker.size(),
              R"({"title":"One-off holiday","date":"2022-09-20","notes":"","bunting":true},)");
  write_file(scratch.file("feed.json"), feed);
  const CliResult before = run_casereview({"deadline", "sin.notify_panel", "2022-09-14", "--db", db});
  EXPECT_TRUE(contains(before.out, "due 2022-09-22"));
  const CliResult r = run_casereview({"calendar", "load", scratch.file("feed.json"), "--db", db});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "added   2022-09-20 One-off holiday"));
  EXPECT_TRUE(contains(r.out, "Open deadlines recomputed on"));
  const CliResult after = run_casereview({"deadline", "sin.notify_panel", "2022-09-14", "--db", db});
  EXPECT_TRUE(contains(after.out, "due 2022-09-23"));
  EXPECT_EQ(verify().exit_code, 0);
}

TEST_F(CliWithDemo, RefusesAnInvalidCalendarAndChangesNothing) {
  std::string feed(shipped_bank_holiday_feed());
  const std::string marker = R"("events": [)";
  feed.insert(feed.find(marker) + marker.size(), R"({"title":"Saturday","date":"2022-09-17"},)");
  write_file(scratch.file("bad.json"), feed);
  write_file(scratch.file("junk.json"), "this is not json");
  const CliResult shown_before = run_casereview({"calendar", "show", "2022", "--db", db});
  for (const char* file : {"bad.json", "junk.json"}) {
    const CliResult r = run_casereview({"calendar", "load", scratch.file(file), "--db", db});
    EXPECT_EQ(r.exit_code, 2) << file;
    EXPECT_TRUE(contains(r.err, "nothing was changed")) << r.err;
  }
  EXPECT_TRUE(
      contains(run_casereview({"calendar", "load", scratch.file("bad.json"), "--db", db}).err, "falls on a Saturday"));
  EXPECT_EQ(run_casereview({"calendar", "load", scratch.file("missing.json"), "--db", db}).exit_code, 2);
  EXPECT_EQ(run_casereview({"calendar", "show", "2022", "--db", db}).out, shown_before.out);
}

TEST_F(CliWithDemo, ChangesOnlyTheRulesAPartnershipMayChange) {
  const CliResult ok = run_casereview({"rules", "set", "rr.submit_to_panel", "--anchor", "became_aware", "--reason",
                                       "Our procedure counts from becoming aware", "--db", db});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  const CliResult weaker =
      run_casereview({"rules", "set", "sin.notify_panel", "--amount", "8", "--reason", "x", "--db", db});
  EXPECT_EQ(weaker.exit_code, 2);
  EXPECT_TRUE(contains(weaker.err, "never weaker"));
  const CliResult stricter = run_casereview(
      {"rules", "set", "sin.notify_panel", "--amount", "3", "--reason", "Business unit target", "--db", db});
  EXPECT_EQ(stricter.exit_code, 0) << stricter.err;
  const CliResult no_reason = run_casereview({"rules", "set", "sin.inform_partners", "--amount", "3", "--db", db});
  EXPECT_EQ(no_reason.exit_code, 2);
  const CliResult unknown_anchor =
      run_casereview({"rules", "set", "rr.submit_to_panel", "--anchor", "whenever", "--reason", "x", "--db", db});
  EXPECT_EQ(unknown_anchor.exit_code, 2);
  const CliResult listed = run_casereview({"rules", "list", "--db", db});
  EXPECT_TRUE(contains(listed.out, "in force: 15 working_days from became_aware  (partnership setting)")) << listed.out;
  EXPECT_TRUE(contains(listed.out, "in force: 3 working_days from became_aware  (partnership setting)"));
  EXPECT_TRUE(contains(listed.out, "in force: 5 working_days from became_aware  (default)"));
}

TEST_F(CliWithDemo, ActsInThePartnershipNamedOnceThereAreSeveral) {
  ASSERT_EQ(run_casereview({"partnership", "add", "west", "--display-name", "Westshire", "--db", db}).exit_code, 0);
  // Two partnerships: a command that acts in one must be told which.
  const CliResult unnamed = run_casereview(
      {"rules", "set", "sin.notify_panel", "--amount", "3", "--reason", "Business unit target", "--db", db});
  EXPECT_EQ(unnamed.exit_code, 2);
  EXPECT_TRUE(contains(unnamed.err, "several partnerships (default, west)")) << unnamed.err;
  const CliResult west = run_casereview({"rules", "set", "sin.notify_panel", "--amount", "3", "--reason",
                                         "Business unit target", "--partnership", "west", "--db", db});
  EXPECT_EQ(west.exit_code, 0) << west.err;
  EXPECT_TRUE(contains(west.out, "in west")) << west.out;
  // Only the west runs the stricter rule, and an amount changed later keeps the
  // anchor changed before.
  ASSERT_EQ(run_casereview({"rules", "set", "rr.submit_to_panel", "--anchor", "became_aware", "--reason", "Procedure",
                            "--partnership", "west", "--db", db})
                .exit_code,
            0);
  ASSERT_EQ(run_casereview({"rules", "set", "rr.submit_to_panel", "--amount", "12", "--reason", "Business unit target",
                            "--partnership", "west", "--db", db})
                .exit_code,
            0);
  const CliResult listed_west = run_casereview({"rules", "list", "--partnership", "west", "--db", db});
  EXPECT_TRUE(contains(listed_west.out, "in force: 3 working_days from became_aware  (partnership setting)"))
      << listed_west.out;
  EXPECT_TRUE(contains(listed_west.out, "in force: 12 working_days from became_aware  (partnership setting)"));
  const CliResult listed_default = run_casereview({"rules", "list", "--partnership", "default", "--db", db});
  EXPECT_TRUE(contains(listed_default.out, "in force: 5 working_days from became_aware  (default)"))
      << listed_default.out;
  EXPECT_FALSE(contains(listed_default.out, "(partnership setting)"));
  EXPECT_EQ(run_casereview({"rules", "list", "--partnership", "nowhere", "--db", db}).exit_code, 2);

  // Users go into the partnership named; a reset with a chosen password ends sessions and needs no change.
  const CliResult added = run_casereview(
      {"user", "add", "w.reader", "--role", "scrutineer", "--partnership", "west", "--password-stdin", "--db", db},
      "A long enough passphrase\n");
  EXPECT_EQ(added.exit_code, 0) << added.err;
  EXPECT_TRUE(contains(added.out, "added w.reader as scrutineer in west")) << added.out;
  EXPECT_FALSE(contains(added.out, "one-time password"));
  const CliResult listed_users = run_casereview({"user", "list", "--partnership", "west", "--db", db});
  EXPECT_EQ(listed_users.out, "w.reader\tscrutineer\tactive\n");
  const CliResult weak = run_casereview({"user", "reset", "w.reader", "--password-stdin", "--db", db}, "short\n");
  EXPECT_EQ(weak.exit_code, 2);
  EXPECT_TRUE(contains(weak.err, "too weak")) << weak.err;
  const CliResult reset = run_casereview({"user", "reset", "w.reader", "--db", db});
  EXPECT_EQ(reset.exit_code, 0) << reset.err;
  EXPECT_TRUE(contains(reset.out, "one-time password (change it at first sign-in): ")) << reset.out;
}

// A database stored before the time a clock was met was kept
// (tests/fixtures/before-json-library, schema 8): migrating gives its met
// clocks that time from their cases' events, once, and changes nothing else.
// The death notification of case 1 holds the time it was made (08:20 UTC), so
// its CDOP clock gets that time; its JAR discussion was recorded without a
// time, and keeps none.
TEST(CliDatabase, MigratingGivesStoredClocksTheTimeTheyWereMet) {
  TempDir scratch;
  const std::string db = scratch.file("old.db");
  const std::string fixture = std::string(CASEREVIEW_SOURCE_DIR) + "/tests/fixtures/before-json-library";
  std::filesystem::copy_file(fixture + "/casereview.db", db);
  std::filesystem::copy_file(fixture + "/casereview.db.key", db + ".key");
  const auto stored = [&] {
    return testing_support::raw_rows(
        db,
        "SELECT case_id, rule_id, amount, unit, anchor_date, anchor_at, due_date, due_at, provisional, remaining, "
        "met_on, ended_on, pauses FROM deadlines ORDER BY case_id, rule_id");
  };
  const auto requests = [&] {
    return testing_support::raw_rows(db,
                                     "SELECT case_id, position, agency, purpose, requested_on, rule_id, due_on, "
                                     "provisional, returned_on, reminders, last_reminder_on FROM agency_requests "
                                     "ORDER BY case_id, position");
  };
  const auto clocks_before = stored();
  const auto requests_before = requests();
  const auto cases_met =
      testing_support::raw_rows(db, "SELECT COUNT(DISTINCT case_id) FROM deadlines WHERE met_on IS NOT NULL");

  const CliResult migrated = run_casereview({"db", "migrate", "--db", db});
  ASSERT_EQ(migrated.exit_code, 0) << migrated.err;
  EXPECT_TRUE(contains(migrated.out, "recorded from the events of " + cases_met.at(0).at(0) + " case(s).\n"))
      << migrated.out;
  const auto met =
      testing_support::raw_rows(db,
                                "SELECT case_id, rule_id, met_on, COALESCE(met_at, 'unknown') FROM deadlines "
                                "WHERE unit = 'hours' AND met_on IS NOT NULL ORDER BY case_id, rule_id");
  EXPECT_EQ(met, (std::vector<std::vector<std::string>>{{"1", "cdr.jar_discussion", "2022-07-21", "unknown"},
                                                        {"1", "cdr.notify_cdop", "2022-07-21", "2022-07-21T08:20:00Z"},
                                                        {"15", "cdr.notify_cdop", "2021-09-21", "unknown"}}));
  EXPECT_EQ(stored(), clocks_before);
  EXPECT_EQ(requests(), requests_before);
  // Every clock has been looked at: the second time finds none.
  const CliResult again = run_casereview({"db", "migrate", "--db", db});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(contains(again.out, "(0 migration(s) applied now)")) << again.out;
  EXPECT_FALSE(contains(again.out, "recorded from the events")) << again.out;
  // The events, which the times are read from, are as they were.
  const CliResult verified = run_casereview({"audit", "verify", "--db", db});
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
}

TEST(CliDatabase, MigratesAFreshDatabaseAndRefusesANewerOne) {
  TempDir scratch;
  const std::string db = scratch.file("m.db");
  const CliResult r = run_casereview({"db", "migrate", "--db", db});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "schema version 24")) << r.out;
  raw_exec(db, "INSERT INTO schema_migrations VALUES (99, 'future', '2030-01-01T00:00:00Z')");
  const CliResult serve = run_casereview({"serve", "--db", db, "--port", "0"});
  EXPECT_EQ(serve.exit_code, 3);
  EXPECT_TRUE(contains(serve.err, "newer casereview"));
}

}  // namespace
}  // namespace casereview

namespace casereview {
namespace {

TEST(CliImport, ADryRunWritesNothingTheImportWritesOnceAndARefusedFileSaysWhy) {
  TempDir scratch;
  const std::string db = scratch.file("import.db");
  const std::string sheet = scratch.file("deaths.csv");
  write_file(sheet,
             "reference,date_of_death,place_of_death,expected,summary,notified_on,notified_by,"
             "resident_local_authority,given_name,family_name,date_of_birth\n"
             "D-1,2022-03-15,home,unexpected,Infant death,2022-03-16,Paramedic,Northam City Council,"
             "Ann,Example,2021-12-01\n");
  const auto count = [&] { return run_casereview({"audit", "verify", "--db", db, "--today", "2022-09-16"}); };
  const CliResult dry = run_casereview({"import", "deaths", sheet, "--dry-run", "--db", db, "--today", "2022-09-16"});
  EXPECT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(dry.out.find("Dry run"), std::string::npos) << dry.out;
  EXPECT_NE(count().out.find("OK: 0 case"), std::string::npos) << count().out;
  const CliResult done = run_casereview({"import", "deaths", sheet, "--db", db, "--today", "2022-09-16"});
  EXPECT_EQ(done.exit_code, 0) << done.err;
  std::istringstream words(done.out);
  const std::vector<std::string> printed{std::istream_iterator<std::string>(words), {}};
  EXPECT_NE(std::find(printed.begin(), printed.end(), "CDR-2022-0001"), printed.end()) << done.out;
  EXPECT_NE(count().out.find("OK: 1 case"), std::string::npos) << count().out;
  const CliResult again = run_casereview({"import", "deaths", sheet, "--db", db, "--today", "2022-09-16"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("This file was imported on"), std::string::npos) << again.err;
  EXPECT_EQ(run_casereview({"import", "visits", sheet, "--db", db}).exit_code, 2);
}

}  // namespace
}  // namespace casereview

namespace casereview {
namespace {

// Two servers never share a port (and so never split its connections between
// two databases): the second exits at once, naming the port, and the first
// goes on answering.
TEST(CliServe, ASecondServerOnAPortInUseExitsNamingThePort) {
  TempDir scratch;
  testing_support::ServerProcess first(scratch.file("first.db"));
  const std::string port = std::to_string(first.port());
  const CliResult second = run_casereview({"serve", "--db", scratch.file("second.db"), "--port", port});
  EXPECT_EQ(second.exit_code, 3) << second.err;
  EXPECT_NE(second.err.find("port " + port + ":"), std::string::npos) << second.err;
  EXPECT_EQ(first.get("/api/v1/health").status, 200);
}

}  // namespace
}  // namespace casereview
