// Forms drawn from the field lists the API publishes for every command (name,
// type, label, required, choices, limits), in the GOV.UK patterns: date
// inputs in three parts, radios and checkboxes, an error summary that links to
// each field, and messages beside the fields.
import { html, raw, words, markup, longDate } from "./ui.js";

const id = (name) => `f-${name}`;

// Reference lists some field types need: factors, themes, reviewers, and the
// partnership's areas for a field that names a local authority.
export async function lookupsFor(fields, api) {
  const types = new Set(fields.map((f) => f.type));
  const lookups = {};
  if (fields.some((f) => f.suggestions === "partnership_areas")) {
    lookups.areas = (await api.get("/api/v1/partnership/areas")).local_authorities;
  }
  if (types.has("factor_list")) lookups.factors = (await api.get("/api/v1/vocabularies/factors")).factors;
  if (types.has("theme_list")) lookups.themes = (await api.get("/api/v1/vocabularies/themes")).themes;
  if (types.has("reviewer")) lookups.reviewers = (await api.get("/api/v1/reviewers")).reviewers;
  return lookups;
}

function hint(field) {
  if (field.hint) return field.hint;
  const parts = [];
  if (!field.required) parts.push("Optional.");
  if (field.not_after_today) parts.push("Not after today.");
  if (field.type === "date") parts.push("For example, 27 3 2026.");
  if (field.type === "time") parts.push("24-hour clock, for example 14:30.");
  if (field.type === "text_list" && !field.choices) parts.push("One per line.");
  if (field.suggestions === "partnership_areas") parts.push("Choose one of the partnership's areas, or type another.");
  return parts.join(" ");
}

function hintMarkup(field) {
  const text = hint(field);
  return text ? html`<div id="${id(field.name)}-hint" class="govuk-hint">${text}</div>` : "";
}

function errorSlot(field) {
  return html`<p id="${id(field.name)}-error" class="govuk-error-message" hidden></p>`;
}

function describedBy(field) {
  return `${hint(field) ? id(field.name) + "-hint " : ""}${id(field.name)}-error`;
}

function options(field, lookups) {
  if (field.choices) {
    return field.choices.map((c, i) => ({ value: c, label: (field.choice_labels && field.choice_labels[i]) || words(c) }));
  }
  if (field.type === "factor_list") {
    return (lookups.factors || []).filter((f) => f.active !== false)
      .map((f) => ({ value: f.code, label: f.label, group: f.domain }));
  }
  if (field.type === "theme_list") {
    return (lookups.themes || []).filter((t) => t.active !== false)
      .map((t) => ({ value: t.code, label: t.label }));
  }
  return [];
}

function checkboxes(field, opts, value) {
  const chosen = new Set(Array.isArray(value) ? value : []);
  let group = null;
  const items = opts.map((o, i) => {
    const heading = o.group && o.group !== group ? ((group = o.group), html`<p class="govuk-body govuk-!-font-weight-bold govuk-!-margin-top-4">${words(o.group)}</p>`) : "";
    return html`${heading}<div class="govuk-checkboxes__item">
      <input class="govuk-checkboxes__input" id="${id(field.name)}-${i}" name="${field.name}" type="checkbox"
        value="${o.value}" ${chosen.has(o.value) ? raw("checked") : ""}>
      <label class="govuk-label govuk-checkboxes__label" for="${id(field.name)}-${i}">${o.label}</label></div>`;
  });
  return html`<div class="govuk-form-group" data-field="${field.name}">
    <fieldset class="govuk-fieldset" aria-describedby="${describedBy(field)}">
      <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">${field.label}</legend>
      ${hintMarkup(field)}${errorSlot(field)}
      <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes" id="${id(field.name)}">${items}</div>
    </fieldset></div>`;
}

function radios(field, opts, value) {
  const items = opts.map((o, i) => html`<div class="govuk-radios__item">
      <input class="govuk-radios__input" id="${i === 0 ? id(field.name) : `${id(field.name)}-${i}`}" name="${field.name}"
        type="radio" value="${o.value}" ${value === o.value ? raw("checked") : ""}>
      <label class="govuk-label govuk-radios__label" for="${i === 0 ? id(field.name) : `${id(field.name)}-${i}`}">${o.label}</label></div>`);
  return html`<div class="govuk-form-group" data-field="${field.name}">
    <fieldset class="govuk-fieldset" aria-describedby="${describedBy(field)}">
      <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">${field.label}</legend>
      ${hintMarkup(field)}${errorSlot(field)}
      <div class="govuk-radios govuk-radios--small ${opts.length <= 3 && opts.every((o) => String(o.label).length <= 24) ? "govuk-radios--inline" : ""}" data-module="govuk-radios">${items}</div>
    </fieldset></div>`;
}

function select(field, opts, value) {
  return html`<div class="govuk-form-group" data-field="${field.name}">
    <label class="govuk-label govuk-label--s" for="${id(field.name)}">${field.label}</label>
    ${hintMarkup(field)}${errorSlot(field)}
    <select class="govuk-select" id="${id(field.name)}" name="${field.name}" aria-describedby="${describedBy(field)}">
      <option value="">Choose…</option>
      ${opts.map((o) => html`<option value="${o.value}" ${String(value) === String(o.value) ? raw("selected") : ""}>${o.label}</option>`)}
    </select></div>`;
}

function dateInput(field, value) {
  const [y, m, d] = value ? String(value).split("-") : ["", "", ""];
  const part = (suffix, label, width, v) => html`<div class="govuk-date-input__item"><div class="govuk-form-group">
      <label class="govuk-label govuk-date-input__label" for="${suffix === "day" ? id(field.name) : `${id(field.name)}-${suffix}`}">${label}</label>
      <input class="govuk-input govuk-date-input__input govuk-input--width-${width}"
        id="${suffix === "day" ? id(field.name) : `${id(field.name)}-${suffix}`}" name="${field.name}-${suffix}"
        type="text" inputmode="numeric" value="${v ? String(Number(v)) : ""}"></div></div>`;
  return html`<div class="govuk-form-group" data-field="${field.name}">
    <fieldset class="govuk-fieldset" role="group" aria-describedby="${describedBy(field)}">
      <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">${field.label}</legend>
      ${hintMarkup(field)}${errorSlot(field)}
      <div class="govuk-date-input">${part("day", "Day", 2, d)}${part("month", "Month", 2, m)}${part("year", "Year", 4, y)}</div>
    </fieldset></div>`;
}

// `suggestions`: values the browser offers as the reader types (a datalist);
// any other may still be typed.
function textInput(field, value, { long = false, inputmode = "", suggestions = [] } = {}) {
  const listId = `${id(field.name)}-suggestions`;
  const control = long
    ? html`<textarea class="govuk-textarea" id="${id(field.name)}" name="${field.name}" rows="4"
        aria-describedby="${describedBy(field)}">${value ?? ""}</textarea>`
    : html`<input class="govuk-input" id="${id(field.name)}" name="${field.name}" type="text"
        ${inputmode ? raw(`inputmode="${inputmode}"`) : ""} ${suggestions.length ? raw(`list="${listId}" autocomplete="off"`) : ""}
        value="${value ?? ""}" aria-describedby="${describedBy(field)}">
      ${suggestions.length ? html`<datalist id="${listId}">${suggestions.map((s) => html`<option value="${s}"></option>`)}</datalist>` : ""}`;
  return html`<div class="govuk-form-group" data-field="${field.name}">
    <label class="govuk-label govuk-label--s" for="${id(field.name)}">${field.label}</label>
    ${hintMarkup(field)}${errorSlot(field)}${control}</div>`;
}

// The markup for one field, with `value` filled in.
export function fieldMarkup(field, lookups = {}, value) {
  const opts = options(field, lookups);
  switch (field.type) {
    case "date":
      return dateInput(field, value);
    case "boolean":
      return checkboxes({ ...field, label: field.label }, [{ value: "true", label: "Yes" }], value ? ["true"] : []);
    case "choice":
      return opts.length <= 6 ? radios(field, opts, value) : select(field, opts, value);
    case "text_list":
      if (field.choices) return checkboxes(field, opts, value);
      return textInput(field, Array.isArray(value) ? value.join("\n") : value, { long: true });
    case "factor_list":
    case "theme_list":
      return checkboxes(field, opts, value);
    case "reviewer":
      return select(field, (lookups.reviewers || []).map((r) => ({ value: r.id, label: r.name })), value);
    case "integer":
      return textInput(field, value, { inputmode: "numeric" });
    case "time":
      return textInput(field, value, { inputmode: "numeric" });
    default:
      return textInput(field, value, { long: (field.max_length || 0) > 200,
        suggestions: field.suggestions === "partnership_areas" ? lookups.areas || [] : [] });
  }
}

// The fields in the order they come, grouped by their section where a long
// form has them: [{section, fields}], one group with section "" otherwise.
export function sectionsOf(fields) {
  const groups = [];
  for (const f of fields) {
    const section = f.section || "";
    if (!groups.length || groups[groups.length - 1].section !== section) groups.push({ section, fields: [] });
    groups[groups.length - 1].fields.push(f);
  }
  return groups;
}

// A long form shows each section under its heading (an h2 that names the
// region, so a screen reader lists the sections); a short one, its fields.
export function formMarkup(fields, lookups, values = {}) {
  return html`${sectionsOf(fields).map((group, i) => {
    const inner = group.fields.map((f) => fieldMarkup(f, lookups, values[f.name]));
    if (!group.section) return html`${inner}`;
    return html`<section class="app-form-section" aria-labelledby="section-${i}">
      <h2 class="govuk-heading-m" id="section-${i}">${group.section}</h2>${inner}</section>`;
  })}`;
}

// What an answer reads as on a check-your-answers page.
export function answerText(field, value, lookups = {}) {
  if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) {
    return "Not given";
  }
  if (field.type === "boolean") return value ? "Yes" : "No";
  if (field.type === "date") return longDate(value);
  const opts = options(field, lookups);
  const label = (v) => {
    const o = opts.find((x) => String(x.value) === String(v));
    return o ? o.label : String(v);
  };
  if (Array.isArray(value)) return value.map(label).join("; ");
  return opts.length ? label(value) : String(value);
}

// Reads the facts from the form; problems found before sending ({field: message}).
export function readFacts(form, fields) {
  const facts = {};
  const problems = {};
  const value = (name) => (form.elements[name] ? form.elements[name].value.trim() : "");
  for (const f of fields) {
    switch (f.type) {
      case "date": {
        const [d, m, y] = ["day", "month", "year"].map((p) => value(`${f.name}-${p}`));
        if (!d && !m && !y) break;
        if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) {
          problems[f.name] = `${f.label} must be a real date, for example 27 3 2026`;
          break;
        }
        facts[f.name] = `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
        break;
      }
      case "boolean":
        facts[f.name] = [...form.querySelectorAll(`input[name="${f.name}"]`)].some((i) => i.checked);
        break;
      case "choice": {
        const checked = form.querySelector(`input[name="${f.name}"]:checked`);
        const v = checked ? checked.value : value(f.name);
        if (v) facts[f.name] = v;
        break;
      }
      case "text_list":
      case "factor_list":
      case "theme_list": {
        const boxes = [...form.querySelectorAll(`input[type=checkbox][name="${f.name}"]`)];
        const list = boxes.length
          ? boxes.filter((b) => b.checked).map((b) => b.value)
          : value(f.name).split("\n").map((s) => s.trim()).filter(Boolean);
        if (list.length || f.required) facts[f.name] = list;
        break;
      }
      case "integer":
      case "reviewer": {
        const v = value(f.name);
        if (!v) break;
        if (!/^-?\d+$/.test(v)) problems[f.name] = `${f.label} must be a whole number`;
        else facts[f.name] = Number(v);
        break;
      }
      default: {
        const v = value(f.name);
        if (v) facts[f.name] = v;
      }
    }
    if (f.required && !(f.name in facts) && !problems[f.name] && f.type !== "boolean") {
      problems[f.name] = `Enter ${f.label.charAt(0).toLowerCase() + f.label.slice(1)}`;
    }
    if (f.required && Array.isArray(facts[f.name]) && !facts[f.name].length) {
      problems[f.name] = `Choose at least one: ${f.label.toLowerCase()}`;
    }
  }
  return { facts, problems };
}

// Shows problems in the GOV.UK pattern: a summary at the top (focused, each
// message a link to its field) and each message beside its field. `problems`
// is {field: message}; a message for no field goes in the summary only.
export function showProblems(form, problems, general = []) {
  clearProblems(form);
  const entries = Object.entries(problems);
  if (!entries.length && !general.length) return;
  const summary = document.createElement("div");
  summary.className = "govuk-error-summary";
  summary.setAttribute("data-module", "govuk-error-summary");
  summary.tabIndex = -1;
  summary.innerHTML = markup(html`<div role="alert"><h2 class="govuk-error-summary__title">There is a problem</h2>
    <div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list">
      ${general.map((g) => html`<li>${g}</li>`)}
      ${entries.map(([name, message]) => html`<li><a href="#${id(name)}">${message}</a></li>`)}
    </ul></div></div>`);
  form.parentNode.insertBefore(summary, form);
  for (const [name, message] of entries) {
    const group = form.querySelector(`[data-field="${name}"]`);
    if (!group) continue;
    group.classList.add("govuk-form-group--error");
    const slot = group.querySelector(".govuk-error-message");
    slot.hidden = false;
    slot.innerHTML = markup(html`<span class="govuk-visually-hidden">Error:</span> ${message}`);
    group.querySelectorAll("input.govuk-input, textarea, select").forEach((el) => {
      el.classList.add(el.tagName === "SELECT" ? "govuk-select--error" : el.tagName === "TEXTAREA" ? "govuk-textarea--error" : "govuk-input--error");
    });
  }
  document.title = `Error: ${document.title.replace(/^Error: /, "")}`;
  summary.querySelectorAll("a").forEach((a) => a.addEventListener("click", (e) => {
    e.preventDefault();
    const target = document.getElementById(a.getAttribute("href").slice(1));
    if (target) target.focus();
  }));
  summary.focus();
}

export function clearProblems(form) {
  const previous = form.parentNode.querySelector(".govuk-error-summary");
  if (previous) previous.remove();
  form.querySelectorAll(".govuk-form-group--error").forEach((g) => g.classList.remove("govuk-form-group--error"));
  form.querySelectorAll(".govuk-error-message").forEach((m) => { m.hidden = true; m.textContent = ""; });
  form.querySelectorAll(".govuk-input--error, .govuk-select--error, .govuk-textarea--error").forEach((el) =>
    el.classList.remove("govuk-input--error", "govuk-select--error", "govuk-textarea--error"));
  document.title = document.title.replace(/^Error: /, "");
}

// Turns an API problem into field messages and general lines.
export function problemsFromApi(problem) {
  const fields = {};
  for (const e of problem.errors || []) {
    if (e.field && !fields[e.field]) fields[e.field] = e.message.charAt(0).toUpperCase() + e.message.slice(1);
  }
  const messages = new Set(Object.values(fields).map((m) => m.toLowerCase()));
  const general = (Object.keys(fields).length && problem.status === 400) || messages.has(problem.message.toLowerCase())
    ? [] : [problem.message];
  return { fields, general };
}

export function button(text, { secondary = false, warning = false, id: buttonId } = {}) {
  return html`<button type="submit" class="govuk-button ${secondary ? "govuk-button--secondary" : ""} ${warning ? "govuk-button--warning" : ""}"
    data-module="govuk-button" ${buttonId ? raw(`id="${buttonId}"`) : ""}>${text}</button>`;
}
