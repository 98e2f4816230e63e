#pragma once
// A known data set for the reminder e-mail tests, built once per suite through
// the real server on Thursday 15 September 2022 (kReminderDay; the Monday after
// is the State Funeral's bank holiday), then copied for each test with
// `casereview backup`:
//  - SIN A: the local authority became aware on 7 September: "Notify the
//    National Panel" (statutory) and "Tell the safeguarding partners" (local)
//    overdue since the 14th; the child's identity is recorded (kChild);
//  - SIN B (aware on the 8th): both due today; SIN C (the 9th): both due soon;
//  - RR D (notified 2 September): information asked of Police on the 7th
//    (overdue), of Health visiting on the 8th (due today), of Education on the
//    9th (due soon);
//  - RR E decided a local review on 15 March: the LCSPR's 6-month publication,
//    and the reminder to explain a delay beyond it, are due today; reviewer
//    "Dr Pat Remind" holds a signed contract for it; the
//    rapid review's actions A1 (due the 14th: overdue), A2 (the 30th) and A3
//    (the 16th: due soon).
// Users with an address: managers m.one and m.two; agency contributors hv.one
// and hv.two (Health visiting), police (Police), school (Education); the
// reviewer rev; and, who get nothing, the administrator, a panel member and a
// suspended manager. The manager m.three and "builder" have no address. Each
// address was set a different way: POST /api/v1/users, PUT
// /api/v1/users/{id}/email, PUT /api/v1/session/email and `casereview user email`.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <future>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "api_fixture.h"
#include "identity_scan.h"
#include "smtp_sink.h"

namespace casereview::testing_support {

inline constexpr const char* kReminderDay = "2022-09-15";
inline constexpr const char* kPublicUrl = "https://casereview.example.org";

inline Identity reminder_child() {
  return Identity{"Ada", "Remindertest", "2015-03-02", "943 476 5919", "Example Row", {"Grace"}};
}

// What the data set holds that the tests name.
struct ReminderFacts {
  std::map<std::string, std::string> ref;  // "A", "B", "C", "D" (the rapid review), "E" (its LCSPR), "RR-E"
  std::map<std::string, long long> id;     // the same keys: case ids
  std::map<std::string, long long> user;   // user ids by username
};

// (recipient, subject), for whole-value comparison of what arrived.
using Sent = std::vector<std::pair<std::string, std::string>>;

inline Sent sorted(Sent sent) {
  std::sort(sent.begin(), sent.end());
  return sent;
}

inline Sent arrived(const std::vector<ArrivedMail>& mails) {
  Sent out;
  for (const ArrivedMail& m : mails) out.emplace_back(m.envelope_to, m.subject);
  return sorted(out);
}

class ReminderData : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite() {
    facts_.reset();
    scratch_.reset();
  }

  // A copy of the data set for one test, in the test's own directory.
  std::string fresh_database() {
    std::string copy = dir_.file("reminders.db");
    const CliResult r = run_casereview({"backup", copy, "--db", template_db()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    // A backup holds no key: the copy is served with the template's, as a
    // restored database is with the key it was signed with.
    std::filesystem::copy_file(template_db() + ".key", copy + ".key",
                               std::filesystem::copy_options::overwrite_existing);
    return copy;
  }

  // The options that send through the relay on `port`.
  static std::vector<std::string> relay(int port) {
    return {"--smtp-host",           "127.0.0.1",    "--smtp-port", std::to_string(port), "--smtp-from",
            "reminders@example.org", "--public-url", kPublicUrl};
  }

  // `casereview reminders send` on `db` on `day`, through the relay on `port`.
  static CliResult send(const std::string& db, const std::string& day, int port,
                        const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"reminders", "send", "--db", db, "--today", day};
    const auto through = relay(port);
    args.insert(args.end(), through.begin(), through.end());
    args.insert(args.end(), extra.begin(), extra.end());
    return run_casereview(args);
  }

  // Two passes started together on one database; both results.
  static std::pair<CliResult, CliResult> send_twice_at_once(const std::string& db, const std::string& day, int port) {
    auto first = std::async(std::launch::async, [&] { return send(db, day, port); });
    auto second = std::async(std::launch::async, [&] { return send(db, day, port); });
    return {first.get(), second.get()};
  }

  static const ReminderFacts& facts() { return *facts_; }

  // What is due on 15 September 2022, e-mail by e-mail.
  static Sent expected_on_the_15th() {
    const auto& r = facts().ref;
    const std::string digest = "[casereview] Deadlines on 2022-09-15: ";
    const std::string managers = digest + "3 overdue, 4 due today, 3 due soon";
    const std::string escalation =
        "[casereview] Overdue statutory deadline: " + r.at("A") + " Notify the National Panel";
    return sorted({
        {"m.one@example.org", managers},
        {"m.two@example.org", managers},
        {"police@example.org", digest + "1 overdue"},
        {"hv.one@example.org", digest + "1 due today"},
        {"hv.two@example.org", digest + "1 due today"},
        {"school@example.org", digest + "1 due soon"},
        {"rev@example.org", digest + "2 due today"},
        {"m.one@example.org", escalation},
        {"m.two@example.org", escalation},
        {"police@example.org", "[casereview] Request to Police overdue: " + r.at("D") + ", due 2022-09-14"},
        {"hv.one@example.org", "[casereview] Request to Health visiting due today: " + r.at("D") + ", due 2022-09-15"},
        {"hv.two@example.org", "[casereview] Request to Health visiting due today: " + r.at("D") + ", due 2022-09-15"},
    });
  }

  // What is due on Friday the 16th, the next day.
  static Sent expected_on_the_16th() {
    const auto& r = facts().ref;
    const std::string digest = "[casereview] Deadlines on 2022-09-16: ";
    const std::string managers = digest + "7 overdue, 3 due today";
    const std::string escalation = "[casereview] Overdue statutory deadline: ";
    return sorted({
        {"m.one@example.org", managers},
        {"m.two@example.org", managers},
        {"police@example.org", digest + "1 overdue"},
        {"hv.one@example.org", digest + "1 overdue"},
        {"hv.two@example.org", digest + "1 overdue"},
        {"school@example.org", digest + "1 due today"},
        {"rev@example.org", digest + "2 overdue"},
        {"m.one@example.org", escalation + r.at("A") + " Notify the National Panel"},
        {"m.two@example.org", escalation + r.at("A") + " Notify the National Panel"},
        {"m.one@example.org", escalation + r.at("B") + " Notify the National Panel"},
        {"m.two@example.org", escalation + r.at("B") + " Notify the National Panel"},
        {"police@example.org", "[casereview] Request to Police overdue: " + r.at("D") + ", due 2022-09-14"},
        {"hv.one@example.org", "[casereview] Request to Health visiting overdue: " + r.at("D") + ", due 2022-09-15"},
        {"hv.two@example.org", "[casereview] Request to Health visiting overdue: " + r.at("D") + ", due 2022-09-15"},
        {"school@example.org", "[casereview] Request to Education due today: " + r.at("D") + ", due 2022-09-16"},
    });
  }

  // Every way an e-mail could show the child: none may.
  static void expect_no_identity(const std::vector<ArrivedMail>& mails) {
    for (const ArrivedMail& m : mails) {
      for (const std::string& text : {m.raw, m.subject + "\n" + m.body}) {
        const auto seen = find_identity(text, reminder_child());
        EXPECT_TRUE(seen.empty()) << m.envelope_to << " " << m.subject << ": " << seen.front().what << " \""
                                  << seen.front().form << "\"";
      }
    }
  }

  TempDir dir_;

 private:
  static std::string template_db() { return scratch_->file("template.db"); }
  static inline std::unique_ptr<TempDir> scratch_;
  static inline std::unique_ptr<ReminderFacts> facts_;
};

}  // namespace casereview::testing_support
