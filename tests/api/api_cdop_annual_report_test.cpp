// The CDOP's annual report on a real server, from a data set with known
// answers. Today is Friday 16 September 2022; the year is 1 April 2022 to
// 31 March 2023. Seven deaths:
//   A  neonatal, expected, hospital; notified May 2021, reviewed 1 April 2022
//      (the first day of the year): perinatal, no modifiable factors; 335 days
//   B  infant, unexpected, home; notified March 2021, reviewed 10 May 2022:
//      sudden unexpected, co-sleeping and an unsafe sleep environment; 421 days,
//      past 12 months; one action, overdue today
//   C  10 to 14, unexpected, public place; notified 31 March 2022 (the last day
//      of the year before), reviewed 1 September 2022: trauma, road safety
//   D  1 to 4, expected, hospice; notified 4 April 2022, not reviewed
//   E  15 to 17, unexpected, home; notified 2 June, reviewed 15 September 2022:
//      suicide, mental health and access to means; 106 days
//   F  notified and reviewed in March 2022, and closed on 31 March: before the
//      year, counted only by its action (agreed then, overdue today)
//   G  neonatal, expected, hospital; notified today, not reviewed
// Figures that publication withholds (1 to 5) are checked on the same data.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "api_fixture.h"
#include "casereview/engine/csv.h"
#include "report_listing.h"

namespace casereview {
namespace {

using testing_support::ApiTest;

struct Death {
  std::string born, died, notified, expected, place, name;
};

class CdopAnnualReportStory : public ApiTest {
 protected:
  long long notify(const Death& d) const {
    const auto r = server().post_json("/api/v1/cases", R"({"kind":"child_death_review","facts":{
        "date_of_death":")" + d.died + R"(","place_of_death":")" +
                                                           d.place + R"(",
        "notified_on":")" + d.notified + R"(","expected":")" +
                                                           d.expected + R"(",
        "summary":"Known-answer death","notified_by":"Consultant","resident_local_authority":"Northam City Council",
        "given_name":"Known","family_name":")" + d.name + R"(","date_of_birth":")" +
                                                           d.born + R"(",
        "sex":"female","looked_after":"no","coroner_informed":"no","post_mortem":"none"}})");
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json()["id"].as_integer();
  }
  // The meeting, then the panel's review with `facts` (category, scores, factors, judgement, learning).
  void review(long long id, const std::string& met, const std::string& reviewed, const std::string& facts) const {
    step(id, "request_agency_information", R"({"agencies":["GP"],"requested_on":")" + met + R"("})");
    step(id, "record_review_meeting", R"({"held_on":")" + met + R"(","agencies_attended":["GP"]})");
    step(id, "record_panel_review", R"({"reviewed_on":")" + reviewed + R"(",)" + facts + "}");
  }
  std::string reference_of(long long id) const {
    return server().get("/api/v1/cases/" + std::to_string(id)).json()["reference"].as_string();
  }
};

// A server of its own (ApiTest starts one per suite): the counts are of this suite's deaths alone.
class CdopPublicationStory : public CdopAnnualReportStory {};
class CdopListingStory : public CdopAnnualReportStory {};

using Ids = std::vector<long long>;

Ids ids(const Json& figure) {
  Ids out;
  for (const Json& c : figure["cases"].items()) out.push_back(c["id"].as_integer());
  EXPECT_EQ(figure["count"].as_integer(), static_cast<long long>(out.size()));
  return out;
}

// The figure listed under `code` in a list of coded figures.
const Json& coded(const Json& list, const std::string& code) {
  for (const Json& item : list.items()) {
    if (item["code"].as_string() == code) return item;
  }
  ADD_FAILURE() << "no " << code << " in " << list.dump();
  static const Json kNone;
  return kNone;
}

const char* const kNoFactors = R"("score_child":"1","score_social_environment":"1","score_physical_environment":"1",
    "score_service_provision":"1","modifiable_factors":[],"judgement":"no_modifiable_factors")";

TEST_F(CdopAnnualReportStory, EveryFigureOfTheYearWithTheDeathsBehindIt) {
  const long long a = notify({"2021-04-20", "2021-05-01", "2021-05-02", "expected", "hospital", "Aldous"});
  review(a, "2022-03-01", "2022-04-01", std::string(R"("category":"perinatal_neonatal",)") + kNoFactors);
  const long long b = notify({"2020-12-01", "2021-03-15", "2021-03-16", "unexpected", "home", "Birtwhistle"});
  review(b, "2021-06-01", "2022-05-10", R"("category":"sudden_unexpected_unexplained",
      "score_child":"1","score_social_environment":"2","score_physical_environment":"2","score_service_provision":"1",
      "modifiable_factors":["social.co_sleeping","physical.unsafe_sleep_environment"],
      "judgement":"modifiable_factors_identified","learning":"Safer sleep advice must fit each family",
      "learning_themes":["safer_sleeping"])");
  step(b, "add_action", R"({"ref":"R1","recommendation":"Safer sleep","action":"Revise the assessment",
      "owner_person":"Lead","owner_agency":"Public health","due_on":"2022-08-31",
      "desired_outcome":"Tailored advice","agreed_on":"2022-05-10"})");
  const long long c = notify({"2010-06-01", "2022-03-30", "2022-03-31", "unexpected", "public_place", "Cholmondeley"});
  review(c, "2022-06-01", "2022-09-01", R"("category":"trauma_external",
      "score_child":"1","score_social_environment":"1","score_physical_environment":"2","score_service_provision":"1",
      "modifiable_factors":["physical.road_safety"],"judgement":"modifiable_factors_identified",
      "learning":"Crossings near schools","learning_themes":["safer_sleeping","information_sharing"])");
  const long long d = notify({"2019-01-01", "2022-04-02", "2022-04-04", "expected", "hospice", "Dunstable"});
  const long long e = notify({"2005-01-01", "2022-06-01", "2022-06-02", "unexpected", "home", "Eddington"});
  review(e, "2022-08-01", "2022-09-15", R"("category":"suicide_self_harm",
      "score_child":"2","score_social_environment":"1","score_physical_environment":"2","score_service_provision":"1",
      "modifiable_factors":["child.mental_health","physical.access_to_means","physical.road_safety"],
      "judgement":"modifiable_factors_identified","learning":"","learning_themes":[])");
  const long long f = notify({"2012-01-01", "2022-03-01", "2022-03-02", "expected", "hospital", "Fotheringham"});
  review(f, "2022-03-10", "2022-03-31", std::string(R"("category":"malignancy",)") + kNoFactors);
  step(f, "add_action", R"({"ref":"R1","recommendation":"Earlier palliative care","action":"Refer sooner",
      "owner_person":"Lead","owner_agency":"Hospice","due_on":"2022-06-30",
      "desired_outcome":"Earlier referral","agreed_on":"2022-03-31"})");
  step(f, "record_ncmd_submission", R"({"submitted_on":"2022-03-31","ncmd_reference":"NCMD-2022-0001"})");
  const long long g = notify({"2022-09-10", "2022-09-16", "2022-09-16", "expected", "hospital", "Gillingham"});

  const auto r = server().get("/api/v1/reports/cdop-annual");
  ASSERT_EQ(r.status, 200) << r.body;
  const Json report = r.json();
  EXPECT_EQ(report["period"]["from"].as_string(), "2022-04-01");
  EXPECT_EQ(report["period"]["to"].as_string(), "2023-03-31");
  EXPECT_FALSE(report["publication"].as_bool());

  const Json& notified = report["notified"];
  EXPECT_EQ(ids(notified), (Ids{d, e, g}));
  EXPECT_EQ(ids(coded(notified["by_age_band"], "neonatal")), (Ids{g}));
  EXPECT_EQ(ids(coded(notified["by_age_band"], "1_to_4")), (Ids{d}));
  EXPECT_EQ(ids(coded(notified["by_age_band"], "15_to_17")), (Ids{e}));
  EXPECT_EQ(ids(coded(notified["by_age_band"], "infant")), Ids{});
  EXPECT_EQ(notified["by_age_band"].items().size(), 6u);
  EXPECT_EQ(ids(coded(notified["by_expectedness"], "expected")), (Ids{d, g}));
  EXPECT_EQ(ids(coded(notified["by_expectedness"], "unexpected")), (Ids{e}));

  EXPECT_EQ(ids(report["reviewed"]), (Ids{a, b, c, e}));
  EXPECT_EQ(report["by_category"].items().size(), 10u);
  EXPECT_EQ(ids(coded(report["by_category"], "perinatal_neonatal")), (Ids{a}));
  EXPECT_EQ(ids(coded(report["by_category"], "sudden_unexpected_unexplained")), (Ids{b}));
  EXPECT_EQ(ids(coded(report["by_category"], "trauma_external")), (Ids{c}));
  EXPECT_EQ(ids(coded(report["by_category"], "suicide_self_harm")), (Ids{e}));
  EXPECT_EQ(ids(coded(report["by_category"], "malignancy")), Ids{});
  EXPECT_EQ(coded(report["by_category"], "deliberately_inflicted_injury")["label"].as_string(),
            "Deliberately inflicted injury, abuse or neglect");
  EXPECT_EQ(ids(coded(report["by_age_band"], "neonatal")), (Ids{a}));
  EXPECT_EQ(ids(coded(report["by_age_band"], "infant")), (Ids{b}));
  EXPECT_EQ(ids(coded(report["by_age_band"], "10_to_14")), (Ids{c}));
  EXPECT_EQ(ids(coded(report["by_age_band"], "15_to_17")), (Ids{e}));
  EXPECT_EQ(coded(report["by_age_band"], "infant")["label"].as_string(), "28 days to under 1 year");
  EXPECT_EQ(ids(coded(report["by_expectedness"], "expected")), (Ids{a}));
  EXPECT_EQ(ids(coded(report["by_expectedness"], "unexpected")), (Ids{b, c, e}));
  EXPECT_EQ(ids(coded(report["by_place_of_death"], "home")), (Ids{b, e}));
  EXPECT_EQ(ids(coded(report["by_place_of_death"], "hospital")), (Ids{a}));
  EXPECT_EQ(ids(coded(report["by_place_of_death"], "public_place")), (Ids{c}));
  EXPECT_EQ(ids(coded(report["by_place_of_death"], "hospice")), Ids{});

  const Json& m = report["modifiable_factors"];
  EXPECT_EQ(ids(m["identified"]), (Ids{b, c, e}));
  EXPECT_DOUBLE_EQ(m["percentage_of_reviewed"].as_number(), 75.0);
  EXPECT_EQ(ids(m["no_modifiable_factors"]), (Ids{a}));
  EXPECT_EQ(ids(m["insufficient_information"]), Ids{});
  ASSERT_EQ(m["by_domain"].items().size(), 4u);
  EXPECT_EQ(ids(coded(m["by_domain"], "child")), (Ids{e}));
  EXPECT_EQ(ids(coded(m["by_domain"], "social_environment")), (Ids{b}));
  EXPECT_EQ(ids(coded(m["by_domain"], "physical_environment")), (Ids{b, c, e}));
  EXPECT_EQ(ids(coded(m["by_domain"], "service_provision")), Ids{});
  const Json& physical = coded(m["by_domain"], "physical_environment")["factors"];
  ASSERT_EQ(physical.items().size(), 3u);
  EXPECT_EQ(ids(coded(physical, "physical.access_to_means")), (Ids{e}));
  EXPECT_EQ(ids(coded(physical, "physical.road_safety")), (Ids{c, e}));
  EXPECT_EQ(ids(coded(physical, "physical.unsafe_sleep_environment")), (Ids{b}));
  // Each factor with its own label, whatever order the deaths named them in
  // (e names access to means, then road safety, which c named before).
  EXPECT_EQ(coded(physical, "physical.road_safety")["label"].as_string(),
            "Road safety (vehicle, restraint, helmet, crossing)");
  EXPECT_EQ(coded(physical, "physical.access_to_means")["label"].as_string(), "Access to means of self-harm");
  EXPECT_EQ(coded(physical, "physical.unsafe_sleep_environment")["label"].as_string(),
            "Unsafe sleep environment (sofa, bedding, position)");

  const Json& t = report["time_to_review"];
  std::vector<std::string> times;
  for (const Json& item : t["reviews"].items()) {
    times.push_back(item["date_of_death"].as_string() + " " + item["reviewed_on"].as_string() + " " +
                    std::to_string(item["days"].as_integer()) + (item["within_12_months"].as_bool() ? " yes" : " no"));
  }
  EXPECT_EQ(times, (std::vector<std::string>{"2021-05-01 2022-04-01 335 yes", "2021-03-15 2022-05-10 421 no",
                                             "2022-03-30 2022-09-01 155 yes", "2022-06-01 2022-09-15 106 yes"}));
  EXPECT_DOUBLE_EQ(t["median_days"].as_number(), 245.0);  // (155 + 335) / 2
  EXPECT_EQ(ids(t["within_12_months"]), (Ids{a, c, e}));
  EXPECT_DOUBLE_EQ(t["percentage_within_12_months"].as_number(), 75.0);

  EXPECT_EQ(ids(report["learning"]["reviews_with_learning"]), (Ids{b, c}));
  EXPECT_EQ(ids(coded(report["learning"]["themes"], "safer_sleeping")), (Ids{b, c}));
  EXPECT_EQ(ids(coded(report["learning"]["themes"], "information_sharing")), (Ids{c}));
  // The actions of every death, also of one closed before the year began.
  ASSERT_EQ(report["actions"].items().size(), 2u);
  EXPECT_EQ(report["actions"].items()[0]["case_id"].as_integer(), b);
  EXPECT_EQ(report["actions"].items()[0]["overdue"].as_integer(), 1);
  EXPECT_EQ(report["actions"].items()[1]["case_id"].as_integer(), f);
  EXPECT_EQ(report["actions"].items()[1]["overdue"].as_integer(), 1);

  // The year before: F notified and reviewed, C notified on its last day.
  const Json before = server().get("/api/v1/reports/cdop-annual?from=2021-04-01&to=2022-03-31").json();
  EXPECT_EQ(ids(before["notified"]), (Ids{a, c, f}));
  EXPECT_EQ(ids(before["reviewed"]), (Ids{f}));

  // Every figure as CSV, with the same counts and cases.
  const auto csv = server().get("/api/v1/reports/cdop-annual?format=csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.headers.at("content-disposition"),
            "attachment; filename=\"cdop-annual-report-figures-2022-04-01-to-2023-03-31.csv\"");
  std::map<std::string, std::vector<std::string>> rows;
  for (const auto& row : parse_csv(csv.body)) rows[row.at(0)] = row;
  EXPECT_EQ(rows["reviewed"], (std::vector<std::string>{"reviewed", "4",
                                                        reference_of(a) + "; " + reference_of(b) + "; " +
                                                            reference_of(c) + "; " + reference_of(e)}));
  EXPECT_EQ(rows["by_place_of_death.home"].at(2), reference_of(b) + "; " + reference_of(e));
  EXPECT_EQ(rows["modifiable_factors.by_domain.physical_environment.factors.physical.road_safety"].at(1), "2");
  const auto categories = parse_csv(server().get("/api/v1/reports/cdop-annual?format=csv&table=by_category").body);
  ASSERT_EQ(categories.size(), 11u);
  EXPECT_EQ(categories[0], (std::vector<std::string>{"code", "label", "count", "case_references"}));
  EXPECT_EQ(categories[10], (std::vector<std::string>{"sudden_unexpected_unexplained",
                                                      "Sudden unexpected, unexplained death", "1", reference_of(b)}));
}

TEST_F(CdopPublicationStory, SmallNumbersAreWithheldAndNoCaseIsListed) {
  // Six expected deaths at home, notified in the year, one unexpected: 1 is
  // withheld, and so is 6 (7 - 6 would give it away); all seven are 5 to 9.
  std::vector<std::string> names{"Ainsworth", "Bellingham", "Carrington", "Delacroix", "Ellsworth", "Fairweather"};
  for (std::size_t i = 0; i < names.size(); ++i) {
    notify({"2015-01-0" + std::to_string(i + 1), "2022-05-0" + std::to_string(i + 1),
            "2022-05-0" + std::to_string(i + 2), "expected", "home", names[i]});
  }
  notify({"2016-02-01", "2022-07-01", "2022-07-01", "unexpected", "hospital", "Greenhalgh"});

  const Json full = server().get("/api/v1/reports/cdop-annual").json();
  EXPECT_EQ(full["notified"]["count"].as_integer(), 7);
  EXPECT_EQ(coded(full["notified"]["by_expectedness"], "unexpected")["count"].as_integer(), 1);

  const auto r = server().get("/api/v1/reports/cdop-annual?publication=true");
  ASSERT_EQ(r.status, 200) << r.body;
  const Json published = r.json();
  EXPECT_TRUE(published["publication"].as_bool());
  EXPECT_TRUE(published["suppression"]["applied"].as_bool());
  EXPECT_EQ(published["suppression"]["counts_up_to"].as_integer(), 5);
  EXPECT_EQ(published["notified"]["count"].as_integer(), 7);
  EXPECT_TRUE(published["notified"]["cases"].items().empty());
  const Json& expected = coded(published["notified"]["by_expectedness"], "expected");
  EXPECT_TRUE(expected["count"].is_null());
  EXPECT_TRUE(expected["suppressed"].as_bool());
  const Json& five_to_nine = coded(published["notified"]["by_age_band"], "5_to_9");
  EXPECT_EQ(five_to_nine["count"].as_integer(), 7);
  EXPECT_FALSE(five_to_nine["suppressed"].as_bool());
  const Json& unexpected = coded(published["notified"]["by_expectedness"], "unexpected");
  EXPECT_TRUE(unexpected["count"].is_null());
  EXPECT_TRUE(unexpected["suppressed"].as_bool());
  EXPECT_EQ(coded(published["notified"]["by_age_band"], "infant")["count"].as_integer(), 0);  // zero is shown
  EXPECT_TRUE(published["time_to_review"]["reviews"].items().empty());
  EXPECT_TRUE(published["time_to_review"]["median_days"].is_null());

  const auto csv = server().get("/api/v1/reports/cdop-annual?publication=true&format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.headers.at("content-disposition"),
            "attachment; filename=\"cdop-annual-report-for-publication-figures-2022-04-01-to-2023-03-31.csv\"");
  std::map<std::string, std::vector<std::string>> rows;
  for (const auto& row : parse_csv(csv.body)) rows[row.at(0)] = row;
  EXPECT_EQ(rows["notified.by_expectedness.unexpected"],
            (std::vector<std::string>{"notified.by_expectedness.unexpected", "suppressed", ""}));
  EXPECT_EQ(rows["notified.by_expectedness.expected"],
            (std::vector<std::string>{"notified.by_expectedness.expected", "suppressed", ""}));
  EXPECT_EQ(rows["notified.by_age_band.5_to_9"], (std::vector<std::string>{"notified.by_age_band.5_to_9", "7", ""}));
  // No child's name reaches the report at all.
  for (const std::string& name : names) EXPECT_EQ(r.body.find(name), std::string::npos) << name;
}

// The Reports page asks for the first deaths of each figure and the first rows
// of each table: every count stays whole, and totals says how long each table is.
TEST_F(CdopListingStory, APageCanAskForTheFirstDeathsOfEachFigureAndTheFirstRowsOfEachTable) {
  const Death deaths[] = {{"2021-04-20", "2022-04-01", "2022-04-02", "expected", "hospital", "Abbott"},
                          {"2021-05-20", "2022-05-01", "2022-05-02", "expected", "hospital", "Barraclough"},
                          {"2021-06-20", "2022-06-01", "2022-06-02", "unexpected", "home", "Cottingham"}};
  for (const Death& death : deaths) {
    const long long id = notify(death);
    review(id, "2022-08-01", "2022-09-01", std::string(R"("category":"perinatal_neonatal",)") + kNoFactors);
    step(id, "add_action", R"({"ref":"R1","recommendation":"Earlier referral","action":"Refer sooner",
        "owner_person":"Lead","owner_agency":"Hospice","due_on":"2023-06-30",
        "desired_outcome":"Earlier referral","agreed_on":"2022-09-01"})");
  }
  const auto whole = server().get("/api/v1/reports/cdop-annual");
  ASSERT_EQ(whole.status, 200) << whole.body;
  const Json report = whole.json();
  ASSERT_EQ(report["reviewed"]["count"].as_integer(), 3);
  EXPECT_EQ(report["totals"]["time_to_review"].as_integer(), 3);
  EXPECT_EQ(report["totals"]["actions"].as_integer(), 3);

  const std::set<std::string> tables = {"time_to_review.reviews", "actions"};
  const auto cut = server().get("/api/v1/reports/cdop-annual?cases=2&rows=1");
  ASSERT_EQ(cut.status, 200) << cut.body;
  const testing_support::ListingCuts cuts = testing_support::expect_listed_as(report, cut.json(), 2, 1, tables);
  EXPECT_GT(cuts.figures, 0);
  EXPECT_EQ(cuts.tables, 2);
  EXPECT_EQ(cut.json()["reviewed"]["count"].as_integer(), 3);
  EXPECT_EQ(cut.json()["reviewed"]["cases"].items().size(), 2u);

  // A report for publication lists nothing either way, and has no table to count.
  const auto published = server().get("/api/v1/reports/cdop-annual?publication=true&cases=2&rows=1");
  ASSERT_EQ(published.status, 200) << published.body;
  EXPECT_EQ(published.body, server().get("/api/v1/reports/cdop-annual?publication=true").body);
  EXPECT_EQ(published.json()["totals"]["time_to_review"].as_integer(), 0);
  EXPECT_EQ(published.json()["totals"]["actions"].as_integer(), 0);

  // The CSVs name every death whatever the page lists.
  const auto csv = server().get("/api/v1/reports/cdop-annual?format=csv&table=time_to_review");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(parse_csv(csv.body).size(), 4u);  // a header and three reviews
}

TEST_F(CdopAnnualReportStory, APeriodOrATableThatCannotBeReadIsRefused) {
  for (const char* query : {"?from=2022-04-02&to=2022-04-01", "?publication=yes", "?format=pdf",
                            "?format=csv&table=names", "?to=2023-02-30", "?cases=-1", "?cases=100001", "?rows=0",
                            "?rows=many", "?format=csv&cases=1", "?format=csv&table=actions&rows=1"}) {
    const auto r = server().get(std::string("/api/v1/reports/cdop-annual") + query);
    EXPECT_EQ(r.status, 400) << query << ": " << r.body;
    EXPECT_EQ(r.json()["code"].as_string(), "INVALID_QUERY") << query;
  }
}

}  // namespace
}  // namespace casereview
