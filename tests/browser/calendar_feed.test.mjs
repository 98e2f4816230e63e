// The calendar feed as a calendar program reads it: the demonstration's
// manager makes a secret address; the feed, fetched without signing in, parses
// with ical.js (an iCalendar library, as Thunderbird uses it) into one all-day
// event per open deadline the API lists for the manager, each with a stable
// UID, its due date, the case reference and a link to the case; no child's
// identity is in it; revoking the address makes it answer 404. In the
// browser, a panel member makes the address from "Calendar" beside their name,
// copies it, and stops it again.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import ICAL from "ical.js";
import { startServer, apiSession, launchBrowser, newPage, signIn, ready, checkAccessibility, screenshot,
  assertNoProblems } from "./harness.mjs";
import { findIdentity, childrenAsTheManagerSees } from "./identity_scan.mjs";

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const compact = (iso) => iso.replaceAll("-", "");

test("a manager's calendar holds every open deadline, parses as iCalendar, and stops when revoked", async () => {
  const manager = await apiSession(server.base, "demo.manager");
  const made = await manager.post("/api/v1/session/calendar-feed", {});
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const address = `${server.base}${made.body.path}`;

  const response = await fetch(address);  // no session: the secret is the credential
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("content-type"), "text/calendar; charset=utf-8");
  const text = await response.text();
  const calendar = new ICAL.Component(ICAL.parse(text));
  assert.equal(calendar.name, "vcalendar");
  assert.equal(calendar.getFirstPropertyValue("version"), "2.0");
  assert.ok(calendar.getFirstPropertyValue("prodid"));
  const events = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));

  // What the API lists as open for the manager, with a due date.
  const deadlines = (await manager.get("/api/v1/deadlines")).body.deadlines.filter((d) => d.due_date);
  assert.ok(deadlines.length > 3, "the demonstration has open deadlines");
  const expected = deadlines.map((d) => `${compact(d.due_date)} ${d.status === "overdue" ? "Overdue" : "Due"}: ` +
    `${d.title} (${d.case.reference}) /cases/${d.case.id}`).sort();
  const found = events.map((e) => `${e.startDate.toICALString()} ${e.summary} ` +
    `${e.component.getFirstPropertyValue("url")}`).sort();
  assert.deepEqual(found, expected);
  for (const e of events) {
    assert.ok(e.startDate.isDate, `${e.summary} is an all-day event`);
    assert.equal(e.endDate.toJSDate() - e.startDate.toJSDate(), 86400000);
    assert.match(e.uid, /^clock-\d+-[a-z_.]+-\d{4}-\d{2}-\d{2}@casereview$/);
    assert.ok(e.component.getFirstPropertyValue("dtstamp"));
  }
  assert.equal(new Set(events.map((e) => e.uid)).size, events.length, "every UID is unique");
  // The same address read again gives the same events under the same UIDs.
  const again = new ICAL.Component(ICAL.parse(await (await fetch(address)).text()));
  assert.deepEqual(again.getAllSubcomponents("vevent").map((v) => v.getFirstPropertyValue("uid")).sort(),
    events.map((e) => e.uid).sort());

  const children = await childrenAsTheManagerSees(manager);
  assert.ok(children.length >= 2, "the demonstration names children to look for");
  assert.deepEqual(findIdentity(text, children), []);

  const revoked = await manager.del("/api/v1/session/calendar-feed");
  assert.equal(revoked.status, 200);
  assert.equal(revoked.body.revoked, true);
  assert.equal((await fetch(address)).status, 404);
});

test("a panel member makes, reads and stops a calendar address from the Calendar page", async () => {
  const page = await newPage(browser, server.base);
  await signIn(page, server.base, "demo.panel");
  await page.getByRole("link", { name: "Calendar", exact: true }).click();
  await ready(page);
  assert.match(page.url(), /\/calendar$/);
  assert.equal(await page.locator("#calendar-state").textContent(), "You have no calendar address.");
  await checkAccessibility(page, "calendar, none yet");

  await page.getByRole("button", { name: "Make a calendar address" }).click();
  const field = page.getByLabel(/Copy this address into your calendar program/);
  await field.waitFor();
  const address = await field.inputValue();
  assert.match(address, new RegExp(`^${server.base}/api/v1/calendar-feeds/[0-9a-f]+$`));
  assert.equal(await page.getByRole("link", { name: /Open it in the calendar program/ }).getAttribute("href"),
    address.replace(/^http:/, "webcal:"));
  await checkAccessibility(page, "calendar, address shown");
  await screenshot(page, "calendar-address");
  const feed = await fetch(address);
  assert.equal(feed.status, 200);
  const events = new ICAL.Component(ICAL.parse(await feed.text())).getAllSubcomponents("vevent");
  const panel = await apiSession(server.base, "demo.panel");
  const open = (await panel.get("/api/v1/deadlines")).body.deadlines.filter((d) => d.due_date);
  assert.equal(events.length, open.length);

  await page.getByRole("button", { name: "Stop the address" }).click();
  await page.getByText("Your calendar address has stopped working.").waitFor();
  assert.equal(await page.locator("#calendar-state").textContent(), "You have no calendar address.");
  assert.equal((await fetch(address)).status, 404);
  await assertNoProblems(page);
});
