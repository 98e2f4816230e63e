// The Reports page: the safeguarding partnership's yearly report, the Child
// Death Overview Panel's annual report (drawn by cdop_report.js with the
// helpers exported here) or the scrutineer's evidence pack (evidence_report.js),
// for a period, by default the financial year (1 April to 31 March) that
// contains today. Which report, the period and, for the CDOP's, whether it is
// for publication are in the address (?report=cdop&from=&to=&publication=true,
// ?report=evidence&from=&to=), so that a printed or bookmarked page is the
// same report.
//
// The yearly report: the serious incident notifications made to the National
// Panel, the rapid reviews and what the safeguarding partners and the National
// Panel decided, the local child safeguarding practice reviews commissioned,
// on hold and published, the actions from each review, and the learning themes
// of rapid reviews that led to no local review. These are the figures a
// partnership publishes in its yearly report and its scrutineer checks, so the
// page prints as a report (the print styles are in _components.scss) and each
// table downloads as CSV for the same period from the same API.
//
// Every count opens to the references of the cases behind it, each a link to
// its case, so that a figure can be checked case by case; printed, the
// references are written out beside the count. The page asks the API for the
// first CASES_NAMED cases of each figure and the first ROWS_SHOWN rows of each
// table (cases= and rows=), and says how many more there are: the CSV
// downloads name every one. A report carries references
// and dates only, never who a child is, so every role that may read it sees
// the same page. A report for publication lists no case, and a count it
// withholds reads "1 to 5".
import { api, Problem } from "./api.js";
import { html, raw, show, table, link, longDate, words, statusTag, query } from "./ui.js";
import { fieldMarkup, readFacts, showProblems, problemsFromApi, button } from "./forms.js";
import { periodFields, periodInWords } from "./period.js";

const choiceFields = [{ name: "report", type: "choice" }, { name: "publication", type: "boolean" }];

const caseKinds = {
  child_death_review: "Child death review", serious_incident_notification: "Serious incident notification",
  rapid_review: "Rapid review", lcspr: "Local child safeguarding practice review", national_review: "National review",
};

// A report's query: the period's ends (absent ends left out) and, for a report
// for publication, publication=true.
function reportParams({ period, publication }, extra = {}) {
  const params = new URLSearchParams(extra);
  if (period.from) params.set("from", period.from);
  if (period.to) params.set("to", period.to);
  if (publication) params.set("publication", "true");
  return params;
}

// Where a drawn report comes from: its API, its period and whether it is for
// publication; its tables download from the same.
function sourceOf(api, report) {
  return { api, period: report.period, publication: report.publication === true };
}

export function csvUrl(source, tableName) {
  return `${source.api}?${reportParams(source, { format: "csv", table: tableName })}`;
}

export { periodInWords };

// A 400 from the report is a period the API refused (its message says why).
function isBadPeriod(error) {
  return error instanceof Problem && error.status === 400;
}

// The figure at a dotted path of the report, as the CSV's "figures" table names it.
function figureAt(report, path) {
  return path.split(".").reduce((at, key) => at[key], report);
}

// What a report counts: the column's title, the word for one and for more,
// and for a report for publication the largest count withheld.
const CASES = { column: "Number of cases", one: "case", many: "cases", upTo: 0 };

// How many of a figure's cases are named on the page: a national year counts
// thousands of deaths under one figure, and the table's CSV download names
// every one. The API is asked for no more (cases=).
export const CASES_NAMED = 100;

// A count, opening to the references of its cases (each a link to the case);
// printed, the count and the references are written out instead. A count with
// no case listed (none, or a report for publication) is the number alone; a
// withheld count is "1 to N", with why for a screen reader. Past CASES_NAMED
// cases, how many more the count holds is said instead.
export function figureCell(path, figure, counting = CASES) {
  if (figure.suppressed) {
    return html`<div class="app-figure" data-figure="${path}"><span class="app-figure__count">1 to ${counting.upTo}</span><span
      class="govuk-visually-hidden"> (withheld: fewer than ${counting.upTo + 1} ${counting.many})</span></div>`;
  }
  if (!figure.cases.length) {
    return html`<div class="app-figure" data-figure="${path}"><span class="app-figure__count">${figure.count}</span></div>`;
  }
  const named = figure.cases.slice(0, CASES_NAMED);
  const unnamed = figure.count - named.length;
  const more = unnamed > 0 ? unnamed.toLocaleString("en-GB") : "";
  return html`<div class="app-figure" data-figure="${path}">
    <details class="govuk-details app-figure__cases">
      <summary class="govuk-details__summary"><span class="govuk-details__summary-text"><span
        class="app-figure__count">${figure.count}</span><span class="govuk-visually-hidden"> ${figure.count === 1 ? counting.one : counting.many}</span></span></summary>
      <div class="govuk-details__text"><ul class="govuk-list">
        ${named.map((c) => html`<li>${link(`/cases/${c.id}`, c.reference)}</li>`)}
        ${more ? html`<li>and ${more} more (the figures’ CSV names every case)</li>` : ""}
      </ul></div>
    </details>
    <p class="govuk-body-s app-print-only"><span class="app-figure__printed-count">${figure.count}</span>
      <span class="app-figure__printed-cases">${named.map((c, i) => html`${i ? ", " : ""}<span
        class="app-nowrap">${c.reference}</span>`)}${more ? ` and ${more} more` : ""}</span></p>
  </div>`;
}

// A table of figures: rows are [what is counted, path of the figure, and the
// figure itself where its path cannot be followed (codes hold dots)].
export function figuresTable(report, caption, id, rows, counting = CASES) {
  return html`<div class="app-report-table app-report-table--figures">${table(caption, [
    { title: "Figure", cell: ([what]) => what },
    { title: counting.column, cell: ([, path, figure]) => figureCell(path, figure || figureAt(report, path), counting) },
  ], rows, { id })}</div>`;
}

export function downloadLink(source, tableName, what) {
  return html`<p class="govuk-body app-no-print"><a class="govuk-link" href="${csvUrl(source, tableName)}" download>Download CSV<span
    class="govuk-visually-hidden"> of ${what}</span></a></p>`;
}

// The rows of an items table drawn on the page; a longer table (a national
// year has thousands of deaths) says so, and its CSV download has them all.
// The API is asked for no more (rows=) and gives each table's length in totals.
export const ROWS_SHOWN = 100;

// A table of items: its first ROWS_SHOWN rows, and how many more the CSV holds
// (`total`: the list's length, or the count the API gave for a list it cut).
export function itemRows(caption, columns, rows, name, total = rows.length) {
  const shown = rows.slice(0, ROWS_SHOWN);
  return html`${table(caption, columns, shown, { id: name })}${total > shown.length
    ? html`<p class="govuk-body" id="${name}-more">The first ${shown.length} of ${total.toLocaleString("en-GB")}: the CSV has them all.</p>`
    : ""}`;
}

// One of the report's tables of items, with its CSV download; `total` is the
// table's length when the API cut it (the report's totals).
export function itemsTable(source, { name, caption, columns, rows, empty, total = rows.length }) {
  const body = rows.length
    ? itemRows(caption, columns, rows, name, total)
    : html`<h3 class="govuk-heading-s">${caption}</h3><p class="govuk-body" id="${name}">${empty}</p>`;
  return html`<div class="app-report-table">${body}${downloadLink(source, name, caption.toLowerCase())}</div>`;
}

export function section(id, title, intro, content) {
  return html`<section class="app-report-section" aria-labelledby="${id}">
    <h2 class="govuk-heading-m" id="${id}">${title}</h2>
    <p class="govuk-body">${intro}</p>${content}</section>`;
}

export const caseLink = (row) => link(`/cases/${row.case_id}`, row.case_reference);

// Above a report: print it, or download all its figures.
export function reportButtons(source) {
  return html`<div class="govuk-button-group app-no-print">
      <button type="button" class="govuk-button govuk-button--secondary" id="print-report">Print this report</button>
      <a class="govuk-button govuk-button--secondary" href="${csvUrl(source, "figures")}" download>Download all figures (CSV)</a>
    </div>`;
}

const YEARLY_API = "/api/v1/reports/yearly";

function notificationsSection(report) {
  return section("notifications", "Serious incident notifications",
    `Notifications the partnership made to the National Panel in the period, counted on the day each was made;
    and incidents the partnership learnt of in the period and has not yet notified.`,
    html`${figuresTable(report, "Notifications made", "notifications-made", [
      ["Serious incident notifications made to the National Panel", "notifications.made"],
      ["The child died", "notifications.by_harm.death"],
      ["The child was seriously harmed", "notifications.by_harm.serious_harm"],
      ["Other (neither a death nor serious harm)", "notifications.by_harm.other"],
    ])}
    ${figuresTable(report, "Notifications made, by whether the child was looked after", "notifications-status", [
      ["A looked-after child", "notifications.by_looked_after_status.looked_after"],
      ["A care leaver", "notifications.by_looked_after_status.care_leaver"],
      ["Neither looked after nor a care leaver", "notifications.by_looked_after_status.neither"],
    ])}
    ${figuresTable(report, "Notifications on time", "notifications-timeliness", [
      ["Made on time", "notifications.timeliness.on_time"],
      ["Made late", "notifications.timeliness.late"],
      ["Not yet made (learnt of in the period)", "notifications.timeliness.not_yet_made"],
    ])}`);
}

function rapidReviewsSection(report, source) {
  return section("rapid-reviews", "Rapid reviews",
    `Rapid reviews opened in the period (on the day of the notification), whether each went to the National Panel
    within the time allowed, what the safeguarding partners decided and how the National Panel responded.`,
    html`${figuresTable(report, "Rapid reviews opened", "rapid-reviews-opened", [
      ["Rapid reviews opened", "rapid_reviews.opened"],
      ["Sent to the National Panel on time", "rapid_reviews.timeliness.on_time"],
      ["Sent to the National Panel late", "rapid_reviews.timeliness.late"],
      ["Not yet sent to the National Panel", "rapid_reviews.timeliness.not_yet_submitted"],
    ])}
    ${figuresTable(report, "What the safeguarding partners decided", "rapid-review-decisions", [
      ["A local child safeguarding practice review", "rapid_reviews.decisions.lcspr"],
      ["No local review", "rapid_reviews.decisions.no_lcspr"],
      ["Referred to the National Panel for a national review", "rapid_reviews.decisions.national_review_referral"],
      ["The criteria for a notification were not met", "rapid_reviews.decisions.criteria_not_met"],
    ])}
    ${figuresTable(report, "The National Panel's response", "panel-responses", [
      ["Agreed with the decision", "rapid_reviews.panel_responses.agreed"],
      ["Did not agree with the decision", "rapid_reviews.panel_responses.did_not_agree"],
      ["Will carry out a national review", "rapid_reviews.panel_responses.national_review"],
    ])}
    ${figuresTable(report, "What the safeguarding partners decided after the National Panel's response", "decisions-after-panel", [
      ["A local child safeguarding practice review", "rapid_reviews.decisions_after_panel.lcspr"],
      ["No local review", "rapid_reviews.decisions_after_panel.no_lcspr"],
    ])}
    ${itemsTable(source, {
      name: "rapid_review_timings", caption: "Rapid review timings", empty: "No rapid review was opened in the period.",
      rows: report.rapid_reviews.timeliness.reviews, total: report.totals.rapid_review_timings,
      columns: [
        { title: "Rapid review", cell: caseLink },
        { title: "Started", cell: (r) => longDate(r.started_on) },
        { title: "Sent to the National Panel", cell: (r) => (r.submitted_on ? longDate(r.submitted_on) : "Not yet sent") },
        { title: "Working days taken", cell: (r) => r.working_days_taken ?? "" },
        { title: "Status today", cell: (r) => statusTag(r.status) },
      ],
    })}`);
}

function lcsprsSection(report, source) {
  return section("lcsprs", "Local child safeguarding practice reviews",
    `Local reviews commissioned in the period (on the day of the decision), on hold at any time in the period, and
    published in the period, on time or late against the time allowed to publish.`,
    html`${figuresTable(report, "Local reviews", "lcspr-figures", [
      ["Commissioned", "lcsprs.commissioned"],
      ["On hold in the period", "lcsprs.on_hold"],
      ["Published", "lcsprs.published"],
      ["Published on time", "lcsprs.published.on_time"],
      ["Published late", "lcsprs.published.late"],
    ])}
    ${itemsTable(source, {
      name: "holds", caption: "Reviews on hold", empty: "No local review was on hold in the period.",
      rows: report.lcsprs.on_hold.holds, total: report.totals.holds,
      columns: [
        { title: "Local review", cell: caseLink },
        { title: "Why", cell: (h) => words(h.reason) },
        { title: "From", cell: (h) => longDate(h.from) },
        { title: "To", cell: (h) => (h.to ? longDate(h.to) : "Still on hold") },
        { title: "Days on hold", cell: (h) => h.days_held },
      ],
    })}
    ${itemsTable(source, {
      name: "commissioning", caption: "From the decision to a signed contract",
      empty: "No local review was commissioned in the period.", rows: report.lcsprs.commissioning,
      total: report.totals.commissioning,
      columns: [
        { title: "Local review", cell: caseLink },
        { title: "Decided", cell: (c) => longDate(c.decided_on) },
        { title: "Contract signed", cell: (c) => (c.contract_signed_on ? longDate(c.contract_signed_on) : "Not yet signed") },
        { title: "Days", cell: (c) => c.calendar_days },
        { title: "Working days", cell: (c) => c.working_days },
      ],
    })}`);
}

function actionsSection(report, source) {
  return section("actions", "Actions from reviews",
    "Actions agreed on or before the end of the period, for each review, as they stand today.",
    itemsTable(source, {
      name: "actions", caption: "Actions by review", empty: "No review had actions by the end of the period.",
      rows: report.actions, total: report.totals.actions,
      columns: [
        { title: "Review", cell: caseLink },
        { title: "Kind of review", cell: (a) => caseKinds[a.case_kind] || words(a.case_kind) },
        { title: "Open", cell: (a) => a.open },
        { title: "Completed", cell: (a) => a.completed },
        { title: "Overdue", cell: (a) => a.overdue },
      ],
    }));
}

function learningSection(report, source) {
  return section("learning", "Learning from rapid reviews without a local review",
    "The learning themes of rapid reviews opened in the period whose decision opened no local review.",
    itemsTable(source, {
      name: "learning_themes", caption: "Learning themes",
      empty: "No rapid review opened in the period was decided without a local review.",
      rows: report.learning_themes_without_local_review,
      columns: [
        { title: "Theme", cell: (t) => t.label },
        { title: "Rapid reviews", cell: (t) => figureCell(`learning_themes_without_local_review.${t.code}`, t) },
      ],
    }));
}

function yearlyIntro(report) {
  return html`<p class="govuk-body">The safeguarding partnership's figures for the period, as they stand on
    ${longDate(report.today)}. Each number opens to the cases it counts.</p>`;
}

function yearlyBody(report) {
  const source = sourceOf(YEARLY_API, report);
  return html`${reportButtons(source)}${notificationsSection(report)}${rapidReviewsSection(report, source)}${
    lcsprsSection(report, source)}${actionsSection(report, source)}${learningSection(report, source)}`;
}

// The reports the page shows: each its API, its title, its name among the
// choices, and how it is drawn (intro and body, from its JSON and its source);
// the CDOP's annual report is drawn by cdop_report.js, loaded when asked for.
// The figures and tables are asked for as far as the page names them.
const REPORTS = {
  yearly: {
    api: YEARLY_API, title: "Yearly report", choice: "Safeguarding partnership yearly report",
    query: { cases: String(CASES_NAMED), rows: String(ROWS_SHOWN) },
    drawing: async () => ({ intro: yearlyIntro, body: yearlyBody }),
  },
  cdop: {
    api: "/api/v1/reports/cdop-annual", title: "Child Death Overview Panel annual report", choice: "CDOP annual report",
    hint: "The Child Death Overview Panel's deaths notified, reviews completed and what the reviews found.",
    query: { cases: String(CASES_NAMED), rows: String(ROWS_SHOWN) },
    drawing: async () => import("./cdop_report.js"),
  },
  evidence: {
    api: "/api/v1/reports/evidence", title: "Scrutineer's evidence pack", choice: "Scrutineer's evidence pack",
    // Each list cut to the rows the page shows, with its total beside it.
    query: { rows: String(ROWS_SHOWN) },
    hint: "Each decision with its reasons and attendance, each hold, learning and actions with their evidence and impact, and every review's timeline.",
    drawing: async () => import("./evidence_report.js"),
  },
};

// What the page asks for: which report, the period's ends, and for the CDOP's
// report whether it is for publication.
function asking({ report, from = "", to = "", publication = false }) {
  const kind = REPORTS[report] ? report : "yearly";
  return { report: kind, from, to, publication: kind === "cdop" && publication === true };
}

// The page's address for a report drawn: /reports?from=&to= for the yearly
// report, /reports?report=cdop&from=&to=[&publication=true] for the CDOP's.
function addressOf(asked, report) {
  const params = reportParams({ period: report.period, publication: asked.publication });
  return `/reports?${asked.report === "yearly" ? "" : `report=${asked.report}&`}${params}`;
}

// The ends asked for that the date inputs can show (a day, month and year).
function shownInForm(asked) {
  const whole = (iso) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : "");
  return { from: whole(asked.from), to: whole(asked.to) };
}

// Which report, as GOV.UK radios; choosing the CDOP's reveals whether it is for publication.
function choiceMarkup(asked) {
  const radio = (kind, id, extra) => html`<div class="govuk-radios__item">
      <input class="govuk-radios__input" id="${id}" name="report" type="radio" value="${kind}"
        ${asked.report === kind ? raw("checked") : ""} ${extra}>
      <label class="govuk-label govuk-radios__label" for="${id}">${REPORTS[kind].choice}</label>
      ${REPORTS[kind].hint ? html`<div class="govuk-hint govuk-radios__hint" id="${id}-hint">${REPORTS[kind].hint}</div>` : ""}
    </div>`;
  const revealed = asked.report === "cdop";
  return html`<div class="govuk-form-group" data-field="report">
    <fieldset class="govuk-fieldset">
      <legend class="govuk-fieldset__legend govuk-fieldset__legend--m"><h2 class="govuk-fieldset__heading">Report</h2></legend>
      <div class="govuk-radios" data-module="govuk-radios">
        ${radio("yearly", "f-report", "")}
        ${radio("cdop", "f-report-cdop", raw(`aria-describedby="f-report-cdop-hint" aria-controls="conditional-publication"`))}
        <div class="govuk-radios__conditional ${revealed ? "" : "govuk-radios__conditional--hidden"}" id="conditional-publication">
          <div class="govuk-form-group" data-field="publication"><div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
            <div class="govuk-checkboxes__item">
              <input class="govuk-checkboxes__input" id="f-publication" name="publication" type="checkbox" value="true"
                aria-describedby="f-publication-hint" ${asked.publication ? raw("checked") : ""}>
              <label class="govuk-label govuk-checkboxes__label" for="f-publication">For publication (withhold small numbers)</label>
              <div class="govuk-hint govuk-checkboxes__hint" id="f-publication-hint">Small counts are withheld and no case
                is listed, as in the national child death statistics.</div>
            </div></div></div>
        </div>
        ${radio("evidence", "f-report-evidence", raw(`aria-describedby="f-report-evidence-hint"`))}
      </div>
    </fieldset></div>`;
}

// The page: the title and period, the form (which report, the period), then
// the report (none when what was asked for was refused).
function drawPage(report, asked, drawing) {
  const values = report ? report.period : shownInForm(asked);
  const { title } = REPORTS[asked.report];
  return show(title, html`<div class="app-report">
    <span class="govuk-caption-l">Reports</span>
    <h1 class="govuk-heading-l" id="report-title" tabindex="-1">${title}</h1>
    ${report ? html`<p class="govuk-body-l" id="report-period">${periodInWords(report.period)}</p>
      ${drawing.intro(report)}` : ""}
    <form id="period-form" class="app-no-print" novalidate>
      ${choiceMarkup(asked)}
      <h2 class="govuk-heading-m">Period</h2>
      ${periodFields.map((f) => fieldMarkup(f, {}, values[f.name]))}
      ${button("Show the report", { secondary: true })}
    </form>
    ${report ? drawing.body(report, sourceOf(REPORTS[asked.report].api, report)) : ""}</div>`);
}

function showPeriodProblem(form, error) {
  const { fields, general } = problemsFromApi(error);
  showProblems(form, fields, general);
}

// The report asked for, and how it is drawn.
async function reportFor(asked) {
  const { api: path, drawing, query: extra = {} } = REPORTS[asked.report];
  const [report, drawn] = await Promise.all([api.get(`${path}?${reportParams({ period: asked, publication: asked.publication }, extra)}`),
    drawing()]);
  return { report, drawing: drawn };
}

// The CDOP's choice shows and hides whether it is for publication (the GOV.UK
// conditional reveal).
function wireChoice(form) {
  const cdop = form.querySelector("#f-report-cdop");
  const reveal = () => form.querySelector("#conditional-publication")
    .classList.toggle("govuk-radios__conditional--hidden", !cdop.checked);
  form.querySelectorAll('input[name="report"]').forEach((r) => r.addEventListener("change", reveal));
}

// The page's controls: printing, and the form, which draws the report asked
// for and puts it in the address; a period the API refuses leaves the page as
// it was, with the API's message in the error summary.
function wire(main) {
  const printButton = main.querySelector("#print-report");
  if (printButton) printButton.addEventListener("click", () => window.print());
  const form = main.querySelector("#period-form");
  wireChoice(form);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const { facts, problems } = readFacts(form, [...periodFields, ...choiceFields]);
    if (Object.keys(problems).length) {
      showProblems(form, problems);
      return;
    }
    const asked = asking(facts);
    let shown;
    try {
      shown = await reportFor(asked);
    } catch (error) {
      if (!isBadPeriod(error)) throw error;
      showPeriodProblem(form, error);
      return;
    }
    history.pushState(null, "", addressOf(asked, shown.report));
    wire(drawPage(shown.report, asked, shown.drawing)).querySelector("#report-title").focus();
  });
  return main;
}

let followingHistory = false;

// The report in the address (?report=cdop for the CDOP's, &from=&to=, and
// &publication=true), by default the yearly report for the financial year the
// API reports; back and forward redraw the report left.
export async function draw() {
  if (!followingHistory) {
    followingHistory = true;
    window.addEventListener("popstate", () => draw());
  }
  const asked = asking({ report: query("report"), from: query("from") || "", to: query("to") || "",
    publication: query("publication") === "true" });
  try {
    const shown = await reportFor(asked);
    wire(drawPage(shown.report, asked, shown.drawing));
  } catch (error) {
    if (!isBadPeriod(error)) throw error;
    const main = wire(drawPage(null, asked));
    showPeriodProblem(main.querySelector("#period-form"), error);
  }
}
