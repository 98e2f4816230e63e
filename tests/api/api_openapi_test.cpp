// The OpenAPI document and the route table describe the same API.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "api_fixture.h"
#include "http/router.h"

namespace casereview {
namespace {

using testing_support::ApiTest;

// "/api/v1/cases/{id}" in both: the route table uses OpenAPI's placeholder syntax.
// Each operation also names who may call it (x-access), as the table does.
std::string access_name(const web::Access& access) {
  switch (access.kind) {
    case web::Access::Kind::Public:
      return "public";
    case web::Access::Kind::SignedIn:
      return "signed_in";
    case web::Access::Kind::Permitted:
      return permission_name(access.permission);
  }
  return "";
}

std::set<std::string> operations_in_table() {
  std::set<std::string> out;
  for (const web::Route& r : web::route_table()) {
    out.insert(r.method + " " + r.pattern + " " + r.operation_id + " " + access_name(r.access));
  }
  return out;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

class OpenApi : public ApiTest {};

TEST_F(OpenApi, IsServedAndValidEnough) {
  const auto r = server().get("/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  const Json doc = r.json();
  EXPECT_EQ(doc["openapi"].as_string().substr(0, 2), "3.");
  EXPECT_TRUE(doc["info"]["title"].is_string());
  EXPECT_TRUE(doc["info"]["version"].is_string());
  ASSERT_TRUE(doc["paths"].is_object());
  std::set<std::string> operation_ids;
  for (const auto& [path, item] : doc["paths"].members()) {
    EXPECT_EQ(path.front(), '/') << path;
    for (const auto& [method, operation] : item.members()) {
      if (method == "parameters") continue;
      ASSERT_TRUE(operation["operationId"].is_string()) << path << " " << method;
      EXPECT_TRUE(operation_ids.insert(operation["operationId"].as_string()).second)
          << "duplicate operationId " << operation["operationId"].as_string();
      ASSERT_TRUE(operation["responses"].is_object()) << path << " " << method;
      EXPECT_FALSE(operation["responses"].members().empty()) << path << " " << method;
      // Every {placeholder} in the path is declared as a path parameter.
      std::size_t open = path.find('{');
      while (open != std::string::npos) {
        const std::string name = path.substr(open + 1, path.find('}', open) - open - 1);
        bool declared = false;
        for (const Json* list : {&item["parameters"], &operation["parameters"]}) {
          if (!list->is_array()) continue;
          for (const Json& p : list->items()) {
            const Json& param =
                p.contains("$ref") ? doc["components"]["parameters"][p["$ref"].as_string().substr(24)] : p;
            declared = declared || (param["name"].is_string() && param["name"].as_string() == name &&
                                    param["in"].as_string() == "path");
          }
        }
        EXPECT_TRUE(declared) << path << " does not declare {" << name << "}";
        open = path.find('{', open + 1);
      }
    }
  }
  // Every $ref points at something that exists.
  std::function<void(const Json&)> check_refs = [&](const Json& node) {
    if (node.is_object()) {
      if (const Json* ref = node.find("$ref")) {
        const std::string target = ref->as_string();
        ASSERT_EQ(target.rfind("#/components/", 0), 0u) << target;
        const std::string rest = target.substr(13);
        const std::string section = rest.substr(0, rest.find('/'));
        const std::string name = rest.substr(rest.find('/') + 1);
        EXPECT_TRUE(doc["components"][section].contains(name)) << "dangling " << target;
      }
      for (const auto& [k, v] : node.members()) check_refs(v);
    } else if (node.is_array()) {
      for (const Json& v : node.items()) check_refs(v);
    }
  };
  check_refs(doc);
}

TEST_F(OpenApi, DocumentsExactlyTheRoutesTheServerServes) {
  const Json doc = server().get("/api/v1/openapi.json").json();
  std::set<std::string> documented;
  for (const auto& [path, item] : doc["paths"].members()) {
    for (const auto& [method, operation] : item.members()) {
      if (method == "parameters") continue;
      documented.insert(upper(method) + " " + path + " " + operation["operationId"].as_string() + " " +
                        operation["x-access"].as_string());
    }
  }
  EXPECT_EQ(documented, operations_in_table());
}

TEST_F(OpenApi, DescribesTheFactsOfEveryCommandOfEveryWorkflow) {
  const Json doc = server().get("/api/v1/openapi.json").json();
  const Json workflows = server().get("/api/v1/workflows").json();
  int commands = 0;
  for (const Json& w : workflows["workflows"].items()) {
    for (const Json& c : w["commands"].items()) {
      const std::string name = "commands." + w["kind"].as_string() + "." + c["name"].as_string();
      const Json& schema = doc["components"]["schemas"][name];
      ASSERT_TRUE(schema.is_object()) << name;
      EXPECT_EQ(schema["properties"].members().size(), c["fields"].items().size()) << name;
      ++commands;
    }
  }
  EXPECT_GE(commands, 50);
}

// `schema` without its human text (title, description), for comparing shapes.
Json shape(const Json& schema) {
  if (schema.is_object()) {
    Json out = Json::object();
    for (const auto& [name, member] : schema.members()) {
      if (name != "title" && name != "description") out.set(name, shape(member));
    }
    return out;
  }
  if (schema.is_array()) {
    Json out = Json::array();
    for (const Json& item : schema.items()) out.push(shape(item));
    return out;
  }
  return schema;
}

// Written out by hand from the workflows' READMEs, one command per workflow:
// a change of a command's facts must show up here, not only in the document
// generated from the same specs.
TEST_F(OpenApi, DescribesOneCommandOfEachWorkflowAsWrittenHere) {
  const Json schemas = server().get("/api/v1/openapi.json").json()["components"]["schemas"];
  const std::map<std::string, std::string> expected = {
      {"commands.serious_incident_notification.submit_notification", R"({"type":"object","additionalProperties":false,
        "properties":{"submitted_on":{"type":"string","format":"date"},
                      "panel_reference":{"type":"string","maxLength":100}},
        "required":["submitted_on"]})"},
      {"commands.rapid_review.record_decision", R"({"type":"object","additionalProperties":false,
        "properties":{"decided_on":{"type":"string","format":"date"},
                      "decision":{"type":"string","enum":["lcspr","no_lcspr","national_review_referral","criteria_not_met"]},
                      "rationale":{"type":"string","maxLength":4000},
                      "learning_taken_forward":{"type":"string","maxLength":4000},
                      "local_review_criteria":{"type":"array","items":{"type":"string","enum":["improvements_needed",
                        "recurrent_themes","agencies_working_together","panel_concluded_local_review","none","not_recorded"]}},
                      "facts":{"type":"string","maxLength":4000},
                      "key_practice_episodes":{"type":"string","maxLength":4000},
                      "inequalities":{"type":"string","maxLength":4000},
                      "parallel_processes":{"type":"array","items":{"type":"string","enum":["police_investigation",
                        "criminal_proceedings","coroner","other_review","none_known","not_recorded"]}},
                      "parallel_processes_details":{"type":"string","maxLength":2000},
                      "immediate_safety_actions":{"type":"array","items":{"type":"string"}},
                      "learning_themes":{"type":"array","items":{"type":"string"}},
                      "partners_agreeing":{"type":"array","items":{"type":"string","enum":["local_authority",
                        "integrated_care_board","police"]}},
                      "agreed_for_partners":{"type":"string","maxLength":1000}},
        "required":["decided_on","decision","rationale","local_review_criteria","facts","key_practice_episodes",
                    "inequalities","parallel_processes","immediate_safety_actions","partners_agreeing"]})"},
      {"commands.lcspr.put_on_hold", R"({"type":"object","additionalProperties":false,
        "properties":{"held_from":{"type":"string","format":"date"},
                      "reason":{"type":"string","enum":["criminal_trial","inquest","other_parallel_process"]},
                      "details":{"type":"string","maxLength":2000},
                      "family_informed_on":{"type":"string","format":"date"},
                      "panel_informed_on":{"type":"string","format":"date"}},
        "required":["held_from","reason","details"]})"},
      // The child death reporting form, answered in structure (December 2026).
      {"commands.child_death_review.record_agency_return", R"({"type":"object","additionalProperties":false,
        "properties":{"agency":{"type":"string","maxLength":200},
                      "returned_on":{"type":"string","format":"date"},
                      "note":{"type":"string","maxLength":2000},
                      "involvement":{"type":"string",
                                     "enum":["at_the_time_of_death","before_the_death","after_the_death_only","none"]},
                      "involvement_summary":{"type":"string","maxLength":4000},
                      "child_factors":{"type":"string","maxLength":4000},
                      "family_environment":{"type":"string","maxLength":4000},
                      "service_provision":{"type":"string","maxLength":4000},
                      "bereavement_support_offered":{"type":"string","enum":["yes","no","not_known"]},
                      "bereavement_support":{"type":"string","maxLength":2000},
                      "supplementary_forms_answered":{"type":"array","items":{"type":"string","enum":[
                        "asthma_anaphylaxis","cardiac","care_pathway","chromosomal_genetic_congenital","diabetes",
                        "epilepsy","infection","malignancy","neonatal","substance_misuse","sudden_unexpected_death",
                        "suicide_self_harm"]}},
                      "supplementary_answers":{"type":"string","maxLength":4000},
                      "completed_by":{"type":"string","maxLength":200,"x-identifying":true}},
        "required":["agency","returned_on"]})"},
  };
  for (const auto& [name, schema] : expected) {
    ASSERT_TRUE(schemas.contains(name)) << name;
    EXPECT_EQ(shape(schemas[name]).canonical(), Json::parse(schema).canonical()) << name;
    EXPECT_TRUE(schemas[name]["title"].is_string()) << name;
  }
}

}  // namespace
}  // namespace casereview
