// Lists: every case, searched (by reference and pseudonym; by the child's name,
// NHS number or date of birth for readers of identity, on the server), filtered
// (kind, overdue, a period) and paged; and the action log (a period, overdue),
// each with its CSV export for the same period.
import { periodAsked, periodInputs, periodInWords, withPeriod, fetchForPeriod, wireListForm } from "./period.js";
import { html, raw, show, table, link, longDate, words, tag, query, pagination, caseKinds as kinds, kindTitles, childCell } from "./ui.js";
import { showProblems } from "./forms.js";

const PER_PAGE = 50;
const ACTIONS_PER_PAGE = 100;

export async function draw({ session }) {
  const kind = query("kind") || "";
  const overdue = query("overdue") === "true";
  const searched = (query("q") || "").trim();
  const page = Math.max(1, Number.parseInt(query("page") || "1", 10) || 1);
  const readsIdentity = (session.permissions || []).includes("read_identity");
  const asked = periodAsked();
  const params = new URLSearchParams({ limit: String(PER_PAGE), offset: String((page - 1) * PER_PAGE) });
  if (kind) params.set("kind", kind);
  if (overdue) params.set("overdue", "true");
  if (searched.length >= 2) params.set("q", searched);
  const { list, refused } = await fetchForPeriod(`/api/v1/cases?${withPeriod(params, asked)}`);
  const period = list && list.period;
  const addressOf = (n) => {
    const next = new URLSearchParams(location.search);
    next.set("page", String(n));
    return `/cases?${next}`;
  };
  const withChild = list ? list.cases.some((c) => c.child || c.pseudonym) : false;
  const first = list ? list.offset + 1 : 0;
  const last = list ? list.offset + list.cases.length : 0;
  const main = show("Cases", html`<h1 class="govuk-heading-l">Cases</h1>
    <form id="search-form" class="govuk-!-margin-bottom-6" role="search" novalidate>
      <div class="govuk-form-group" data-field="q">
        <label class="govuk-label govuk-label--m" for="f-q">Search cases</label>
        <div class="govuk-hint" id="f-q-hint">${readsIdentity
          ? "A case reference, the child's name, NHS number or date of birth (for example 12/03/2019)"
          : "A case reference or a pseudonym (for example C-7A1B2C3D4E)"}</div>
        <p id="f-q-error" class="govuk-error-message" hidden></p>
        <input class="govuk-input govuk-!-width-two-thirds" id="f-q" name="q" type="search" spellcheck="false"
          autocomplete="off" aria-describedby="f-q-hint f-q-error">
        <button class="govuk-button govuk-!-margin-bottom-0" type="submit">Search</button>
      </div>
    </form>
    ${searched ? html`<p class="govuk-body" id="search-summary">${list ? `${list.total} ${list.total === 1 ? "case" : "cases"} found for “${searched}”` : ""}
      · <a class="govuk-link" href="/cases">Clear the search</a></p>` : ""}
    ${period ? html`<p class="govuk-body-l" id="list-period">Active from ${periodInWords(period)}</p>` : ""}
    <details class="govuk-details" ${kind || overdue || asked.from || asked.to ? raw("open") : ""}>
      <summary class="govuk-details__summary"><span class="govuk-details__summary-text">Filter the cases</span></summary>
      <div class="govuk-details__text">
    <form id="list-form" novalidate>
      <div class="govuk-form-group"><label class="govuk-label" for="kind">Kind of case</label>
        <select class="govuk-select" id="kind" name="kind">
          ${kinds.map(([v, t]) => html`<option value="${v}">${t}</option>`)}
        </select></div>
      <div class="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-bottom-4"><div class="govuk-checkboxes__item">
        <input class="govuk-checkboxes__input" id="overdue" name="overdue" type="checkbox" value="true">
        <label class="govuk-label govuk-checkboxes__label" for="overdue">Only cases with an overdue clock</label></div></div>
      ${periodInputs(period || asked, "Active in a period (optional)")}
      <button class="govuk-button govuk-button--secondary" type="submit">Show</button>
    </form></div></details>
    ${list ? html`<p class="govuk-body"><a class="govuk-link" id="export-link" download
        href="/api/v1/exports/cases?${withPeriod(new URLSearchParams(), period || {})}">Download
        ${period ? "these cases" : "the cases of this financial year"} as CSV</a></p>
      ${table(list.total ? `Cases ${first} to ${last} of ${list.total}` : "No cases", [
      { title: "Case", cell: (c) => link(`/cases/${c.id}`, c.reference) },
      ...(withChild ? [{ title: readsIdentity ? "Child" : "Pseudonym", cell: childCell }] : []),
      { title: "Kind", cell: (c) => kindTitles[c.kind] || words(c.kind) },
      { title: "State", cell: (c) => (c.closed ? tag(c.state_title, "grey") : c.state_title) },
      { title: "Opened", cell: (c) => longDate(c.opened_on) },
      { title: "Summary", cell: (c) => c.summary },
    ], list.cases, { empty: searched ? "No case matches the search." : "No cases match.", id: "case-rows" })}
    ${pagination(list.total, PER_PAGE, page, addressOf, "Pages of cases")}` : ""}`);
  const search = main.querySelector("#search-form");
  search.elements.q.value = searched;
  search.addEventListener("submit", (e) => {
    e.preventDefault();
    const typed = search.elements.q.value.trim();
    if (typed && typed.length < 2) {
      showProblems(search, { q: "Enter at least two characters to search for" });
      return;
    }
    const next = new URLSearchParams(location.search);
    next.delete("page");
    if (typed) next.set("q", typed);
    else next.delete("q");
    location.assign(next.toString() ? `/cases?${next}` : "/cases");
  });
  const form = main.querySelector("#list-form");
  form.elements.kind.value = kind;
  form.elements.overdue.checked = overdue;
  wireListForm(form, refused, "/cases", (f) => {
    const next = new URLSearchParams();
    if (searched) next.set("q", searched);
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
  // A hundred actions a page (a national year has thousands), paged here: the
  // CSV export has them all.
  const pages = list ? Math.max(1, Math.ceil(list.actions.length / ACTIONS_PER_PAGE)) : 1;
  const actionsPage = Math.min(pages, Math.max(1, Number.parseInt(query("page") || "1", 10) || 1));
  const firstShown = (actionsPage - 1) * ACTIONS_PER_PAGE + 1;
  const shownActions = list ? list.actions.slice(firstShown - 1, firstShown - 1 + ACTIONS_PER_PAGE) : [];
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
      ${table(`${list.actions.length} actions${shownActions.length < list.actions.length
        ? `, ${firstShown} to ${firstShown + shownActions.length - 1} shown` : ""}`, [
      { title: "Case", cell: (a) => link(`/cases/${a.case_id}`, a.case_reference) },
      { title: "Ref", cell: (a) => a.ref },
      { title: "Action", cell: (a) => a.action },
      { title: "Owner", cell: (a) => `${a.owner_person}, ${a.owner_agency}` },
      { title: "Due", cell: (a) => longDate(a.due_on) },
      { title: "Status", cell: (a) => (a.overdue ? tag("Overdue", "red") : words(a.status)) },
    ], shownActions, { empty: "No actions.", id: "action-rows" })}
      ${pagination(list.actions.length, ACTIONS_PER_PAGE, actionsPage, (n) => {
        const next = new URLSearchParams(location.search);
        next.set("page", String(n));
        return `/actions?${next}`;
      }, "Pages of actions")}` : ""}`);
  const form = main.querySelector("#list-form");
  form.elements.overdue.checked = overdue;
  wireListForm(form, refused, "/actions", (f) => new URLSearchParams(f.elements.overdue.checked ? { overdue: "true" } : {}));
}
