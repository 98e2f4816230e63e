// Lists: every case (filter by kind, overdue and a period) and the action log
// (a period, overdue), each with its CSV export for the same period.
import { periodAsked, periodInputs, periodInWords, withPeriod, fetchForPeriod, wireListForm } from "./period.js";
import { html, show, table, link, longDate, words, tag, query } from "./ui.js";

const kinds = [["", "Every kind"], ["child_death_review", "Child death reviews"], ["serious_incident_notification", "Serious incident notifications"],
  ["rapid_review", "Rapid reviews"], ["lcspr", "Local child safeguarding practice reviews"], ["national_review", "National reviews by the Panel"]];

export async function draw() {
  const kind = query("kind") || "";
  const overdue = query("overdue") === "true";
  const asked = periodAsked();
  const params = new URLSearchParams({ limit: "200" });
  if (kind) params.set("kind", kind);
  if (overdue) params.set("overdue", "true");
  const { list, refused } = await fetchForPeriod(`/api/v1/cases?${withPeriod(params, asked)}`);
  const period = list && list.period;
  const main = show("Cases", html`<h1 class="govuk-heading-l">Cases</h1>
    ${period ? html`<p class="govuk-body-l" id="list-period">Active from ${periodInWords(period)}</p>` : ""}
    <form id="list-form" class="govuk-!-margin-bottom-6" novalidate>
      <div class="govuk-form-group"><label class="govuk-label" for="kind">Kind of case</label>
        <select class="govuk-select" id="kind" name="kind">
          ${kinds.map(([v, t]) => html`<option value="${v}">${t}</option>`)}
        </select></div>
      <div class="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-bottom-4"><div class="govuk-checkboxes__item">
        <input class="govuk-checkboxes__input" id="overdue" name="overdue" type="checkbox" value="true">
        <label class="govuk-label govuk-checkboxes__label" for="overdue">Only cases with an overdue clock</label></div></div>
      ${periodInputs(period || asked, "Active in a period (optional)")}
      <button class="govuk-button govuk-button--secondary" type="submit">Show</button>
    </form>
    ${list ? html`<p class="govuk-body"><a class="govuk-link" id="export-link" download
        href="/api/v1/exports/cases?${withPeriod(new URLSearchParams(), period || {})}">Download
        ${period ? "these cases" : "the cases of this financial year"} as CSV</a></p>
      ${table(`${list.cases.length} cases`, [
      { title: "Case", cell: (c) => link(`/cases/${c.id}`, c.reference) },
      { title: "Kind", cell: (c) => words(c.kind) },
      { title: "State", cell: (c) => (c.closed ? tag(c.state_title, "grey") : c.state_title) },
      { title: "Opened", cell: (c) => longDate(c.opened_on) },
      { title: "Summary", cell: (c) => c.summary },
    ], list.cases, { empty: "No cases match.", id: "case-rows" })}` : ""}`);
  const form = main.querySelector("#list-form");
  form.elements.kind.value = kind;
  form.elements.overdue.checked = overdue;
  wireListForm(form, refused, "/cases", (f) => {
    const next = new URLSearchParams();
    if (f.elements.kind.value) next.set("kind", f.elements.kind.value);
    if (f.elements.overdue.checked) next.set("overdue", "true");
    return next;
  });
}

// The action log for a period (by default the financial year the API uses):
// actions agreed by its end and not finished before its start.
export async function drawActions() {
  const overdue = query("overdue") === "true";
  const asked = periodAsked();
  const params = new URLSearchParams();
  if (overdue) params.set("overdue", "true");
  const { list, refused } = await fetchForPeriod(`/api/v1/actions?${withPeriod(params, asked)}`);
  const period = list && list.period;
  const main = show("Actions", html`<h1 class="govuk-heading-l">Actions</h1>
    ${period ? html`<p class="govuk-body-l" id="list-period">${periodInWords(period)}</p>
      <p class="govuk-body">Actions agreed by the end of the period and not finished before it began, as they stand today.</p>` : ""}
    <form id="list-form" class="govuk-!-margin-bottom-6" novalidate>
      <div class="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-bottom-4"><div class="govuk-checkboxes__item">
        <input class="govuk-checkboxes__input" id="overdue" name="overdue" type="checkbox" value="true">
        <label class="govuk-label govuk-checkboxes__label" for="overdue">Only overdue actions</label></div></div>
      ${periodInputs(period || asked)}
      <button class="govuk-button govuk-button--secondary" type="submit">Show</button>
    </form>
    ${list ? html`<p class="govuk-body"><a class="govuk-link" id="export-link" download
        href="/api/v1/exports/actions?${withPeriod(new URLSearchParams(), period)}">Download every action of the
        cases active in this period as CSV</a></p>
      ${table(`${list.actions.length} actions`, [
      { title: "Case", cell: (a) => link(`/cases/${a.case_id}`, a.case_reference) },
      { title: "Ref", cell: (a) => a.ref },
      { title: "Action", cell: (a) => a.action },
      { title: "Owner", cell: (a) => `${a.owner_person}, ${a.owner_agency}` },
      { title: "Due", cell: (a) => longDate(a.due_on) },
      { title: "Status", cell: (a) => (a.overdue ? tag("Overdue", "red") : words(a.status)) },
    ], list.actions, { empty: "No actions.", id: "action-rows" })}` : ""}`);
  const form = main.querySelector("#list-form");
  form.elements.overdue.checked = overdue;
  wireListForm(form, refused, "/actions", (f) => new URLSearchParams(f.elements.overdue.checked ? { overdue: "true" } : {}));
}
