// Reminder e-mails when the relay is down, demands an account, or speaks TLS,
// and when a process stopped half-way: failures are recorded and retried, and
// still each e-mail arrives once. And the settings that cannot work are refused
// before anything is sent.
#include <gtest/gtest.h>

#include <cstdlib>

#include "raw_sqlite.h"
#include "reminder_fixture.h"

namespace casereview {
namespace {

using testing_support::arrived;
using testing_support::CliResult;
using testing_support::kReminderDay;
using testing_support::raw_exec;
using testing_support::raw_rows;
using testing_support::ReminderData;
using testing_support::run_casereview;
using testing_support::SmtpSink;
using testing_support::SmtpSinkOptions;

class ReminderRelay : public ReminderData {
 protected:
  // status, attempts and last_error of every claim of the day, by id.
  static std::vector<std::vector<std::string>> claims(const std::string& db) {
    return raw_rows(db, "SELECT status, attempts, last_error FROM reminder_sends WHERE day = '2022-09-15' ORDER BY id");
  }
  static bool contains(const std::string& text, const std::string& what) {
    return text.find(what) != std::string::npos;
  }
};

TEST_F(ReminderRelay, ARelayThatIsDownFailsEveryEMailAndTheNextPassDeliversEachOnce) {
  const std::string db = fresh_database();
  const int port = SmtpSink::free_port();  // nothing listens there yet
  const CliResult down = send(db, kReminderDay, port);
  EXPECT_EQ(down.exit_code, 3) << down.err;
  EXPECT_TRUE(contains(down.out, "12 due, 0 sent, 12 failed")) << down.out;
  const auto failed = claims(db);
  ASSERT_EQ(failed.size(), 12u);
  // The first e-mail met the closed port; the others were not tried in that pass.
  EXPECT_EQ(failed[0][0], "failed");
  EXPECT_TRUE(contains(failed[0][2], "the relay 127.0.0.1:" + std::to_string(port) + " could not be used"))
      << failed[0][2];
  for (const auto& row : failed) {
    EXPECT_EQ(row[0], "failed");
    EXPECT_EQ(row[1], "1");
    EXPECT_TRUE(contains(row[2], "could not be used")) << row[2];
  }
  EXPECT_TRUE(contains(failed[1][2], "not tried, the relay could not be reached earlier in this pass")) << failed[1][2];
  int logged = 0;
  for (auto at = down.err.find("REMINDER_FAILED"); at != std::string::npos;
       at = down.err.find("REMINDER_FAILED", at + 1))
    ++logged;
  EXPECT_EQ(logged, 12) << down.err;

  // The relay comes up on that port: the next pass takes every failed claim over once.
  SmtpSink sink(SmtpSinkOptions{port});
  const CliResult up = send(db, kReminderDay, port);
  EXPECT_EQ(up.exit_code, 0) << up.err;
  EXPECT_TRUE(contains(up.out, "12 due, 12 sent, 0 failed")) << up.out;
  EXPECT_EQ(arrived(sink.messages()), expected_on_the_15th());
  for (const auto& row : claims(db)) {
    EXPECT_EQ(row[0], "sent");
    EXPECT_EQ(row[1], "2");
    EXPECT_TRUE(contains(row[2], "could not be used")) << row[2];  // the failure stays on record
  }
  EXPECT_EQ(send(db, kReminderDay, port).exit_code, 0);
  EXPECT_EQ(sink.messages().size(), 12u);
}

TEST_F(ReminderRelay, AClaimLeftByAStoppedProcessIsTakenOverAfterTenMinutesAndNotBefore) {
  const std::string db = fresh_database();
  // Two processes claimed a digest each and stopped before sending: one eleven
  // minutes ago, one a minute ago (it may still be sending).
  const std::string insert =
      "INSERT INTO reminder_sends (partnership_id, kind, item_key, recipient, day, subject, status, attempts, "
      "claimed_by, claimed_at) VALUES (1, 'digest', 'digest:1:";
  raw_exec(db, insert + std::to_string(facts().user.at("m.one")) +
                   "', 'm.one@example.org', '2022-09-15', 'x', 'claimed', 1, 'gone:1', "
                   "strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-11 minutes'))");
  raw_exec(db, insert + std::to_string(facts().user.at("m.two")) +
                   "', 'm.two@example.org', '2022-09-15', 'x', 'claimed', 1, 'busy:2', "
                   "strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-1 minutes'))");
  SmtpSink sink;
  const CliResult pass = send(db, kReminderDay, sink.port());
  EXPECT_EQ(pass.exit_code, 0) << pass.err;
  EXPECT_TRUE(contains(pass.out, "12 due, 11 sent, 0 failed, 1 already sent")) << pass.out;
  auto expected = expected_on_the_15th();
  expected.erase(std::find_if(expected.begin(), expected.end(), [](const auto& e) {
    return e.first == "m.two@example.org" && e.second.rfind("[casereview] Deadlines", 0) == 0;
  }));
  EXPECT_EQ(arrived(sink.messages()), expected);
  const auto rows = raw_rows(db,
                             "SELECT recipient, status, attempts, claimed_by FROM reminder_sends WHERE kind = "
                             "'digest' AND recipient LIKE 'm.%' ORDER BY recipient");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][1], "sent");
  EXPECT_EQ(rows[0][2], "2");
  EXPECT_NE(rows[0][3], "gone:1");
  EXPECT_EQ(rows[1], (std::vector<std::string>{"m.two@example.org", "claimed", "1", "busy:2"}));
}

TEST_F(ReminderRelay, AuthLoginWithTheRelaysAccount) {
  const std::string db = fresh_database();
  SmtpSink sink(SmtpSinkOptions{0, "relay-user:relay secret 42"});
  const CliResult refused = send(db, kReminderDay, sink.port(), {"--smtp-user", "relay-user", "--smtp-password", "x"});
  EXPECT_EQ(refused.exit_code, 3) << refused.err;
  EXPECT_TRUE(contains(claims(db).at(0)[2], "could not be used")) << claims(db).at(0)[2];
  const CliResult none = send(db, kReminderDay, sink.port());  // no account: the relay refuses every e-mail
  EXPECT_EQ(none.exit_code, 3) << none.err;
  EXPECT_TRUE(sink.messages().empty());
  const CliResult pass =
      send(db, kReminderDay, sink.port(), {"--smtp-user", "relay-user", "--smtp-password", "relay secret 42"});
  EXPECT_EQ(pass.exit_code, 0) << pass.err;
  EXPECT_EQ(arrived(sink.messages()), expected_on_the_15th());
  EXPECT_FALSE(contains(pass.err + refused.err, "relay secret 42"));  // never logged
}

TEST_F(ReminderRelay, StartTlsVerifiesTheRelaysCertificate) {
  const std::string cert = dir_.file("relay-cert.pem"), key = dir_.file("relay-key.pem");
  const std::string make =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -addext "
      "subjectAltName=IP:127.0.0.1 -keyout '" +
      key + "' -out '" + cert + "' 2>/dev/null";
  ASSERT_EQ(std::system(make.c_str()), 0);
  const std::string db = fresh_database();
  SmtpSink sink(SmtpSinkOptions{0, "relay-user:tls secret", cert, key});
  const std::vector<std::string> account = {"--smtp-user", "relay-user", "--smtp-password", "tls secret"};
  // The relay demands STARTTLS: plain SMTP is refused.
  EXPECT_EQ(send(db, kReminderDay, sink.port(), account).exit_code, 3);
  // STARTTLS with the system's CAs: the relay's own certificate does not verify.
  std::vector<std::string> tls = account;
  tls.emplace_back("--smtp-starttls");
  const CliResult untrusted = send(db, kReminderDay, sink.port(), tls);
  EXPECT_EQ(untrusted.exit_code, 3) << untrusted.err;
  EXPECT_TRUE(sink.messages().empty());
  // Trusting that certificate: every e-mail arrives once, over TLS.
  tls.insert(tls.end(), {"--smtp-ca-file", cert});
  const CliResult trusted = send(db, kReminderDay, sink.port(), tls);
  EXPECT_EQ(trusted.exit_code, 0) << trusted.err;
  EXPECT_EQ(arrived(sink.messages()), expected_on_the_15th());
}

TEST_F(ReminderRelay, SettingsThatCannotWorkAreUsageErrors) {
  const std::string db = fresh_database();
  const auto refused = [&](std::vector<std::string> args, const std::string& says) {
    args.insert(args.end(), {"--db", db});
    const CliResult r = run_casereview(args);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_TRUE(contains(r.err, says)) << r.err;
  };
  refused({"reminders", "send", "--smtp-host", "127.0.0.1"}, "--smtp-host needs --smtp-from");
  refused({"serve", "--smtp-host", "127.0.0.1", "--port", "0"}, "--smtp-host needs --smtp-from");
  refused({"reminders", "send"}, "reminders send needs an SMTP relay");
  refused({"reminders", "send", "--smtp-host", "127.0.0.1", "--smtp-from", "not an address"}, "--smtp-from");
  refused({"reminders", "send", "--smtp-host", "127.0.0.1", "--smtp-from", "r@example.org", "--smtp-user", "u"},
          "--smtp-user and --smtp-password go together");
  refused({"reminders", "send", "--smtp-host", "127.0.0.1", "--smtp-from", "r@example.org", "--public-url",
           "casereview.example.org"},
          "--public-url must be an http:// or https:// address");
  refused({"reminders", "send", "--smtp-host", "127.0.0.1", "--smtp-from", "r@example.org", "--reminder-minutes", "0"},
          "--reminder-minutes must be a whole number from 1 to 1440");
  EXPECT_EQ(raw_rows(db, "SELECT COUNT(*) FROM reminder_sends")[0][0], "0");
}

}  // namespace
}  // namespace casereview
