// Importing the spreadsheets partnerships keep, on a real server (today Friday
// 16 September 2022): a file with problems is refused whole, with every refused
// row and why, dry run or not; a good file's dry run writes nothing; a CDOP's
// past deaths scored on the legacy 0-3 scale are mapped as the workflow maps
// them, the originals kept; and the CDOP annual report's figures can be
// counted again from the deaths register the import filled.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "api_fixture.h"
#include "casereview/engine/csv.h"
#include "casereview/engine/date.h"

namespace casereview {
namespace {

using testing_support::ApiTest;
using testing_support::HttpResult;

const char* const kSafeguardingHeader =
    "reference,became_aware_on,harm,abuse_or_neglect,location,looked_after_child,local_authority,summary,"
    "notification_submitted_on,rapid_review_meeting_on,agencies_attended,decided_on,decision\r\n";

const char* const kDeathsHeader =
    "reference,date_of_death,place_of_death,expected,summary,notified_on,notified_by,resident_local_authority,"
    "given_name,family_name,date_of_birth,sex,looked_after,information_requested_on,agencies_asked,"
    "review_meeting_on,agencies_attended,reviewed_on,category,score_child,score_social_environment,"
    "score_physical_environment,score_service_provision,modifiable_factors,judgement,learning,learning_themes,"
    "ncmd_submitted_on\r\n";

class CaseImport : public ApiTest {
 protected:
  HttpResult import(const std::string& sheet, const std::string& csv, const std::string& query = "") const {
    return server().request("POST", "/api/v1/imports/" + sheet + query, csv, "text/csv", {});
  }
  std::size_t case_count() const { return server().get("/api/v1/cases?limit=500").json()["cases"].items().size(); }
};

// The refused rows as (row, column) pairs.
std::set<std::pair<long long, std::string>> refused(const Json& body) {
  std::set<std::pair<long long, std::string>> out;
  for (const Json& p : body["refused"].items()) out.insert({p["row"].as_integer(), p["column"].as_string()});
  return out;
}

TEST_F(CaseImport, AFileWithProblemsIsRefusedWholeWithEveryRowAndWhyDryRunOrNot) {
  const std::size_t before = case_count();
  const std::string csv =
      std::string(kSafeguardingHeader) +
      "SG-1,2022-05-03,death,suspected,in_area,no,Northam City Council,Infant death,2022-05-05,,,,,\r\n"
      "SG-2,31/02/2022,death,suspected,in_area,no,Northam City Council,No such day,,,,,\r\n"
      "SG-3,2022-05-03,injury,suspected,in_area,no,Northam City Council,Unknown harm,,,,,\r\n"
      "SG-4,2022-05-03,death,suspected,in_area,no,Northam City Council,Decided without a meeting,2022-05-05,,,"
      "2022-05-20,no_lcspr\r\n"
      "SG-1,2022-05-03,death,suspected,in_area,no,Northam City Council,The same reference,,,,,\r\n"
      "SG-6,2022-09-01,death,suspected,in_area,no,Northam City Council,Notified after today,2022-09-30,,,,\r\n"
      "SG-7,2022-06-01,serious_harm,suspected,in_area,maybe,Northam City Council,Not a yes or no,,,,,\r\n"
      "SG-8,2022-06-01,serious_harm,suspected,in_area,no,Northam City Council,A meeting but no notification,,"
      "2022-06-10,Police,,\r\n"
      ",2022-06-01,serious_harm,suspected,in_area,no,Northam City Council,No reference,,,,,\r\n"
      "SG-11,2022-06-01,serious_harm,suspected,in_area,no,Northam City Council,Typed in \xA3 Windows-1252,,,,,\r\n";
  const std::set<std::pair<long long, std::string>> expected = {{3, "became_aware_on"},
                                                                {4, "harm"},
                                                                {5, "rapid_review_meeting_on"},
                                                                {6, "reference"},
                                                                {7, "notification_submitted_on"},
                                                                {8, "looked_after_child"},
                                                                {9, "rapid_review_meeting_on"},
                                                                {10, "reference"},
                                                                {11, "summary"}};
  for (const std::string query : {"?dry_run=true", ""}) {
    const HttpResult r = import("safeguarding", csv, query);
    ASSERT_EQ(r.status, 422) << r.body;
    const Json body = r.json();
    EXPECT_EQ(body["code"].as_string(), "IMPORT_REFUSED");
    EXPECT_FALSE(body["written"].as_bool());
    EXPECT_EQ(body["rows"].as_integer(), 10);
    EXPECT_EQ(refused(body), expected) << body.dump();
    for (const Json& p : body["refused"].items()) EXPECT_FALSE(p["message"].as_string().empty()) << p.dump();
  }
  EXPECT_EQ(case_count(), before);  // not even the good row
  EXPECT_TRUE(server().get("/api/v1/imports").json()["items"].items().empty());
}

TEST_F(CaseImport, AHeaderWithUnknownOrMissingColumnsIsRefusedBeforeAnyRow) {
  const HttpResult r = import("safeguarding",
                              "reference,became_aware_on,harm_type,abuse_or_neglect,location,local_authority\r\n"
                              "SG-1,2022-05-03,death,suspected,in_area,Northam City Council\r\n");
  ASSERT_EQ(r.status, 422) << r.body;
  const auto problems = refused(r.json());
  EXPECT_EQ(problems, (std::set<std::pair<long long, std::string>>{{1, "harm_type"}, {1, "harm"}, {1, "summary"}}));
  EXPECT_EQ(import("safeguarding", "", "").status, 422);
  EXPECT_EQ(import("safeguarding", "reference,\"unclosed\r\n").status, 422);
  EXPECT_EQ(server().request("POST", "/api/v1/imports/safeguarding", kSafeguardingHeader, "text/plain", {}).status,
            415);
  EXPECT_EQ(import("visits", kSafeguardingHeader).status, 404);
  // More rows than one import takes: refused before any row is tried.
  std::string many = kSafeguardingHeader;
  for (int i = 0; i <= 2000; ++i)
    many += "SG-" + std::to_string(i) + ",2022-05-03,death,suspected,in_area,no,N,S,,,,,\r\n";
  const HttpResult too_many = import("safeguarding", many, "?dry_run=true");
  ASSERT_EQ(too_many.status, 422) << too_many.body;
  EXPECT_EQ(refused(too_many.json()), (std::set<std::pair<long long, std::string>>{{1, ""}}));
  const Json columns = server().get("/api/v1/imports/deaths/columns").json();
  const auto& items = columns["columns"].items();
  EXPECT_TRUE(std::any_of(items.begin(), items.end(), [](const Json& c) {
    return c["name"].as_string() == "score_child" && !c["required"].as_bool();
  }));
}

TEST_F(CaseImport, AGoodFilesDryRunWritesNothingAndItsImportRecordsWhereEachEventCameFrom) {
  const std::string csv = std::string(kSafeguardingHeader) +
                          "SG-21,2022-05-03,death,suspected,in_area,yes,Northam City Council,Infant death,"
                          "05/05/2022,2022-05-18,Police; Health,2022-05-19,no_lcspr\r\n"
                          "\r\n"
                          "SG-22,2022-06-01,serious_harm,known,in_area,no,Northam City Council,'=1+1 typed,,,,,\r\n";
  const std::size_t before = case_count();
  const HttpResult dry = import("safeguarding", csv, "?dry_run=true&file_name=register.csv");
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_FALSE(dry.json()["written"].as_bool());
  EXPECT_EQ(dry.json()["cases"].items().front()["case_references"].items().size(), 2U);  // and its rapid review
  EXPECT_EQ(case_count(), before);

  const HttpResult done = import("safeguarding", csv, "?file_name=register.csv");
  ASSERT_EQ(done.status, 201) << done.body;
  EXPECT_TRUE(done.json()["written"].as_bool());
  EXPECT_EQ(done.json()["rows"].as_integer(), 2);
  EXPECT_EQ(case_count(), before + 3);
  const std::string sin_reference = done.json()["cases"].items().front()["case_references"].items()[0].as_string();
  const std::string rr_reference = done.json()["cases"].items().front()["case_references"].items()[1].as_string();

  const auto reg = parse_csv(server().get("/api/v1/exports/safeguarding?from=2022-04-01&to=2023-03-31").body);
  std::map<std::string, std::string> row;
  for (const auto& record : reg) {
    if (record.at(0) != sin_reference) continue;
    for (std::size_t c = 0; c < reg[0].size(); ++c) row[reg[0][c]] = record.at(c);
  }
  EXPECT_EQ(row["rapid_review_reference"], rr_reference);
  EXPECT_EQ(row["notification_submitted_on"], "2022-05-05");  // read as day/month/year
  EXPECT_EQ(row["looked_after_child"], "yes");
  EXPECT_EQ(row["agencies_attended"], "Police; Health");
  EXPECT_EQ(row["decision"], "no_lcspr");
  EXPECT_EQ(row["rationale"], "Not recorded in the imported spreadsheet.");
  EXPECT_EQ(row["parallel_processes"], "not_recorded");

  // Every event of the imported notification names the file, its hash and the row.
  const long long id = server().get("/api/v1/cases?limit=500").json()["cases"].items().back()["id"].as_integer();
  const Json events = server().get("/api/v1/cases/" + std::to_string(id) + "/timeline").json()["events"];
  ASSERT_FALSE(events.items().empty());
  for (const Json& e : events.items()) {
    const Json& imported = e["payload"]["imported"];
    EXPECT_EQ(imported["file_sha256"].as_string(), done.json()["file_sha256"].as_string()) << e.dump();
    EXPECT_EQ(imported["file_name"].as_string(), "register.csv");
    EXPECT_EQ(imported["sheet"].as_string(), "safeguarding");
  }
  const Json imports = server().get("/api/v1/imports").json()["items"];
  ASSERT_EQ(imports.items().size(), 1U);
  EXPECT_EQ(imports.items()[0]["rows"].as_integer(), 2);
  EXPECT_EQ(imports.items()[0]["imported_by"].as_string(), "manager");
}

// One deaths register row by reference.
std::map<std::string, std::map<std::string, std::string>> deaths_by_reference(const std::string& body) {
  const auto records = parse_csv(body);
  std::map<std::string, std::map<std::string, std::string>> out;
  for (std::size_t i = 1; i < records.size(); ++i) {
    for (std::size_t c = 0; c < records[0].size(); ++c) out[records[i][0]][records[0][c]] = records[i].at(c);
  }
  return out;
}

std::set<std::string> references_of(const Json& figure) {
  std::set<std::string> out;
  for (const Json& c : figure["cases"].items()) out.insert(c["reference"].as_string());
  return out;
}

TEST_F(CaseImport, PastDeathsOnTheLegacyScaleAreMappedAndTheCdopFiguresCanBeCountedFromTheRegister) {
  const std::string csv =
      std::string(kDeathsHeader) +
      "L1,2021-05-01,hospital,expected,Neonatal death,02/05/2021,Consultant,Northam City Council,Ann,Aldous,"
      "2021-04-20,female,no,2021-05-10,GP,2022-03-01,GP,2022-04-01,perinatal_neonatal,0,1,1*,0,,"
      "no_modifiable_factors,,,2022-04-08\r\n"
      "L2,2021-03-15,home,unexpected,Infant found unresponsive,2021-03-16,Paramedic,Northam City Council,Ben,"
      "Birtwhistle,2020-12-01,male,no,2021-03-20,GP; Health visiting,2021-06-01,GP; Health visiting,2022-05-10,"
      "sudden_unexpected_unexplained,1,3,2,1,social.co_sleeping; physical.unsafe_sleep_environment,"
      "modifiable_factors_identified,Safer sleep advice must fit each family,safer_sleeping,\r\n"
      "L3,2022-03-30,public_place,unexpected,Road traffic collision,2022-03-31,Police,Northam City Council,Cal,"
      "Cholmondeley,2010-06-01,male,no,2022-04-01,Police,2022-06-01,Police,2022-09-01,trauma_external,1*,1,3,1,"
      "physical.road_safety,modifiable_factors_identified,Crossings near schools,,\r\n"
      "L4,2022-04-02,hospice,expected,Expected death,2022-04-04,Nurse,Northam City Council,Dee,Dunstable,"
      "2019-01-01,female,no,,,,,,,,,,,,,,,\r\n";
  const HttpResult done =
      server().request("POST", "/api/v1/imports/deaths?file_name=cdop-2021.csv", csv, "text/csv", {});
  ASSERT_EQ(done.status, 201) << done.body;
  std::map<std::string, std::string> reference_of;  // spreadsheet reference -> casereview's
  for (const Json& c : done.json()["cases"].items()) {
    reference_of[c["reference"].as_string()] = c["case_references"].items()[0].as_string();
  }

  const auto deaths = deaths_by_reference(server().get("/api/v1/exports/deaths?from=2022-04-01&to=2023-03-31").body);
  const auto& l2 = deaths.at(reference_of.at("L2"));
  EXPECT_EQ(l2.at("score_social_environment"), "2");  // 3 on the legacy scale
  EXPECT_EQ(l2.at("score_physical_environment"), "2");
  EXPECT_EQ(l2.at("legacy_scores"), "child 1; social_environment 3; physical_environment 2; service_provision 1");
  const auto& l3 = deaths.at(reference_of.at("L3"));
  EXPECT_EQ(l3.at("score_child"), "1");  // 1*
  EXPECT_EQ(l3.at("age_group"), "10_to_14");
  EXPECT_EQ(deaths.at(reference_of.at("L1")).at("ncmd_submitted_on"), "2022-04-08");
  EXPECT_EQ(deaths.at(reference_of.at("L1")).at("notified_on"), "2021-05-02");
  // No name or date of birth leaves in the register.
  for (const auto& [reference, row] : deaths) {
    for (const auto& [column, value] : row) {
      EXPECT_NE(value, "Birtwhistle") << column;
      EXPECT_NE(value, "2020-12-01") << column;
    }
  }

  // The report's figures, counted again from the register.
  const Json report = server().get("/api/v1/reports/cdop-annual").json();
  const auto in_year = [](const std::string& iso) { return iso >= "2022-04-01" && iso <= "2023-03-31"; };
  std::set<std::string> reviewed, modifiable;
  std::map<std::string, std::set<std::string>> by_category, by_age, by_expected, by_place;
  std::set<std::string> within_12_months;
  for (const auto& [reference, row] : deaths) {
    if (!in_year(row.at("reviewed_on"))) continue;
    reviewed.insert(reference);
    by_category[row.at("category")].insert(reference);
    by_age[row.at("age_group")].insert(reference);
    by_expected[row.at("expected")].insert(reference);
    by_place[row.at("place_of_death")].insert(reference);
    if (row.at("judgement") == "modifiable_factors_identified") modifiable.insert(reference);
    // Within 12 months as the report counts it: reviewed by the same date a year on.
    const Date died = *Date::parse(row.at("date_of_death"));
    EXPECT_EQ(std::stol(row.at("days_from_death_to_review")),
              Date::parse(row.at("reviewed_on"))->serial() - died.serial());
    if (row.at("reviewed_on") <= died.plus_months(12).iso()) within_12_months.insert(reference);
  }
  EXPECT_EQ(reviewed.size(), 3U);
  EXPECT_EQ(reviewed, references_of(report["reviewed"]));
  EXPECT_EQ(modifiable, references_of(report["modifiable_factors"]["identified"]));
  const auto counted = [](const Json& list, std::map<std::string, std::set<std::string>>& expected, const char* what) {
    for (const Json& item : list.items()) {
      EXPECT_EQ(references_of(item), expected[item["code"].as_string()]) << what << " " << item["code"].as_string();
    }
  };
  counted(report["by_category"], by_category, "category");
  counted(report["by_age_band"], by_age, "age band");
  counted(report["by_expectedness"], by_expected, "expectedness");
  counted(report["by_place_of_death"], by_place, "place");
  EXPECT_EQ(within_12_months, references_of(report["time_to_review"]["within_12_months"]));
  // The median of the days from death to review: 335, 421 and 155 days.
  std::vector<long> days;
  days.reserve(reviewed.size());
  for (const std::string& reference : reviewed)
    days.push_back(std::stol(deaths.at(reference).at("days_from_death_to_review")));
  std::sort(days.begin(), days.end());
  EXPECT_EQ(days, (std::vector<long>{155, 335, 421}));
  EXPECT_EQ(report["time_to_review"]["median_days"].as_number(), static_cast<double>(days[1]));
  // Deaths notified in the year, by age band and expectedness.
  std::set<std::string> notified;
  std::map<std::string, std::set<std::string>> notified_by_age, notified_by_expected;
  for (const auto& [reference, row] : deaths) {
    if (!in_year(row.at("notified_on"))) continue;
    notified.insert(reference);
    notified_by_age[row.at("age_group")].insert(reference);
    notified_by_expected[row.at("expected")].insert(reference);
  }
  EXPECT_EQ(notified, (std::set<std::string>{reference_of.at("L4")}));
  counted(report["notified"]["by_age_band"], notified_by_age, "notified age band");
  counted(report["notified"]["by_expectedness"], notified_by_expected, "notified expectedness");
  // Modifiable factors by domain, from the factors export's domain column.
  std::map<std::string, std::set<std::string>> by_domain;
  const auto factors = parse_csv(server().get("/api/v1/exports/factors?from=2022-04-01&to=2023-03-31").body);
  for (std::size_t i = 1; i < factors.size(); ++i) {
    if (reviewed.count(factors[i].at(0))) by_domain[factors[i].at(3)].insert(factors[i].at(0));
  }
  EXPECT_EQ(by_domain["social_environment"], (std::set<std::string>{reference_of.at("L2")}));
  counted(report["modifiable_factors"]["by_domain"], by_domain, "domain");
  // The other judgements, the share with factors, and the learning.
  std::set<std::string> none_found, insufficient, with_learning;
  std::map<std::string, std::set<std::string>> by_theme;
  for (const std::string& reference : reviewed) {
    const auto& row = deaths.at(reference);
    if (row.at("judgement") == "no_modifiable_factors") none_found.insert(reference);
    if (row.at("judgement") == "insufficient_information") insufficient.insert(reference);
    if (!row.at("learning").empty()) with_learning.insert(reference);
    if (!row.at("learning_themes").empty()) by_theme[row.at("learning_themes")].insert(reference);
  }
  EXPECT_EQ(none_found, references_of(report["modifiable_factors"]["no_modifiable_factors"]));
  EXPECT_EQ(insufficient, references_of(report["modifiable_factors"]["insufficient_information"]));
  EXPECT_EQ(report["modifiable_factors"]["percentage_of_reviewed"].as_number(),
            std::round(1000.0 * static_cast<double>(modifiable.size()) / static_cast<double>(reviewed.size())) / 10.0);
  EXPECT_EQ(with_learning, references_of(report["learning"]["reviews_with_learning"]));
  counted(report["learning"]["themes"], by_theme, "theme");
}

}  // namespace
}  // namespace casereview
