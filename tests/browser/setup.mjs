// Cases the browser tests start from, made through the API as the demo manager.
export async function today(base) {
  return (await (await fetch(`${base}/api/v1/health`)).json()).today;
}

// A rapid review in "meeting held", ready for the panel's decision.
export async function rapidReviewAwaitingDecision(manager, day) {
  const sin = await manager.post("/api/v1/cases", { kind: "serious_incident_notification", facts: {
    became_aware_on: day, harm: "serious_harm", abuse_or_neglect: "suspected", location: "in_area",
    local_authority: "Northam City Council", summary: "Child, 2, admitted with unexplained fractures." } });
  if (sin.status !== 201) throw new Error(JSON.stringify(sin.body));
  const submitted = await manager.command(sin.body.id, "submit_notification", { submitted_on: day });
  const rr = submitted.opened_cases[0];
  await manager.command(rr.id, "record_meeting", { held_on: day, agencies_attended: ["Police", "Health", "Children's social care"] });
  return rr;
}

// A child death review whose review meeting is held: the CDOP analysis is next.
export async function deathAwaitingAnalysis(manager, day) {
  const cdr = await manager.post("/api/v1/cases", { kind: "child_death_review", confirm: ["POSSIBLE_DUPLICATE", "WRONG_AREA"], facts: {
    date_of_death: day, place_of_death: "hospital", notified_on: day, expected: "expected",
    resident_local_authority: "Northam City Council", notified_by: "Consultant paediatrician",
    summary: "Child, 6, died in hospital of a long-standing condition.", given_name: "Analysis", family_name: "Testchild",
    date_of_birth: "2020-03-04" } });
  if (cdr.status !== 201) throw new Error(JSON.stringify(cdr.body));
  await manager.command(cdr.body.id, "request_agency_information", { agencies: ["Health"], requested_on: day });
  await manager.command(cdr.body.id, "record_review_meeting", { held_on: day, agencies_attended: ["Health", "Education"] });
  return cdr.body;
}
