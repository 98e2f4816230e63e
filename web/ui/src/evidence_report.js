// The independent scrutineer's evidence pack for a period, drawn on the Reports
// page (reports.js, printed the same way): each decision with its rationale,
// the agencies at the meeting and the partners agreeing; each hold with its
// reason and length; learning, the action taken, its evidence and the
// difference it made; and every review's timeline against its statutory dates.
// Each table downloads as the CSV export of the same period, and the whole
// pack as one ZIP. References and dates only: no child's identity.
import { html, longDate, words, statusTag } from "./ui.js";
import { section, caseLink, itemRows } from "./reports.js";

const query = (period) => `from=${period.from}&to=${period.to}`;

// One table, with the CSV export it comes from.
function exported(report, { name, dataset, caption, columns, rows, empty, total }) {
  const body = rows.length
    ? itemRows(caption, columns, rows, name, total)
    : html`<h3 class="govuk-heading-s">${caption}</h3><p class="govuk-body" id="${name}">${empty}</p>`;
  return html`<div class="app-report-table">${body}<p class="govuk-body app-no-print"><a class="govuk-link"
    href="/api/v1/exports/${dataset}?${query(report.period)}" download>Download CSV<span class="govuk-visually-hidden">
    of ${caption.toLowerCase()}</span></a></p></div>`;
}

const STAGES = {
  rapid_review_decision: "Rapid review decision", decision_after_panel: "Decision after the Panel's response",
  panel_response: "The Panel's response", cdop_panel_review: "CDOP panel review",
};

export function intro(report) {
  const t = report.totals;
  return html`<p class="govuk-body">What an independent scrutineer asks to see for the period: ${t.decisions}
    decisions, ${t.holds} holds, ${t.learning} actions and ${t.timelines} statutory clocks, as recorded by
    ${longDate(report.today)}.</p>`;
}

export function body(report) {
  return html`<div class="govuk-button-group app-no-print">
      <button type="button" class="govuk-button govuk-button--secondary" id="print-report">Print this report</button>
      <a class="govuk-button govuk-button--secondary" id="evidence-zip" href="/api/v1/evidence-pack?${query(report.period)}"
        download>Download the evidence pack (ZIP)</a>
    </div>
    ${section("evidence-decisions", "Decisions", "Each decision taken in the period, with its reasons and who took part.",
    exported(report, { name: "decisions", total: report.totals.decisions, dataset: "decisions", caption: "Decisions", empty: "No decision was taken in the period.",
      rows: report.decisions, columns: [
        { title: "Case", cell: caseLink },
        { title: "Stage", cell: (d) => STAGES[d.stage] || words(d.stage) },
        { title: "Date", cell: (d) => longDate(d.decided_on) },
        { title: "Decision", cell: (d) => words(d.decision) },
        { title: "Rationale", cell: (d) => d.rationale },
        { title: "Agencies at the meeting", cell: (d) => d.attendance.join(", ") },
        { title: "Partners agreeing", cell: (d) => d.partners_agreeing.map(words).join(", ") },
      ] }))}
    ${section("evidence-holds", "Reviews on hold", "Each hold of a local review or a child death review overlapping the period.",
    exported(report, { name: "holds", total: report.totals.holds, dataset: "holds", caption: "Holds", empty: "No review was on hold in the period.",
      rows: report.holds, columns: [
        { title: "Case", cell: caseLink },
        { title: "From", cell: (h) => longDate(h.from) },
        { title: "To", cell: (h) => (h.to ? longDate(h.to) : "Still on hold") },
        { title: "Reason", cell: (h) => words(h.reason) },
        { title: "Details", cell: (h) => h.details },
        { title: "Days held", cell: (h) => String(h.days_held) },
      ] }))}
    ${section("evidence-learning", "Learning, action, evidence and impact",
    "Every action of the cases active in the period: the learning it answers, what was done, the evidence and the difference it made.",
    exported(report, { name: "learning", total: report.totals.learning, dataset: "actions", caption: "Learning and actions", empty: "No action was recorded.",
      rows: report.learning, columns: [
        { title: "Case", cell: caseLink },
        { title: "Learning", cell: (a) => a.recommendation },
        { title: "Action", cell: (a) => `${a.ref}: ${a.action}` },
        { title: "Status", cell: (a) => (a.overdue ? "Overdue" : words(a.status)) },
        { title: "Evidence", cell: (a) => a.evidence },
        { title: "Impact", cell: (a) => a.impact },
      ] }))}
    ${section("evidence-timelines", "Timelines", "Every statutory clock of the cases active in the period against its date.",
    exported(report, { name: "timelines", total: report.totals.timelines, dataset: "clocks", caption: "Timelines", empty: "No clock ran in the period.",
      rows: report.timelines, columns: [
        { title: "Case", cell: caseLink },
        { title: "Clock", cell: (k) => k.title },
        { title: "Started", cell: (k) => longDate(k.anchor_date) },
        { title: "Statutory date", cell: (k) => (k.due_date ? longDate(k.due_date) : "Paused") },
        { title: "Met", cell: (k) => longDate(k.met_on) },
        { title: "Status", cell: (k) => statusTag(k.status) },
      ] }))}`;
}
