// "Your calendar": a secret address that Outlook, Google Calendar or Apple
// Calendar subscribes to, showing the deadlines the user acts on as all-day
// events. The address works without signing in, so it is shown once, when made,
// and the user can stop it at any time (making a new one stops the old one).
// The calendar carries dates and case references, never a child's details.
import { api } from "./api.js";
import { html, show, longDate, successBanner, raw } from "./ui.js";
import { button } from "./forms.js";

function addressMarkup(address) {
  if (!address) return "";
  const webcal = address.replace(/^https?:/, "webcal:");
  return html`<div class="govuk-panel govuk-panel--confirmation govuk-!-text-align-left">
      <h2 class="govuk-panel__title govuk-!-font-size-27">Your calendar address</h2></div>
    <div class="govuk-form-group">
      <label class="govuk-label govuk-label--s" for="calendar-address">Copy this address into your calendar program
        (in Outlook: Add calendar, Subscribe from web)</label>
      <div class="govuk-hint" id="calendar-address-hint">It is shown only now. Keep it like a password: anyone who
        has it can read these dates and case references.</div>
      <input class="govuk-input" id="calendar-address" type="text" readonly spellcheck="false"
        aria-describedby="calendar-address-hint" value="${address}">
    </div>
    <p class="govuk-body"><a class="govuk-link" href="${webcal}">Open it in the calendar program on this computer</a></p>`;
}

function stateMarkup(state, { address, message }) {
  const made = state.subscribed
    ? html`<p class="govuk-body" id="calendar-state">You have a calendar address, made on
        ${longDate(state.created_at.slice(0, 10))}. If you have lost it, make a new one: the old one stops working.</p>`
    : html`<p class="govuk-body" id="calendar-state">You have no calendar address.</p>`;
  return html`${successBanner(message)}
    <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
    <h1 class="govuk-heading-l">Your calendar</h1>
    <p class="govuk-body">Subscribe to your casereview deadlines from Outlook, Google Calendar or Apple Calendar:
      every deadline you act on appears on the day it is due, marked overdue once it has passed, with the case
      reference and a link to the case. Calendar programs check the address every few hours.</p>
    ${made}
    ${addressMarkup(address)}
    <form id="make-calendar" novalidate>${button(state.subscribed ? "Make a new address" : "Make a calendar address")}</form>
    ${state.subscribed ? html`<form id="stop-calendar" novalidate>${button("Stop the address", { warning: true })}</form>` : raw("")}
    </div></div>`;
}

async function drawState(extra = {}) {
  const state = await api.get("/api/v1/session/calendar-feed");
  const main = show("Your calendar", stateMarkup(state, extra));
  main.querySelector("#make-calendar").addEventListener("submit", async (e) => {
    e.preventDefault();
    const made = await api.post("/api/v1/session/calendar-feed", {});
    await drawState({ address: `${location.origin}${made.path}` });
    main.querySelector("#calendar-address").focus();
  });
  main.querySelector("#stop-calendar")?.addEventListener("submit", async (e) => {
    e.preventDefault();
    await api.delete("/api/v1/session/calendar-feed");
    await drawState({ message: "Your calendar address has stopped working." });
  });
}

export async function draw() {
  await drawState();
}
