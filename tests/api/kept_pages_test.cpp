// A server keeps the pages that read across a partnership (the case list and
// its searches, the dashboard) and a case's page whole, by who asks and what
// they ask (web/src/api/kept_pages.h). Nothing in their key names a change, so these
// tests show what that costs and what bounds it: a change made elsewhere
// (a second App on the same database, as the command line) is not seen while
// the page is trusted, and is seen once this server gives up what it keeps,
// as the router makes it do after every change of its own.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "api/handlers.h"
#include "api/kept_page_for_request.h"
#include "app.h"
#include "casereview/engine/case_owner_service.h"
#include "demonstration_settings.h"
#include "temp_dir.h"

namespace casereview::web {
namespace {

using testing_support::TempDir;
using testing_support::test_today;

Settings lists_kept_for_a_minute(Settings settings) {
  settings.lists_recheck_ms = 60 * 1000;
  return settings;
}

HttpRequest get(const Principal& reader, std::map<std::string, std::string> query = {}) {
  HttpRequest request;
  request.method = "GET";
  request.principal = reader;
  request.query = std::move(query);
  return request;
}

Json read(HttpResponse (*handler)(const HttpRequest&, App&), App& app, const HttpRequest& request) {
  const HttpResponse response = handler(request, app);
  EXPECT_EQ(response.status, 200) << response.body;
  return Json::parse(response.body);
}

class KeptPages : public ::testing::Test {
 protected:
  KeptPages()
      : settings_(lists_kept_for_a_minute(testing_support::demonstration_settings(dir_, "pages.db"))),
        server_(settings_, db::SchemaMode::CreateIfEmpty) {
    auto session = server_.store().session();
    partnership_ = session->partnerships().list().front();
    manager_ = system_principal("pages.manager", partnership_);
    manager_.user_id = 1001;
  }

  void open_a_notification_elsewhere() {
    App elsewhere(settings_, db::SchemaMode::CreateIfEmpty);
    auto session = elsewhere.store().session();
    const RequestContext context = elsewhere.context(*session, manager_);
    Json facts = Json::object();
    facts.set("became_aware_on", test_today());
    facts.set("harm", "serious_harm");
    facts.set("abuse_or_neglect", "suspected");
    facts.set("location", "in_area");
    facts.set("local_authority", "Northam City Council");
    facts.set("summary", "Opened elsewhere");
    const CommandOutcome opened =
        elsewhere.cases().open(*session, OpenRequest{"serious_incident_notification", facts, {}}, context);
    ASSERT_TRUE(std::holds_alternative<outcome::Changed>(opened));
  }

  long long dashboard_reads_logged() { return reads_logged("dashboard"); }

  long long reads_logged(const std::string& what, long long case_id = 0) {
    auto session = server_.store().session();
    AccessFilter filter;
    filter.partnership_id = partnership_.id;
    filter.username = manager_.username;
    if (case_id) filter.case_id = case_id;
    filter.limit = 100000;
    long long n = 0;
    for (const AccessEntry& e : session->access_log().list(filter)) n += e.what == what ? 1 : 0;
    return n;
  }

  // The cases whose child the manager's dashboard names: each has a subject.
  std::vector<long long> cases_naming_their_child() {
    std::vector<long long> ids;
    for (const Json& row : read(get_dashboard, server_, get(manager_))["rows"].items()) {
      const long long id = row["case"]["id"].as_integer();
      if (!row["child"].is_null() && std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    }
    return ids;
  }

  HttpRequest case_page(long long case_id) {
    HttpRequest request = get(manager_);
    request.params = {{"id", std::to_string(case_id)}};
    return request;
  }

  TempDir dir_;
  Settings settings_;
  App server_;
  Partnership partnership_;
  Principal manager_;
};

TEST_F(KeptPages, TheCaseListShowsAChangeElsewhereOnceThisServerGivesUpWhatItKeeps) {
  const HttpRequest first_five = get(manager_, {{"limit", "5"}});
  const Json before = read(list_cases, server_, first_five);
  EXPECT_GT(server_.kept_pages().weight(), 0u) << "the page is kept";
  open_a_notification_elsewhere();

  // Trusted for a minute, the kept page is what this server answers...
  EXPECT_EQ(read(list_cases, server_, first_five), before);
  // ... and another question is made afresh.
  EXPECT_EQ(read(list_cases, server_, get(manager_, {{"limit", "6"}}))["total"].as_integer(),
            before["total"].as_integer() + 1);

  server_.forget_kept_reads();
  const Json after = read(list_cases, server_, first_five);
  EXPECT_EQ(after["total"].as_integer(), before["total"].as_integer() + 1);
  EXPECT_EQ(after["cases"].items().front()["summary"].as_string(), "Opened elsewhere") << after.dump();
}

TEST_F(KeptPages, ADashboardAnsweredFromWhatIsKeptRecordsEachIdentityItShowsAgain) {
  const Json first = read(get_dashboard, server_, get(manager_));
  std::size_t children = 0;
  for (const Json& row : first["rows"].items()) children += row["child"].is_null() ? 0 : 1;
  ASSERT_GT(children, 0u) << "a manager's dashboard names the children: " << first.dump();
  EXPECT_EQ(dashboard_reads_logged(), static_cast<long long>(children));

  EXPECT_GT(server_.kept_pages().weight(), 0u);
  // Answered from what is kept (a case opened elsewhere is not in it yet)...
  open_a_notification_elsewhere();
  EXPECT_EQ(read(get_dashboard, server_, get(manager_)), first);
  // ... and its children's reads logged all the same.
  EXPECT_EQ(dashboard_reads_logged(), static_cast<long long>(2 * children)) << "the kept page's reads are logged too";
  server_.forget_kept_reads();
  EXPECT_EQ(read(get_dashboard, server_, get(manager_))["total"].as_integer(), first["total"].as_integer() + 1);
}

TEST_F(KeptPages, EachReaderHasPagesOfTheirOwn) {
  const Json managers = read(get_dashboard, server_, get(manager_));
  ASSERT_FALSE(managers["rows"].items().empty());
  ASSERT_FALSE(managers["rows"].items().front()["child"].is_null());

  // The same person, their role changed to scrutineer: the role is in the key.
  Principal scrutineer = manager_;
  scrutineer.role = Role::Scrutineer;
  const Json scrutineers = read(get_dashboard, server_, get(scrutineer));
  ASSERT_EQ(scrutineers["rows"].items().size(), managers["rows"].items().size());
  for (const Json& row : scrutineers["rows"].items()) {
    EXPECT_TRUE(row["child"].is_null()) << "a scrutineer never sees who the child is: " << row.dump();
  }
}

TEST_F(KeptPages, APageIsNotSentPastTheInstantAClockInItTurns) {
  const HttpRequest request = get(manager_);
  const Instant turns = *Instant::parse(test_today() + "T10:00:00Z");
  {
    KeptPageForRequest kept(server_.kept_pages(), request, "test_page");
    kept.read_against(Date::parse(test_today()).value(), 1);
    kept.hold(std::make_shared<const KeptPage>(KeptPage{"{\"page\":1}", {}, turns}));
  }
  auto session = server_.store().session();
  KeptPageForRequest kept(server_.kept_pages(), request, "test_page");
  kept.read_against(Date::parse(test_today()).value(), 1);
  EXPECT_EQ(kept.answer(*session, turns), std::optional<std::string>("{\"page\":1}"));
  EXPECT_FALSE(kept.answer(*session, turns.plus_seconds(1)).has_value());

  KeptPageForRequest another_revision(server_.kept_pages(), request, "test_page");
  another_revision.read_against(Date::parse(test_today()).value(), 2);
  EXPECT_FALSE(another_revision.answer(*session, turns).has_value()) << "a calendar loaded since: made anew";
}

TEST_F(KeptPages, ACasesPageIsKeptForItsCaseAndReaderAndEachReadOfItsChildIsLogged) {
  const std::vector<long long> named = cases_naming_their_child();
  ASSERT_GE(named.size(), 2u);
  const long long a = named[0], b = named[1];
  const Json first = read(get_case, server_, case_page(a));
  ASSERT_FALSE(first["subject"].is_null()) << first.dump();
  EXPECT_EQ(read(get_case, server_, case_page(a)), first);
  EXPECT_EQ(reads_logged("case_identity", a), 2) << "the kept page's read is logged as the first was";
  // The case is in the key: another case's page is its own.
  EXPECT_EQ(read(get_case, server_, case_page(b))["id"].as_integer(), b);

  // An owner given elsewhere shows once this server gives up what it keeps.
  {
    App elsewhere(settings_, db::SchemaMode::CreateIfEmpty);
    auto session = elsewhere.store().session();
    const std::string owner_before = first["owner"].is_null() ? "" : first["owner"]["username"].as_string();
    std::optional<std::string> another;
    for (const User& u : eligible_case_owners(*session, partnership_.id)) {
      if (u.username != owner_before) another = u.username;
    }
    ASSERT_TRUE(another.has_value());
    const auto given = assign_case_owner(*session, a, another, elsewhere.context(*session, manager_));
    ASSERT_TRUE(std::holds_alternative<OwnerChange>(given));
    ASSERT_TRUE(std::get<OwnerChange>(given).changed);
  }
  EXPECT_EQ(read(get_case, server_, case_page(a)), first);
  server_.forget_kept_reads();
  const Json after = read(get_case, server_, case_page(a));
  EXPECT_EQ(after["version"].as_integer(), first["version"].as_integer() + 1);
  EXPECT_NE(after["owner"], first["owner"]) << after.dump();
  EXPECT_EQ(reads_logged("case_identity", a), 4);
}

// What a request asking at `now` for the page another request is making
// answers, once that one has made `made` (only once this one waits for it:
// had it not waited, it would answer nothing).
std::optional<std::string> answer_while_made(App& server, const HttpRequest& request, Instant now,
                                             const KeptPage& made) {
  auto making = std::make_unique<KeptPageForRequest>(server.kept_pages(), request, "test_page");
  making->read_against(Date::parse(test_today()).value(), 1);
  auto session = server.store().session();
  EXPECT_FALSE(making->answer(*session, now).has_value()) << "nothing is kept yet: this request makes it";
  KeptPageForRequest waiting(server.kept_pages(), request, "test_page");
  waiting.read_against(Date::parse(test_today()).value(), 1);
  std::optional<std::string> answered;
  std::atomic<bool> finished{false};
  std::thread other([&] {
    auto its_session = server.store().session();
    answered = waiting.answer(*its_session, now);
    finished = true;
  });
  while (server.kept_pages().waiting() == 0 && !finished) std::this_thread::yield();
  making->hold(std::make_shared<const KeptPage>(made));
  making.reset();
  other.join();
  return answered;
}

TEST_F(KeptPages, ARequestForAPageAnotherIsMakingIsAnsweredWithWhatThatOneMade) {
  const Instant now = *Instant::parse(test_today() + "T09:00:00Z");
  EXPECT_EQ(answer_while_made(server_, get(manager_), now, KeptPage{"{\"made\":1}", {}, std::nullopt}),
            std::optional<std::string>("{\"made\":1}"));
}

// Pages trusted for a millisecond, so that one turns stale between two
// requests; the page before it may still be sent for two seconds after.
class PagesTurningStale : public KeptPages {
 protected:
  PagesTurningStale() : quick_(trusted_for_a_millisecond(settings_), db::SchemaMode::CreateIfEmpty) {}

  static Settings trusted_for_a_millisecond(Settings settings) {
    settings.lists_recheck_ms = 1;
    return settings;
  }

  std::unique_ptr<KeptPageForRequest> asking(const HttpRequest& request) {
    auto kept = std::make_unique<KeptPageForRequest>(quick_.kept_pages(), request, "test_page");
    kept->read_against(Date::parse(test_today()).value(), 1);
    return kept;
  }

  App quick_;
};

TEST_F(PagesTurningStale, WhileOneRequestMakesAStalePageAgainTheOthersGetThePageBeforeAndLogItsReads) {
  const Instant now = *Instant::parse(test_today() + "T09:00:00Z");
  const std::vector<long long> named = cases_naming_their_child();
  ASSERT_FALSE(named.empty());
  const HttpRequest request = get(manager_);
  asking(request)->hold(std::make_shared<const KeptPage>(KeptPage{"{\"page\":1}", {named.front()}, std::nullopt}));
  const auto held_at = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - held_at < std::chrono::milliseconds(5)) std::this_thread::yield();
  auto session = quick_.store().session();

  auto maker = asking(request);
  ASSERT_FALSE(maker->answer(*session, now).has_value()) << "stale: the first to ask makes it again";
  const long long logged_before = reads_logged("test_page", named.front());
  EXPECT_EQ(asking(request)->answer(*session, now), std::optional<std::string>("{\"page\":1}"))
      << "asked meanwhile: the page before, without waiting for the maker";
  EXPECT_EQ(reads_logged("test_page", named.front()), logged_before + 1) << "its child's read is logged";

  quick_.forget_kept_reads();
  auto after_a_change = asking(request);
  std::optional<std::string> answered = std::string("unanswered");
  std::atomic<bool> finished{false};
  std::thread other([&] {
    auto its_session = quick_.store().session();
    answered = after_a_change->answer(*its_session, now);
    finished = true;
  });
  // Had it been given the page before, it would finish without waiting.
  while (quick_.kept_pages().waiting() == 0 && !finished) std::this_thread::yield();
  maker.reset();  // made nothing: lets the waiting request make it itself
  other.join();
  EXPECT_FALSE(answered.has_value()) << "never a page from before a change of this server";
}

TEST(KeptPagesSettings, AreKeptASecondOnSQLiteAndNotAtAllOnPostgreSQLUnlessAskedFor) {
  Settings sqlite;
  EXPECT_EQ(lists_trusted_ms(sqlite), 1000);
  Settings postgres;
  postgres.postgres = "host=127.0.0.1 dbname=casereview";
  EXPECT_EQ(lists_trusted_ms(postgres), 0) << "the next request may go to another server";
  postgres.lists_recheck_ms = 500;
  EXPECT_EQ(lists_trusted_ms(postgres), 500);
  sqlite.lists_recheck_ms = 0;
  EXPECT_EQ(lists_trusted_ms(sqlite), 0);
}

}  // namespace
}  // namespace casereview::web
