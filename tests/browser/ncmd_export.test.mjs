// The NCMD export checked against its JSON Schema by a real validator: Ajv's
// draft 2020-12 build in strict mode, with ajv-formats for "date". The server
// runs on the demonstration data (one expected death reviewed by the CDOP and
// submitted to the NCMD, its optional answers left out); the test adds a death
// answered in full and one imported from a legacy-scored review, so that every
// coded branch of the schema is met, not only its nulls. Then corrupted copies
// of the export (a member too many, a value outside an enum, a required member
// missing, a day that does not exist) must each fail, for the reason expected:
// the schema is strict. No page is opened, so no browser is started.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { startServer, apiSession } from "./harness.mjs";
import { today, deathAwaitingAnalysis } from "./setup.mjs";
import { findIdentity, childrenAsTheManagerSees } from "./identity_scan.mjs";

const env = {};
before(async () => {
  env.server = await startServer();
});
after(async () => {
  await env.server?.stop();
});

// The 400 days up to today: the demonstration's cases go back at most 250
// working days from the day it is loaded.
function demonstrationPeriod(day) {
  const from = new Date(Date.parse(`${day}T00:00:00Z`) - 400 * 86400000).toISOString().slice(0, 10);
  return { from, to: day };
}

// A death whose notification, reporting forms and analysis are answered in full.
async function deathAnsweredInFull(manager, day) {
  const opened = await manager.post("/api/v1/cases", { kind: "child_death_review",
    confirm: ["POSSIBLE_DUPLICATE", "WRONG_AREA"], facts: {
      date_of_death: day, time_of_death: "02:15", place_of_death: "home", expected: "unexpected",
      jar_triggers: ["sudden_no_apparent_cause"], notified_on: day, notified_time: "09:00",
      notified_by: "Emergency department consultant", resident_local_authority: "Northam City Council",
      summary: "Infant found unresponsive in the parents' bed.", given_name: "Schema", family_name: "Validationchild",
      date_of_birth: "2020-03-04", sex: "male", ethnicity: "white_british", looked_after: "no",
      child_protection_plan: "no", coroner_informed: "yes", post_mortem: "coronial" } });
  assert.equal(opened.status, 201, JSON.stringify(opened.body));
  const id = opened.body.id;
  await manager.command(id, "request_agency_information", { agencies: ["GP", "Police"], requested_on: day,
    supplementary_forms: ["sudden_unexpected_death"] });
  await manager.command(id, "record_agency_return", { agency: "GP", returned_on: day, involvement: "before_the_death",
    involvement_summary: "Routine appointments.", bereavement_support_offered: "yes",
    bereavement_support: "A bereavement leaflet.", supplementary_forms_answered: ["sudden_unexpected_death"],
    supplementary_answers: "No smoking in the home." });
  await manager.command(id, "record_review_meeting", { held_on: day, agencies_attended: ["GP", "Police"] });
  await manager.command(id, "record_panel_review", { reviewed_on: day,
    applicable_categories: ["sudden_unexpected_unexplained", "infection"], category: "infection",
    score_child: "1", score_social_environment: "2", score_physical_environment: "2", score_service_provision: "0",
    modifiable_factors: ["social.co_sleeping"], judgement: "modifiable_factors_identified",
    learning: "Safer sleep advice must reach both parents.", learning_themes: ["safer_sleeping"] });
  await manager.command(id, "record_ncmd_submission", { submitted_on: day });
  return opened.body;
}

function compiledSchema(schema) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

const explained = (validate) => JSON.stringify(validate.errors, null, 1);

function byReferenceIn(exported, reference) {
  return exported.deaths.find((d) => d.case_reference === reference);
}

test("the export of a period the demonstration fills validates against the served schema", async () => {
  const base = env.server.base;
  const manager = await apiSession(base, "demo.manager");
  const day = await today(base);
  const full = await deathAnsweredInFull(manager, day);
  const legacy = await deathAwaitingAnalysis(manager, day);
  await manager.command(legacy.id, "import_legacy_panel_review", { reviewed_on: day, category: "chronic_medical",
    score_child: "1*", score_social_environment: "3", score_physical_environment: "0", score_service_provision: "1",
    judgement: "insufficient_information" });

  const served = await fetch(`${base}/api/v1/exports/ncmd/schema`);
  assert.equal(served.status, 200);
  assert.equal(served.headers.get("content-type"), "application/schema+json");
  const validate = compiledSchema(await served.json());

  const period = demonstrationPeriod(day);
  const scrutineer = await apiSession(base, "demo.scrutineer");
  const response = await scrutineer.get(`/api/v1/exports/ncmd?from=${period.from}&to=${period.to}`);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  const exported = response.body;
  assert.ok(validate(exported), explained(validate));
  assert.deepEqual(exported.period, period);
  assert.equal(exported.schema, "/api/v1/exports/ncmd/schema");

  const demonstration = exported.deaths.find((d) => d.ncmd_submission?.reference === "NCMD-DEMO-0415");
  assert.ok(demonstration, "the demonstration's reviewed death is exported");
  assert.equal(demonstration.notification.time_of_death, null);
  assert.equal(byReferenceIn(exported, full.reference).analysis.category_rule, "highest_applicable_in_list");
  assert.equal(byReferenceIn(exported, full.reference).reporting[1].returned_on, null);
  assert.deepEqual(byReferenceIn(exported, legacy.reference).analysis.legacy_scores,
    { child: "1*", social_environment: "3", physical_environment: "0", service_provision: "1" });
  assert.equal(exported.deaths.length, 3);

  const children = await childrenAsTheManagerSees(manager);
  assert.ok(children.length >= 3, "the demonstration names children to look for");
  const text = JSON.stringify(exported);
  const found = children.flatMap((c) => findIdentity(text, c).map((s) => `${c.reference}: ${s.what} (${s.form})`));
  assert.deepEqual(found, [], "the export shows who a child is");

  // Corrupted copies: each must fail, for the reason given.
  const corruptions = [
    ["a member the schema does not list", "additionalProperties", (e) => { e.deaths[0].notification.name = "x"; }],
    ["a member at the top", "additionalProperties", (e) => { e.extra = true; }],
    ["a place of death not on the form", "enum", (e) => { e.deaths[0].notification.place_of_death = "garden"; }],
    ["a score off today's scale", "enum", (e) => { e.deaths[0].analysis.scores.child = 3; }],
    ["a category not among the ten", "enum", (e) => { e.deaths[0].analysis.category = "unknown"; }],
    ["the judgement left out", "required", (e) => { delete e.deaths[0].analysis.judgement; }],
    ["the submission left out", "required", (e) => { delete e.deaths[0].ncmd_submission; }],
    ["a reporting form without its agency", "required", (e) => { delete e.deaths[0].reporting[0].agency; }],
    ["a day that does not exist", "format", (e) => { e.deaths[0].notification.notified_on = "2023-02-29"; }],
    ["a code that is not a vocabulary code", "pattern", (e) => {
      byReferenceIn(e, full.reference).analysis.modifiable_factors[0].code = "Co-sleeping"; }],
  ];
  for (const [what, keyword, corrupt] of corruptions) {
    const copy = structuredClone(exported);
    corrupt(copy);
    assert.equal(validate(copy), false, `${what} is accepted`);
    assert.ok(validate.errors.some((e) => e.keyword === keyword), `${what}: ${explained(validate)}`);
  }
});
