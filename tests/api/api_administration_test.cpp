// What administrators and managers set up and look across: the reviewer register,
// vocabularies, rule settings, the partnership's area and lists of cases.
#include "api_fixture.h"

namespace casereview {
namespace {

using testing_support::ApiTest;

class AdministrationApi : public ApiTest {};

TEST_F(AdministrationApi, KeepsARegisterOfReviewersAndTheirDeclarations) {
  const auto added = server().post_json("/api/v1/reviewers", R"({"name":"Pat Reviewer","organisation":"Consultancy"})");
  ASSERT_EQ(added.status, 201) << added.body;
  const long long id = added.json()["id"].as_integer();
  EXPECT_EQ(added.headers.at("location"), "/api/v1/reviewers/" + std::to_string(id));
  EXPECT_FALSE(added.json()["national_pool"].as_bool());
  const auto declared = server().post_json(
      "/api/v1/reviewers/" + std::to_string(id) + "/declarations",
      R"({"declared_on":"2022-09-01","text":"Worked for Northam police until 2021","rules_out":true})");
  ASSERT_EQ(declared.status, 201);
  EXPECT_TRUE(declared.json()["ruled_out"].as_bool());
  EXPECT_EQ(server().get("/api/v1/reviewers").json()["reviewers"].items().size(), 1u);
  EXPECT_EQ(server().get("/api/v1/reviewers/999").status, 404);
  EXPECT_EQ(
      server().post_json("/api/v1/reviewers/999/declarations", R"({"declared_on":"2022-09-01","text":"x"})").status,
      404);
  EXPECT_EQ(server().post_json("/api/v1/reviewers", R"({"name":"No organisation"})").status, 400);
  EXPECT_EQ(server().post_json("/api/v1/reviewers/1/declarations", R"({"declared_on":"2022-02-30","text":"x"})").status,
            400);
}

TEST_F(AdministrationApi, ExtendsAndRetiresVocabularyCodesWithoutACodeChange) {
  const auto factors = server().get("/api/v1/vocabularies/factors").json();
  EXPECT_GE(factors["factors"].items().size(), 20u);
  bool seed_factor = false;
  for (const Json& f : factors["factors"].items())
    seed_factor = seed_factor || f["code"].as_string() == "social.consanguinity";
  EXPECT_TRUE(seed_factor);
  const auto added =
      admin().post_json("/api/v1/vocabularies/factors",
                        R"({"code":"social.online_harm_new","domain":"social_environment","label":"New online harm"})");
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(admin()
                .post_json("/api/v1/vocabularies/factors",
                           R"({"code":"social.online_harm_new","domain":"social_environment","label":"Again"})")
                .status,
            409);
  EXPECT_EQ(
      admin()
          .post_json("/api/v1/vocabularies/factors", R"({"code":"Bad Code","domain":"social_environment","label":"x"})")
          .status,
      400);
  EXPECT_EQ(
      admin().post_json("/api/v1/vocabularies/factors", R"({"code":"x.valid","domain":"weather","label":"x"})").status,
      400);
  ASSERT_EQ(admin()
                .post_json("/api/v1/vocabularies/themes",
                           R"({"code":"transition_to_adulthood","label":"Transition to adulthood"})")
                .status,
            201);
  const auto retired = admin().request("PUT", "/api/v1/vocabularies/themes/transition_to_adulthood/status",
                                       R"({"active":false})", "application/json", {});
  ASSERT_EQ(retired.status, 200);
  EXPECT_EQ(admin()
                .request("PUT", "/api/v1/vocabularies/themes/no_such_code/status", R"({"active":false})",
                         "application/json", {})
                .status,
            404);

  // A retired theme is refused in a new decision, with the reason.
  const auto refused = decide_rapid_review_with_themes(R"(["transition_to_adulthood"])");
  ASSERT_EQ(refused.status, 422);
  EXPECT_NE(refused.json()["detail"].as_string().find("not an active learning theme"), std::string::npos);
  const Json categories = server().get("/api/v1/vocabularies/death-categories").json();
  EXPECT_EQ(categories["categories"].items().size(), 10u);
  EXPECT_EQ(categories["legacy_score_mapping"].items().size(), 5u);
}

TEST_F(AdministrationApi, ChangesALocalRuleAndRecordsWhyButNeverWeakensAStatutoryOne) {
  const auto weaker = admin().request("PUT", "/api/v1/deadline-rules/sin.notify_panel/setting",
                                      R"({"amount":10,"reason":"We are busy"})", "application/json", {});
  ASSERT_EQ(weaker.status, 422);
  EXPECT_EQ(weaker.json()["code"].as_string(), "RULE_SETTING_REFUSED");
  const auto no_reason = admin().request("PUT", "/api/v1/deadline-rules/rr.submit_to_panel/setting",
                                         R"({"anchor":"became_aware"})", "application/json", {});
  EXPECT_EQ(no_reason.status, 400);
  const auto changed = admin().request("PUT", "/api/v1/deadline-rules/rr.submit_to_panel/setting",
                                       R"({"anchor":"became_aware","reason":"Our procedure counts from awareness"})",
                                       "application/json", {});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["in_force"]["anchor"].as_string(), "became_aware");
  EXPECT_EQ(admin()
                .request("PUT", "/api/v1/deadline-rules/no.such/setting", R"({"amount":1,"reason":"x"})",
                         "application/json", {})
                .status,
            404);
  const Json changes = server().get("/api/v1/rule-setting-changes").json()["changes"];
  ASSERT_EQ(changes.items().size(), 1u);
  EXPECT_EQ(changes.items()[0]["reason"].as_string(), "Our procedure counts from awareness");
  EXPECT_TRUE(changes.items()[0]["before"]["anchor"].is_null());
  // The rapid review of a notification opened now counts from becoming aware.
  const Json sin = open_notification("2022-09-01");
  const long long rr =
      opened_id(step(sin["id"].as_integer(), "submit_notification", R"({"submitted_on":"2022-09-06"})"));
  const Json rapid_review = read_case(rr);
  EXPECT_EQ((*testing_support::deadline(rapid_review, "rr.submit_to_panel"))["anchor_date"].as_string(), "2022-09-01");
}

TEST_F(AdministrationApi, WarnsWhenTheChildLivedOutsideTheAreaAndOpensOnceConfirmed) {
  ASSERT_EQ(admin().post_json("/api/v1/partnership/areas", R"({"local_authority":"Northam City Council"})").status,
            200);
  const std::string facts =
      R"("facts":{"date_of_death":"2022-09-10","place_of_death":"hospital","notified_on":"2022-09-10",
      "expected":"expected","resident_local_authority":"Eastborough Council","notified_by":"Ward sister",
      "summary":"Child, 8, died in hospital after a long illness","given_name":"Ava","family_name":"Areatest",
      "date_of_birth":"2014-03-01"})";
  const auto warned = server().post_json("/api/v1/cases", R"({"kind":"child_death_review",)" + facts + "}");
  ASSERT_EQ(warned.status, 409);
  EXPECT_EQ(warned.json()["warnings"].items()[0]["code"].as_string(), "WRONG_AREA");
  const auto checked = server().post_json("/api/v1/cases/checks", R"({"kind":"child_death_review",)" + facts + "}");
  EXPECT_EQ(checked.json()["warnings"].items()[0]["code"].as_string(), "WRONG_AREA");
  const auto confirmed =
      server().post_json("/api/v1/cases", R"({"kind":"child_death_review","confirm":["WRONG_AREA"],)" + facts + "}");
  EXPECT_EQ(confirmed.status, 201) << confirmed.body;
}

TEST_F(AdministrationApi, OpensALinkedCaseOnlyThroughItsParent) {
  const auto direct = server().post_json("/api/v1/cases", R"({"kind":"lcspr","facts":{}})");
  ASSERT_EQ(direct.status, 422);
  EXPECT_NE(direct.json()["detail"].as_string().find("rapid review"), std::string::npos);
}

TEST_F(AdministrationApi, ListsCasesByDueWindowAndOverdue) {
  const Json late = open_notification("2022-09-01");   // notify due 8 September: overdue
  const Json fresh = open_notification("2022-09-16");  // due 23 September
  const auto overdue = server().get("/api/v1/cases?overdue=true").json();
  ASSERT_EQ(overdue["cases"].items().size(), 1u);
  EXPECT_EQ(overdue["cases"].items()[0]["id"].as_integer(), late["id"].as_integer());
  const auto soon = server().get("/api/v1/cases?due_within_working_days=5").json();
  EXPECT_EQ(soon["cases"].items().size(), 2u);
  const auto not_soon = server().get("/api/v1/cases?due_within_working_days=0").json();
  EXPECT_EQ(not_soon["cases"].items().size(), 1u);  // only the overdue one
  EXPECT_EQ(server().get("/api/v1/cases?overdue=maybe").status, 400);
  EXPECT_TRUE(fresh["id"].is_integer());
}

}  // namespace
}  // namespace casereview
