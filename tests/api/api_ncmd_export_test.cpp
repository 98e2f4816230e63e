// The NCMD-shaped export on a real server, from deaths with known answers.
// Today is Friday 16 September 2022; the default period is the financial year
// 1 April 2022 to 31 March 2023. Five deaths:
//   C  reviewed 31 March 2022, the day before the period: not exported
//   A  an unexpected infant death with the whole notification form, a JAR, a
//      key worker, reporting forms from three agencies (two returned, one with
//      its supplementary form), the GP asked a second time, two categories that
//      could apply, reviewed 14 September 2022, submitted to the NCMD the day
//      after: shown here in full
//   D  notified, not reviewed: not exported
//   B  imported from a legacy-scored review on 1 April 2022, the period's first day
//   W  another partnership's death reviewed in the period: never in this export
// No value that identifies a child, a family or a professional is in any body.
#include <gtest/gtest.h>

#include <algorithm>

#include "api_fixture.h"
#include "identity_scan.h"

namespace casereview {
namespace {

using testing_support::add_user;
using testing_support::ApiTest;
using testing_support::find_identity;
using testing_support::HttpResult;
using testing_support::Identity;
using testing_support::kTestPassword;
using testing_support::run_casereview;

const Identity kChildA{"Ottoline", "Brackenridge", "2021-11-20", "943 476 5919", "Heron Close", {"Imelda", "Caspian"}};
const Identity kChildB{"Perdita", "Ashworthy", "2015-05-05", "", "", {}};
const Identity kChildC{"Lysander", "Coldharbour", "2012-02-02", "", "", {}};
const Identity kChildD{"Morwenna", "Dunnock", "2020-01-07", "", "", {}};
const Identity kChildW{"Tamsin", "Westerleigh", "2019-10-10", "", "", {}};
// The GP, the professionals, the authors of the reporting forms, the key worker
// and the father, named in identifying facts of A.
const std::vector<std::string> kNamedPeople = {"Quillfeather", "Marsh Lane", "Wren Ashdown",     "Tobias Verrall",
                                               "Verrall",      "Vey",        "Marigold Fenwick", "Fenwick"};

constexpr const char* kExport = "/api/v1/exports/ncmd";
constexpr const char* kSchema = "/api/v1/exports/ncmd/schema";

std::string notification(const std::string& died, const std::string& notified, const std::string& expected,
                         const std::string& place, const Identity& child) {
  return R"({"kind":"child_death_review","facts":{"date_of_death":")" + died + R"(","place_of_death":")" + place +
         R"(","notified_on":")" + notified + R"(","expected":")" + expected +
         R"(","summary":"Known-answer death","notified_by":"Consultant",
         "resident_local_authority":"Northam City Council","given_name":")" +
         child.given_name + R"(","family_name":")" + child.family_name + R"(","date_of_birth":")" +
         child.date_of_birth + R"("}})";
}

std::string death_of_a() {
  return R"({"kind":"child_death_review","facts":{
      "date_of_death":"2022-03-04","time_of_death":"02:15","place_of_death":"home",
      "expected":"unexpected","jar_triggers":["sudden_no_apparent_cause"],
      "summary":"Infant, 3 months, found unresponsive in the parents' bed",
      "notified_on":"2022-03-04","notified_time":"09:00","notified_by":"Emergency department consultant",
      "resident_local_authority":"Northam City Council",
      "given_name":"Ottoline","family_name":"Brackenridge","date_of_birth":"2021-11-20","nhs_number":"943 476 5919",
      "sex":"female","ethnicity":"mixed_white_asian",
      "home_address":"14 Heron Close, Northam","family_members":"Mother Imelda Brackenridge; father Caspian Vey",
      "looked_after":"no","child_protection_plan":"yes","coroner_informed":"yes","post_mortem":"coronial",
      "general_practitioner":"Dr Quillfeather, Marsh Lane Surgery",
      "professionals_involved":["Wren Ashdown, health visitor","PC Tobias Verrall, Northam Police"]}})";
}

// Death A as the export must show it; ID and REF are the case's.
const char* const kExportedA = R"json({
  "case_id": ID, "case_reference": "REF",
  "notification": {
    "date_of_death": "2022-03-04", "time_of_death": "02:15", "place_of_death": "home", "expected": "unexpected",
    "jar_triggers": ["sudden_no_apparent_cause"], "age_band": "infant", "sex": "female",
    "ethnicity": "mixed_white_asian", "looked_after": "no", "child_protection_plan": "yes",
    "coroner_informed": "yes", "post_mortem": "coronial", "resident_local_authority": "Northam City Council",
    "notified_on": "2022-03-04"},
  "reporting": [
    {"agency": "GP", "requested_on": "2022-03-07", "supplementary_forms_sent": ["sudden_unexpected_death"],
     "returned_on": "2022-03-15", "involvement": "before_the_death",
     "involvement_summary": "Registered at birth; two routine appointments, no concerns recorded.",
     "child_factors": "Born at 39 weeks; immunisations up to date.",
     "family_environment": "Mother's low mood noted at the six-week check.",
     "service_provision": "No concern about the services given.", "bereavement_support_offered": "no",
     "bereavement_support": null, "supplementary_forms_answered": [], "supplementary_answers": null},
    {"agency": "Health visiting", "requested_on": "2022-03-07",
     "supplementary_forms_sent": ["sudden_unexpected_death"], "returned_on": "2022-03-18",
     "involvement": "before_the_death",
     "involvement_summary": "New birth visit and one follow-up; safer sleep advice given.",
     "child_factors": null, "family_environment": null, "service_provision": null,
     "bereavement_support_offered": "yes", "bereavement_support": "Visit offered and bereavement leaflet given.",
     "supplementary_forms_answered": ["sudden_unexpected_death"],
     "supplementary_answers": "Found in the parents' bed; no smoking in the home; parents had not drunk alcohol."},
    {"agency": "Police", "requested_on": "2022-03-07", "supplementary_forms_sent": ["sudden_unexpected_death"],
     "returned_on": null, "involvement": null, "involvement_summary": null, "child_factors": null,
     "family_environment": null, "service_provision": null, "bereavement_support_offered": null,
     "bereavement_support": null, "supplementary_forms_answered": [], "supplementary_answers": null},
    {"agency": "GP", "requested_on": "2022-05-02", "supplementary_forms_sent": [],
     "returned_on": null, "involvement": null, "involvement_summary": null, "child_factors": null,
     "family_environment": null, "service_provision": null, "bereavement_support_offered": null,
     "bereavement_support": null, "supplementary_forms_answered": [], "supplementary_answers": null}],
  "analysis": {
    "reviewed_on": "2022-09-14", "applicable_categories": ["sudden_unexpected_unexplained", "infection"],
    "category": "infection", "category_rule": "highest_applicable_in_list",
    "scores": {"child": 1, "social_environment": 2, "physical_environment": 2, "service_provision": 1},
    "legacy_scores": null,
    "modifiable_factors": [
      {"code": "social.co_sleeping", "domain": "social_environment", "label": "Co-sleeping", "national": true},
      {"code": "physical.unsafe_sleep_environment", "domain": "physical_environment",
       "label": "Unsafe sleep environment (sofa, bedding, position)", "national": true}],
    "judgement": "modifiable_factors_identified", "learning": "Safer sleep advice must reach both parents.",
    "learning_themes": [{"code": "safer_sleeping", "label": "Safer sleeping and SUDI", "national": true},
                        {"code": "northam_safer_sleep_campaign", "label": "Northam safer sleep campaign",
                         "national": false}]},
  "ncmd_submission": {"submitted_on": "2022-09-15", "reference": "NCMD-2022-0457"}
})json";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

class NcmdExportStory : public ApiTest {
 protected:
  // Applies `name` as `who` (the manager, or another partnership's) at the case's current version.
  template <typename Who>
  static void act(const Who& who, long long id, const std::string& name, const std::string& facts) {
    const std::string path = "/api/v1/cases/" + std::to_string(id);
    const long long version = who.get(path).json()["version"].as_integer();
    const HttpResult r = who.post_json(path + "/commands", R"({"command":")" + name + R"(","expected_version":)" +
                                                               std::to_string(version) + R"(,"facts":)" + facts + "}");
    ASSERT_EQ(r.status, 200) << name << ": " << r.body;
  }
  template <typename Who>
  static long long open(const Who& who, const std::string& body) {
    const HttpResult r = who.post_json("/api/v1/cases", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json()["id"].as_integer();
  }
  // Forms asked of the GP, the meeting, then the panel review (`command`, `facts`).
  template <typename Who>
  static void reviewed(const Who& who, long long id, const std::string& asked, const std::string& met,
                       const std::string& command, const std::string& facts) {
    act(who, id, "request_agency_information", R"({"agencies":["GP"],"requested_on":")" + asked + R"("})");
    act(who, id, "record_review_meeting", R"({"held_on":")" + met + R"(","agencies_attended":["GP"]})");
    act(who, id, command, facts);
  }

  long long record_death_a() const {
    const long long a = open(server(), death_of_a());
    act(server(), a, "record_jar_discussion", R"({"held_on":"2022-03-04","held_time":"11:00","agencies":["Police"]})");
    act(server(), a, "record_key_worker",
        R"({"appointed_on":"2022-03-05","key_worker_role":"Specialist nurse for child death, Northam",
            "key_worker_name":"Marigold Fenwick","bereavement_support_offered":"yes",
            "support_given":"Leaflet on the review; the key worker's number"})");
    act(server(), a, "request_agency_information",
        R"({"agencies":["GP","Health visiting","Police"],"requested_on":"2022-03-07",
            "supplementary_forms":["sudden_unexpected_death"]})");
    act(server(), a, "record_agency_return",
        R"({"agency":"GP","returned_on":"2022-03-15","involvement":"before_the_death",
            "involvement_summary":"Registered at birth; two routine appointments, no concerns recorded.",
            "child_factors":"Born at 39 weeks; immunisations up to date.",
            "family_environment":"Mother's low mood noted at the six-week check.",
            "service_provision":"No concern about the services given.", "bereavement_support_offered":"no",
            "note":"Sent by secure email","completed_by":"Dr Quillfeather, GP"})");
    act(server(), a, "record_agency_return",
        R"({"agency":"Health visiting","returned_on":"2022-03-18","involvement":"before_the_death",
            "involvement_summary":"New birth visit and one follow-up; safer sleep advice given.",
            "bereavement_support_offered":"yes","bereavement_support":"Visit offered and bereavement leaflet given.",
            "supplementary_forms_answered":["sudden_unexpected_death"],
            "supplementary_answers":"Found in the parents' bed; no smoking in the home; parents had not drunk alcohol.",
            "completed_by":"Wren Ashdown, health visitor"})");
    act(server(), a, "send_agency_reminder", R"({"agency":"Police","sent_on":"2022-03-25"})");
    act(server(), a, "request_agency_information", R"({"agencies":["GP"],"requested_on":"2022-05-02"})");
    act(server(), a, "record_review_meeting",
        R"({"held_on":"2022-06-10","agencies_attended":["GP","Health visiting","Police"]})");
    // A theme of this partnership's own, beside the national one.
    const HttpResult local =
        admin().post_json("/api/v1/vocabularies/themes",
                          R"({"code":"northam_safer_sleep_campaign","label":"Northam safer sleep campaign"})");
    EXPECT_EQ(local.status, 201) << local.body;
    act(server(), a, "record_panel_review",
        R"({"reviewed_on":"2022-09-14","applicable_categories":["sudden_unexpected_unexplained","infection"],
            "category":"infection","score_child":"1","score_social_environment":"2",
            "score_physical_environment":"2","score_service_provision":"1",
            "modifiable_factors":["social.co_sleeping","physical.unsafe_sleep_environment"],
            "judgement":"modifiable_factors_identified","learning":"Safer sleep advice must reach both parents.",
            "learning_themes":["safer_sleeping","northam_safer_sleep_campaign"]})");
    act(server(), a, "record_ncmd_submission", R"({"submitted_on":"2022-09-15","ncmd_reference":"NCMD-2022-0457"})");
    return a;
  }
};

const Json& death_with_id(const Json& exported, long long id) {
  for (const Json& d : exported["deaths"].items()) {
    if (d["case_id"].as_integer() == id) return d;
  }
  ADD_FAILURE() << "no death " << id << " in " << exported.dump();
  static const Json kNone;
  return kNone;
}

std::vector<std::string> references(const Json& exported) {
  std::vector<std::string> out;
  for (const Json& d : exported["deaths"].items()) out.push_back(d["case_reference"].as_string());
  return out;
}

// Everything in `body` that identifies a child of `children` or names a person of kNamedPeople.
std::vector<std::string> identifying_values(const std::string& body, const std::vector<Identity>& children) {
  std::vector<std::string> found;
  for (const Identity& child : children) {
    for (const auto& seen : find_identity(body, child)) found.push_back(seen.what + ": " + seen.form);
  }
  for (const std::string& name : kNamedPeople) {
    if (body.find(name) != std::string::npos) found.push_back("named: " + name);
  }
  return found;
}

TEST_F(NcmdExportStory, TheReviewedDeathsOfThePeriodAsTheNationalDatabaseCollectsThem) {
  ASSERT_EQ(run_casereview({"partnership", "add", "west", "--display-name", "Westshire", "--db", db_path()}).exit_code,
            0);
  add_user(db_path(), "west.manager", "manager", {"--partnership", "west"});
  add_user(db_path(), "scrutineer", "scrutineer", {"--partnership", "default"});
  const auto west = server().as(server().sign_in("west.manager", kTestPassword));

  const long long c = open(server(), notification("2021-12-01", "2021-12-02", "expected", "hospital", kChildC));
  reviewed(server(), c, "2021-12-03", "2022-02-01", "record_panel_review",
           R"({"reviewed_on":"2022-03-31","category":"malignancy","score_child":"1","score_social_environment":"1",
               "score_physical_environment":"1","score_service_provision":"1","judgement":"no_modifiable_factors"})");
  const long long a = record_death_a();
  open(server(), notification("2022-07-30", "2022-08-01", "expected", "hospice", kChildD));
  const long long b = open(server(), notification("2021-01-30", "2021-02-01", "expected", "hospital", kChildB));
  reviewed(server(), b, "2021-02-03", "2021-06-01", "import_legacy_panel_review",
           R"({"reviewed_on":"2022-04-01","category":"chronic_medical","score_child":"1*",
               "score_social_environment":"3","score_physical_environment":"0","score_service_provision":"1",
               "judgement":"insufficient_information","learning":""})");
  const long long w = open(west, notification("2022-05-01", "2022-05-02", "unexpected", "home", kChildW));
  reviewed(west, w, "2022-05-03", "2022-06-01", "record_panel_review",
           R"({"reviewed_on":"2022-07-01","category":"infection","score_child":"1","score_social_environment":"1",
               "score_physical_environment":"1","score_service_provision":"1","judgement":"no_modifiable_factors"})");

  const HttpResult r = server().get(kExport);
  ASSERT_EQ(r.status, 200) << r.body;
  const Json exported = r.json();
  EXPECT_EQ(exported["schema"].as_string(), kSchema);
  EXPECT_EQ(exported["period"]["from"].as_string(), "2022-04-01");
  EXPECT_EQ(exported["period"]["to"].as_string(), "2023-03-31");
  EXPECT_EQ(exported["generated_on"].as_string(), "2022-09-16");
  const std::string ref_a = read_case(a)["reference"].as_string();
  const std::string ref_b = read_case(b)["reference"].as_string();
  EXPECT_EQ(references(exported), (std::vector<std::string>{ref_a, ref_b}));

  const Json expected_a = Json::parse(replaced(replaced(kExportedA, "ID", std::to_string(a)), "REF", ref_a));
  EXPECT_EQ(death_with_id(exported, a), expected_a) << "got:\n"
                                                    << death_with_id(exported, a).pretty() << "\nexpected:\n"
                                                    << expected_a.pretty();

  const Json& legacy = death_with_id(exported, b);
  EXPECT_EQ(legacy["analysis"], Json::parse(R"({
      "reviewed_on": "2022-04-01", "applicable_categories": [], "category": "chronic_medical", "category_rule": null,
      "scores": {"child": 1, "social_environment": 2, "physical_environment": 0, "service_provision": 1},
      "legacy_scores": {"child": "1*", "social_environment": "3", "physical_environment": "0",
                        "service_provision": "1"},
      "modifiable_factors": [], "judgement": "insufficient_information", "learning": null, "learning_themes": []})"))
      << legacy["analysis"].pretty();
  EXPECT_EQ(legacy["notification"]["age_band"].as_string(), "5_to_9");
  EXPECT_TRUE(legacy["notification"]["sex"].is_null());
  EXPECT_TRUE(legacy["ncmd_submission"].is_null());

  // The year before holds C alone; the west sees its own death only.
  const Json before = server().get(std::string(kExport) + "?from=2021-04-01&to=2022-03-31").json();
  EXPECT_EQ(references(before), (std::vector<std::string>{read_case(c)["reference"].as_string()}));
  const Json west_export = west.get(kExport).json();
  ASSERT_EQ(west_export["deaths"].items().size(), 1u) << west_export.dump();
  EXPECT_EQ(west_export["deaths"].items()[0]["case_id"].as_integer(), w);

  // A scrutineer gets the same export; no body holds anything that identifies anyone.
  const auto scrutineer = server().as(server().sign_in("scrutineer", kTestPassword));
  const HttpResult scrutinised = scrutineer.get(kExport);
  ASSERT_EQ(scrutinised.status, 200);
  EXPECT_EQ(scrutinised.json(), exported);
  const std::vector<Identity> children = {kChildA, kChildB, kChildC, kChildD, kChildW};
  for (const HttpResult& body : {r, scrutinised, server().get(std::string(kExport) + "?from=2000-04-01&to=2099-03-31"),
                                 west.get(std::string(kExport) + "?from=2000-04-01&to=2099-03-31")}) {
    EXPECT_EQ(identifying_values(body.body, children), std::vector<std::string>{}) << body.body;
  }
  // The scan is not blind: the manager's own case shows A's identity.
  EXPECT_FALSE(identifying_values(read_case(a).dump(), children).empty());
}

TEST_F(NcmdExportStory, APeriodThatCannotBeReadIsRefused) {
  for (const char* query :
       {"?from=2022-04-02&to=2022-04-01", "?to=2023-02-30", "?from=yesterday", "?period=2022", "?format=csv"}) {
    const HttpResult r = server().get(std::string(kExport) + query);
    EXPECT_EQ(r.status, 400) << query << ": " << r.body;
    EXPECT_EQ(r.json()["code"].as_string(), "INVALID_QUERY") << query;
  }
  // The export is only read.
  const HttpResult posted = server().post_json(kExport, "{}");
  EXPECT_EQ(posted.status, 405) << posted.body;
  EXPECT_EQ(posted.json()["allow"].as_string(), "GET");
}

}  // namespace
}  // namespace casereview
