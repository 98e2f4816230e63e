// The partnership's timeliness: every review's clocks against their statutory
// dates on one chart (time within the limit, time past it, time on hold, and
// the statutory date itself), with filters for late, on hold and undecided,
// and the same figures as a table, with the plain time each clock has run
// (holds included) beside its status. It shows references and dates only: no
// page a scrutineer can reach carries who the child is. The cases are those
// active in a period (by default the financial year), kept in the address.
import { periodAsked, periodInputs, periodInWords, withPeriod, fetchForPeriod, wireListForm } from "./period.js";
import { html, show, markup, table, link, longDate, statusTag, words, plural, elapsedText } from "./ui.js";

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
const UNDECIDED = new Set(["on_track", "due_soon", "due_today", "overdue", "paused"]);

function rowsOf(report) {
  const rows = [];
  for (const c of report.cases) {
    for (const k of c.clocks) {
      if (k.status === "not_required") continue;
      const end = k.met_on || k.ended_on || report.today;
      const title = k.title.length > 34 ? `${k.title.slice(0, 33)}…` : k.title;
      rows.push({ case: c, clock: k, end, label: `${c.reference} · ${title}` });
    }
  }
  return rows;
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

function drawChart(canvas, rows) {
  const Chart = window.Chart;
  if (chart) chart.destroy();
  canvas.parentNode.style.height = `${Math.max(240, rows.length * 28 + 110)}px`;
  // The axis spans the clocks shown (and a little either side), not the epoch.
  const times = rows.flatMap((r) => [t(r.clock.anchor_date), t(r.end), r.clock.due_date ? t(r.clock.due_date) : t(r.end)]);
  const min = times.length ? Math.min(...times) - 7 * day : Date.now() - 30 * day;
  const max = times.length ? Math.max(...times) + 14 * day : Date.now();
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
  const asked = periodAsked();
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
    ${periodForm(report, asked)}
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
    main.querySelector("#chart-count").textContent = `Showing ${rows.length} of ${all.length} clocks.`;
    drawChart(main.querySelector("#timeliness-chart"), rows);
    main.querySelector("#timeliness-table").innerHTML = markup(table("The chart as a table", [
      { title: "Case", cell: (r) => link(`/cases/${r.case.id}`, r.case.reference) },
      { title: "Clock", cell: (r) => r.clock.title },
      { title: "Started", cell: (r) => longDate(r.clock.anchor_date) },
      { title: "Statutory date", cell: (r) => (r.clock.due_date ? longDate(r.clock.due_date) : "Paused") },
      { title: "Met", cell: (r) => longDate(r.clock.met_on) },
      { title: "On hold", cell: (r) => (r.clock.pauses || []).map((p) => `${longDate(p.from)} to ${p.to ? longDate(p.to) : "now"}`).join("; ") },
      { title: "Time since it started, holds included", cell: (r) => elapsedText(r.clock.elapsed) },
      { title: "Status", cell: (r) => statusTag(r.clock.status) },
    ], rows, { empty: "No clocks match.", id: "timeliness-rows" }));
  };
  form.addEventListener("change", render);
  render();
}
