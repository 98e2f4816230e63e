// The browser tests' identity scan must catch every way a page can show who a
// child is, and must not mistake a longer value for an identifying one.
// (No browser needed: the scan is plain text matching.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { findIdentity } from "./identity_scan.mjs";

const child = { givenName: "Zephyrine", familyName: "Plantagenetova", dateOfBirth: "2021-02-13",
  nhsNumber: "943 476 5919", street: "Quillfeather Lane", relatives: ["Ysolde"] };
const bornFirstOfJune = { givenName: "Leo", familyName: "Fairbrother", dateOfBirth: "2026-06-01" };
const seen = (text, who = child) => findIdentity(text, who).map((s) => `${s.what}: ${s.form}`);

test("the name in any letter case, and the family name alone", () => {
  assert.deepEqual(seen("Child: Zephyrine Plantagenetova"),
    ["full name: Zephyrine Plantagenetova", "family name: Plantagenetova"]);
  assert.deepEqual(seen("CHILD: ZEPHYRINE \n PLANTAGENETOVA"),
    ["full name: Zephyrine Plantagenetova", "family name: Plantagenetova"]);
  assert.deepEqual(seen("<td>Zephyrine</td><td>plantagenetova</td>"), ["family name: Plantagenetova"]);
  assert.deepEqual(seen("Plantagenetova's mother"), ["family name: Plantagenetova"]);
  assert.deepEqual(seen("Plantagenetova\u2019s mother \u2013 seen"), ["family name: Plantagenetova"]);
  assert.deepEqual(seen("\u201cPlantagenetova\u201d"), ["family name: Plantagenetova"]);
  assert.deepEqual(seen("17 QUILLFEATHER LANE"), ["street: Quillfeather Lane"]);
  assert.deepEqual(seen("Mother:\u00a0Ysolde"), ["family member: Ysolde"]);
});

test("names count only as whole words", () => {
  assert.deepEqual(seen("Plantagenetovas; xPlantagenetova; Ysoldes"), []);
  assert.deepEqual(seen("Leontes", bornFirstOfJune), []);
  assert.deepEqual(seen("Plantagenetovaë and éPlantagenetova"), []);
});

test("the date of birth however it is written", () => {
  for (const written of ["2021-02-13", "13 February 2021", "Saturday 13 february 2021", "13 Feb 2021",
    "February 13, 2021", "13/02/2021", "13/2/2021", "13-02-2021", "13.02.2021", "2021/02/13", "born on 13 FEBRUARY 2021."]) {
    assert.equal(findIdentity(written, child).length, 1, written);
  }
  assert.deepEqual(seen("Due 1 June 2026", bornFirstOfJune), ["date of birth: 1 june 2026"]);
  assert.deepEqual(seen("01/06/2026", bornFirstOfJune), ["date of birth: 01/06/2026"]);
});

test("a longer date containing the date of birth is not it", () => {
  assert.deepEqual(seen("Statutory date 11 June 2026", bornFirstOfJune), []);
  assert.deepEqual(seen("21 June 2026; 31/06/2026; 11/06/2026; 2026-06-011; 12026-06-01", bornFirstOfJune), []);
  assert.deepEqual(seen("1 June 20261", bornFirstOfJune), []);
});

test("the NHS number with or without spaces", () => {
  assert.deepEqual(seen("NHS 9434765919"), ["NHS number: 9434765919"]);
  assert.deepEqual(seen("NHS 943 476 5919"), ["NHS number: 943 476 5919"]);
  assert.deepEqual(seen("NHS 943-476-5919"), ["NHS number: 943-476-5919"]);
  assert.deepEqual(seen("NHS 943   476\n5919"), ["NHS number: 943 476 5919"]);
  assert.deepEqual(seen("19434765919 and 94347659190"), []);
});
