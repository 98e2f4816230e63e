// The demonstration's cases (see demonstration.h). Dates are written "@N" (N
// working days before the day of loading) or "@+N" (N working days after).
#include "demo/demonstration.h"

#include <algorithm>
#include <stdexcept>

#include "demo/facts.h"

namespace casereview::demo {
namespace {

// A step of a demonstration case. `on` is empty for the case in hand, or the
// relation of the case the previous step opened, which becomes the case in hand.
struct DemoStep {
  std::string on;
  std::string command;
  Json facts;
};

struct DemoCase {
  std::string kind;
  Json facts;
  std::vector<DemoStep> steps;
  std::vector<std::string> confirm = {};
};

// "@N" is N working days ago, "@+N" N working days ahead; other values stay.
Json resolve_dates(const Json& value, const WorkingDayCalendar& calendar, Date today) {
  if (value.is_string() && value.as_string().size() > 1 && value.as_string()[0] == '@') {
    const std::string spec = value.as_string().substr(1);
    const bool ahead = spec[0] == '+';
    const int n = std::stoi(ahead ? spec.substr(1) : spec);
    return (ahead ? calendar.add_working_days(today, n) : calendar.subtract_working_days(today, n)).date.iso();
  }
  if (value.is_object()) {
    Json out = Json::object();
    for (const auto& [name, member] : value.members()) out.set(name, resolve_dates(member, calendar, today));
    return out;
  }
  if (value.is_array()) {
    Json out = Json::array();
    for (const Json& item : value.items()) out.push(resolve_dates(item, calendar, today));
    return out;
  }
  return value;
}

Json incident(const char* aware, const char* harm, const char* abuse, bool looked_after, const char* la,
              const char* summary) {
  return obj({{"became_aware_on", aware},
              {"harm", harm},
              {"abuse_or_neglect", abuse},
              {"location", "in_area"},
              {"looked_after_child", looked_after},
              {"local_authority", la},
              {"summary", summary}});
}

Json action(const char* ref, const char* what, const char* owner, const char* agency, const char* due,
            const char* agreed) {
  return obj({{"ref", ref},
              {"recommendation", what},
              {"action", what},
              {"owner_person", owner},
              {"owner_agency", agency},
              {"due_on", due},
              {"desired_outcome", "Practice changes and is audited"},
              {"agreed_on", agreed}});
}

// A rapid review decision with what the Panel's rapid review template asks for
// beside it, agreed by the three safeguarding partners.
Json with_template(Json decision, const char* facts, const char* episodes, const char* inequalities,
                   const Json& criteria, const Json& parallel, const Json& safety) {
  decision.set("facts", facts);
  decision.set("key_practice_episodes", episodes);
  decision.set("inequalities", inequalities);
  decision.set("local_review_criteria", criteria);
  decision.set("parallel_processes", parallel);
  decision.set("immediate_safety_actions", safety);
  decision.set("partners_agreeing", list({"local_authority", "integrated_care_board", "police"}));
  return decision;
}

// Each child's date of birth lies before every other date of the demonstration
// (the oldest case begins 250 working days back), so that no date a scrutineer
// sees can be a child's date of birth whatever the day of loading.
std::vector<DemoCase> demo_cases(long long reviewer_id) {
  const Json partners = list({"Local authority children's services", "Police", "Integrated care board"});
  return {
      // An unexpected infant death: the child death review raises the notification,
      // whose rapid review decides on a local review, still waiting for a signed contract.
      {"child_death_review",
       obj({{"date_of_death", "@40"},
            {"time_of_death", "05:50"},
            {"place_of_death", "home"},
            {"notified_on", "@40"},
            {"notified_time", "09:20"},
            {"expected", "unexpected"},
            {"jar_triggers", list({"sudden_no_apparent_cause"})},
            {"resident_local_authority", "Northam City Council"},
            {"notified_by", "Emergency department consultant"},
            {"summary",
             "Baby, 10 months, found unresponsive after co-sleeping on a sofa; parental alcohol use reported."},
            {"given_name", "Leo"},
            {"family_name", "Fairbrother"},
            {"date_of_birth", "@270"},
            {"nhs_number", "943 476 5919"}}),
       {{"", "record_jar_discussion",
         obj({{"held_on", "@40"}, {"agencies", list({"Police", "Paediatrician", "Children's social care"})}})},
        {"", "record_key_worker",
         obj({{"appointed_on", "@39"},
              {"key_worker_role", "Specialist nurse for child death, Northam"},
              {"key_worker_name", "Robin Keyworker"},
              {"bereavement_support_offered", "yes"},
              {"support_given", "Referral to a bereavement charity; information about the review"}})},
        {"", "request_agency_information",
         obj({{"agencies", list({"GP", "Health visiting", "Police", "Ambulance service"})},
              {"requested_on", "@38"},
              {"supplementary_forms", list({"sudden_unexpected_death"})}})},
        {"", "record_agency_return",
         obj({{"agency", "GP"},
              {"returned_on", "@30"},
              {"involvement", "before_the_death"},
              {"involvement_summary", "Registered at birth; routine immunisations; no concerns recorded."},
              {"bereavement_support_offered", "no"}})},
        {"", "record_agency_return", obj({{"agency", "Police"}, {"returned_on", "@27"}})},
        {"", "send_agency_reminder", obj({{"agency", "Health visiting"}, {"sent_on", "@20"}})},
        {"", "raise_serious_incident_notification",
         obj({{"became_aware_on", "@39"},
              {"abuse_or_neglect", "suspected"},
              {"location", "in_area"},
              {"local_authority", "Northam City Council"}})},
        {"serious_incident_notification", "record_partners_informed",
         obj({{"informed_on", "@38"}, {"partners", partners}})},
        {"", "submit_notification", obj({{"submitted_on", "@37"}, {"panel_reference", "SIN-DEMO-2201"}})},
        {"rapid_review", "request_agency_information",
         obj({{"agencies", list({"Police", "Health", "Children's social care"})}, {"requested_on", "@36"}})},
        {"", "record_agency_return", obj({{"agency", "Police"}, {"returned_on", "@31"}})},
        {"", "record_agency_return", obj({{"agency", "Health"}, {"returned_on", "@30"}})},
        {"", "record_agency_return", obj({{"agency", "Children's social care"}, {"returned_on", "@30"}})},
        {"", "record_meeting",
         obj({{"held_on", "@26"},
              {"agencies_attended", list({"Police", "Health", "Children's social care", "Education"})},
              {"chair", "Independent scrutineer"}})},
        {"", "record_decision",
         with_template(obj({{"decided_on", "@25"},
                            {"decision", "lcspr"},
                            {"rationale",
                             "Significant learning about safer sleep advice where families face situational risks, and "
                             "about working with fathers."},
                            {"learning_themes", list({"safer_sleeping", "working_with_fathers"})}}),
                       "Baby of 10 months found unresponsive after co-sleeping on a sofa; alcohol had been drunk.",
                       "Safer sleep advice at the new-birth visit; the father not seen at any health contact.",
                       "The family lived in overcrowded temporary housing, which shaped where the baby slept.",
                       list({"improvements_needed", "recurrent_themes"}), list({"police_investigation", "coroner"}),
                       list({"Safer sleep briefing to all health visitors"}))},
        {"", "submit_to_panel", obj({{"submitted_on", "@24"}})},
        {"lcspr", "agree_terms_of_reference",
         obj({{"agreed_on", "@15"}, {"summary", "Twelve months before the death; focus on safer sleep and fathers."}})},
        {"", "draft_contract",
         obj({{"contract_ref", "C-2026-01"},
              {"reviewer_id", reviewer_id},
              {"scope", "Independent author, including practitioner events and family engagement"},
              {"start_on", "@+10"},
              {"end_on", "@+110"},
              {"fee_pounds", 14500},
              {"conflicts_checked", true},
              {"drafted_on", "@10"}})}}},
      // Serious harm: the rapid review decides no local review and records its learning themes.
      {"serious_incident_notification",
       incident("@30", "serious_harm", "suspected", false, "Westshire County Council",
                "Infant, 7 weeks, admitted with unexplained rib fractures; police investigation under way."),
       {{"", "record_partners_informed", obj({{"informed_on", "@29"}, {"partners", partners}})},
        {"", "submit_notification", obj({{"submitted_on", "@28"}, {"panel_reference", "SIN-DEMO-2188"}})},
        {"rapid_review", "record_meeting",
         obj({{"held_on", "@19"}, {"agencies_attended", list({"Police", "Health", "Children's social care"})}})},
        {"", "record_decision",
         with_template(
             obj({{"decided_on", "@18"},
                  {"decision", "no_lcspr"},
                  {"rationale", "The learning is already known locally and is being acted on through existing work."},
                  {"learning_taken_forward",
                   "A practice briefing on injuries in non-mobile babies and a single-agency audit."},
                  {"learning_themes", list({"injuries_in_non_mobile_babies", "professional_curiosity"})}}),
             "Infant of 7 weeks with rib fractures of different ages; no account given explains them.",
             "A bruise noted by the health visitor at 5 weeks and not referred.",
             "No inequality was found to have shaped the practice; the family's first language is English.",
             list({"recurrent_themes"}), list({"police_investigation"}),
             list({"Siblings seen; a safety plan agreed"}))},
        {"", "submit_to_panel", obj({{"submitted_on", "@16"}})},
        {"", "add_action",
         action("R1", "Re-issue the bruising protocol with a briefing", "Named nurse", "Integrated care board", "@5",
                "@16")}}},
      // A looked-after child's death: Ofsted and the Secretary of State notified too.
      {"serious_incident_notification",
       incident("@6", "death", "not_suspected", true, "Westshire County Council",
                "Looked-after young person, 16, died in supported accommodation; cause not yet known."),
       {{"", "record_ofsted_notified", obj({{"notified_on", "@5"}})}}},
      // A care leaver's death: notified, no rapid review.
      {"serious_incident_notification",
       obj({{"became_aware_on", "@12"},
            {"harm", "death"},
            {"abuse_or_neglect", "not_suspected"},
            {"location", "in_area"},
            {"care_leaver", true},
            {"age", 21},
            {"local_authority", "Northam City Council"},
            {"summary", "Care leaver, 21, died in their flat; overdose suspected."}}),
       {{"", "record_partners_informed", obj({{"informed_on", "@10"}, {"partners", partners}})},
        {"", "submit_notification", obj({{"submitted_on", "@9"}})}}},
      // A notification overdue, and one just opened.
      {"serious_incident_notification",
       incident("@8", "death", "known", false, "Northam City Council",
                "Child, 3, died at home; neglect and poor home conditions known to children's social care."),
       {}},
      {"serious_incident_notification",
       incident("@2", "serious_harm", "suspected", false, "Northam City Council",
                "Young person, 15, seriously injured in a knife attack; criminal exploitation suspected."),
       {}},
      {"serious_incident_notification",
       incident("@6", "serious_harm", "suspected", false, "Northam City Council",
                "Toddler, 2, scalded at home; referred as a possible non-accidental injury."),
       {{"", "record_criteria_not_met",
         obj({{"decided_on", "@4"},
              {"reason",
               "The strategy discussion and child protection medical found the injury consistent with the account "
               "given; no abuse or neglect concerns."}})}}},
      // The Panel disagreed with the rapid review's "no local review" and recommended
      // one; the safeguarding partners then opened it, its clock from their new decision.
      {"serious_incident_notification",
       incident("@70", "serious_harm", "suspected", false, "Northam City Council",
                "Baby, 4 months, with a skull fracture; the parents' account changed twice."),
       {{"", "record_partners_informed", obj({{"informed_on", "@69"}, {"partners", partners}})},
        {"", "submit_notification", obj({{"submitted_on", "@68"}, {"panel_reference", "SIN-DEMO-2176"}})},
        {"rapid_review", "record_meeting",
         obj({{"held_on", "@58"}, {"agencies_attended", list({"Police", "Health", "Children's social care"})}})},
        {"", "record_decision",
         with_template(obj({{"decided_on", "@57"},
                            {"decision", "no_lcspr"},
                            {"rationale", "Each agency has already identified its learning and is acting on it."},
                            {"learning_taken_forward", "Single-agency reviews in health and children's services."},
                            {"learning_themes", list({"injuries_in_non_mobile_babies"})}}),
                       "Baby of 4 months with a skull fracture; the parents' account changed twice.",
                       "An emergency department attendance for a head bump a month before, not shared.",
                       "The parents are Polish speakers; an interpreter was used at one of four contacts.",
                       list({"improvements_needed"}), list({"police_investigation"}),
                       list({"Baby placed with an aunt under a safety plan"}))},
        {"", "submit_to_panel", obj({{"submitted_on", "@55"}})},
        {"", "record_panel_response",
         obj({{"responded_on", "@45"},
              {"agrees_with_decision", "no"},
              {"recommends_local_review", "yes"},
              {"national_review", "no"},
              {"comments", "The learning about interpreters and information sharing spans agencies."}})},
        {"", "record_decision_after_panel",
         obj({{"decided_on", "@40"},
              {"decision", "lcspr"},
              {"rationale", "The Panel's view is accepted: the learning spans health, police and children's services."},
              {"local_review_criteria", list({"agencies_working_together", "panel_concluded_local_review"})},
              {"partners_agreeing", list({"local_authority", "integrated_care_board", "police"})}})}}},
      // Referred for a national review, which the Panel is carrying out: the
      // partnership has answered its first request and has a second due.
      {"serious_incident_notification",
       incident("@100", "death", "suspected", false, "Westshire County Council",
                "Young person, 15, died after exploitation across three local authority areas."),
       {{"", "record_partners_informed", obj({{"informed_on", "@99"}, {"partners", partners}})},
        {"", "submit_notification", obj({{"submitted_on", "@98"}, {"panel_reference", "SIN-DEMO-2140"}})},
        {"rapid_review", "record_meeting",
         obj({{"held_on", "@90"},
              {"agencies_attended", list({"Police", "Health", "Children's social care", "Youth justice service"})}})},
        {"", "record_decision",
         with_template(obj({{"decided_on", "@89"},
                            {"decision", "national_review_referral"},
                            {"rationale",
                             "Exploitation across three areas raises issues of national importance about "
                             "information sharing between forces and councils."},
                            {"learning_themes", list({"criminal_exploitation", "professional_curiosity"})}}),
                       "Young person of 15 died after being exploited by an organised group across three areas.",
                       "Two missing episodes not shared between areas; a return interview not held.",
                       "Adultification: the young person, who was Black, was treated as an offender rather than a "
                       "victim at two police contacts.",
                       list({"recurrent_themes", "agencies_working_together"}),
                       list({"police_investigation", "coroner"}),
                       list({"A safety plan for the young person's younger brother"}))},
        {"", "submit_to_panel", obj({{"submitted_on", "@88"}})},
        {"", "record_panel_response",
         obj({{"responded_on", "@78"},
              {"agrees_with_decision", "yes"},
              {"national_review", "yes"},
              {"panel_reference", "CSPRP-NR-DEMO-01"},
              {"partnership_part", "Agency chronologies, and practitioners and the family met by the reviewers"}})},
        {"national_review", "record_panel_request",
         obj({{"request_ref", "P1"},
              {"received_on", "@70"},
              {"request", "Each agency's chronology for the two years before the death"},
              {"due_on", "@60"}})},
        {"", "record_information_provided", obj({{"request_ref", "P1"}, {"provided_on", "@61"}})},
        {"", "record_panel_request",
         obj({{"request_ref", "P2"},
              {"received_on", "@5"},
              {"request", "Names of practitioners willing to meet the reviewers"},
              {"due_on", "@+3"}})}}},
      // An older local review on hold pending a criminal trial.
      {"serious_incident_notification",
       incident("@140", "serious_harm", "known", false, "Westshire County Council",
                "Child, 9, seriously harmed by a parent's partner; the partner is awaiting trial."),
       {{"", "record_partners_informed", obj({{"informed_on", "@139"}, {"partners", partners}})},
        {"", "submit_notification", obj({{"submitted_on", "@137"}})},
        {"rapid_review", "record_meeting",
         obj({{"held_on", "@128"}, {"agencies_attended", list({"Police", "Education", "Children's social care"})}})},
        {"", "record_decision",
         with_template(
             obj({{"decided_on", "@126"},
                  {"decision", "lcspr"},
                  {"rationale", "Learning about disguised compliance and the voice of the child across agencies."},
                  {"learning_themes", list({"disguised_compliance", "voice_of_the_child"})}}),
             "Child of 9 seriously harmed by a parent's partner who had moved in unknown to agencies.",
             "School reports of the child's fear of home; a home visit where the partner was not seen.",
             "The child's disability made it harder to hear their voice; no other inequality found.",
             list({"improvements_needed", "agencies_working_together"}),
             list({"police_investigation", "criminal_proceedings"}),
             list({"Child and siblings placed with their grandmother"}))},
        {"", "submit_to_panel", obj({{"submitted_on", "@124"}})},
        {"", "record_panel_response",
         obj({{"responded_on", "@115"}, {"agrees_with_decision", "yes"}, {"national_review", "no"}})},
        {"lcspr", "record_panel_endorsement", obj({{"endorsed_on", "@115"}})},
        {"", "agree_terms_of_reference", obj({{"agreed_on", "@110"}, {"summary", "Two years before the harm."}})},
        {"", "draft_contract",
         obj({{"contract_ref", "C-2026-02"},
              {"reviewer_id", reviewer_id},
              {"scope", "Independent author"},
              {"start_on", "@95"},
              {"end_on", "@5"},
              {"fee_pounds", 12000},
              {"conflicts_checked", true},
              {"drafted_on", "@105"}})},
        {"", "sign_contract", obj({{"contract_ref", "C-2026-02"}, {"signed_on", "@98"}})},
        {"", "start_review", obj({{"contract_ref", "C-2026-02"}, {"started_on", "@95"}})},
        {"", "record_monitoring",
         obj({{"monitored_on", "@70"},
              {"assessment", "on_track"},
              {"note", "Chronology complete; practitioner event held."}})},
        {"", "put_on_hold",
         obj({{"held_from", "@60"},
              {"reason", "criminal_trial"},
              {"details", "The police asked for the review to pause until the trial ends."},
              {"family_informed_on", "@59"},
              {"panel_informed_on", "@58"}})},
        {"", "explain_delay",
         obj({{"explained_on", "@58"},
              {"reasons",
               "The trial will not end before the 6 months are up; publication waits for the verdict, as the "
               "police asked."}})}}},
      // An expected death reviewed by the CDOP, with an action overdue.
      {"child_death_review",
       obj({{"date_of_death", "@250"},
            {"place_of_death", "hospice"},
            {"notified_on", "@249"},
            {"expected", "expected"},
            {"resident_local_authority", "Westshire County Council"},
            {"notified_by", "Hospice consultant"},
            {"summary", "Child, 6, with a life-limiting condition died in a hospice as planned."},
            {"given_name", "Maya"},
            {"family_name", "Penhaligon"},
            {"date_of_birth", "@1800"}}),
       {{"", "request_agency_information",
         obj({{"agencies", list({"Hospice", "Hospital trust", "GP"})}, {"requested_on", "@245"}})},
        {"", "record_agency_return", obj({{"agency", "Hospice"}, {"returned_on", "@240"}})},
        {"", "record_agency_return", obj({{"agency", "Hospital trust"}, {"returned_on", "@236"}})},
        {"", "record_agency_return", obj({{"agency", "GP"}, {"returned_on", "@234"}})},
        {"", "record_review_meeting",
         obj({{"held_on", "@190"}, {"agencies_attended", list({"Hospice", "Hospital trust", "GP"})}})},
        {"", "record_panel_review",
         obj({{"reviewed_on", "@60"},
              {"category", "chronic_medical"},
              {"score_child", "2"},
              {"score_social_environment", "1"},
              {"score_physical_environment", "1"},
              {"score_service_provision", "2"},
              {"modifiable_factors", list({"service.recognition_of_illness"})},
              {"judgement", "modifiable_factors_identified"},
              {"learning", "Escalation when a palliative plan changes needs a named lead."},
              {"learning_themes", list({"escalation"})}})},
        {"", "record_ncmd_submission", obj({{"submitted_on", "@55"}, {"ncmd_reference", "NCMD-DEMO-0415"}})},
        {"", "add_action",
         action("R1", "Name a lead for escalation when a palliative plan changes", "Palliative care lead",
                "Hospital trust", "@10", "@60")}}},
  };
}

}  // namespace

std::string why_refused(const CommandOutcome& result) {
  std::string why;
  if (auto* refused = std::get_if<outcome::Refused>(&result)) why += ": " + refused->reason;
  if (auto* invalid = std::get_if<outcome::Invalid>(&result)) {
    for (const auto& e : invalid->errors) why += "; " + e.field + " " + e.message;
  }
  if (auto* confirm = std::get_if<outcome::NeedsConfirmation>(&result)) {
    for (const auto& w : confirm->warnings) why += "; " + w.code;
  }
  if (std::holds_alternative<outcome::NotAllowed>(result)) why += ": not allowed in this state";
  return why;
}

Demonstration load_demonstration(StoreSession& session, const CaseService& cases, const RequestContext& context) {
  const long long partnership = context.partnership_id();
  Reviewer reviewer;
  reviewer.partnership_id = partnership;
  reviewer.name = "Dr Avery Demonstration";
  reviewer.organisation = "Independent safeguarding consultancy";
  reviewer.national_pool = true;
  reviewer.recorded_by = context.actor();
  reviewer.recorded_at = context.now;
  Reviewer conflicted = reviewer;
  conflicted.name = "Sam Example";
  conflicted.organisation = "Former head of service, Northam";
  conflicted.national_pool = false;
  session.write_transaction([&] {
    session.partnerships().add_area(partnership, "Northam City Council");
    session.partnerships().add_area(partnership, "Westshire County Council");
    reviewer = session.reviewers().add(reviewer);
    conflicted = session.reviewers().add(conflicted);
    session.reviewers().declare(
        partnership, conflicted.id,
        ConflictDeclaration{0, context.today, "Managed children's services in Northam until 2023", true,
                            context.actor()});
  });

  Demonstration loaded;
  loaded.reviewer_id = reviewer.id;
  for (const DemoCase& demo : demo_cases(reviewer.id)) {
    const Json facts = resolve_dates(demo.facts, *context.calendar, context.today);
    CommandOutcome result = cases.open(session, OpenRequest{demo.kind, facts, demo.confirm}, context);
    auto* changed = std::get_if<outcome::Changed>(&result);
    if (!changed) {
      throw std::logic_error("demonstration " + demo.kind + " refused on " + context.today.iso() + why_refused(result));
    }
    CaseRecord current = changed->record;
    loaded.case_ids.push_back(current.id);
    std::vector<CaseRecord> last_opened;
    for (const DemoStep& step : demo.steps) {
      if (!step.on.empty()) {
        const auto next = std::find_if(last_opened.begin(), last_opened.end(),
                                       [&](const CaseRecord& r) { return r.relation == step.on; });
        if (next == last_opened.end()) throw std::logic_error("demonstration step on no " + step.on);
        current = *next;
      }
      const Json step_facts = resolve_dates(step.facts, *context.calendar, context.today);
      result = cases.apply(session, current.id, Command{step.command, step_facts}, current.version, context);
      changed = std::get_if<outcome::Changed>(&result);
      if (!changed) {
        throw std::logic_error("demonstration step " + step.command + " refused on " + context.today.iso() +
                               why_refused(result));
      }
      current = changed->record;
      if (!changed->opened.empty()) last_opened = changed->opened;
      for (const CaseRecord& opened : changed->opened) loaded.case_ids.push_back(opened.id);
    }
  }
  return loaded;
}

}  // namespace casereview::demo
