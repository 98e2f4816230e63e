// How long each page takes to be drawn and usable on a large database: Chromium
// opens every main page as the role that uses it, three times, and the time is
// from the start of navigation until the page's content is on screen and its
// last request has answered (checked by no request in flight for 200 ms, which
// is not counted). Prints a Markdown table of the median and slowest of each,
// and any script or console error the page raised. Run by tests/bench/pages
// (which makes the database); not a test: nothing here passes or fails.
//
// Environment: CASEREVIEW_BIN (the server), CASEREVIEW_BENCH_DB (a database
// made by `casereview demo load --scale national`; served in place, so give a
// copy), CASEREVIEW_BENCH_TODAY (the day it was loaded on).
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { startServer, launchBrowser, newPage, signIn, apiSession } from "../browser/harness.mjs";

const db = process.env.CASEREVIEW_BENCH_DB;
const today = process.env.CASEREVIEW_BENCH_TODAY;
if (!db || !today) throw new Error("CASEREVIEW_BENCH_DB and CASEREVIEW_BENCH_TODAY must be set");
const RUNS = 3;

// Navigates to `url` and returns the milliseconds until `selector` is on the
// page and the network has been quiet since the page's last answer.
async function timeOnce(page, url, selector) {
  let inFlight = 0;
  let lastAnswer = 0;
  const started = () => { inFlight += 1; };
  const finished = () => { inFlight -= 1; lastAnswer = performance.now(); };
  page.on("request", started);
  page.on("requestfinished", finished);
  page.on("requestfailed", finished);
  const start = performance.now();
  await page.goto(url, { waitUntil: "commit" });
  // Checked on every frame: a locator's waitFor polls at growing intervals
  // (up to half a second apart), which would count its own wait.
  await page.waitForFunction((s) => {
    const element = document.querySelector(s);
    return element !== null && element.getClientRects().length > 0;
  }, selector, { polling: "raf", timeout: 60000 });
  const drawn = performance.now();
  while (inFlight > 0 || performance.now() - lastAnswer < 200) await sleep(20);
  page.off("request", started);
  page.off("requestfinished", finished);
  page.off("requestfailed", finished);
  return Math.max(drawn, lastAnswer) - start;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await startServer({ db, today });
const browser = await launchBrowser();
const rows = [];
try {
  const manager = await apiSession(server.base, "demo.manager");
  const firstOf = async (query) => (await manager.get(`/api/v1/cases?${query}&limit=1`)).body.cases[0];
  const death = await firstOf("kind=child_death_review&state=gathering_information");
  const closedDeath = await firstOf("kind=child_death_review&state=closed");
  const review = await firstOf("kind=lcspr&state=in_review");
  const child = (await manager.get(`/api/v1/cases/${death.id}`)).body.child || {};
  const scrutineer = await apiSession(server.base, "demo.scrutineer");
  const seen = (await scrutineer.get(`/api/v1/cases/${death.id}`)).body;

  const row = "main table tbody tr";
  const pages = [
    ["demo.manager", "Dashboard", "/dashboard", row],
    ["demo.manager", "Cases", "/cases", row],
    ["demo.manager", "Search by NHS number (with spaces)", `/cases?q=${encodeURIComponent(child.nhs_number || "")}`, row],
    ["demo.manager", "Search by family name", `/cases?q=${encodeURIComponent(child.family_name || "")}`, row],
    ["demo.manager", "Case page: a death gathering information", `/cases/${death.id}`, "main h1"],
    ["demo.manager", "Case page: a closed death", `/cases/${closedDeath.id}`, "main h1"],
    ["demo.manager", "Case page: a local review in progress", `/cases/${review.id}`, "main h1"],
    ["demo.manager", "Step form: record an agency's return", `/cases/${death.id}/act/record_agency_return`, "main form"],
    ["demo.manager", "Notify a child's death (form)", "/notifications/new", "main form"],
    ["demo.manager", "Timeliness (last 6 months)", "/timeliness", "main h1"],
    ["demo.manager", "Yearly report", "/reports", "main h1"],
    ["demo.manager", "CDOP annual report", "/reports?report=cdop", "main h1"],
    ["demo.manager", "Evidence for the scrutineer", "/reports?report=evidence", "main h1"],
    ["demo.manager", "Actions", "/actions", "main h1"],
    ["demo.panel", "Home (panel member)", "/", "main h1"],
    ["demo.scrutineer", "Dashboard (scrutineer)", "/dashboard", row],
    ["demo.scrutineer", "Search by pseudonym", `/cases?q=${encodeURIComponent(seen.pseudonym || "")}`, row],
    ["demo.scrutineer", "Timeliness (scrutineer)", "/timeliness", "main h1"],
    ["demo.agency", "Inbox (agency contributor)", "/inbox", "main h1"],
    ["demo.reviewer", "Workspace (independent reviewer)", "/workspace", "main h1"],
    ["demo.admin", "Administration", "/admin", "main h1"],
    ["demo.admin", "Users and roles", "/admin/users", "main h1"],
  ];
  const signedIn = new Map();
  for (const [user, what, path, selector] of pages) {
    if (!signedIn.has(user)) {
      const page = await newPage(browser, server.base);
      await signIn(page, server.base, user);
      signedIn.set(user, page);
    }
    const page = signedIn.get(user);
    page.problems.length = 0;
    const times = [];
    for (let i = 0; i < RUNS; i += 1) times.push(await timeOnce(page, `${server.base}${path}`, selector));
    rows.push({ user, what, path, median: median(times), slowest: Math.max(...times), problems: [...page.problems] });
    process.stderr.write(`${what}: ${times.map((t) => t.toFixed(0)).join(", ")} ms\n`);
  }
} finally {
  await browser.close();
  await server.stop();
}

console.log("| page | as | median | slowest of 3 | errors on the page |");
console.log("|---|---|---|---|---|");
for (const r of rows) {
  const problems = r.problems.length ? r.problems.join("; ") : "none";
  console.log(`| ${r.what} | ${r.user} | ${r.median.toFixed(0)} ms | ${r.slowest.toFixed(0)} ms | ${problems} |`);
}
