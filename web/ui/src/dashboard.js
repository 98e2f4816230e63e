// The dashboard: one row per case with something due, the next thing due on it,
// who must do it (by name where the record names someone: the agency's contact,
// the reviewer under contract, the case owner), and how many working days are
// left. Filtered by owner ("assigned to me"), kind and status, sorted by due
// date and paged on the server (GET /api/v1/dashboard). Below it, new
// notifications and reviewer contracts not yet signed.
import { api } from "./api.js";
import { html, raw, show, table, link, longDate, statusTag, tag, words, plural, successBanner, takeFlash, query,
  pagination, caseKinds, childCell } from "./ui.js";

const PER_PAGE = 25;
const statuses = [["overdue", "Overdue"], ["due_today", "Due today"], ["due_soon", "Due soon"], ["on_track", "On track"],
  ["paused", "Paused"]];

function daysBetween(fromIso, toIso) {
  return Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 86400000);
}

// What the page was asked for, from its address.
function asked() {
  const status = (query("status") || "").split(",").filter((s) => statuses.some(([v]) => v === s));
  return {
    owner: query("mine") === "true" ? "me" : query("owner") || "",
    kind: caseKinds.some(([v]) => v === query("kind")) ? query("kind") : "",
    status,
    sort: query("sort") === "-due" ? "-due" : "due",
    page: Math.max(1, Number.parseInt(query("page") || "1", 10) || 1),
  };
}

function apiQuery(a) {
  const params = new URLSearchParams({ page: String(a.page), per_page: String(PER_PAGE), sort: a.sort });
  if (a.owner === "me") params.set("mine", "true");
  else if (a.owner) params.set("owner", a.owner);
  if (a.kind) params.set("kind", a.kind);
  if (a.status.length) params.set("status", a.status.join(","));
  return params;
}

function pageAddress(a, page) {
  const params = apiQuery({ ...a, page });
  params.delete("per_page");
  if (page === 1) params.delete("page");
  if (a.sort === "due") params.delete("sort");
  return `/dashboard?${params}`;
}

function dueCell(d) {
  const when = d.due_date ? longDate(d.due_date) : "Paused";
  let left = "";
  if (d.working_days_left !== null && d.working_days_left !== undefined) {
    left = d.working_days_left < 0 ? `${plural(-d.working_days_left, "working day")} late`
      : d.status === "overdue" ? "past the due time" : `${plural(d.working_days_left, "working day")} left`;
  } else if (d.paused && d.remaining !== undefined) {
    left = `${plural(d.remaining, "day")} left when resumed`;
  }
  return html`<span class="app-nowrap">${when}</span>${d.provisional ? html` ${tag("Provisional", "yellow")}` : ""}
    ${left ? html`<br><span class="govuk-body-s">${left}</span>` : ""}`;
}

// The people who act by name (an agency's contact, the reviewer under
// contract), then the case owner who looks after the case, then who acts as
// the rule says it (an organisation).
const personRole = { agency_contact: (p) => p.agency, reviewer: () => "reviewer" };
function whoActsCell(row) {
  const who = row.who_acts;
  const named = who.people.filter((p) => p.as !== "case_owner").map((p) => `${p.name} (${personRole[p.as](p)})`);
  const unnamed = who.agencies_without_contact.map((a) => `${a} (no contact here)`);
  const people = [...named, ...unnamed];
  return html`${people.length ? html`${people.join(", ")}<br>` : ""}
    ${row.owner ? html`<span class="app-owner">Case owner: ${row.owner.name}</span><br>` : ""}
    <span class="govuk-body-s">${who.organisation}</span>`;
}

function nextCell(row) {
  const n = row.next;
  const pause = n.paused ? (n.pauses || []).filter((p) => !p.to).pop() : null;
  return html`${n.title}${pause && pause.reason ? html`<br><span class="govuk-body-s">on hold: ${words(pause.reason)}</span>` : ""}
    ${row.others_due ? html`<br><span class="govuk-body-s">and ${row.others_due} more due later</span>` : ""}`;
}

function filterForm(a, owners, board, session) {
  const mayOwn = owners.some((o) => o.username === session.username);
  const ownerOptions = [["", "Anyone or no one"], ...(mayOwn ? [["me", "Assigned to me"]] : []), ["none", "No owner yet"],
    ...owners.filter((o) => o.username !== session.username || !mayOwn).map((o) => [o.username, o.name])];
  // An owner asked for in the address who is no longer offered (a suspended
  // account) stays chosen, so that "Show" keeps the filter.
  if (a.owner && !ownerOptions.some(([v]) => v === a.owner)) ownerOptions.push([a.owner, a.owner === "me" ? "Assigned to me" : a.owner]);
  return html`<form id="dashboard-filters" class="app-filters govuk-!-margin-bottom-4" novalidate>
    <div class="app-filters__row">
      <div class="govuk-form-group"><label class="govuk-label" for="owner">Case owner</label>
        <select class="govuk-select" id="owner" name="owner">
          ${ownerOptions.map(([v, t]) => html`<option value="${v}" ${v === a.owner ? raw("selected") : ""}>${t}</option>`)}
        </select></div>
      <div class="govuk-form-group"><label class="govuk-label" for="kind">Kind of case</label>
        <select class="govuk-select" id="kind" name="kind">
          ${caseKinds.map(([v, t]) => html`<option value="${v}" ${v === a.kind ? raw("selected") : ""}>${t}</option>`)}
        </select></div>
      <div class="govuk-form-group"><label class="govuk-label" for="sort">Order</label>
        <select class="govuk-select" id="sort" name="sort">
          <option value="due" ${a.sort === "due" ? raw("selected") : ""}>Soonest due first</option>
          <option value="-due" ${a.sort === "-due" ? raw("selected") : ""}>Latest due first</option>
        </select></div>
    </div>
    <div class="govuk-form-group"><fieldset class="govuk-fieldset" aria-describedby="status-hint">
      <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Status of the next thing due</legend>
      <div class="govuk-hint" id="status-hint">None ticked shows every status.</div>
      <div class="govuk-checkboxes govuk-checkboxes--small app-checkboxes--inline">
        ${statuses.map(([v, t]) => html`<div class="govuk-checkboxes__item">
          <input class="govuk-checkboxes__input" id="status-${v}" name="status" type="checkbox" value="${v}" ${a.status.includes(v) ? raw("checked") : ""}>
          <label class="govuk-label govuk-checkboxes__label" for="status-${v}">${t} (${board.by_status[v]})</label></div>`)}
      </div></fieldset></div>
    <button class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" type="submit">Show</button>
    <a class="govuk-link govuk-!-margin-left-3" href="/dashboard">Clear the filters</a>
  </form>`;
}

export async function draw({ session }) {
  const a = asked();
  const [board, ownerList, cases, commissioning] = await Promise.all([
    api.get(`/api/v1/dashboard?${apiQuery(a)}`),
    api.get("/api/v1/case-owners"),
    api.get("/api/v1/cases?limit=50"),
    api.get("/api/v1/reports/lcspr-commissioning"),
  ]);
  const today = board.today;
  const fresh = cases.cases.filter((c) =>
    ["child_death_review", "serious_incident_notification"].includes(c.kind) && daysBetween(c.opened_on, today) <= 14);
  const unsigned = commissioning.reviews.filter((r) => !r.signed);
  const readsIdentity = (session.permissions || []).includes("read_identity");
  const first = (board.page - 1) * board.per_page + 1;
  const last = first + board.rows.length - 1;
  const filtered = a.owner || a.kind || a.status.length;
  const overdue = board.by_status.overdue;

  const main = show("Dashboard", html`
    ${successBanner(takeFlash())}
    <h1 class="govuk-heading-l">Dashboard</h1>
    <p class="govuk-body" id="dashboard-summary">Today is ${longDate(today)}.
      ${filtered ? `${plural(board.total, "case matches", "cases match")} the filters.`
        : html`${plural(board.total, "case has", "cases have")} something due${overdue ? html`; <strong>${overdue} overdue</strong>` : ""}.`}</p>
    ${filterForm(a, ownerList.owners, board, session)}
    ${table(`Cases ${first} to ${last} of ${board.total}, ${a.sort === "due" ? "soonest due first" : "latest due first"}`, [
      { title: "Case", cell: (r) => html`${link(`/cases/${r.case.id}`, r.case.reference)}<br><span class="govuk-body-s">${r.case.kind_title}</span>` },
      { title: readsIdentity ? "Child" : "Pseudonym", cell: childCell },
      { title: "Next thing due", cell: nextCell },
      { title: "Due", cell: (r) => dueCell(r.next) },
      { title: "Who acts", cell: whoActsCell },
      { title: "Status", cell: (r) => statusTag(r.next.status) },
    ], board.rows, { id: "due-table", empty: board.total && !board.rows.length
      ? `There is no page ${board.page}: the ${plural(board.total, "case")} asked for fill ${Math.ceil(board.total / board.per_page)}.`
      : filtered ? "No case with something due matches the filters." : "Nothing is due on any case." })}
    ${pagination(board.total, board.per_page, board.page, (n) => pageAddress(a, n), "Pages of the dashboard")}
    <p class="govuk-body-s">Provisional: the date falls beyond the published bank holidays and may move when the calendar is refreshed.</p>
    ${table("New notifications (last 14 days)", [
      { title: "Case", cell: (c) => link(`/cases/${c.id}`, c.reference) },
      { title: "Kind", cell: (c) => words(c.kind) },
      { title: "Opened", cell: (c) => longDate(c.opened_on) },
      { title: "State", cell: (c) => c.state_title },
      { title: "Summary", cell: (c) => c.summary },
    ], fresh, { empty: "No notifications in the last 14 days." })}
    ${table("Reviewer contracts not yet signed", [
      { title: "Case", cell: (r) => link(`/cases/${r.case_id}`, r.case_reference) },
      { title: "Decided", cell: (r) => longDate(r.decided_on) },
      { title: "Days since the decision", cell: (r) => `${r.calendar_days} (${r.working_days} working days)` },
      { title: "State", cell: (r) => words(r.state) },
    ], unsigned, { empty: "Every commissioned review has a signed contract." })}
    ${(session.menu || []).some((m) => m.path === "/notifications/new") ? html`<a class="govuk-button" href="/notifications/new">Log a notification</a>` : ""}
  `, { identifying: board.rows.some((r) => r.child) });

  const form = main.querySelector("#dashboard-filters");
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const chosen = {
      owner: form.elements.owner.value,
      kind: form.elements.kind.value,
      status: [...form.querySelectorAll("input[name=status]:checked")].map((i) => i.value),
      sort: form.elements.sort.value,
    };
    location.assign(pageAddress(chosen, 1));
  });
}
