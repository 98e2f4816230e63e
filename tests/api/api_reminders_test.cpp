// Reminder e-mails through a real SMTP server on loopback (support/smtp_sink.h):
// what is due goes out once per recipient, item and day, with two passes
// running at once on one database, or a server's own schedule beside a pass;
// a third pass the same day sends nothing; the next day sends anew, once.
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <thread>

#include "reminder_fixture.h"

namespace casereview {
namespace {

using testing_support::arrived;
using testing_support::ArrivedMail;
using testing_support::Client;
using testing_support::CliResult;
using testing_support::kPublicUrl;
using testing_support::kReminderDay;
using testing_support::kTestPassword;
using testing_support::ReminderData;
using testing_support::ServerProcess;
using testing_support::SmtpSink;

class Reminders : public ReminderData {
 protected:
  // The day's record, as a manager reads it from a server on `db`.
  static Json record(const std::string& db, const std::string& day) {
    ServerProcess server(db, {"--today", kReminderDay});
    const Client manager = server.as(server.sign_in("m.one", kTestPassword));
    const auto r = manager.get("/api/v1/reminders?day=" + day);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }

  static int count(const std::string& text, const std::string& what) {
    int n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  }

  static const ArrivedMail* find(const std::vector<ArrivedMail>& mails, const std::string& to,
                                 const std::string& subject_start) {
    for (const ArrivedMail& m : mails) {
      if (m.envelope_to == to && m.subject.rfind(subject_start, 0) == 0) return &m;
    }
    return nullptr;
  }
};

TEST_F(Reminders, TwoPassesAtOnceSendEachEMailOnceAndTheNextDayAnew) {
  const std::string db = fresh_database();
  SmtpSink sink;
  const auto [first, second] = send_twice_at_once(db, kReminderDay, sink.port());
  ASSERT_EQ(first.exit_code, 0) << first.err;
  ASSERT_EQ(second.exit_code, 0) << second.err;
  // Both passes are over: what arrived is all that will.
  const auto mails = sink.messages();
  EXPECT_EQ(arrived(mails), expected_on_the_15th());
  // Between them the two passes sent each e-mail once and skipped the other's.
  EXPECT_EQ(count(first.err + second.err, "REMINDER_SENT"), 12) << first.err << second.err;
  EXPECT_EQ(count(first.out + second.out, "12 due"), 2) << first.out << second.out;
  expect_no_identity(mails);
  for (const ArrivedMail& m : mails) {
    EXPECT_EQ(m.envelope_from, "reminders@example.org");
    EXPECT_EQ(m.from, "casereview <reminders@example.org>");
    EXPECT_EQ(m.to, "<" + m.envelope_to + ">");
    EXPECT_EQ(m.header("Auto-Submitted"), "auto-generated");
  }

  // What one e-mail of each kind says, whole.
  const auto& ref = facts().ref;
  const std::string footer =
      "\nThis e-mail gives case references, deadlines and dates only; sign in to casereview to see the cases.\n"
      "You receive it because your casereview account has this e-mail address.\n";
  const ArrivedMail* police = find(mails, "police@example.org", "[casereview] Deadlines");
  ASSERT_NE(police, nullptr);
  EXPECT_EQ(police->body, "Deadlines for police in Default partnership on 2022-09-15.\n\nOverdue\n- " + ref.at("D") +
                              ": information requested from Police on 2022-09-07 (Agency information for the rapid "
                              "review), due 2022-09-14\n\nOpen casereview: " +
                              kPublicUrl + "/inbox\n" + footer);
  const ArrivedMail* manager = find(mails, "m.one@example.org", "[casereview] Deadlines");
  ASSERT_NE(manager, nullptr);
  const auto page = [&](const char* key) {
    return "  " + std::string(kPublicUrl) + "/cases/" + std::to_string(facts().id.at(key)) + "\n";
  };
  EXPECT_EQ(manager->body,
            "Deadlines for m.one in Default partnership on 2022-09-15.\n\nOverdue\n"
            "- " +
                ref.at("RR-E") + ": action A1, due 2022-09-14\n" + page("RR-E") + "- " + ref.at("A") +
                ": Notify the National Panel, due 2022-09-14\n" + page("A") + "- " + ref.at("A") +
                ": Tell the safeguarding partners, due 2022-09-14\n" + page("A") +
                "\nDue today\n"
                "- " +
                ref.at("E") +
                ": Explain a delay beyond 6 months to the Panel and the Secretary of State, due 2022-09-15\n" +
                page("E") + "- " + ref.at("E") + ": Publish the local review, due 2022-09-15\n" + page("E") + "- " +
                ref.at("B") + ": Notify the National Panel, due 2022-09-15\n" + page("B") + "- " + ref.at("B") +
                ": Tell the safeguarding partners, due 2022-09-15\n" + page("B") +
                "\nDue soon\n"
                "- " +
                ref.at("RR-E") + ": action A3, due 2022-09-16\n" + page("RR-E") + "- " + ref.at("C") +
                ": Notify the National Panel, due 2022-09-16\n" + page("C") + "- " + ref.at("C") +
                ": Tell the safeguarding partners, due 2022-09-16\n" + page("C") + "\nOpen casereview: " + kPublicUrl +
                "/\n" + footer);
  const ArrivedMail* escalation = find(mails, "m.two@example.org", "[casereview] Overdue statutory");
  ASSERT_NE(escalation, nullptr);
  EXPECT_EQ(escalation->body,
            "A statutory deadline is overdue.\n\nCase: " + ref.at("A") +
                "\nDeadline: Notify the National Panel\nDue: 2022-09-14 (1 working day overdue on 2022-09-15)\n"
                "Who acts: Local authority\nSource: Children Act 2004, section 16C(1) (the duty to notify); Working "
                "Together to Safeguard Children 2023, chapter 5 (within 5 working days of becoming aware)\n\n" +
                kPublicUrl + "/cases/" + std::to_string(facts().id.at("A")) + "\n" + footer);
  const ArrivedMail* request = find(mails, "hv.one@example.org", "[casereview] Request");
  ASSERT_NE(request, nullptr);
  EXPECT_EQ(request->body, "Information requested from Health visiting is due today.\n\nCase: " + ref.at("D") +
                               "\nRequested: 2022-09-08 (Agency information for the rapid review)\nDue: 2022-09-15\n"
                               "\nAnswer it in your inbox: " +
                               kPublicUrl + "/inbox\n" + footer);
  const ArrivedMail* reviewer = find(mails, "rev@example.org", "[casereview] Deadlines");
  ASSERT_NE(reviewer, nullptr);
  const std::string lcspr_page = kPublicUrl + std::string("/cases/") + std::to_string(facts().id.at("E"));
  EXPECT_EQ(reviewer->body, "Deadlines for rev in Default partnership on 2022-09-15.\n\nDue today\n- " + ref.at("E") +
                                ": Explain a delay beyond 6 months to the Panel and the Secretary of State, due "
                                "2022-09-15\n  " +
                                lcspr_page + "\n- " + ref.at("E") + ": Publish the local review, due 2022-09-15\n  " +
                                lcspr_page + "\n\nOpen casereview: " + kPublicUrl + "/\n" + footer);

  // The record: every e-mail sent at the first attempt, by one of the two.
  const Json day = record(db, kReminderDay);
  EXPECT_EQ(day["day"].as_string(), kReminderDay);
  ASSERT_EQ(day["reminders"].items().size(), 12u) << day.dump();
  testing_support::Sent recorded;
  for (const Json& r : day["reminders"].items()) {
    EXPECT_EQ(r["status"].as_string(), "sent");
    EXPECT_EQ(r["attempts"].as_integer(), 1);
    EXPECT_TRUE(r["sent_at"].is_string());
    EXPECT_TRUE(r["last_error"].is_null());
    recorded.emplace_back(r["recipient"].as_string(), r["subject"].as_string());
  }
  EXPECT_EQ(testing_support::sorted(recorded), expected_on_the_15th());

  // A third pass the same day sends nothing.
  const CliResult third = send(db, kReminderDay, sink.port());
  EXPECT_EQ(third.exit_code, 0) << third.err;
  EXPECT_NE(third.out.find("12 due, 0 sent, 0 failed, 12 already sent"), std::string::npos) << third.out;
  EXPECT_EQ(sink.messages().size(), 12u);

  // The next day: each of that day's e-mails once, again from two passes at once.
  const auto [next_first, next_second] = send_twice_at_once(db, "2022-09-16", sink.port());
  ASSERT_EQ(next_first.exit_code, 0) << next_first.err;
  ASSERT_EQ(next_second.exit_code, 0) << next_second.err;
  std::set<std::string> first_day;
  for (const ArrivedMail& m : mails) first_day.insert(m.file);
  std::vector<ArrivedMail> next_day;
  for (const ArrivedMail& m : sink.messages()) {
    if (!first_day.count(m.file)) next_day.push_back(m);
  }
  EXPECT_EQ(arrived(next_day), expected_on_the_16th());
  expect_no_identity(next_day);
}

TEST_F(Reminders, AServerScheduleAndAPassAtOnceSendEachEMailOnce) {
  const std::string db = fresh_database();
  SmtpSink sink;
  std::vector<std::string> options = {"--today", kReminderDay, "--reminder-minutes", "60"};
  const auto through = relay(sink.port());
  options.insert(options.end(), through.begin(), through.end());
  ServerProcess server(db, options);
  const CliResult pass = send(db, kReminderDay, sink.port());
  EXPECT_EQ(pass.exit_code, 0) << pass.err;
  // The server's first pass starts with it; wait (bounded) until it has ended.
  const auto limit = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (server.log().find("REMINDER_PASS") == std::string::npos && std::chrono::steady_clock::now() < limit) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const std::string log = server.log();
  ASSERT_NE(log.find("REMINDER_PASS 2022-09-15: 12 due"), std::string::npos) << log;
  EXPECT_EQ(count(log, "REMINDERS_ON"), 1) << log;
  EXPECT_EQ(arrived(sink.messages()), expected_on_the_15th());
  EXPECT_EQ(count(log + pass.err, "REMINDER_SENT"), 12) << log << pass.err;
  EXPECT_EQ(server.stop(), 0) << server.log();
}

TEST_F(Reminders, NothingIsSentOnADayThatIsNotAWorkingDay) {
  const std::string db = fresh_database();
  SmtpSink sink;
  for (const char* day : {"2022-09-17", "2022-09-19"}) {  // a Saturday; the State Funeral's bank holiday
    const CliResult r = send(db, day, sink.port());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find(std::string("REMINDER_PASS ") + day + " is not a working day, nothing is due: 0 due"),
              std::string::npos)
        << r.err;
  }
  EXPECT_TRUE(sink.messages().empty());
}

TEST_F(Reminders, AServerWithoutARelaySaysSoOnceAndSendsNothing) {
  const std::string db = fresh_database();
  ServerProcess server(db, {"--today", kReminderDay});
  const Client manager = server.as(server.sign_in("m.one", kTestPassword));
  EXPECT_EQ(manager.get("/api/v1/reminders").json()["reminders"].items().size(), 0u);
  EXPECT_EQ(server.stop(), 0);
  EXPECT_EQ(count(server.log(), "REMINDERS_OFF"), 1) << server.log();
  EXPECT_EQ(count(server.log(), "REMINDER_PASS"), 0) << server.log();
}

}  // namespace
}  // namespace casereview
