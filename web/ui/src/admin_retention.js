// Administration, "Retention and erasure": how long each kind of case keeps the
// child's identity after closing, what has fallen due, legal holds, and erasing
// a child's identity, which cannot be undone and so is confirmed by typing the
// case's reference (engine/include/casereview/engine/retention.h).
import { api, Problem } from "./api.js";
import { html, table, tag, longDate, flash } from "./ui.js";
import { button, formMarkup } from "./forms.js";

const statusTags = {
  due: ["Due for erasure", "red"], held: ["Legal hold", "purple"], kept: ["Kept", "green"],
  erased: ["Identity erased", "grey"], no_identity: ["No identity kept", "grey"],
};

// `page` and `onSubmit` are the administration pages' own (admin.js).
export async function retention({ page, onSubmit }) {
  const body = await api.get("/api/v1/retention");
  const kinds = body.periods.map((p) => p.case_kind);
  const titles = body.periods.map((p) => p.title);
  const erasable = body.cases.filter((c) => c.status === "due" || c.status === "kept");
  const holdable = body.cases.filter((c) => c.status !== "erased" && c.status !== "no_identity");
  // Three forms on one page: each field's name (and so its id) says its form.
  const reasonField = (form) => ({ name: `${form}_reason`, type: "text", required: true, label: "Reason (recorded with the change)", max_length: 1000 });
  const main = page("Retention and erasure", html`
    <p class="govuk-body">A closed case keeps the child's identity for the years set for its kind, counted from the
      last step recorded on it; a legal hold keeps it whatever those years say. Nothing is erased on its own: an
      administrator erases each case below, and types its reference to confirm.</p>
    <p class="govuk-body" id="retention-counts"><strong>${body.counts.due}</strong> due for erasure,
      <strong>${body.counts.held}</strong> on legal hold, <strong>${body.counts.kept}</strong> kept,
      <strong>${body.counts.erased}</strong> erased.</p>
    ${table("Retention periods", [
    { title: "Kind of case", cell: (p) => p.title },
    { title: "Years after closing", cell: (p) => html`${p.years}${p.is_default ? html` ${tag("Default", "grey")}` : ""}` },
    { title: "Why", cell: (p) => (p.is_default ? "The shipped default, until the partnership sets its own" : html`${p.reason} (${p.set_by})`) },
  ], body.periods, { id: "retention-periods" })}
    <form id="period-form" novalidate class="govuk-!-margin-bottom-8">
      <h2 class="govuk-heading-m">Change a retention period</h2>
      ${formMarkup([{ name: "case_kind", type: "choice", required: true, label: "Kind of case", choices: kinds, choice_labels: titles },
    { name: "years", type: "integer", required: true, label: "Years after closing (1 to 100)" }, reasonField("period")], {})}
      ${button("Save the period", { secondary: true })}
    </form>
    ${table("Closed cases", [
    { title: "Case", cell: (c) => c.case_reference },
    { title: "Closed on", cell: (c) => longDate(c.closed_on) },
    { title: "Retention ends", cell: (c) => longDate(c.due_on) },
    { title: "Status", cell: (c) => tag(...statusTags[c.status]) },
  ], body.cases, { id: "retention-cases", empty: "No case is closed yet." })}
    <form id="hold-form" novalidate class="govuk-!-margin-bottom-8">
      <h2 class="govuk-heading-m">Place or lift a legal hold</h2>
      ${formMarkup([{ name: "hold_case", type: "choice", required: true, label: "Case", choices: holdable.map((c) => String(c.case_id)), choice_labels: holdable.map((c) => c.case_reference) },
    { name: "held", type: "choice", required: true, label: "Hold", choices: ["true", "false"], choice_labels: ["Place a hold", "Lift the hold"] }, reasonField("hold")], {})}
      ${button("Record the hold", { secondary: true })}
    </form>
    <form id="erase-form" novalidate>
      <h2 class="govuk-heading-m">Erase a child's identity</h2>
      <div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span>
        <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>
        This cannot be undone. The child's details and the case's documents are destroyed; every step, date and
        decision stays, under the case's pseudonym.</strong></div>
      ${formMarkup([{ name: "erase_case", type: "choice", required: true, label: "Case", choices: erasable.map((c) => String(c.case_id)), choice_labels: erasable.map((c) => `${c.case_reference} (${statusTags[c.status][0].toLowerCase()})`) },
    reasonField("erase"),
    { name: "confirm_reference", type: "text", required: true, label: "Type the case's reference to confirm", max_length: 40 }], {})}
      ${button("Erase the identity", { warning: true })}
    </form>`);
  const chosen = (form, name) => {
    const checked = form.querySelector(`input[name="${name}"]:checked`);
    return checked ? checked.value : (form.elements[name] ? form.elements[name].value : "");
  };
  // The API names its members; the page names its fields after their form.
  const send = (prefix, request) => request().catch((err) => {
    if (err instanceof Problem) {
      for (const e of err.errors || []) {
        if (e.field === "reason") e.field = `${prefix}_reason`;
      }
    }
    throw err;
  });
  onSubmit(main.querySelector("#period-form"), async (form) => {
    await send("period", () => api.put(`/api/v1/retention/periods/${encodeURIComponent(chosen(form, "case_kind"))}`,
      { years: Number(form.elements.years.value.trim()), reason: form.elements.period_reason.value.trim() }));
    flash("Retention period saved.");
    location.reload();
  });
  onSubmit(main.querySelector("#hold-form"), async (form) => {
    const held = chosen(form, "held") === "true";
    await send("hold", () => api.put(`/api/v1/cases/${chosen(form, "hold_case")}/legal-hold`,
      { held, reason: form.elements.hold_reason.value.trim() }));
    flash(held ? "Legal hold placed." : "Legal hold lifted.");
    location.reload();
  });
  onSubmit(main.querySelector("#erase-form"), async (form) => {
    const erased = await send("erase", () => api.post(`/api/v1/cases/${chosen(form, "erase_case")}/identity-erasure`,
      { reason: form.elements.erase_reason.value.trim(), confirm_reference: form.elements.confirm_reference.value.trim() }));
    flash(`The child's identity was erased${erased.documents_erased ? `, with ${erased.documents_erased} document(s)` : ""}.`);
    location.reload();
  });
}
