// The JSON Schema of the NCMD export (web/ncmd-export.schema.json), as the
// server serves it: public, draft 2020-12, strict on every object (nothing
// beyond the properties listed, every property required), and each coded value
// an enum of exactly the choices the child death review's forms offer, read
// from GET /api/v1/workflows, so that the schema and the workflow cannot drift.
// tests/browser/ncmd_export.test.mjs validates real exports against it with Ajv.
#include <gtest/gtest.h>

#include <functional>
#include <iterator>
#include <set>

#include "api_fixture.h"
#include "casereview/engine/vocabulary.h"

namespace casereview {
namespace {

using testing_support::ApiTest;
using testing_support::HttpResult;

constexpr const char* kSchema = "/api/v1/exports/ncmd/schema";

class NcmdExportSchema : public ApiTest {};

// The schema's node at `pointer` ("#/$defs/x"), and a node with its $ref followed.
const Json& at(const Json& schema, const std::string& pointer) {
  return schema["$defs"][pointer.substr(std::string("#/$defs/").size())];
}
const Json& resolved(const Json& schema, const Json& node) {
  return node.contains("$ref") ? resolved(schema, at(schema, node["$ref"].as_string())) : node;
}

// The choices of a command's fact, as GET /api/v1/workflows lists them.
std::set<std::string> choices(const Json& workflows, const std::string& command, const std::string& fact) {
  for (const Json& w : workflows["workflows"].items()) {
    if (w["kind"].as_string() != "child_death_review") continue;
    for (const Json& c : w["commands"].items()) {
      if (c["name"].as_string() != command) continue;
      for (const Json& f : c["fields"].items()) {
        if (f["name"].as_string() != fact) continue;
        std::set<std::string> out;
        for (const Json& choice : f["choices"].items()) out.insert(choice.as_string());
        return out;
      }
    }
  }
  ADD_FAILURE() << command << " has no fact " << fact;
  return {};
}

// An enum's values other than null, as text (integers written out).
std::set<std::string> enumerated(const Json& schema, const Json& node) {
  std::set<std::string> out;
  for (const Json& v : resolved(schema, node)["enum"].items()) {
    if (v.is_string()) out.insert(v.as_string());
    if (v.is_integer()) out.insert(std::to_string(v.as_integer()));
  }
  return out;
}

TEST_F(NcmdExportSchema, IsPublicStrictAndCodesWhatTheFormsOffer) {
  const HttpResult r = server().anonymous().get(kSchema);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "application/schema+json");
  const Json schema = r.json();
  EXPECT_EQ(schema["$schema"].as_string(), "https://json-schema.org/draft/2020-12/schema");
  EXPECT_EQ(schema["properties"]["schema"]["const"].as_string(), kSchema);

  // Every object: nothing beyond its properties, and every property required.
  int objects = 0;
  std::function<void(const Json&)> check = [&](const Json& node) {
    if (node.is_array()) {
      for (const Json& item : node.items()) check(item);
    }
    if (!node.is_object()) return;
    if (node["type"].is_string() && node["type"].as_string() == "object") {
      ++objects;
      EXPECT_EQ(node["additionalProperties"], Json(false)) << node.dump();
      std::set<std::string> properties, required;
      for (const auto& [name, value] : node["properties"].members()) properties.insert(name);
      for (const Json& name : node["required"].items()) required.insert(name.as_string());
      EXPECT_EQ(required, properties) << node.dump();
    }
    for (const auto& [name, value] : node.members()) check(value);
  };
  check(schema);
  EXPECT_EQ(objects, 11);
  for (const char* part : {"notification", "reporting_form", "analysis"}) {
    EXPECT_NE(at(schema, std::string("#/$defs/") + part)["description"].as_string().find("Source: the"),
              std::string::npos)
        << part;
  }

  // Each coded value is exactly what the workflow's forms offer.
  const Json workflows = server().get("/api/v1/workflows").json();
  const Json& notified = at(schema, "#/$defs/notification")["properties"];
  for (const char* fact : {"place_of_death", "expected", "sex", "ethnicity", "looked_after", "child_protection_plan",
                           "coroner_informed", "post_mortem"}) {
    EXPECT_EQ(enumerated(schema, notified[fact]), choices(workflows, "notify_death", fact)) << fact;
  }
  EXPECT_EQ(enumerated(schema, notified["jar_triggers"]["items"]), choices(workflows, "notify_death", "jar_triggers"));
  const Json& form = at(schema, "#/$defs/reporting_form")["properties"];
  for (const char* fact : {"involvement", "bereavement_support_offered"}) {
    EXPECT_EQ(enumerated(schema, form[fact]), choices(workflows, "record_agency_return", fact)) << fact;
  }
  EXPECT_EQ(enumerated(schema, form["supplementary_forms_sent"]["items"]),
            choices(workflows, "request_agency_information", "supplementary_forms"));
  EXPECT_EQ(enumerated(schema, form["supplementary_forms_answered"]["items"]),
            choices(workflows, "record_agency_return", "supplementary_forms_answered"));
  const Json& analysis = at(schema, "#/$defs/analysis")["properties"];
  for (const char* fact : {"category", "judgement"}) {
    EXPECT_EQ(enumerated(schema, analysis[fact]), choices(workflows, "record_panel_review", fact)) << fact;
  }
  EXPECT_EQ(enumerated(schema, analysis["applicable_categories"]["items"]),
            choices(workflows, "record_panel_review", "applicable_categories"));
  EXPECT_EQ(enumerated(schema, analysis["scores"]["properties"]["child"]),
            choices(workflows, "record_panel_review", "score_child"));
  EXPECT_EQ(enumerated(schema, analysis["legacy_scores"]["anyOf"].items().at(0)["properties"]["child"]),
            choices(workflows, "import_legacy_panel_review", "score_child"));
  EXPECT_EQ(enumerated(schema, at(schema, "#/$defs/domain")),
            (std::set<std::string>{std::begin(kFactorDomains), std::end(kFactorDomains)}));
}

}  // namespace
}  // namespace casereview
