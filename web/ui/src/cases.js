// Lists: every case (filter by kind, state, overdue) and the action log.
import { api } from "./api.js";
import { html, show, table, link, longDate, words, tag, query } from "./ui.js";

const kinds = [["", "Every kind"], ["child_death_review", "Child death reviews"], ["serious_incident_notification", "Serious incident notifications"],
  ["rapid_review", "Rapid reviews"], ["lcspr", "Local child safeguarding practice reviews"], ["national_review", "National reviews by the Panel"]];

export async function draw() {
  const kind = query("kind") || "";
  const overdue = query("overdue") === "true";
  const params = new URLSearchParams({ limit: "200" });
  if (kind) params.set("kind", kind);
  if (overdue) params.set("overdue", "true");
  const list = await api.get(`/api/v1/cases?${params}`);
  show("Cases", html`<h1 class="govuk-heading-l">Cases</h1>
    <form method="get" action="/cases" class="govuk-!-margin-bottom-6">
      <div class="govuk-form-group"><label class="govuk-label" for="kind">Kind of case</label>
        <select class="govuk-select" id="kind" name="kind">
          ${kinds.map(([v, t]) => html`<option value="${v}">${t}</option>`)}
        </select></div>
      <div class="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-bottom-4"><div class="govuk-checkboxes__item">
        <input class="govuk-checkboxes__input" id="overdue" name="overdue" type="checkbox" value="true">
        <label class="govuk-label govuk-checkboxes__label" for="overdue">Only cases with an overdue clock</label></div></div>
      <button class="govuk-button govuk-button--secondary" type="submit">Show</button>
    </form>
    ${table(`${list.cases.length} cases`, [
      { title: "Case", cell: (c) => link(`/cases/${c.id}`, c.reference) },
      { title: "Kind", cell: (c) => words(c.kind) },
      { title: "State", cell: (c) => (c.closed ? tag(c.state_title, "grey") : c.state_title) },
      { title: "Opened", cell: (c) => longDate(c.opened_on) },
      { title: "Summary", cell: (c) => c.summary },
    ], list.cases, { empty: "No cases match." })}`);
  const select = document.getElementById("kind");
  select.value = kind;
  document.getElementById("overdue").checked = overdue;
}

export async function drawActions() {
  const overdue = query("overdue") === "true";
  const list = await api.get(`/api/v1/actions${overdue ? "?overdue=true" : ""}`);
  show("Actions", html`<h1 class="govuk-heading-l">Actions</h1>
    <p class="govuk-body">${overdue ? html`<a class="govuk-link" href="/actions">Show every action</a>` : html`<a class="govuk-link" href="/actions?overdue=true">Show only overdue actions</a>`}</p>
    ${table(`${list.actions.length} actions`, [
      { title: "Case", cell: (a) => link(`/cases/${a.case_id}`, a.case_reference) },
      { title: "Ref", cell: (a) => a.ref },
      { title: "Action", cell: (a) => a.action },
      { title: "Owner", cell: (a) => `${a.owner_person}, ${a.owner_agency}` },
      { title: "Due", cell: (a) => longDate(a.due_on) },
      { title: "Status", cell: (a) => (a.overdue ? tag("Overdue", "red") : words(a.status)) },
    ], list.actions, { empty: "No actions." })}`);
}
