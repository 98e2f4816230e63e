// A starting server fills the reports' caches on a thread of its own, so that
// the first report asked for reads no more than the ones after it
// (web/src/report_warm_up.h).
#include "report_warm_up.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "app.h"
#include "demonstration_settings.h"
#include "temp_dir.h"

namespace casereview::web {
namespace {

using testing_support::TempDir;

TEST(ReportWarmUp, HoldsWhatBothReportsReadOfEveryCaseOnceDone) {
  TempDir dir;
  App app(testing_support::demonstration_settings(dir, "warm.db"), db::SchemaMode::CreateIfEmpty);
  ASSERT_EQ(app.yearly_facts().size(), 0u);
  ASSERT_EQ(app.death_facts().size(), 0u);
  std::optional<std::chrono::milliseconds> told;
  {
    ReportWarmUp warm_up(app, [&](std::chrono::milliseconds took) { told = took; });
    EXPECT_TRUE(warm_up.wait());
  }
  EXPECT_TRUE(told.has_value()) << "the server is told to give back what it read";

  auto session = app.store().session();
  const auto load = session->calendar().latest_load();
  ASSERT_TRUE(load.has_value());
  // The yearly report counts notifications, rapid reviews and local reviews;
  // the CDOP annual report deaths.
  const std::set<std::string> yearly_kinds = {"serious_incident_notification", "rapid_review", "lcspr"};
  std::size_t counted = 0, deaths = 0;
  std::set<Date> years_opened;  // cases of several financial years, each to be held
  for (const Partnership& p : session->partnerships().list()) {
    CaseFilter every_case;
    every_case.partnership_id = p.id;
    for (const CaseRecord& c : session->cases().all_matching_brief(every_case)) {
      years_opened.insert(financial_year_containing(c.opened_on).from);
      if (yearly_kinds.count(c.kind)) {
        ++counted;
        EXPECT_NE(app.yearly_facts().find(c.id, c.version, load->revision), nullptr)
            << c.reference << " at version " << c.version;
      } else if (c.kind == "child_death_review") {
        ++deaths;
        EXPECT_NE(app.death_facts().find(c.id, c.version), nullptr) << c.reference << " at version " << c.version;
      }
    }
  }
  EXPECT_GE(years_opened.size(), 2u) << "cases of several years, each read";
  EXPECT_GT(counted, 0u);
  EXPECT_GT(deaths, 0u);
  EXPECT_EQ(app.yearly_facts().size(), counted);
  EXPECT_EQ(app.death_facts().size(), deaths);
}

}  // namespace
}  // namespace casereview::web
