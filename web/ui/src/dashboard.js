// The manager's dashboard: what is due or overdue in the next 10 working days
// across every kind of case, in the order the law runs out; new notifications;
// local reviews on hold and for how long; reviewer contracts not yet signed.
import { api } from "./api.js";
import { html, show, table, link, longDate, statusTag, tag, words, plural, successBanner, takeFlash } from "./ui.js";

const caseLink = (c) => link(`/cases/${c.id}`, c.reference);

function daysBetween(fromIso, toIso) {
  return Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 86400000);
}

export async function draw({ session }) {
  const [due, cases, reviews, commissioning] = await Promise.all([
    api.get("/api/v1/deadlines?within_working_days=10"),
    api.get("/api/v1/cases?limit=50"),
    api.get("/api/v1/reports/timeliness?kind=lcspr"),
    api.get("/api/v1/reports/lcspr-commissioning"),
  ]);
  const today = due.today;
  const fresh = cases.cases.filter((c) =>
    ["child_death_review", "serious_incident_notification"].includes(c.kind) && daysBetween(c.opened_on, today) <= 14);
  // A review on hold has its clocks paused; the earliest open pause says since when and why.
  const held = reviews.cases.filter((c) => c.state === "on_hold").map((c) => {
    const open = c.clocks.flatMap((k) => k.pauses || []).filter((p) => !p.to).sort((a, b) => a.from.localeCompare(b.from));
    return { ...c, held_from: open.length ? open[0].from : null, hold_reason: open.length ? open[0].reason : "" };
  });
  const unsigned = commissioning.reviews.filter((r) => !r.signed);
  const overdue = due.deadlines.filter((d) => d.status === "overdue").length;

  show("Dashboard", html`
    ${successBanner(takeFlash())}
    <h1 class="govuk-heading-l">Dashboard</h1>
    <p class="govuk-body">Today is ${longDate(today)}. ${plural(due.deadlines.length, "deadline")} due within 10 working days
      or overdue${overdue ? html`, <strong>${overdue} overdue</strong>` : ""}.</p>
    ${table("Due or overdue in the next 10 working days", [
      { title: "Due", cell: (d) => html`${longDate(d.due_date)}${d.provisional ? html` ${tag("Provisional", "yellow")}` : ""}` },
      { title: "Case", cell: (d) => caseLink(d.case) },
      { title: "What is due", cell: (d) => d.title },
      { title: "Who acts", cell: (d) => d.who_acts },
      { title: "Status", cell: (d) => html`${statusTag(d.status)} ${d.working_days_left !== null ? html`<span class="govuk-body-s">${d.working_days_left < 0 ? `${-d.working_days_left} working days late` : d.status === "overdue" ? "past the due date" : `${d.working_days_left} working days left`}</span>` : ""}` },
    ], due.deadlines, { empty: "Nothing is due in the next 10 working days.", id: "due-table" })}
    <p class="govuk-body-s">Provisional: the date falls beyond the published bank holidays and may move when the calendar is refreshed.</p>
    ${table("New notifications (last 14 days)", [
      { title: "Case", cell: caseLink },
      { title: "Kind", cell: (c) => words(c.kind) },
      { title: "Opened", cell: (c) => longDate(c.opened_on) },
      { title: "State", cell: (c) => c.state_title },
      { title: "Summary", cell: (c) => c.summary },
    ], fresh, { empty: "No notifications in the last 14 days." })}
    ${table("Local reviews on hold", [
      { title: "Case", cell: caseLink },
      { title: "On hold since", cell: (c) => longDate(c.held_from) },
      { title: "For", cell: (c) => (c.held_from ? plural(daysBetween(c.held_from, today), "day") : "") },
      { title: "Why", cell: (c) => words(c.hold_reason) || c.outcome },
    ], held, { empty: "No local review is on hold." })}
    ${table("Reviewer contracts not yet signed", [
      { title: "Case", cell: (r) => link(`/cases/${r.case_id}`, r.case_reference) },
      { title: "Decided", cell: (r) => longDate(r.decided_on) },
      { title: "Days since the decision", cell: (r) => `${r.calendar_days} (${r.working_days} working days)` },
      { title: "State", cell: (r) => words(r.state) },
    ], unsigned, { empty: "Every commissioned review has a signed contract." })}
    ${(session.menu || []).some((m) => m.path === "/notifications/new") ? html`<a class="govuk-button" href="/notifications/new">Log a notification</a>` : ""}
  `);
}
