// The agency contributor's inbox: only the requests addressed to their agency,
// what is overdue, and the answer (a note and attached documents). The agency
// needs the child's identity to find its records, so the inbox shows it for
// each request waiting (each showing is in the access log); answered requests
// of the last 12 months are listed by reference and dates.
import { api, Problem } from "./api.js";
import { html, show, table, longDate, tag, plural, successBanner, takeFlash, query } from "./ui.js";
import { drawCommandForm } from "./command_page.js";
import { typeOf } from "./documents.js";

function childOf(subject, withheld) {
  if (withheld) return "Not shown at the moment";
  if (!subject) return "Not recorded";
  const name = [subject.given_name, subject.family_name].filter(Boolean).join(" ");
  return `${name}${subject.date_of_birth ? `, born ${longDate(subject.date_of_birth)}` : ""}${subject.nhs_number ? `, NHS ${subject.nhs_number}` : ""}`;
}

export async function draw() {
  const inbox = await api.get("/api/v1/inbox");
  const answering = query("answer");
  if (answering) return drawAnswer(inbox, Number(answering));
  const open = inbox.requests.filter((r) => !r.returned_on);
  const answered = inbox.requests.filter((r) => r.returned_on);
  const overdue = open.filter((r) => r.overdue).length;
  show("Requests to your agency", html`${successBanner(takeFlash())}
    <span class="govuk-caption-l">${inbox.agency}</span>
    <h1 class="govuk-heading-l">Requests to your agency</h1>
    ${inbox.identity_withheld ? html`<p class="govuk-body"><strong>${inbox.identity_withheld}</strong></p>` : ""}
    <p class="govuk-body">${plural(open.length, "request")} waiting for your answer${overdue ? html`, <strong>${overdue} overdue</strong>` : ""}.</p>
    ${table("Waiting for your answer", [
      { title: "Case", cell: (r) => r.case_reference },
      { title: "Child", cell: (r) => childOf(r.subject, inbox.identity_withheld) },
      { title: "Asked for", cell: (r) => (r.purpose === "reporting_form" ? "Reporting form" : "Information") },
      { title: "Due", cell: (r) => html`${longDate(r.due_on)} ${r.overdue ? tag("Overdue", "red") : ""}${r.reminders ? html`<br><span class="govuk-body-s">${plural(r.reminders, "reminder")} sent</span>` : ""}` },
      { title: "", cell: (r) => html`<a class="govuk-link" href="/inbox?answer=${r.case_id}">Answer<span class="govuk-visually-hidden"> ${r.case_reference}</span></a>` },
    ], open, { empty: "Nothing is waiting for your answer.", id: "open-requests" })}
    ${table(`Answered since ${longDate(inbox.answered_since)}`, [
      { title: "Case", cell: (r) => r.case_reference },
      { title: "Asked", cell: (r) => longDate(r.requested_on) },
      { title: "Answered", cell: (r) => longDate(r.returned_on) },
    ], answered, { empty: "Nothing answered in the last 12 months." })}`, { identifying: open.some((r) => r.subject) });
}

async function drawAnswer(inbox, caseId) {
  const request = inbox.requests.find((r) => r.case_id === caseId && !r.returned_on);
  if (!request) {
    show("Request not found", html`<a href="/inbox" class="govuk-back-link">Back</a>
      <h1 class="govuk-heading-l">There is no open request for that case</h1>`);
    return;
  }
  const workflows = (await api.get("/api/v1/workflows")).workflows;
  const command = workflows.find((w) => w.kind === request.case_kind).commands.find((c) => c.name === "record_agency_return");
  const types = await api.get("/api/v1/document-types");
  const accept = types.media_types.flatMap((t) => t.extensions).join(",");
  // Files are attached first (each is recorded on the case), then the return.
  // If the return is then refused, the files stay attached; a second try does
  // not attach them again.
  const attached = new Set();
  let latest = null;  // the case's version after the last file attached
  const before = {
    markup: html`<div class="govuk-form-group" data-field="files">
      <label class="govuk-label govuk-label--s" for="f-files">Attach documents (optional)</label>
      <div class="govuk-hint" id="f-files-hint">PDF, Word, Excel, OpenDocument, text, CSV, PNG or JPEG; each smaller than ${Math.floor(types.max_bytes / 1048576)} MB.</div>
      <p id="f-files-error" class="govuk-error-message" hidden></p>
      <input class="govuk-file-upload" id="f-files" name="files" type="file" multiple accept="${accept}" aria-describedby="f-files-hint">
    </div>`,
    run: async (form, version) => {
      let expected = latest ?? version;
      for (const file of form.elements.files.files) {
        const key = `${file.name}|${file.size}|${file.lastModified}`;
        if (attached.has(key)) continue;
        const params = new URLSearchParams({ kind: "agency_return", name: file.name });
        let stored;
        try {
          stored = await api.upload(`/api/v1/cases/${caseId}/documents?${params}`, file, typeOf(types, file));
        } catch (err) {
          // Said of the file input, naming the file.
          if (err instanceof Problem) err.errors = (err.errors || []).map((e) => ({ field: "files", message: `“${file.name}” was not attached: ${e.message.charAt(0).toLowerCase()}${e.message.slice(1)}` }));
          throw err;
        }
        expected = latest = stored.case_version;
        attached.add(key);
      }
      return expected;
    },
  };
  await drawCommandForm({
    id: caseId, version: request.case_version, reference: request.case_reference, command,
    values: { agency: inbox.agency, returned_on: inbox.today }, back: "/inbox", before, after: "/inbox",
  });
}

