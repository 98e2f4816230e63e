// The home page sends each person to where their work is.
import { html, show } from "./ui.js";

export async function draw({ home }) {
  location.replace(home);
}

export async function drawNotFound() {
  show("Page not found", html`<h1 class="govuk-heading-l">Page not found</h1>
    <p class="govuk-body">If you typed the web address, check it is correct.</p>
    <p class="govuk-body"><a class="govuk-link" href="/">Go to your home page</a></p>`);
}
