// A case: its summary (the child or a pseudonym, the date of death, age and
// area), every clock with its status and, beside it, the plain time since it
// started (holds included, which a paused clock leaves out), the statutory steps
// as a task list, the steps the user may take now, the cases linked on its
// spine, review records, documents, and the combined timeline of the spine
// (filterable), each event in words. Scrutineers and auditors see a
// pseudonym in place of the child; the API never sends them more.
import { api } from "./api.js";
import { html, show, markup, table, summaryList, link, longDate, dateTime, clockDue, clockMet, statusTag, tag, words, bytes, documentLink,
  successBanner, takeFlash, flash, elapsedText } from "./ui.js";
import { showProblems, clearProblems, problemsFromApi } from "./forms.js";

export async function draw({ params, session }) {
  const id = params[0];
  const assigns = (session.permissions || []).includes("open_cases");
  const [c, spine, documents] = await Promise.all([
    api.get(`/api/v1/cases/${id}`),
    api.get(`/api/v1/cases/${id}/spine`),
    api.get(`/api/v1/cases/${id}/documents`),
  ]);
  const subject = c.subject;
  const records = c.records || {};
  // The facts the case was opened with (its first event): the date of death, the
  // age and the area, which the summary names.
  const opening = (spine.timeline || []).find((e) => e.case_id === c.id && e.seq === 1);
  const opened = (opening && opening.payload) || {};
  const main = show(`${c.reference}`, html`
    ${successBanner(takeFlash())}
    <span class="govuk-caption-l">${c.kind_title}</span>
    <h1 class="govuk-heading-l">${c.reference}</h1>
    <p class="govuk-body">${tag(c.state_title, c.closed ? "grey" : "blue")}</p>
    <p class="govuk-body">${c.state_meaning}</p>
    ${summaryList([
      ["Child", subject ? [subject.given_name, subject.family_name].filter(Boolean).join(" ") || "Not recorded" : ""],
      ["Date of birth", subject && subject.date_of_birth ? longDate(subject.date_of_birth) : ""],
      ["NHS number", subject ? subject.nhs_number : ""],
      ["Pseudonym", c.pseudonym || "None (no identifying details recorded)"],
      ["Date of death", opened.date_of_death ? longDate(opened.date_of_death) : ""],
      ["Age", ageText(subject, opened)],
      ["Area", opened.resident_local_authority || opened.local_authority || ""],
      ["Case owner", c.owner === undefined ? "" : c.owner ? c.owner.name : "No owner yet"],
      ["Opened", longDate(c.opened_on)],
      ["Summary", c.summary],
      ["Outcome", c.outcome],
    ])}
    ${c.identity_withheld ? html`<p class="govuk-body"><strong>${c.identity_withheld}</strong></p>` : ""}
    ${assigns && c.owner !== undefined ? ownerForm(c) : ""}
    ${table("Clocks", [
      { title: "What is due", cell: (d) => html`${d.title}<br><span class="govuk-body-s">${d.who_acts}</span>` },
      { title: "Started", cell: (d) => longDate(d.anchor_date) },
      { title: "Due", cell: (d) => html`${d.due_date ? clockDue(d) : d.paused ? "Paused" : "—"} ${d.provisional ? tag("Provisional", "yellow") : ""}` },
      { title: "Status", cell: (d) => html`${statusTag(d.status)}${d.met_on ? html`<br><span class="govuk-body-s">met ${clockMet(d)}</span>` : ""}${d.paused ? html`<br><span class="govuk-body-s">${d.remaining} days left when resumed</span>` : ""}` },
      { title: "Time since it started, holds included", cell: (d) => elapsedText(d.elapsed) },
    ], c.deadlines || [], { empty: "This case has no clocks.", id: "clocks" })}
    ${statutorySteps(c)}
    ${commandsSection(c)}
    ${laterIdentifyingDetails(subject)}
    ${spineSection(c)}
    ${recordsSection(records)}
    ${documentsSection(c, documents)}
    <h2 class="govuk-heading-m" id="timeline-heading">Timeline</h2>
    <div id="timeline-filters"></div>
    <div id="timeline"></div>
  `, { identifying: Boolean(subject) });
  drawTimeline(main, spine);
  if (assigns && c.owner !== undefined) wireOwnerForm(main, c);
}

// The manager gives the case to the person in the business unit who looks
// after it (PUT /api/v1/cases/{id}/owner); the choices come when it is opened.
function ownerForm(c) {
  return html`<details class="govuk-details" id="owner-details">
    <summary class="govuk-details__summary"><span class="govuk-details__summary-text">${c.owner ? "Change the case owner" : "Give the case an owner"}</span></summary>
    <div class="govuk-details__text"><form id="owner-form" novalidate>
      <div class="govuk-form-group" data-field="owner">
        <label class="govuk-label" for="f-owner">Case owner</label>
        <p id="f-owner-error" class="govuk-error-message" hidden></p>
        <select class="govuk-select" id="f-owner" name="owner" aria-describedby="f-owner-error">
          <option value="">No owner</option>
        </select></div>
      <button class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" type="submit">Save the owner</button>
    </form></div></details>`;
}

function wireOwnerForm(main, c) {
  const details = main.querySelector("#owner-details");
  const form = main.querySelector("#owner-form");
  const select = form.elements.owner;
  let loading = null;  // the choices are asked for once, when the form is first opened
  details.addEventListener("toggle", () => {
    if (!details.open || loading) return;
    loading = api.get("/api/v1/case-owners").then(({ owners }) => {
      for (const o of owners) select.add(new Option(o.name, o.username, false, Boolean(c.owner) && c.owner.username === o.username));
    }).catch((problem) => {
      loading = null;
      const { fields, general } = problemsFromApi(problem);
      showProblems(form, fields, general);
    });
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearProblems(form);
    try {
      const done = await api.put(`/api/v1/cases/${c.id}/owner`, { owner: select.value || null });
      flash(done.owner ? `${done.owner.name} is the case owner of ${c.reference}` : `${c.reference} has no case owner now`);
      location.reload();
    } catch (problem) {
      const { fields, general } = problemsFromApi(problem);
      showProblems(form, fields, general);
    }
  });
}

// The child's age at death: from the date of birth for those who read it, else
// the age or age group the case was opened with.
function ageText(subject, opened) {
  if (subject && subject.date_of_birth && opened.date_of_death) {
    const [by, bm, bd] = subject.date_of_birth.split("-").map(Number);
    const [ey, em, ed] = opened.date_of_death.split("-").map(Number);
    const years = ey - by - (em < bm || (em === bm && ed < bd) ? 1 : 0);
    if (years >= 1) return `${years} ${years === 1 ? "year" : "years"}`;
    const months = (ey - by) * 12 + (em - bm) - (ed < bd ? 1 : 0);
    return `${months} ${months === 1 ? "month" : "months"}`;
  }
  if (Number.isInteger(opened.age)) return `${opened.age} ${opened.age === 1 ? "year" : "years"}`;
  if (opened.age_group) return `${words(opened.age_group)} (age group)`;
  return "";
}

// Each statutory step of the case (one per clock) as a GOV.UK task list: done
// on a date (late or not), due by a date, overdue, paused, or not needed for
// this case (a looked-after child's notifications for a child who was not).
const stepStatus = {
  met: ["Done", "green"], met_late: ["Done late", "pink"], overdue: ["Overdue", "red"], due_today: ["Due today", "orange"],
  due_soon: ["Due soon", "orange"], on_track: ["To do", "blue"], paused: ["Paused", "grey"], provisional: ["To do", "blue"],
  not_required: ["Not needed", "grey"], ended: ["No longer needed", "grey"],
};
function statutorySteps(c) {
  const clocks = c.deadlines || [];
  if (!clocks.length) return "";
  return html`<h2 class="govuk-heading-m">Statutory steps</h2>
    <ul class="govuk-task-list" id="steps">${clocks.map((d, i) => {
      const [text, colour] = stepStatus[d.status] || [words(d.status), "grey"];
      const when = d.met_on ? `on ${clockMet(d)}` : d.due_date && !["not_required", "ended"].includes(d.status) ? `by ${clockDue(d)}` : "";
      return html`<li class="govuk-task-list__item">
        <div class="govuk-task-list__name-and-hint"><span id="step-${i}">${d.title}</span>
          <div class="govuk-task-list__hint">${d.who_acts}${when ? html` · ${when}` : ""}</div></div>
        <div class="govuk-task-list__status" id="step-${i}-status"><strong class="govuk-tag govuk-tag--${colour}">${text}</strong></div>
      </li>`;
    })}</ul>`;
}

function commandsSection(c) {
  const commands = c.allowed_commands || [];
  if (!commands.length) return "";
  return html`<h2 class="govuk-heading-m">What you can do now</h2>
    <ul class="govuk-list govuk-list--spaced" id="commands">
      ${commands.map((cmd) => html`<li><a class="govuk-link govuk-!-font-weight-bold" href="/cases/${c.id}/act/${cmd.name}">${cmd.title}</a><br>
        <span class="govuk-body-s">${cmd.description}</span></li>`)}
    </ul>`;
}

function spineSection(c) {
  const others = (c.spine || []).filter((s) => s.id !== c.id);
  if (!others.length) return "";
  return table("Linked cases", [
    { title: "Case", cell: (s) => link(`/cases/${s.id}`, s.reference) },
    { title: "Kind", cell: (s) => words(s.kind) },
    { title: "State", cell: (s) => s.state_title },
    { title: "Outcome", cell: (s) => s.outcome },
  ], others);
}

function recordsSection(r) {
  const parts = [];
  if ((r.agency_requests || []).length) {
    parts.push(table("Requests to agencies", [
      { title: "Agency", cell: (q) => q.agency },
      { title: "Asked", cell: (q) => longDate(q.requested_on) },
      { title: "Due", cell: (q) => longDate(q.due_on) },
      { title: "Returned", cell: (q) => (q.returned_on ? longDate(q.returned_on) : q.overdue ? tag("Overdue", "red") : tag("Awaited", "blue")) },
    ], r.agency_requests));
  }
  if ((r.contracts || []).length) {
    parts.push(table("Reviewer contracts", [
      { title: "Contract", cell: (k) => k.ref },
      { title: "Reviewer", cell: (k) => k.reviewer_name },
      { title: "Status", cell: (k) => words(k.status) },
      { title: "Signed", cell: (k) => longDate(k.signed_on) },
    ], r.contracts));
  }
  if ((r.actions || []).length) {
    parts.push(table("Actions", [
      { title: "Ref", cell: (a) => a.ref },
      { title: "Action", cell: (a) => a.action },
      { title: "Owner", cell: (a) => `${a.owner_person}, ${a.owner_agency}` },
      { title: "Due", cell: (a) => longDate(a.due_on) },
      { title: "Status", cell: (a) => (a.overdue ? tag("Overdue", "red") : words(a.status)) },
    ], r.actions));
  }
  const codes = [...(r.learning_themes || []), ...(r.modifiable_factors || [])];
  if (codes.length) {
    parts.push(html`<h2 class="govuk-heading-m">Learning themes and modifiable factors</h2>
      <ul class="govuk-list govuk-list--bullet">${codes.map((t) => html`<li>${t.label || words(t.code)}</li>`)}</ul>`);
  }
  return parts;
}

function documentsSection(c, documents) {
  const list = documents.documents || [];
  return html`<h2 class="govuk-heading-m">Documents</h2>
    ${table("", [
      { title: "Document", cell: documentLink },
      { title: "What", cell: (d) => d.kind_title },
      { title: "Size", cell: (d) => bytes(d.size_bytes) },
      { title: "Attached", cell: (d) => html`${dateTime(d.uploaded_at)} by ${d.uploaded_by}` },
      { title: "SHA-256", cell: (d) => html`<span class="app-hash govuk-body-s">${d.sha256.slice(0, 16)}…</span>` },
    ], list, { empty: "No documents.", id: "documents" })}
    ${documents.may_attach ? html`<a class="govuk-button govuk-button--secondary" href="/cases/${c.id}/documents/new">Attach a document</a>` : ""}`;
}

// One line per event of the spine, newest last; filter by case and by kind of event.
function drawTimeline(main, spine) {
  const events = spine.timeline;
  const refs = [...new Set(events.map((e) => e.case_reference))];
  const filters = main.querySelector("#timeline-filters");
  filters.innerHTML = markup(html`<div class="govuk-form-group">
      <label class="govuk-label" for="timeline-case">Show events of</label>
      <select class="govuk-select" id="timeline-case">
        <option value="">Every linked case</option>
        ${refs.map((r) => html`<option value="${r}">${r}</option>`)}
      </select></div>
    <div class="govuk-form-group">
      <label class="govuk-label" for="timeline-search">Events containing</label>
      <input class="govuk-input govuk-!-width-one-half" id="timeline-search" type="search">
    </div>`);
  const target = main.querySelector("#timeline");
  const render = () => {
    const ref = filters.querySelector("#timeline-case").value;
    const needle = filters.querySelector("#timeline-search").value.trim().toLowerCase();
    const shown = events.filter((e) => (!ref || e.case_reference === ref) &&
      (!needle || JSON.stringify(e).toLowerCase().includes(needle)));
    target.innerHTML = markup(shown.length ? html`<p class="govuk-body-s" aria-live="polite">${shown.length} of ${events.length} events</p>
      <ol class="app-timeline" id="timeline-list">${shown.map((e) => html`<li class="app-timeline__item">
        <span class="app-timeline__date">${longDate(e.effective_date)} · ${e.case_reference}</span>
        <span class="app-timeline__sentence">${e.sentence || words(e.type)}</span>
        <span class="app-timeline__detail">Recorded ${dateTime(e.recorded_at)} by ${e.actor}</span>
        <details class="govuk-details app-timeline__record"><summary class="govuk-details__summary">
          <span class="govuk-details__summary-text">The record as stored<span class="govuk-visually-hidden">: event ${e.seq} of ${e.case_reference}</span></span></summary>
          <div class="govuk-details__text">${storedRecord(e)}</div></details>
      </li>`)}</ol>` : html`<p class="govuk-body">No events match.</p>`);
  };
  filters.addEventListener("input", render);
  filters.addEventListener("change", render);
  render();
}

// The identifying details other than the child's own (the GP, the professionals
// involved, the key worker, who completed each form): kept in the identity
// store, never in the timeline. A member recorded more than once is a list of
// every value, oldest first.
function laterIdentifyingDetails(subject) {
  if (!subject) return "";
  const childsOwn = new Set(["given_name", "family_name", "date_of_birth", "nhs_number"]);
  const pairs = Object.entries(subject)
    .filter(([k, v]) => !childsOwn.has(k) && v !== "" && v !== null)
    .map(([k, v]) => [words(k), Array.isArray(v) ? v.join("; ") : String(v)]);
  if (pairs.length === 0) return "";
  return html`<h2 class="govuk-heading-m">Identifying details</h2>${summaryList(pairs)}`;
}

// The event as the store holds it: its type and every payload member with its
// stored value (the chain's hashes are in the audit verification, not here).
function storedRecord(e) {
  const members = Object.entries(e.payload || {}).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]);
  return html`<dl class="app-record">${[["type", e.type], ["effective_date", e.effective_date],
    ["recorded_at", e.recorded_at], ...members].map(([k, v]) => html`<dt><code>${k}</code></dt><dd><code class="app-hash">${v}</code></dd>`)}</dl>`;
}
