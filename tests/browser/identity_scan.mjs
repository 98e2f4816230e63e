// Looks for a child's identity in what a page shows. The same rules as the api
// tests' tests/support/identity_scan.h, by whole value, never by substring:
// - names (the full name, the family name alone, a family member's given name,
//   the street of the address) as whole words in any letter case, with any run
//   of white space between words;
// - the date of birth in every common written form (2021-02-13, 13 February
//   2021, 13 Feb 2021, February 13, 2021, 13/02/2021, 13/2/2021, 13-02-2021,
//   13.02.2021, 2021/02/13) where no digit touches it, so that "11 June 2026" is
//   not "1 June 2026";
// - the NHS number with or without spaces or hyphens, with no digit either side.

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
  "november", "december"];

const normalise = (text) => text.replace(/[\s\u00a0]+/gu, " ").toLowerCase();
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// `needle` in `text` with no character matching `touching` on either side.
function occursAlone(text, needle, touching) {
  if (!needle) return false;
  return new RegExp(`(?<!${touching})${escape(needle)}(?!${touching})`, "u").test(text);
}
const WORD = "[\\p{L}\\p{N}]";
const DIGIT = "[0-9]";

const two = (n) => String(n).padStart(2, "0");

export function writtenDates(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  if (!m) return [];
  const [year, month, day] = [m[1], Number(m[2]), Number(m[3])];
  const name = MONTHS[month - 1];
  return [iso, `${day} ${name} ${year}`, `${day} ${name.slice(0, 3)} ${year}`, `${name} ${day}, ${year}`,
    `${two(day)}/${two(month)}/${year}`, `${day}/${month}/${year}`, `${two(day)}-${two(month)}-${year}`,
    `${two(day)}.${two(month)}.${year}`, `${year}/${two(month)}/${two(day)}`];
}

// `who`: { givenName, familyName, dateOfBirth (ISO), nhsNumber, street, relatives: [given names] }.
// Returns every sighting as { what, form }; empty when the text shows none.
export function findIdentity(rawText, who) {
  const text = normalise(rawText);
  const found = [];
  const word = (what, value) => {
    if (value && occursAlone(text, normalise(value), WORD)) found.push({ what, form: value });
  };
  if (who.givenName && who.familyName) word("full name", `${who.givenName} ${who.familyName}`);
  word("family name", who.familyName);
  word("street", who.street);
  for (const relative of who.relatives || []) word("family member", relative);
  for (const form of writtenDates(who.dateOfBirth)) {
    if (occursAlone(text, form, DIGIT)) found.push({ what: "date of birth", form });
  }
  const digits = (who.nhsNumber || "").replace(/\D/g, "");
  if (digits.length === 10) {
    const [a, b, c] = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6)];
    for (const form of [digits, `${a} ${b} ${c}`, `${a}-${b}-${c}`]) {
      if (occursAlone(text, form, DIGIT)) found.push({ what: "NHS number", form });
    }
  }
  return found;
}

// Every child the manager can read, as findIdentity looks for them: what a
// scrutineer, an export or a calendar must never show.
export async function childrenAsTheManagerSees(manager) {
  const children = [];
  for (const c of (await manager.get("/api/v1/cases?limit=500")).body.cases) {
    const s = (await manager.get(`/api/v1/cases/${c.id}`)).body.subject;
    if (!s?.family_name) continue;
    children.push({ reference: c.reference, givenName: s.given_name, familyName: s.family_name,
      dateOfBirth: s.date_of_birth, nhsNumber: s.nhs_number,
      street: s.home_address ? s.home_address.split(",")[0].replace(/^[\d\s]+/, "") : "" });
  }
  return children;
}
