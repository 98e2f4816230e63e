// The partnership's timeliness: every review's clocks against their statutory
// dates on one chart (time within the limit, time past it, time on hold, and
// the statutory date itself), with filters for late, on hold and undecided,
// and the same figures as a table, with the plain time each clock has run
// (holds included) beside its status. It shows references and dates only: no
// page a scrutineer can reach carries who the child is. The cases are those
// active in a window the reader chooses (by default the last 6 months, or 3, 12
// or the financial year), kept in the address. Above the chart, how often each
// kind of clock was met on time; below it, the table sorted as the reader asks,
// with how many days each clock was late, 50 clocks a page: the chart draws the
// table's page, so that a national year of clocks stays readable and quick.
import { periodAsked, periodInputs, periodInWords, withPeriod, fetchForPeriod, wireListForm } from "./period.js";
import { api } from "./api.js";
import { html, show, markup, table, sortableTable, link, longDate, statusTag, words, plural, elapsedText } from "./ui.js";

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

const LATE = new Set(["overdue", "met_late"]);
// Clocks a page: the chart draws the page's clocks, one bar each.
const PER_PAGE = 50;
const UNDECIDED = new Set(["on_track", "due_soon", "due_today", "overdue", "paused"]);

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

// Calendar days a clock was (or is, if still open) past its statutory date; 0 when not late.
function daysLate(k, today) {
  if (!k.due_date || !LATE.has(k.status)) return 0;
  return Math.round((t(k.met_on || today) - t(k.due_date)) / day);
}

function rowsOf(report) {
  const rows = [];
  for (const c of report.cases) {
    for (const k of c.clocks) {
      if (k.status === "not_required") continue;
      const end = k.met_on || k.ended_on || report.today;
      rows.push({ case: c, clock: k, end, label: labelLines(c.reference, k.title), late: daysLate(k, report.today) });
    }
  }
  return rows;
}

// Each kind of clock (one statutory rule): how many were met on time, met late,
// are overdue or still running, and the share on time of those decided.
function onTimeByClock(rows) {
  const byRule = new Map();
  for (const r of rows) {
    const k = r.clock;
    const entry = byRule.get(k.rule_id) || { title: k.title, onTime: 0, late: 0, overdue: 0, running: 0 };
    if (k.status === "met") entry.onTime += 1;
    else if (k.status === "met_late") entry.late += 1;
    else if (k.status === "overdue") entry.overdue += 1;
    else entry.running += 1;
    byRule.set(k.rule_id, entry);
  }
  return [...byRule.values()].map((e) => {
    const decided = e.onTime + e.late + e.overdue;
    return { ...e, decided, percent: decided ? Math.round((100 * e.onTime) / decided) : null };
  });
}

// The windows a reader picks from, each ending today: [months, words].
const WINDOWS = [[3, "Last 3 months"], [6, "Last 6 months"], [12, "Last 12 months"]];

function windowEndingOn(today, months) {
  const [y, m, d] = today.split("-").map(Number);
  const start = new Date(Date.UTC(y, m - 1 - months, d + 1));
  return { from: start.toISOString().slice(0, 10), to: today };
}

function matches(row, filters) {
  const k = row.clock;
  if (filters.kind && row.case.kind !== filters.kind) return false;
  if (filters.late && !LATE.has(k.status)) return false;
  if (filters.held && !(k.pauses || []).length) return false;
  if (filters.undecided && !UNDECIDED.has(k.status)) return false;
  return true;
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

export async function draw() {
  const chosen = periodAsked();
  // Without a period in the address, the last 6 months to the server's today.
  const asked = chosen.from || chosen.to ? chosen : windowEndingOn((await api.get("/api/v1/health")).today, 6);
  const { list: report, refused } = await fetchForPeriod(`/api/v1/reports/timeliness?${withPeriod(new URLSearchParams(), asked)}`);
  if (refused) {
    const refusedPage = show("Timeliness", html`<h1 class="govuk-heading-l">Timeliness</h1>${periodForm(null, asked)}`);
    wireListForm(refusedPage.querySelector("#period-form"), refused, "/timeliness");
    return;
  }
  const all = rowsOf(report);
  const late = all.filter((r) => LATE.has(r.clock.status)).length;
  const held = all.filter((r) => r.clock.paused).length;
  const main = show("Timeliness", html`<h1 class="govuk-heading-l">Timeliness</h1>
    <p class="govuk-body-l" id="list-period">${periodInWords(report.period)}</p>
    <p class="govuk-body">Every clock of every case in the partnership active in the period against its statutory date, as of ${longDate(report.today)}:
      ${plural(all.length, "clock")} over ${plural(report.cases.length, "case")}; ${late} late; ${held} on hold now.</p>
    <nav class="govuk-!-margin-bottom-4" aria-label="Windows of time"><ul class="govuk-list app-inline-list" id="windows">
      ${WINDOWS.map(([months, text]) => {
        const w = windowEndingOn(report.today, months);
        const current = w.from === report.period.from && w.to === report.period.to;
        return html`<li>${current ? html`<strong>${text}</strong>` : link(`/timeliness?from=${w.from}&to=${w.to}`, text)}</li>`;
      })}
      <li>${link(`/timeliness?from=${financialYearStart(report.today)}`, "This financial year")}</li>
    </ul></nav>
    ${periodForm(report, asked)}
    <div id="on-time"></div>
    <p class="govuk-body"><a class="govuk-link" id="export-link" download
      href="/api/v1/exports/clocks?${withPeriod(new URLSearchParams(), report.period)}">Download these clocks as CSV</a></p>
    <form id="timeliness-filters" class="govuk-!-margin-bottom-4" novalidate>
      <div class="govuk-form-group">
        <label class="govuk-label" for="filter-kind">Kind of case</label>
        <select class="govuk-select" id="filter-kind" name="kind">
          <option value="">Every kind</option>
          ${["child_death_review", "serious_incident_notification", "rapid_review", "lcspr", "national_review"].map((k) => html`<option value="${k}">${words(k)}</option>`)}
        </select>
      </div>
      <div class="govuk-form-group"><fieldset class="govuk-fieldset">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Show only clocks that are</legend>
        <div class="govuk-checkboxes govuk-checkboxes--small">
          ${[["late", "Late (overdue, or met after the statutory date)"], ["held", "On hold, now or before"], ["undecided", "Still running (not yet met)"]].map(([v, text]) => html`
          <div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" id="filter-${v}" name="${v}" type="checkbox" value="true">
            <label class="govuk-label govuk-checkboxes__label" for="filter-${v}">${text}</label></div>`)}
        </div></fieldset></div>
    </form>
    <p class="govuk-body" aria-live="polite" id="chart-count"></p>
    <div class="app-chart"><canvas id="timeliness-chart" role="img" aria-label="Chart of each clock from its start to its statutory date; the same figures are in the table below."></canvas></div>
    <div id="timeliness-table"></div>`);
  await loadScript("/assets/chart.umd.min.js");
  await loadScript("/assets/chartjs-adapter-date-fns.bundle.min.js");
  wireListForm(main.querySelector("#period-form"), null, "/timeliness");
  const form = main.querySelector("#timeliness-filters");
  const render = () => {
    const filters = { kind: form.elements.kind.value, late: form.elements.late.checked, held: form.elements.held.checked,
      undecided: form.elements.undecided.checked };
    const rows = all.filter((r) => matches(r, filters));
    main.querySelector("#on-time").innerHTML = markup(table("On time, by kind of clock", [
      { title: "Clock", cell: (e) => e.title },
      { title: "On time", cell: (e) => (e.percent === null ? "None decided yet" : `${e.percent}%`) },
      { title: "Met on time", cell: (e) => String(e.onTime) },
      { title: "Met late", cell: (e) => String(e.late) },
      { title: "Overdue", cell: (e) => String(e.overdue) },
      { title: "Still running", cell: (e) => String(e.running) },
    ], onTimeByClock(rows), { empty: "", id: "on-time-rows" }));
    sortableTable(main.querySelector("#timeliness-table"), "The chart as a table", [
      { title: "Case", cell: (r) => link(`/cases/${r.case.id}`, r.case.reference), sort: (r) => r.case.reference },
      { title: "Clock", cell: (r) => r.clock.title, sort: (r) => r.clock.title },
      { title: "Started", cell: (r) => longDate(r.clock.anchor_date), sort: (r) => r.clock.anchor_date },
      { title: "Statutory date", cell: (r) => (r.clock.due_date ? longDate(r.clock.due_date) : "Paused"), sort: (r) => r.clock.due_date || "9999" },
      { title: "Met", cell: (r) => longDate(r.clock.met_on), sort: (r) => r.clock.met_on || "9999" },
      { title: "Days late", cell: (r) => (r.late ? plural(r.late, "day") : "—"), sort: (r) => r.late },
      { title: "On hold", cell: (r) => (r.clock.pauses || []).map((p) => `${longDate(p.from)} to ${p.to ? longDate(p.to) : "now"}`).join("; ") },
      { title: "Time since it started, holds included", cell: (r) => elapsedText(r.clock.elapsed) },
      { title: "Status", cell: (r) => statusTag(r.clock.status), sort: (r) => r.clock.status },
    ], rows, {
      empty: "No clocks match.", id: "timeliness-rows", perPage: PER_PAGE,
      // The chart draws the clocks of the table's page, in the table's order.
      onShow: (shown, { first, last, total }) => {
        main.querySelector("#chart-count").textContent = total
          ? `Showing clocks ${first} to ${last} of ${total} (of ${all.length} in the period).`
          : `Showing none of the ${all.length} clocks in the period.`;
        drawChart(main.querySelector("#timeliness-chart"), shown, report.period);
      },
    });
  };
  form.addEventListener("change", render);
  render();
}
