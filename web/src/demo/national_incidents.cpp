// The serious incidents of the national data set, their rapid reviews and the
// local reviews they lead to. The mix follows the published figures: about 450
// notifications a year (a little under half deaths, a quarter concerning
// looked-after children), rapid reviews within 15 working days for most, about
// one in five leading to a local child safeguarding practice review (LCSPR).
#include <algorithm>

#include "demo/facts.h"
#include "demo/national_cases.h"

namespace casereview::demo {
namespace {

std::string iso(Date d) { return d.iso(); }

const std::vector<std::string> kHarmSummaries = {
    "Infant with unexplained fractures; police investigation under way.",
    "Young person seriously injured in a knife attack; criminal exploitation suspected.",
    "Toddler admitted with a head injury; the account given does not explain it.",
    "Child found with severe neglect injuries at home.",
    "Young person seriously harmed while missing from care.",
};
const std::vector<std::string> kRapidReviewAgencies = {
    "Police", "Health", "Children's social care", "Education", "Youth justice service", "Probation"};
const std::vector<std::string> kThemes = {
    "professional_curiosity", "information_sharing",           "voice_of_the_child",   "neglect", "domestic_abuse",
    "criminal_exploitation",  "injuries_in_non_mobile_babies", "whole_family_approach"};
const Json kPartners = list({"local_authority", "integrated_care_board", "police"});

// The safeguarding partners' decision, with what the Panel's template asks beside it.
Json decision_facts(Dice& dice, Date on, const char* decision) {
  Json facts = obj({{"decided_on", iso(on)},
                    {"decision", decision},
                    {"rationale", "The partners weighed the criteria and the learning each agency has found."},
                    {"learning_themes", list(dice.some(kThemes, 2))},
                    {"facts", "What happened to the child, as the agencies' summaries give it."},
                    {"key_practice_episodes", "Two contacts where concerns were noted but not shared."},
                    {"inequalities", "The partners found no inequality that shaped the practice, and say why."},
                    {"local_review_criteria", list({"improvements_needed"})},
                    {"parallel_processes", list({"police_investigation"})},
                    {"immediate_safety_actions", list({"Siblings seen; a safety plan agreed"})},
                    {"partners_agreeing", kPartners}});
  if (std::string(decision) != "lcspr") {
    facts.set("learning_taken_forward", "A practice briefing and a single-agency audit, reported to the partnership.");
  }
  return facts;
}

Json action_facts(const std::string& ref, Date agreed, Date due) {
  return obj({{"ref", ref},
              {"recommendation", "Strengthen information sharing at the front door"},
              {"action", "Revise the multi-agency procedure and brief practitioners"},
              {"owner_person", "Head of safeguarding"},
              {"owner_agency", "Integrated care board"},
              {"due_on", iso(due)},
              {"desired_outcome", "Practice changes and is audited"},
              {"agreed_on", iso(agreed)}});
}

// Completes action `ref` around its due date, not before `earliest`: the day it
// was done, or nothing when that day is still to come.
std::optional<Date> complete_action(CaseWriter& writer, Dice& dice, CaseRecord& c, const std::string& ref,
                                    Date earliest, Date due) {
  const Date done = std::max(earliest, after(due, dice.between(-30, 45)));
  const bool taken =
      writer.step(c, "update_action",
                  obj({{"ref", ref},
                       {"status", "completed"},
                       {"updated_on", iso(done)},
                       {"evidence", "The revised procedure and the audit are with the partnership's minutes."},
                       {"impact", "Referrals now carry the history the audit found missing before."}}),
                  done);
  return taken ? std::optional<Date>(done) : std::nullopt;
}

// The local review from the decision D to its publication a year and more on.
void write_local_review(CaseWriter& writer, Dice& dice, const NationalSetting& setting, CaseRecord lcspr, Date decided,
                        Date endorsed) {
  if (!writer.step(lcspr, "record_panel_endorsement", obj({{"endorsed_on", iso(endorsed)}}), endorsed)) return;
  const Date agreed = std::max(endorsed, after(decided, dice.between(15, 45)));
  if (!writer.step(lcspr, "agree_terms_of_reference",
                   obj({{"agreed_on", iso(agreed)},
                        {"summary",
                         "The year before the incident; how agencies shared "
                         "what they knew."}}),
                   agreed)) {
    return;
  }
  const std::string contract = "C-" + std::to_string(lcspr.id);
  const Date drafted = after(agreed, dice.between(0, 10));
  const Date start = after(drafted, dice.between(10, 20));
  if (!writer.step(lcspr, "draft_contract",
                   obj({{"contract_ref", contract},
                        {"reviewer_id", dice.pick(setting.reviewer_ids)},
                        {"scope", "Independent author, with practitioner events and family engagement"},
                        {"start_on", iso(start)},
                        {"end_on", iso(after(start, dice.between(120, 150)))},
                        {"fee_pounds", dice.between(8, 20) * 1000},
                        {"conflicts_checked", true},
                        {"drafted_on", iso(drafted)}}),
                   drafted)) {
    return;
  }
  const Date signed_on = after(drafted, dice.between(3, 9));
  if (!writer.step(lcspr, "sign_contract", obj({{"contract_ref", contract}, {"signed_on", iso(signed_on)}}), signed_on))
    return;
  if (!writer.step(lcspr, "start_review", obj({{"contract_ref", contract}, {"started_on", iso(start)}}), start)) return;
  Date now = after(start, dice.between(40, 60));
  if (!writer.step(lcspr, "record_monitoring",
                   obj({{"monitored_on", iso(now)},
                        {"assessment", dice.percent(85) ? "on_track" : "concerns"},
                        {"note", "Chronologies in; the practitioner event is booked."}}),
                   now)) {
    return;
  }
  // One review in eight waits for a criminal trial or an inquest.
  if (dice.percent(12)) {
    const Date held = after(now, dice.between(5, 20));
    if (!writer.step(lcspr, "put_on_hold",
                     obj({{"held_from", iso(held)},
                          {"reason", dice.percent(70) ? "criminal_trial" : "inquest"},
                          {"details", "The police asked for the review to pause until the proceedings end."},
                          {"family_informed_on", iso(held)},
                          {"panel_informed_on", iso(held)}}),
                     held)) {
      return;
    }
    now = after(held, dice.between(60, 300));
    if (!writer.step(lcspr, "resume", obj({{"resumed_on", iso(now)}}), now)) return;
  }
  const Date draft = after(now, dice.between(40, 80));
  if (!writer.step(lcspr, "record_draft", obj({{"draft_label", "v1"}, {"received_on", iso(draft)}}), draft)) return;
  const Date signed_off = after(draft, dice.between(20, 40));
  const bool in_full = dice.percent(85);
  Json sign_off = obj({{"signed_off_on", iso(signed_off)},
                       {"publication", in_full ? "full_report" : "improvements_information"},
                       {"learning_themes", list(dice.some(kThemes, 2))}});
  if (!in_full) sign_off.set("not_in_full_reason", "Publishing in full would identify the child's siblings.");
  if (!writer.step(lcspr, "record_sign_off", sign_off, signed_off)) return;
  const int actions = dice.between(2, 4);
  std::vector<Date> due_dates;
  for (int i = 1; i <= actions; ++i) {
    due_dates.push_back(after(signed_off, dice.between(90, 240)));
    if (!writer.step(lcspr, "add_action", action_facts("R" + std::to_string(i), signed_off, due_dates.back()),
                     signed_off))
      return;
  }
  const Date planned = after(signed_off, dice.between(25, 45));
  if (!writer.step(lcspr, "plan_publication", obj({{"planned_on", iso(planned)}}), signed_off)) return;
  // The copies in the order they were sent, so that a story stopped at today
  // has sent every copy dated before it.
  std::vector<std::pair<Date, const char*>> copies;
  for (const char* recipient : {"national_panel", "secretary_of_state", "ofsted"}) {
    copies.emplace_back(std::max(signed_off, after(planned, -dice.between(15, 20))), recipient);
  }
  std::stable_sort(copies.begin(), copies.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [sent, recipient] : copies) {
    if (!writer.step(lcspr, "send_final_report", obj({{"recipient", recipient}, {"sent_on", iso(sent)}}), sent)) return;
  }
  if (planned > decided.plus_months(6)) {
    const Date told = std::max(signed_off, after(planned, -10));
    if (!writer.step(lcspr, "explain_delay",
                     obj({{"explained_on", iso(told)},
                          {"reasons",
                           "The parallel proceedings and the family's wish to contribute delayed the "
                           "report; the Panel was told."}}),
                     told)) {
      return;
    }
  }
  if (!writer.step(lcspr, "record_publication",
                   obj({{"published_on", iso(planned)}, {"where", "The partnership's website"}}), planned))
    return;
  const Date completed = after(planned, dice.between(0, 20));
  if (!writer.step(lcspr, "complete_contract", obj({{"contract_ref", contract}, {"completed_on", iso(completed)}}),
                   completed))
    return;
  Date last = completed;
  for (int i = 1; i <= actions; ++i) {
    const std::optional<Date> done =
        complete_action(writer, dice, lcspr, "R" + std::to_string(i), last, due_dates[static_cast<std::size_t>(i - 1)]);
    if (!done) return;
    last = *done;
  }
  const Date closed = std::max(last, after(planned, dice.between(366, 400)));
  writer.step(lcspr, "close_review", obj({{"closed_on", iso(closed)}}), closed);
}

void write_rapid_review(CaseWriter& writer, Dice& dice, const NationalSetting& setting, CaseRecord review,
                        Date notified) {
  const Date asked = after(notified, dice.between(0, 2));
  const std::vector<std::string> agencies =
      dice.some(kRapidReviewAgencies, static_cast<std::size_t>(dice.between(3, 4)));
  if (!writer.step(review, "request_agency_information",
                   obj({{"agencies", list(agencies)}, {"requested_on", iso(asked)}}), asked))
    return;
  Date last = asked;
  std::vector<std::pair<Date, std::string>> returns;
  returns.reserve(agencies.size());
  for (const std::string& agency : agencies) returns.emplace_back(after(asked, dice.between(1, 9)), agency);
  std::stable_sort(returns.begin(), returns.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [on, agency] : returns) {
    if (!writer.step(review, "record_agency_return", obj({{"agency", agency}, {"returned_on", iso(on)}}), on)) return;
    last = on;
  }
  const Date met = std::max(last, after(notified, dice.between(7, 16)));
  if (!writer.step(review, "record_meeting",
                   obj({{"held_on", iso(met)}, {"agencies_attended", list(agencies)}, {"chair", "Independent chair"}}),
                   met))
    return;
  const Date decided = after(met, dice.between(0, 2));
  const std::size_t which = dice.weighted({22, 1, 77});
  const char* decision = which == 0 ? "lcspr" : which == 1 ? "national_review_referral" : "no_lcspr";
  if (!writer.step(review, "record_decision", decision_facts(dice, decided, decision), decided)) return;
  const bool local_review = which == 0;
  std::optional<CaseRecord> lcspr;
  if (local_review) lcspr = writer.opened("lcspr");
  const Date sent = after(decided, dice.percent(85) ? dice.between(0, 3) : dice.between(4, 15));
  if (!writer.step(review, "submit_to_panel", obj({{"submitted_on", iso(sent)}}), sent)) return;
  // Half the decisions without a local review agree an action, completed around its date.
  std::optional<Date> action_due;
  if (!local_review && dice.percent(50)) {
    action_due = after(decided, dice.between(60, 150));
    if (!writer.step(review, "add_action", action_facts("R1", decided, *action_due), sent)) return;
  }
  const Date responded = after(sent, dice.between(7, 16));
  Json response = obj({{"responded_on", iso(responded)}, {"agrees_with_decision", "yes"}});
  if (which == 1) {
    response.set("national_review", "yes");
    response.set("panel_reference", "CSPRP-NR-" + std::to_string(review.id));
    response.set("partnership_part", "Agency chronologies, and practitioners met by the reviewers");
  } else {
    response.set("national_review", "no");
  }
  if (!writer.step(review, "record_panel_response", response, responded)) return;
  if (lcspr) write_local_review(writer, dice, setting, *lcspr, decided, responded);
  if (which == 1) {
    CaseRecord national = writer.opened("national_review");
    const Date received = after(responded, dice.between(10, 40));
    if (!writer.step(national, "record_panel_request",
                     obj({{"request_ref", "P1"},
                          {"received_on", iso(received)},
                          {"request", "Each agency's chronology for the two years before"},
                          {"due_on", iso(after(received, 20))}}),
                     received))
      return;
    const Date provided = after(received, dice.between(10, 25));
    writer.step(national, "record_information_provided", obj({{"request_ref", "P1"}, {"provided_on", iso(provided)}}),
                provided);
  }
  if (action_due) complete_action(writer, dice, review, "R1", responded, *action_due);
}

}  // namespace

void write_notification(CaseWriter& writer, Dice& dice, const NationalSetting& setting, CaseRecord sin, Date aware,
                        bool looked_after_death) {
  if (!looked_after_death && dice.percent(4)) {
    const Date decided = after(aware, dice.between(1, 4));
    writer.step(sin, "record_criteria_not_met",
                obj({{"decided_on", iso(decided)},
                     {"reason",
                      "The strategy discussion found the injury consistent with the account given; no "
                      "abuse or neglect concerns."}}),
                decided);
    return;
  }
  const Date informed = after(aware, dice.between(0, 2));
  if (!writer.step(
          sin, "record_partners_informed",
          obj({{"informed_on", iso(informed)},
               {"partners", list({"Local authority children's services", "Police", "Integrated care board"})}}),
          informed))
    return;
  if (looked_after_death) {
    const Date told = after(aware, dice.between(1, 3));
    if (!writer.step(sin, "record_ofsted_notified", obj({{"notified_on", iso(told)}}), told)) return;
    if (!writer.step(sin, "record_secretary_of_state_notified", obj({{"notified_on", iso(told)}}), told)) return;
  }
  // Five working days is about a week; one in ten is late.
  const Date submitted = after(aware, dice.percent(90) ? dice.between(1, 6) : dice.between(8, 14));
  if (!writer.step(sin, "submit_notification",
                   obj({{"submitted_on", iso(std::max(submitted, informed))},
                        {"panel_reference", "SIN-" + std::to_string(100000 + sin.id)}}),
                   std::max(submitted, informed)))
    return;
  if (sin.state != "notified") return;
  write_rapid_review(writer, dice, setting, writer.opened("rapid_review"), std::max(submitted, informed));
}

void write_serious_harm(CaseWriter& writer, Dice& dice, const NationalSetting& setting, Date aware) {
  const bool looked_after = dice.percent(25);
  Json facts = obj({{"became_aware_on", iso(aware)},
                    {"harm", "serious_harm"},
                    {"abuse_or_neglect", dice.percent(40) ? "known" : "suspected"},
                    {"location", "in_area"},
                    {"looked_after_child", looked_after},
                    {"local_authority", dice.pick(setting.areas)},
                    {"summary", dice.pick(kHarmSummaries)},
                    {"age", dice.between(0, 17)}});
  const std::optional<CaseRecord> sin = writer.open("serious_incident_notification", facts, aware);
  if (sin) write_notification(writer, dice, setting, *sin, aware, false);
}

}  // namespace casereview::demo
