// Calendar subscriptions on a real server: a manager makes a secret address,
// a calendar program reads it without signing in and finds the overdue
// notification and the rapid review's clocks, never the child; revoking or
// replacing the address ends the old one; an agency contributor's calendar
// holds its agency's request and nothing else; a deactivated user's calendar
// stops. Today is fixed at Friday 16 September 2022.
#include <set>
#include <string>
#include <vector>

#include "api_fixture.h"

namespace casereview {
namespace {

using testing_support::add_user;
using testing_support::ApiTest;
using testing_support::kTestPassword;

class CalendarFeedStory : public ApiTest {};

// The calendar's content lines, unfolded (RFC 5545 3.1), without their CRLF.
std::vector<std::string> unfolded(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = text.find("\r\n", at);
    const std::string line = text.substr(at, end == std::string::npos ? std::string::npos : end - at);
    if (!line.empty() && line.front() == ' ' && !lines.empty()) {
      lines.back() += line.substr(1);
    } else {
      lines.push_back(line);
    }
    if (end == std::string::npos) break;
    at = end + 2;
  }
  return lines;
}

// The value of every line named `name` (before ':' or ';').
std::vector<std::string> values(const std::vector<std::string>& lines, const std::string& name) {
  std::vector<std::string> out;
  for (const std::string& line : lines) {
    const std::size_t colon = line.find(':');
    const std::string head = line.substr(0, colon);
    if (head == name || head.rfind(name + ";", 0) == 0) out.push_back(line.substr(colon + 1));
  }
  return out;
}

TEST_F(CalendarFeedStory, ASecretAddressShowsWhatIsDueUntilItIsRevoked) {
  // Aware Monday 5 September, not yet notified: due Monday 12 September, overdue today.
  const auto sin = server().post_json("/api/v1/cases", R"({"kind":"serious_incident_notification","facts":{
      "became_aware_on":"2022-09-05","harm":"serious_harm","abuse_or_neglect":"suspected","location":"in_area",
      "local_authority":"Northam City Council","summary":"Infant with unexplained bruising",
      "given_name":"Ottoline","family_name":"Brackenridge"}})");
  ASSERT_EQ(sin.status, 201) << sin.body;
  const std::string reference = sin.json()["reference"].as_string();
  // What the case page shows open: the National Panel's and the partners' notifications, both overdue.
  std::set<std::string> expected_summaries;
  for (const Json& d : read_case(sin.json()["id"].as_integer())["deadlines"].items()) {
    ASSERT_EQ(d["status"].as_string(), "overdue") << d.dump();
    ASSERT_EQ(d["due_date"].as_string(), "2022-09-12") << d.dump();
    expected_summaries.insert("Overdue: " + d["title"].as_string() + " (" + reference + ")");
  }
  ASSERT_EQ(expected_summaries.size(), 2u);

  EXPECT_FALSE(server().get("/api/v1/session/calendar-feed").json()["subscribed"].as_bool());
  const auto made = server().post_json("/api/v1/session/calendar-feed", "{}");
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_TRUE(made.json()["subscribed"].as_bool());
  const std::string path = made.json()["path"].as_string();
  ASSERT_EQ(path.rfind("/api/v1/calendar-feeds/", 0), 0u) << path;
  EXPECT_TRUE(server().get("/api/v1/session/calendar-feed").json()["subscribed"].as_bool());
  EXPECT_EQ(server().get("/api/v1/session/calendar-feed").body.find(path.substr(23)), std::string::npos)
      << "the secret is shown once, when made";

  // A calendar program reads it without signing in.
  const auto feed = server().anonymous().get(path);
  ASSERT_EQ(feed.status, 200) << feed.body;
  EXPECT_EQ(feed.content_type, "text/calendar; charset=utf-8");
  const auto lines = unfolded(feed.body);
  EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
  EXPECT_EQ(lines.back(), "END:VCALENDAR");
  const auto summaries = values(lines, "SUMMARY");
  EXPECT_EQ(std::set<std::string>(summaries.begin(), summaries.end()), expected_summaries) << feed.body;
  EXPECT_EQ(summaries.size(), 2u);
  EXPECT_EQ(values(lines, "DTSTART"), (std::vector<std::string>{"20220912", "20220912"}));
  const std::string link = "/cases/" + std::to_string(sin.json()["id"].as_integer());
  EXPECT_EQ(values(lines, "URL"), (std::vector<std::string>{link, link}));
  EXPECT_EQ(feed.body.find("Ottoline"), std::string::npos);
  EXPECT_EQ(feed.body.find("Brackenridge"), std::string::npos);
  EXPECT_EQ(server().anonymous().get(path + "x").status, 404);

  // Revoked: the address answers no more.
  const auto revoked = server().request("DELETE", "/api/v1/session/calendar-feed", "", "", {});
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_TRUE(revoked.json()["revoked"].as_bool());
  EXPECT_EQ(server().anonymous().get(path).status, 404);
  EXPECT_EQ(server().anonymous().get(path).json()["code"].as_string(), "NOT_FOUND");
  EXPECT_FALSE(server().request("DELETE", "/api/v1/session/calendar-feed", "", "", {}).json()["revoked"].as_bool());

  // A new address replaces the one before it.
  const std::string second = server().post_json("/api/v1/session/calendar-feed", "{}").json()["path"].as_string();
  const std::string third = server().post_json("/api/v1/session/calendar-feed", "{}").json()["path"].as_string();
  EXPECT_NE(second, third);
  EXPECT_EQ(server().anonymous().get(second).status, 404);
  EXPECT_EQ(server().anonymous().get(third).status, 200);
  EXPECT_EQ(server().anonymous().get(path).status, 404);

  // Whoever reads the server's log cannot subscribe: no secret is in it, though
  // each address was asked for (and the log names the route).
  const std::string log = server().log();
  for (const std::string& address : {path, second, third}) {
    EXPECT_EQ(log.find(address.substr(23)), std::string::npos) << address;
  }
  EXPECT_NE(log.find("GET /api/v1/calendar-feeds/{token} 200"), std::string::npos);
  EXPECT_NE(log.find("GET /api/v1/calendar-feeds/{token} 404"), std::string::npos);
}

TEST_F(CalendarFeedStory, AnAgencySeesItsRequestAndAnInactiveUserNothing) {
  const auto sin = server().post_json("/api/v1/cases", R"({"kind":"serious_incident_notification","facts":{
      "became_aware_on":"2022-09-07","harm":"death","abuse_or_neglect":"suspected","location":"in_area",
      "local_authority":"Northam City Council","summary":"A death"}})");
  ASSERT_EQ(sin.status, 201) << sin.body;
  const Json submitted = step(sin.json()["id"].as_integer(), "submit_notification", R"({"submitted_on":"2022-09-08"})");
  const long long rr = submitted["opened_cases"].items().at(0)["id"].as_integer();
  step(rr, "request_agency_information", R"({"agencies":["Police"],"requested_on":"2022-09-14"})");
  const std::string rr_reference = read_case(rr)["reference"].as_string();

  add_user(db_path(), "police.contact", "agency_contributor", {"--agency", "Police"});
  const auto police = server().as(server().sign_in("police.contact", kTestPassword));
  const auto made = police.post_json("/api/v1/session/calendar-feed", "{}");
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string path = made.json()["path"].as_string();
  const auto lines = unfolded(server().anonymous().get(path).body);
  const auto summaries = values(lines, "SUMMARY");
  ASSERT_EQ(summaries.size(), 1u);
  EXPECT_EQ(summaries[0], "Due: information for " + rr_reference + " (Police)");
  EXPECT_EQ(values(lines, "URL"), (std::vector<std::string>{"/inbox"}));

  // The user is deactivated: the calendar stops with them.
  const Json users = admin().get("/api/v1/users").json();
  long long id = 0;
  for (const Json& u : users["users"].items()) {
    if (u["username"].as_string() == "police.contact") id = u["id"].as_integer();
  }
  ASSERT_NE(id, 0);
  ASSERT_EQ(admin().put_json("/api/v1/users/" + std::to_string(id) + "/active", R"({"active":false})").status, 200);
  EXPECT_EQ(server().anonymous().get(path).status, 404);
}

}  // namespace
}  // namespace casereview
