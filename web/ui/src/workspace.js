// The independent reviewer's workspace: the one review of their contract in
// force, its key dates, the partners' written requests and their answers, the
// drafts sent, and a place to attach the next draft.
import { api } from "./api.js";
import { html, show, table, link, longDate, statusTag, tag, dateTime, successBanner, takeFlash, summaryList, documentLink } from "./ui.js";

export async function draw({ session }) {
  const cases = session.cases || [];
  if (!cases.length) {
    show("Your review", html`<h1 class="govuk-heading-l">Your review</h1>
      <p class="govuk-body">You have no contract in force. When the partnership signs your contract, the review appears here.</p>`);
    return;
  }
  const sections = await Promise.all(cases.map(async (ref) => {
    const [c, timeline, documents] = await Promise.all([
      api.get(`/api/v1/cases/${ref.id}`), api.get(`/api/v1/cases/${ref.id}/timeline`), api.get(`/api/v1/cases/${ref.id}/documents`),
    ]);
    return reviewSection(c, timeline.events || [], documents.documents || []);
  }));
  show("Your review", html`${successBanner(takeFlash())}<h1 class="govuk-heading-l">Your review</h1>${sections}`);
}

function reviewSection(c, events, documents) {
  const contract = (c.records.contracts || []).find((k) => k.status === "active" || k.status === "signed") || {};
  const requests = [];
  for (const e of events) {
    if (e.type === "written_request_sent") requests.push({ ...e.payload, answer: null });
    if (e.type === "written_answer_received") {
      const r = requests.find((q) => q.request_ref === e.payload.request_ref);
      if (r) r.answer = e.payload;
    }
  }
  const drafts = events.filter((e) => e.type === "draft_received");
  const mayAnswer = (c.allowed_commands || []).some((x) => x.name === "record_written_answer");
  return html`<section class="govuk-!-margin-bottom-9" aria-labelledby="review-${c.id}">
    <h2 class="govuk-heading-m" id="review-${c.id}">${link(`/cases/${c.id}`, c.reference)} · ${c.state_title}</h2>
    <p class="govuk-body">${c.summary}</p>
    ${summaryList([
      ["Contract", contract.ref ? `${contract.ref}: ${contract.scope}` : ""],
      ["Contract period", contract.start_on ? `${longDate(contract.start_on)} to ${longDate(contract.end_on)}` : ""],
      ["Signed", longDate(contract.signed_on)],
    ])}
    ${table("Key dates", [
      { title: "What is due", cell: (d) => d.title },
      { title: "Due", cell: (d) => (d.due_date ? longDate(d.due_date) : d.paused ? "Paused" : "—") },
      { title: "Status", cell: (d) => statusTag(d.status) },
    ], c.deadlines || [], { empty: "No clocks running." })}
    ${table("Written requests from the partners", [
      { title: "Ref", cell: (r) => r.request_ref },
      { title: "Sent", cell: (r) => longDate(r.sent_on) },
      { title: "Request", cell: (r) => r.request },
      { title: "Answer", cell: (r) => (r.answer ? html`${longDate(r.answer.answered_on)}: ${r.answer.answer}`
        : mayAnswer ? html`${tag("Awaiting your answer", "orange")}<br><a class="govuk-link" href="/cases/${c.id}/act/record_written_answer?request_ref=${encodeURIComponent(r.request_ref)}">Answer ${r.request_ref}</a>` : tag("Awaiting an answer", "orange")) },
    ], requests, { empty: "No written requests.", id: "written-requests" })}
    ${table("Drafts sent", [
      { title: "Draft", cell: (e) => e.payload.draft_label },
      { title: "Received", cell: (e) => longDate(e.payload.received_on) },
    ], drafts, { empty: "No drafts yet." })}
    ${table("Documents", [
      { title: "Document", cell: documentLink },
      { title: "What", cell: (d) => d.kind_title },
      { title: "Attached", cell: (d) => dateTime(d.uploaded_at) },
    ], documents, { empty: "No documents yet.", id: "workspace-documents" })}
    <a class="govuk-button" href="/cases/${c.id}/documents/new?kind=draft&back=/workspace">Upload a draft</a>
  </section>`;
}
