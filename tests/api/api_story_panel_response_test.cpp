// After the National Panel's response, on a real server: the Panel disagrees
// with a rapid review's decision not to carry out a local review, and the
// safeguarding partners then open one (linked on the spine, its 6-month clock
// running from their new decision); the Panel carries out a national review,
// which opens as a linked case with its reference, the Panel's requests
// answered by the dates it set, its report and the partnership's response.
// Today is fixed at Friday 16 September 2022. And a database written by the
// old rules (tests/fixtures/before-json-library: rapid reviews decided and
// answered before the Panel's template and challenge had their own steps)
// served by today's binary: its old cases still show and decide sensibly.
#include <algorithm>
#include <filesystem>

#include "api_fixture.h"

namespace casereview {
namespace {

using testing_support::ApiTest;
using testing_support::deadline;

class PanelResponseStories : public ApiTest {
 protected:
  // A serious incident notified on `submitted_on`, and its rapid review's id.
  long long rapid_review(const std::string& became_aware_on, const std::string& submitted_on,
                         const std::string& summary) {
    const auto opened = server().post_json(
        "/api/v1/cases", R"({"kind":"serious_incident_notification","facts":{"became_aware_on":")" + became_aware_on +
                             R"(","harm":"serious_harm","abuse_or_neglect":"suspected","location":"in_area",
                             "local_authority":"Northam City Council","summary":")" +
                             summary + R"("}})");
    EXPECT_EQ(opened.status, 201) << opened.body;
    const long long sin = opened.json()["id"].as_integer();
    return opened_id(step(sin, "submit_notification", R"({"submitted_on":")" + submitted_on + R"("})"));
  }
};

// What the Panel's rapid review template asks for, around the decision itself.
std::string decision(const std::string& decided_on, const std::string& decision, const std::string& partners) {
  return R"({"decided_on":")" + decided_on + R"(","decision":")" + decision + R"(",
      "rationale":"The learning about interpreters is known and is being acted on by each agency.",
      "learning_taken_forward":"A practice briefing on interpreters and a single-agency audit in health visiting.",
      "facts":"Baby of 7 weeks admitted with rib fractures; the explanation given does not account for them.",
      "key_practice_episodes":"The new-birth visit without an interpreter; two GP consultations for crying.",
      "inequalities":"The parents speak Romanian; no interpreter was used at three of five contacts, so their concerns went unheard.",
      "local_review_criteria":["improvements_needed"],
      "parallel_processes":["police_investigation"],
      "parallel_processes_details":"Police investigation by the child abuse investigation team.",
      "immediate_safety_actions":["Sibling seen; a safety plan with the grandparents"],
      "partners_agreeing":)" +
         partners + R"(,
      "agreed_for_partners":"Director of children's services; ICB chief nurse; detective superintendent as delegated safeguarding partner",
      "learning_themes":["professional_curiosity"]})";
}

const char* kAllThree = R"(["local_authority","integrated_care_board","police"])";

std::vector<std::string> allowed(const Json& body) {
  std::vector<std::string> out;
  for (const Json& c : body["allowed_commands"].items()) out.push_back(c["name"].as_string());
  return out;
}

std::vector<std::string> spine_of(const Json& body) {
  std::vector<std::string> out;
  for (const Json& c : body["spine"].items()) out.push_back(c["kind"].as_string() + ":" + c["state"].as_string());
  return out;
}

TEST_F(PanelResponseStories, ThePanelDisagreesWithNoLocalReviewAndThePartnersOpenOne) {
  const long long rr = rapid_review("2022-06-06", "2022-06-08", "Baby, 7 weeks, with unexplained rib fractures");
  step(rr, "record_meeting",
       R"({"held_on":"2022-06-20","agencies_attended":["Police","Health","Children's social care"]})");

  // The decision records what the Panel's template asks, agreed by all three partners.
  const auto two_partners =
      attempt(rr, "record_decision", decision("2022-06-22", "no_lcspr", R"(["local_authority","police"])"));
  ASSERT_EQ(two_partners.status, 422) << two_partners.body;
  EXPECT_EQ(two_partners.json()["errors"].items()[0]["field"].as_string(), "partners_agreeing");
  const auto without_template = attempt(rr, "record_decision", R"({"decided_on":"2022-06-22","decision":"no_lcspr",
      "rationale":"The learning is known and is being acted on by each agency.",
      "learning_taken_forward":"A practice briefing and a single-agency audit."})");
  ASSERT_EQ(without_template.status, 400) << without_template.body;  // the template's facts are required
  EXPECT_EQ(read_case(rr)["version"].as_integer(), 2);               // neither refusal recorded anything
  const Json decided = step(rr, "record_decision", decision("2022-06-22", "no_lcspr", kAllThree));
  EXPECT_TRUE(decided["opened_cases"].items().empty());
  step(rr, "submit_to_panel", R"({"submitted_on":"2022-06-24"})");
  EXPECT_EQ((*deadline(read_case(rr), "rr.submit_to_panel"))["status"].as_string(), "met");  // due 29 June

  // The Panel disagrees and recommends a local review: the partners decide again.
  const Json challenged = step(rr, "record_panel_response", R"({"responded_on":"2022-07-08",
      "agrees_with_decision":"no","recommends_local_review":"yes","national_review":"no",
      "comments":"The Panel considers a local review may be more appropriate: the learning spans agencies."})");
  EXPECT_EQ(challenged["state"].as_string(), "reconsidering");
  EXPECT_FALSE(challenged["closed"].as_bool());
  EXPECT_EQ(challenged["outcome"].as_string(),
            "No local review: learning taken forward another way; the Panel did not agree, recommended a local "
            "review");
  EXPECT_EQ((*deadline(challenged, "rr.panel_response"))["met_on"].as_string(), "2022-07-08");
  const std::vector<std::string> offered = allowed(challenged);
  EXPECT_NE(std::find(offered.begin(), offered.end(), "record_decision_after_panel"), offered.end());
  EXPECT_EQ(std::find(offered.begin(), offered.end(), "record_panel_response"), offered.end());
  const auto too_early = attempt(rr, "record_decision_after_panel", R"({"decided_on":"2022-07-07","decision":"lcspr",
      "rationale":"The Panel's view is accepted: the learning spans three agencies.",
      "local_review_criteria":["agencies_working_together","panel_concluded_local_review"],
      "partners_agreeing":["local_authority","integrated_care_board","police"]})");
  ASSERT_EQ(too_early.status, 422) << too_early.body;
  EXPECT_EQ(too_early.json()["errors"].items()[0]["field"].as_string(), "decided_on");

  // The partners open the local review, with the rationale of their new decision.
  const Json reconsidered = step(rr, "record_decision_after_panel", R"({"decided_on":"2022-07-15","decision":"lcspr",
      "rationale":"The Panel's view is accepted: the learning spans three agencies.",
      "local_review_criteria":["agencies_working_together","panel_concluded_local_review"],
      "partners_agreeing":["local_authority","integrated_care_board","police"]})");
  EXPECT_EQ(reconsidered["state"].as_string(), "panel_responded");
  EXPECT_EQ(reconsidered["outcome"].as_string(),
            "Local child safeguarding practice review commissioned after the Panel's response");
  const long long lcspr = opened_id(reconsidered);
  EXPECT_EQ(attempt(rr, "record_decision_after_panel", R"({"decided_on":"2022-07-15","decision":"lcspr",
      "rationale":"The Panel's view is accepted: the learning spans three agencies.",
      "local_review_criteria":["none"],"partners_agreeing":["local_authority","integrated_care_board","police"]})")
                .status,
            409);

  // Linked on the spine, its clock running from the new decision.
  const Json review = read_case(lcspr);
  EXPECT_EQ(review["kind"].as_string(), "lcspr");
  EXPECT_EQ(review["parent_case_id"].as_integer(), rr);
  EXPECT_EQ(review["relation"].as_string(), "lcspr");
  EXPECT_EQ(review["state"].as_string(), "commissioning");
  const Json* publish = deadline(review, "lcspr.publish");
  ASSERT_TRUE(publish);
  EXPECT_EQ((*publish)["anchor_date"].as_string(), "2022-07-15");
  EXPECT_EQ((*publish)["due_date"].as_string(), "2023-01-15");
  EXPECT_EQ((*publish)["status"].as_string(), "on_track");
  const Json timeline = server().get("/api/v1/cases/" + std::to_string(lcspr) + "/timeline").json();
  EXPECT_EQ(timeline["events"].items()[0]["payload"]["rationale"].as_string(),
            "The Panel's view is accepted: the learning spans three agencies.");
  EXPECT_EQ(spine_of(review), (std::vector<std::string>{"serious_incident_notification:notified",
                                                        "rapid_review:panel_responded", "lcspr:commissioning"}));
}

TEST_F(PanelResponseStories, ThePanelCarriesOutANationalReviewWithThePartnershipsPartInIt) {
  const long long rr = rapid_review("2022-05-09", "2022-05-11", "Child, 4, seriously harmed; neglect across agencies");
  step(rr, "record_meeting", R"({"held_on":"2022-05-23","agencies_attended":["Police","Health","Education"]})");
  step(rr, "record_decision", decision("2022-05-25", "national_review_referral", kAllThree));
  step(rr, "submit_to_panel", R"({"submitted_on":"2022-05-27"})");
  const auto without_reference = attempt(rr, "record_panel_response", R"({"responded_on":"2022-06-10",
      "agrees_with_decision":"yes","national_review":"yes","partnership_part":"Chronologies and practitioners"})");
  ASSERT_EQ(without_reference.status, 422) << without_reference.body;
  EXPECT_EQ(without_reference.json()["errors"].items()[0]["field"].as_string(), "panel_reference");
  const Json responded = step(rr, "record_panel_response", R"({"responded_on":"2022-06-10",
      "agrees_with_decision":"yes","national_review":"yes","panel_reference":"CSPRP-NR-2022-04",
      "partnership_part":"Agency chronologies, access to practitioners and a family contact"})");
  EXPECT_EQ(responded["state"].as_string(), "panel_responded");
  EXPECT_EQ(responded["outcome"].as_string(),
            "Referred to the National Panel for a national review; the Panel agreed and will carry out a national "
            "review");
  const long long nr = opened_id(responded);
  EXPECT_EQ(responded["opened_cases"].items()[0]["reference"].as_string(), "NR-2022-0001");
  EXPECT_TRUE(allowed(read_case(rr)) == (std::vector<std::string>{"add_action"}));

  // The national review on the spine, under the Panel's reference.
  Json review = read_case(nr);
  EXPECT_EQ(review["kind"].as_string(), "national_review");
  EXPECT_EQ(review["parent_case_id"].as_integer(), rr);
  EXPECT_EQ(review["relation"].as_string(), "national_review");
  EXPECT_EQ(review["state"].as_string(), "contributing");
  EXPECT_TRUE(review["deadlines"].items().empty());  // nothing asked yet, so no clock
  const Json opening = server().get("/api/v1/cases/" + std::to_string(nr) + "/timeline").json()["events"].items()[0];
  EXPECT_EQ(opening["type"].as_string(), "national_review_opened");
  EXPECT_EQ(opening["effective_date"].as_string(), "2022-06-10");
  EXPECT_EQ(opening["payload"]["panel_reference"].as_string(), "CSPRP-NR-2022-04");
  EXPECT_EQ(opening["payload"]["partnership_part"].as_string(),
            "Agency chronologies, access to practitioners and a family contact");
  EXPECT_EQ(spine_of(review),
            (std::vector<std::string>{"serious_incident_notification:notified", "rapid_review:panel_responded",
                                      "national_review:contributing"}));

  // The Panel's requests, each due by the date it set.
  step(nr, "record_panel_request", R"({"request_ref":"P1","received_on":"2022-06-20",
      "request":"Each agency's chronology for the year before","due_on":"2022-07-04"})");
  EXPECT_EQ((*deadline(read_case(nr), "nr.answer_panel_request"))["due_date"].as_string(), "2022-07-04");
  step(nr, "record_information_provided", R"({"request_ref":"P1","provided_on":"2022-07-01"})");
  EXPECT_EQ((*deadline(read_case(nr), "nr.answer_panel_request"))["status"].as_string(), "met");
  step(nr, "record_panel_request", R"({"request_ref":"P2","received_on":"2022-09-05",
      "request":"Names of practitioners willing to meet the reviewers","due_on":"2022-09-16"})");
  review = read_case(nr);
  EXPECT_EQ((*deadline(review, "nr.answer_panel_request"))["status"].as_string(), "due_today");
  EXPECT_EQ(attempt(nr, "record_information_provided", R"({"request_ref":"P3","provided_on":"2022-09-15"})").status,
            422);

  // The report, and the partnership's response to its recommendations.
  const Json published = step(nr, "record_report_published", R"({"published_on":"2022-09-16",
      "publication":"full_report","title":"Neglect of young children seen by many agencies",
      "recommendations":"A shared neglect tool across agencies; escalation when children miss appointments."})");
  EXPECT_EQ(published["state"].as_string(), "acting_on_report");
  EXPECT_EQ((*deadline(published, "nr.answer_panel_request"))["status"].as_string(), "not_required");
  const Json* response = deadline(published, "nr.partnership_response");
  ASSERT_TRUE(response);
  EXPECT_EQ((*response)["kind"].as_string(), "reminder");
  EXPECT_EQ((*response)["due_date"].as_string(), "2022-12-16");
  const auto unagreed = attempt(nr, "record_partnership_response", R"({"responded_on":"2022-09-16",
      "response":"Adopt the shared neglect tool and audit missed appointments within a year.",
      "partners_agreeing":["local_authority","police"]})");
  ASSERT_EQ(unagreed.status, 422) << unagreed.body;
  EXPECT_EQ(unagreed.json()["errors"].items()[0]["field"].as_string(), "partners_agreeing");
  step(nr, "record_partnership_response", R"({"responded_on":"2022-09-16",
      "response":"Adopt the shared neglect tool and audit missed appointments within a year.",
      "partners_agreeing":["local_authority","integrated_care_board","police"]})");
  step(nr, "add_action", R"({"ref":"N1","recommendation":"A shared neglect tool across agencies",
      "action":"Adopt the shared neglect tool","owner_person":"Head of safeguarding","owner_agency":"Local authority",
      "due_on":"2023-03-31","desired_outcome":"Every agency uses the same tool","agreed_on":"2022-09-16"})");
  const Json closed = step(nr, "close_national_review", R"({"closed_on":"2022-09-16"})");
  EXPECT_EQ(closed["state"].as_string(), "closed");
  EXPECT_TRUE(closed["closed"].as_bool());
  EXPECT_EQ((*deadline(closed, "nr.partnership_response"))["status"].as_string(), "met");
  const Json actions = server().get("/api/v1/actions").json()["actions"];
  ASSERT_EQ(actions.items().size(), 1u);
  EXPECT_EQ(actions.items()[0]["case_id"].as_integer(), nr);

  // Nothing in the record was rewritten along the way.
  const auto verified = testing_support::run_casereview({"audit", "verify", "--db", db_path()});
  EXPECT_EQ(verified.exit_code, 0) << verified.out;
}

// A copy of the database written by casereview 0.2.0 (its rapid reviews
// decided before the template's facts existed), migrated and served by
// today's binary.
class RapidReviewsRecordedUnderTheOldRules : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string fixture = std::string(CASEREVIEW_SOURCE_DIR) + "/tests/fixtures/before-json-library";
    std::filesystem::copy_file(fixture + "/casereview.db", db);
    std::filesystem::copy_file(fixture + "/casereview.db.key", db + ".key");
    // Upgraded as an operator would, before today's binary serves it.
    const auto migrated = testing_support::run_casereview({"db", "migrate", "--db", db});
    ASSERT_EQ(migrated.exit_code, 0) << migrated.err;
    server = std::make_unique<testing_support::ServerProcess>(db, std::vector<std::string>{"--today", "2022-09-16"});
    manager = std::make_unique<testing_support::Client>(
        server->as(server->sign_in("demo.manager", "demonstration only 2026")));
  }
  void TearDown() override {
    if (server) {
      EXPECT_EQ(server->stop(), 0) << server->log();
    }
  }

  Json read(long long id) const { return manager->get("/api/v1/cases/" + std::to_string(id)).json(); }
  testing_support::HttpResult command(long long id, const std::string& name, const std::string& facts) const {
    return manager->post_json("/api/v1/cases/" + std::to_string(id) + "/commands",
                              R"({"command":")" + name + R"(","expected_version":)" +
                                  std::to_string(read(id)["version"].as_integer()) + R"(,"facts":)" + facts + "}");
  }
  // The case with `reference`, as listed.
  long long id_of(const std::string& reference) const {
    const Json listed = manager->get("/api/v1/cases?limit=100").json();
    for (const Json& c : listed["cases"].items()) {
      if (c["reference"].as_string() == reference) return c["id"].as_integer();
    }
    ADD_FAILURE() << "no case " << reference;
    return 0;
  }

  testing_support::TempDir scratch;
  std::string db = scratch.file("casereview.db");
  std::unique_ptr<testing_support::ServerProcess> server;
  std::unique_ptr<testing_support::Client> manager;
};

TEST_F(RapidReviewsRecordedUnderTheOldRules, TheirDecisionsStandAndThePanelsChallengeIsAnswered) {
  // RR-2022-0002 decided "no local review" under the old rules: its decision
  // has none of the template's facts, and it awaits the Panel.
  const long long rr = id_of("RR-2022-0002");
  const auto timeline = manager->get("/api/v1/cases/" + std::to_string(rr) + "/timeline").json()["events"];
  const auto decision = std::find_if(timeline.items().begin(), timeline.items().end(),
                                     [](const Json& e) { return e["type"].as_string() == "decision_recorded"; });
  ASSERT_NE(decision, timeline.items().end());
  EXPECT_FALSE((*decision)["payload"].contains("partners_agreeing"));
  Json before = read(rr);
  EXPECT_EQ(before["state"].as_string(), "awaiting_panel");
  EXPECT_EQ((*deadline(before, "rr.submit_to_panel"))["status"].as_string(), "met");
  EXPECT_EQ(allowed(before), (std::vector<std::string>{"record_panel_response", "add_action", "update_action"}));

  // The Panel disagrees: the old decision leads to the partners' next decision.
  const auto challenged = command(rr, "record_panel_response", R"({"responded_on":"2022-09-07",
      "agrees_with_decision":"no","recommends_local_review":"yes","national_review":"no"})");
  ASSERT_EQ(challenged.status, 200) << challenged.body;
  EXPECT_EQ(challenged.json()["state"].as_string(), "reconsidering");
  const auto reconsidered = command(rr, "record_decision_after_panel", R"({"decided_on":"2022-09-14",
      "decision":"lcspr","rationale":"The Panel's view is accepted: the bruising protocol spans three agencies.",
      "local_review_criteria":["panel_concluded_local_review"],
      "partners_agreeing":["local_authority","integrated_care_board","police"]})");
  ASSERT_EQ(reconsidered.status, 200) << reconsidered.body;
  const Json lcspr = read(reconsidered.json()["opened_cases"].items().at(0)["id"].as_integer());
  EXPECT_EQ(lcspr["parent_case_id"].as_integer(), rr);
  EXPECT_EQ((*deadline(lcspr, "lcspr.publish"))["due_date"].as_string(), "2023-03-14");

  // RR-2022-0003's response was recorded under the old rules (the Panel agreed):
  // it may still link a national review the Panel decides on, never decide again.
  const Json answered = read(id_of("RR-2022-0003"));
  EXPECT_EQ(answered["state"].as_string(), "panel_responded");
  EXPECT_EQ(allowed(answered), (std::vector<std::string>{"record_national_review", "add_action"}));

  // The old chains, extended by today's steps, still verify.
  manager.reset();
  EXPECT_EQ(server->stop(), 0) << server->log();
  server.reset();
  const auto verified = testing_support::run_casereview({"audit", "verify", "--db", db, "--key-file", db + ".key"});
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
}

}  // namespace
}  // namespace casereview
