// The national-size data set (demo/national.h), loaded here at a fiftieth of
// England's volume (about one CDOP's area) over two years: the same seed gives
// the same record and another seed another; the mix follows the published
// figures it claims; cases stand where their dates put them on the day of
// loading; every chain verifies.
#include <gtest/gtest.h>

#include <map>

#include "business_unit.h"
#include "casereview/db/sqlite_store.h"
#include "casereview/engine/audit.h"
#include "casereview/engine/bank_holidays.h"
#include "casereview/workflows/all_workflows.h"
#include "demo/national.h"
#include "temp_dir.h"

namespace casereview {
namespace {

using testing_support::business_unit;
using testing_support::TempDir;

// The payload without the value of its "subject_commitment" member: the
// commitment to the child's identity has a fresh random salt (subject.h).
std::string without_commitment(std::string payload) {
  const std::string member = "\"subject_commitment\":\"";
  for (auto at = payload.find(member); at != std::string::npos; at = payload.find(member, at)) {
    payload.erase(at, payload.find('"', at + member.size()) + 1 - at);
  }
  return payload;
}

class NationalData : public testing::Test {
 protected:
  NationalData() { workflows::register_all(registry_); }

  // Loads the data set into a new file and returns every case, with its events
  // written out (type, date, payload), keyed by reference.
  std::map<std::string, std::string> load(const std::string& file, std::uint64_t seed, demo::NationalLoad& load) {
    auto store = db::SqliteStore::open({dir_.file(file), 1, 5000}, db::SchemaMode::CreateIfEmpty);
    auto session = store->session();
    const RequestContext context{business_unit(), today_, london_instant(today_, 10, 30), calendar_};
    demo::NationalScale scale;
    scale.years = 2;
    scale.seed = seed;
    scale.per_thousand = 20;
    int last_progress = -1;
    load = demo::load_national(*session, CaseService(registry_), context, scale, [&](int p) { last_progress = p; });
    EXPECT_EQ(last_progress, 100);
    EXPECT_TRUE(verify_all(*session, "").intact()) << "a chain does not verify";
    std::map<std::string, std::string> record;
    CaseFilter all;
    all.partnership_id = 1;
    all.limit = 100000;
    for (const CaseRecord& c : session->cases().list(all)) {
      std::string text = c.kind + " " + c.state + " " + c.opened_on.iso() + "\n";
      if (const auto subject = session->subjects().find(c.id)) text += subject->details.dump() + "\n";
      for (const Event& e : session->cases().events(c.id)) {
        const std::string payload = without_commitment(e.payload);
        text += e.type + " " + e.effective_date.iso() + " " + payload + "\n";
      }
      record[c.reference] = text;
      cases_.push_back(c);
    }
    return record;
  }

  WorkflowRegistry registry_;
  TempDir dir_;
  const Date today_ = *Date::parse("2026-12-01");
  std::shared_ptr<const WorkingDayCalendar> calendar_ =
      std::make_shared<const WorkingDayCalendar>(parse_bank_holiday_feed(shipped_bank_holiday_feed()));
  std::vector<CaseRecord> cases_;
};

TEST_F(NationalData, OneSeedGivesOneRecordAndAnotherSeedAnother) {
  demo::NationalLoad first, second, other;
  const auto a = load("a.db", 7, first);
  const auto b = load("b.db", 7, second);
  const auto c = load("c.db", 8, other);
  EXPECT_EQ(first.events, second.events);
  EXPECT_TRUE(a == b) << "the same seed gave another record";
  for (const auto& [reference, text] : a) {
    if (b.count(reference) && b.at(reference) != text) {
      ADD_FAILURE() << reference << " differs:\n" << text << "\n---\n" << b.at(reference);
      break;
    }
  }
  EXPECT_EQ(a.size(), b.size());
  EXPECT_FALSE(a == c) << "another seed gave the same record";
}

// Every story is dated back from the day of loading, so it must load on any
// day: a Christmas, a New Year's Day, a leap day, an Easter Monday.
TEST_F(NationalData, LoadsOnAwkwardDays) {
  for (const char* day : {"2027-12-24", "2028-01-01", "2028-02-29", "2027-03-29"}) {
    SCOPED_TRACE(day);
    const Date today = *Date::parse(day);
    auto store = db::SqliteStore::open({dir_.file(std::string(day) + ".db"), 1, 5000}, db::SchemaMode::CreateIfEmpty);
    auto session = store->session();
    const RequestContext context{business_unit(), today, london_instant(today, 10, 30), calendar_};
    demo::NationalScale scale;
    scale.years = 2;
    scale.per_thousand = 10;
    demo::NationalLoad loaded;
    ASSERT_NO_THROW(loaded = demo::load_national(*session, CaseService(registry_), context, scale, [](int) {}));
    EXPECT_GT(loaded.deaths, 70);
    EXPECT_GT(loaded.events, loaded.deaths * 8);
  }
}

TEST_F(NationalData, FollowsThePublishedMixAndStandsWhereItsDatesPutIt) {
  demo::NationalLoad figures;
  load("n.db", 2026, figures);
  // A fiftieth of 4,000 deaths and 250 notifications of serious harm a year, for
  // two years; a death can be notified after today only in the last four days.
  EXPECT_GE(figures.deaths, 155);
  EXPECT_LE(figures.deaths, 160);
  // About 450 notifications a year, a little under half deaths raised by their review.
  EXPECT_GE(figures.notifications, 10 + 5);
  EXPECT_LE(figures.notifications, 10 + 14);
  EXPECT_LE(figures.rapid_reviews, figures.notifications);
  EXPECT_GE(figures.rapid_reviews, figures.notifications * 8 / 10);
  EXPECT_LE(figures.local_reviews, figures.rapid_reviews / 2);
  EXPECT_GT(figures.events, figures.deaths * 8) << "each death has its steps";

  std::map<std::string, int> states;
  int old_deaths = 0, old_deaths_closed = 0, recent_deaths = 0, recent_deaths_open = 0;
  for (const CaseRecord& c : cases_) {
    ++states[c.kind + "/" + c.state];
    EXPECT_LE(c.opened_on, today_) << c.reference;
    if (c.kind != "child_death_review") continue;
    if (c.opened_on < today_.plus_days(-600)) {
      ++old_deaths;
      old_deaths_closed += c.state == "closed";
    }
    if (c.opened_on > today_.plus_days(-30)) {
      ++recent_deaths;
      recent_deaths_open += c.state != "closed";
    }
  }
  // Most deaths are reviewed within the year, some within two; none in a month.
  ASSERT_GT(old_deaths, 0);
  EXPECT_GE(old_deaths_closed * 10, old_deaths * 9) << old_deaths_closed << " of " << old_deaths;
  ASSERT_GT(recent_deaths, 0);
  EXPECT_EQ(recent_deaths_open, recent_deaths);
  EXPECT_GT(states["child_death_review/gathering_information"], 0);
  EXPECT_GT(states["child_death_review/review_meeting_held"], 0);
  EXPECT_GT(states["rapid_review/panel_responded"], 0);
}

}  // namespace
}  // namespace casereview
