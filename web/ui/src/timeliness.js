// The partnership's timeliness: every review's clocks against their statutory
// dates on one chart (time within the limit, time past it, time on hold, and
// the statutory date itself), with filters for late, on hold and undecided,
// and the same figures as a table, with the plain time each clock has run
// (holds included) beside its status. It shows references and dates only: no
// page a scrutineer can reach carries who the child is. The cases are those
// active in a window the reader chooses (by default the last 6 months, or 3, 12
// or the financial year), kept in the address. Above the chart, how often each
// kind of clock was met on time; below it, the table sorted as the reader asks,
// with how many days each clock was late, 50 clocks a page. Filters, sorting,
// paging and the counts are the server's (per_page on the API), kept in the
// address; the chart draws the table's page, so that a national year's tens of
// thousands of clocks stay readable and quick.
import { periodAsked, periodInputs, periodInWords, withPeriod, fetchForPeriod, wireListForm } from "./period.js";
import { api } from "./api.js";
import { html, raw, show, table, sortedTable, link, longDate, clockDue, clockMet, statusTag, words, plural, elapsedText, pagination, query } from "./ui.js";

function loadScript(src) {
  return new Promise((resolve, reject) => {
    if (document.querySelector(`script[src="${src}"]`)) return resolve();
    const s = document.createElement("script");
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.appendChild(s);
  });
}

// Clocks a page: the chart draws the page's clocks, one bar each.
const PER_PAGE = 50;
// What the filters show ("show" in the address and the API), and the columns
// the table sorts by on the server ("sort", with "order" asc or desc).
const SHOW = [["late", "Late (overdue, or met after the statutory date)"], ["held", "On hold, now or before"],
  ["undecided", "Still running (not yet met)"]];
const SORTS = ["case", "clock", "started", "due", "met", "days_late", "status"];
const KINDS = ["child_death_review", "serious_incident_notification", "rapid_review", "lcspr", "national_review"];

// A chart label: the reference, then the clock's full title in lines of about
// 40 characters (Chart.js draws an array as lines), so that none is cut off.
function labelLines(reference, title) {
  const lines = [reference];
  let line = "";
  for (const word of title.split(" ")) {
    if (line && (line + " " + word).length > 40) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

// The windows a reader picks from, each ending today: [months, words].
const WINDOWS = [[3, "Last 3 months"], [6, "Last 6 months"], [12, "Last 12 months"]];

function windowEndingOn(today, months) {
  const [y, m, d] = today.split("-").map(Number);
  const start = new Date(Date.UTC(y, m - 1 - months, d + 1));
  return { from: start.toISOString().slice(0, 10), to: today };
}

const day = 86400000;

// The first day of the financial year (1 April) that `today` falls in.
function financialYearStart(today) {
  const [y, m] = today.split("-").map(Number);
  return `${m >= 4 ? y : y - 1}-04-01`;
}
const t = (iso) => Date.parse(iso + "T00:00:00Z");

function datasets(rows) {
  const within = rows.map((r) => {
    const stop = r.clock.due_date && t(r.clock.due_date) < t(r.end) ? t(r.clock.due_date) : t(r.end);
    return [t(r.clock.anchor_date), Math.max(stop, t(r.clock.anchor_date) + day / 2)];
  });
  const late = rows.map((r) => (r.clock.due_date && t(r.end) > t(r.clock.due_date) ? [t(r.clock.due_date), t(r.end)] : null));
  const due = rows.map((r) => (r.clock.due_date ? [t(r.clock.due_date), t(r.clock.due_date) + day] : null));
  const most = Math.max(0, ...rows.map((r) => (r.clock.pauses || []).length));
  const sets = [
    { label: "Within the time allowed", data: within, backgroundColor: "#1d70b8" },
    { label: "Past the statutory date", data: late, backgroundColor: "#d4351c" },
  ];
  for (let i = 0; i < most; ++i) {
    sets.push({
      label: i === 0 ? "On hold" : `On hold (${i + 1})`,
      data: rows.map((r) => {
        const p = (r.clock.pauses || [])[i];
        return p ? [t(p.from), t(p.to || r.end)] : null;
      }),
      backgroundColor: "#b1b4b6",
    });
  }
  sets.push({ label: "Statutory date", data: due, backgroundColor: "#0b0c0c" });
  return sets.map((s) => ({ ...s, grouped: false, barPercentage: 0.7, categoryPercentage: 1 }));
}

let chart = null;

function drawChart(canvas, rows, period) {
  const Chart = window.Chart;
  if (chart) chart.destroy();
  canvas.parentNode.style.height = `${Math.max(240, rows.length * 44 + 110)}px`;
  // The axis spans the clocks shown (and a little either side), not the epoch.
  const times = rows.flatMap((r) => [t(r.clock.anchor_date), t(r.end), r.clock.due_date ? t(r.clock.due_date) : t(r.end)]);
  // Within the window asked for (a clock started before it shows from its start).
  const min = Math.max(times.length ? Math.min(...times) - 7 * day : Date.now() - 30 * day, t(period.from) - 7 * day);
  const max = Math.min(times.length ? Math.max(...times) + 14 * day : Date.now(), t(period.to) + 31 * day);
  chart = new Chart(canvas, {
    type: "bar",
    data: { labels: rows.map((r) => r.label), datasets: datasets(rows) },
    options: {
      indexAxis: "y",
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: { type: "time", min, max, position: "top", time: { unit: "month", tooltipFormat: "d MMM yyyy" },
          title: { display: true, text: "Date" } },
        y: { ticks: { autoSkip: false, font: { size: 12 } } },
      },
      plugins: {
        legend: { position: "top" },
        tooltip: {
          callbacks: {
            label: (ctx) => {
              const v = ctx.raw;
              if (!v) return "";
              const fmt = (ms) => longDate(new Date(ms).toISOString());
              return `${ctx.dataset.label}: ${fmt(v[0])}${ctx.dataset.label === "Statutory date" ? "" : ` to ${fmt(v[1])}`}`;
            },
          },
        },
      },
    },
  });
}

// The period's own form: the cases active in it (by default the financial year
// the API uses); the clocks' CSV export for the same period beside it.
function periodForm(report, asked) {
  return html`<form id="period-form" class="govuk-!-margin-bottom-6" novalidate>
      ${periodInputs(report ? report.period : asked, "Cases active in a period")}
      <button class="govuk-button govuk-button--secondary" type="submit">Show the period</button>
    </form>`;
}

// The view asked for in the address, beside its period.
function viewAsked() {
  return {
    kind: KINDS.includes(query("kind")) ? query("kind") : "",
    show: (query("show") || "").split(",").filter((v) => SHOW.some(([s]) => s === v)),
    sort: SORTS.includes(query("sort")) ? query("sort") : "",
    order: query("order") === "desc" ? "desc" : "asc",
    page: Math.max(1, Number.parseInt(query("page") || "1", 10) || 1),
  };
}

function viewParams(period, view) {
  const params = withPeriod(new URLSearchParams(), period);
  if (view.kind) params.set("kind", view.kind);
  if (view.show.length) params.set("show", view.show.join(","));
  if (view.sort) params.set("sort", view.sort);
  if (view.sort && view.order === "desc") params.set("order", "desc");
  if (view.page > 1) params.set("page", String(view.page));
  return params;
}

// The page's clocks as the chart draws them.
function chartRows(report) {
  return report.clocks.map((k) => ({ case: k.case, clock: k, end: k.met_on || k.ended_on || report.today,
    label: labelLines(k.case.reference, k.title), late: k.days_late }));
}

export async function draw() {
  // The chart's scripts load while the clocks are asked for.
  const charting = loadScript("/assets/chart.umd.min.js")
    .then(() => loadScript("/assets/chartjs-adapter-date-fns.bundle.min.js"));
  charting.catch(() => {}); // a failure shows where the chart is awaited
  const chosen = periodAsked();
  // Without a period in the address, the last 6 months to the server's today.
  const asked = chosen.from || chosen.to ? chosen : windowEndingOn((await api.get("/api/v1/health")).today, 6);
  const view = viewAsked();
  const apiParams = viewParams(asked, view);
  apiParams.set("per_page", String(PER_PAGE));
  const { list: report, refused } = await fetchForPeriod(`/api/v1/reports/timeliness?${apiParams}`);
  if (refused) {
    const refusedPage = show("Timeliness", html`<h1 class="govuk-heading-l">Timeliness</h1>${periodForm(null, asked)}`);
    wireListForm(refusedPage.querySelector("#period-form"), refused, "/timeliness");
    return;
  }
  const addressOf = (changes) => `/timeliness?${viewParams(report.period, { ...view, ...changes })}`;
  // Another period keeps the filters and the sort, from its first page.
  const inWindow = (period) => `/timeliness?${viewParams(period, { ...view, page: 1 })}`;
  const total = report.in_period;
  const rows = chartRows(report);
  const first = rows.length ? (report.page - 1) * report.per_page + 1 : 0;
  const main = show("Timeliness", html`<h1 class="govuk-heading-l">Timeliness</h1>
    <p class="govuk-body-l" id="list-period">${periodInWords(report.period)}</p>
    <p class="govuk-body">Every clock of every case in the partnership active in the period against its statutory date, as of ${longDate(report.today)}:
      ${plural(total.clocks, "clock")} over ${plural(total.cases, "case")}; ${total.late} late; ${total.held_now} on hold now.</p>
    <nav class="govuk-!-margin-bottom-4" aria-label="Windows of time"><ul class="govuk-list app-inline-list" id="windows">
      ${WINDOWS.map(([months, text]) => {
        const w = windowEndingOn(report.today, months);
        const current = w.from === report.period.from && w.to === report.period.to;
        return html`<li>${current ? html`<strong>${text}</strong>` : link(inWindow(w), text)}</li>`;
      })}
      <li>${link(inWindow({ from: financialYearStart(report.today) }), "This financial year")}</li>
    </ul></nav>
    ${periodForm(report, asked)}
    ${table("On time, by kind of clock", [
      { title: "Clock", cell: (e) => e.title },
      { title: "On time", cell: (e) => (e.percent === null ? "None decided yet" : `${e.percent}%`) },
      { title: "Met on time", cell: (e) => String(e.met_on_time) },
      { title: "Met late", cell: (e) => String(e.met_late) },
      { title: "Overdue", cell: (e) => String(e.overdue) },
      { title: "Still running", cell: (e) => String(e.running) },
    ], report.on_time, { empty: "", id: "on-time-rows" })}
    <p class="govuk-body"><a class="govuk-link" id="export-link" download
      href="/api/v1/exports/clocks?${withPeriod(new URLSearchParams(), report.period)}">Download these clocks as CSV</a></p>
    <form id="timeliness-filters" class="govuk-!-margin-bottom-4" novalidate>
      <div class="govuk-form-group">
        <label class="govuk-label" for="filter-kind">Kind of case</label>
        <select class="govuk-select" id="filter-kind" name="kind">
          <option value="">Every kind</option>
          ${KINDS.map((k) => html`<option value="${k}" ${k === view.kind ? raw("selected") : ""}>${words(k)}</option>`)}
        </select>
      </div>
      <div class="govuk-form-group"><fieldset class="govuk-fieldset">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Show only clocks that are</legend>
        <div class="govuk-checkboxes govuk-checkboxes--small">
          ${SHOW.map(([v, text]) => html`
          <div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" id="filter-${v}" name="${v}" type="checkbox" value="true"
            ${view.show.includes(v) ? raw("checked") : ""}>
            <label class="govuk-label govuk-checkboxes__label" for="filter-${v}">${text}</label></div>`)}
        </div></fieldset></div>
    </form>
    <p class="govuk-body" id="chart-count">${rows.length
      ? `Showing clocks ${first} to ${first + rows.length - 1} of ${report.matching} (of ${total.clocks} in the period).`
      : `Showing none of the ${total.clocks} clocks in the period.`}</p>
    <div class="app-chart"><canvas id="timeliness-chart" role="img" aria-label="Chart of each clock from its start to its statutory date; the same figures are in the table below."></canvas></div>
    <div id="timeliness-table"></div>
    ${pagination(report.matching, report.per_page, report.page, (n) => addressOf({ page: n }), "Pages of clocks")}`);
  sortedTable(main.querySelector("#timeliness-table"), "The chart as a table", [
    { title: "Case", cell: (r) => link(`/cases/${r.case.id}`, r.case.reference), sort: "case" },
    { title: "Clock", cell: (r) => r.clock.title, sort: "clock" },
    { title: "Started", cell: (r) => longDate(r.clock.anchor_date), sort: "started" },
    { title: "Statutory date", cell: (r) => (r.clock.due_date ? clockDue(r.clock) : "Paused"), sort: "due" },
    { title: "Met", cell: (r) => clockMet(r.clock), sort: "met" },
    // An hour-based clock late by hours on the day it was due is late by no whole day.
    { title: "Days late", cell: (r) => (r.late ? plural(r.late, "day") : ["met_late", "overdue"].includes(r.clock.status) ? "Under a day" : "—"), sort: "days_late" },
    { title: "On hold", cell: (r) => (r.clock.pauses || []).map((p) => `${longDate(p.from)} to ${p.to ? longDate(p.to) : "now"}`).join("; ") },
    { title: "Time since it started, holds included", cell: (r) => elapsedText(r.clock.elapsed) },
    { title: "Status", cell: (r) => statusTag(r.clock.status), sort: "status" },
  ], rows, view, (key) => location.assign(addressOf({ sort: key, page: 1,
    order: key === view.sort && view.order === "asc" ? "desc" : "asc" })), { empty: "No clocks match.", id: "timeliness-rows" });
  wireListForm(main.querySelector("#period-form"), null, "/timeliness", () => viewParams({}, { ...view, page: 1 }));
  const form = main.querySelector("#timeliness-filters");
  form.addEventListener("change", () => location.assign(addressOf({ page: 1, kind: form.elements.kind.value,
    show: SHOW.map(([v]) => v).filter((v) => form.elements[v].checked) })));
  await charting;
  drawChart(main.querySelector("#timeliness-chart"), rows, report.period);
}
