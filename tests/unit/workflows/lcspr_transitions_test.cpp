// The local child safeguarding practice review's transition table, row by row,
// including refused steps: contracts, written requests, the report sent to each
// recipient before publication, a delay explained, a decision not to publish in
// full, on hold from every active state and back; and cases recorded under the
// rules before the recipients were recorded one by one.
#include <gtest/gtest.h>

#include <algorithm>

#include "casereview/workflows/factories.h"
#include "transition_table.h"

namespace casereview {
namespace {

using namespace testing_support;

const Date kToday = *Date::parse("2026-11-20");

void with_reviewers(WorkflowDriver& driver) {
  Reviewer available;
  available.id = 7;
  available.name = "Dr Jane Reviewer";
  available.active = true;
  Reviewer conflicted = available;
  conflicted.id = 8;
  conflicted.name = "Conflicted Reviewer";
  conflicted.declarations = {ConflictDeclaration{1, *Date::parse("2024-01-01"), "Employed by the police force", true}};
  Reviewer retired = available;
  retired.id = 9;
  retired.active = false;
  driver.reviewers = {{7, available}, {8, conflicted}, {9, retired}};
}

Json contract(const char* ref, long long reviewer = 7, bool checked = true) {
  return facts({{"contract_ref", ref},
                {"reviewer_id", reviewer},
                {"scope", "Independent author of the local review, including practitioner events"},
                {"start_on", "2024-08-01"},
                {"end_on", "2025-01-31"},
                {"fee_pounds", 12500},
                {"conflicts_checked", checked},
                {"drafted_on", "2024-07-10"}});
}

Json ref_on(const char* ref_field, const char* ref, const char* date_field, const char* date) {
  return facts({{ref_field, ref}, {date_field, date}});
}

Json hold(const char* from = "2024-09-02") {
  return facts({{"held_from", from},
                {"reason", "criminal_trial"},
                {"details", "Trial listed for spring; the police asked for the review to pause."},
                {"family_informed_on", from},
                {"panel_informed_on", from}});
}

Json action(const char* ref) {
  return facts({{"ref", ref},
                {"recommendation", "Work with fathers in pre-birth assessment"},
                {"action", "Update the pre-birth procedure"},
                {"owner_person", "Procedures lead"},
                {"owner_agency", "Safeguarding partnership"},
                {"due_on", "2025-06-30"},
                {"desired_outcome", "Fathers are assessed in every pre-birth assessment"},
                {"agreed_on", "2024-10-15"}});
}

const char* kRationale = "The rapid review identified significant learning about working with fathers.";

const Setup kCommissioning = path({{"open_lcspr", facts({{"decided_on", "2024-06-18"},
                                                         {"rationale", kRationale},
                                                         {"summary", "Infant with unexplained injuries"}})}});
const Setup kTermsAgreed = then(
    kCommissioning, {{"agree_terms_of_reference", facts({{"agreed_on", "2024-07-01"}, {"summary", "Scope agreed"}})}});
const Setup kDrafted = then(kTermsAgreed, {{"draft_contract", contract("C1")}});
const Setup kSigned = then(kDrafted, {{"sign_contract", ref_on("contract_ref", "C1", "signed_on", "2024-07-20")}});
const Setup kInReview = then(kSigned, {{"start_review", ref_on("contract_ref", "C1", "started_on", "2024-08-01")}});
const Setup kRequested = then(
    kInReview,
    {{"send_written_request",
      facts({{"request_ref", "W1"}, {"sent_on", "2024-09-10"}, {"request", "Please send the draft chronology"}})}});
const Setup kDraftIn =
    then(kInReview, {{"record_draft", facts({{"draft_label", "v1"}, {"received_on", "2024-10-01"}})}});
const Setup kSignedOff =
    then(kDraftIn, {{"record_sign_off", facts({{"signed_off_on", "2024-10-15"}, {"publication", "full_report"}})}});
Json copy_to(const char* recipient, const char* sent_on = "2024-11-15") {
  return facts({{"recipient", recipient}, {"sent_on", sent_on}});
}

Json explanation(const char* on) {
  return facts(
      {{"explained_on", on}, {"reasons", "The criminal trial is listed for the spring; the police asked us to wait."}});
}

const Setup kPlanned = then(kSignedOff, {{"plan_publication", facts({{"planned_on", "2024-11-29"}})}});
const Setup kPanelSent = then(kPlanned, {{"send_final_report", copy_to("national_panel")}});
const Setup kTwoSent = then(kPanelSent, {{"send_final_report", copy_to("secretary_of_state")}});
// Sent to every recipient the partnership names by default: the Panel, the
// Secretary of State and Ofsted.
const Setup kSent = then(kTwoSent, {{"send_final_report", copy_to("ofsted")}});
const Setup kPublished =
    then(kSent, {{"record_publication", facts({{"published_on", "2024-11-29"}, {"where", "Partnership website"}})}});
const Setup kClosed = then(kPublished, {{"close_review", facts({{"closed_on", "2025-12-01"}})}});
Setup held(const Setup& from) { return then(from, {{"put_on_hold", hold("2024-11-20")}}); }

// A partnership that sends the report to the Panel and the Secretary of State only.
Setup without_ofsted(const Setup& steps) {
  return [steps](WorkflowDriver& driver) {
    driver.terms["lcspr.notice_before_publication"] =
        RuleTerms{7, DeadlineUnit::WorkingDaysBefore, "planned_publication"};
    steps(driver);
  };
}
const Setup kNotInFull = then(
    kDraftIn, {{"record_sign_off", facts({{"signed_off_on", "2024-10-15"},
                                          {"publication", "improvements_information"},
                                          {"not_in_full_reason", "A sibling's care proceedings are still open."}})},
               {"plan_publication", facts({{"planned_on", "2024-11-29"}})}});

// Cases recorded before the recipients were recorded one by one: the opening
// did not name them (the report went to the Panel and the Secretary of State),
// a decision not to publish in full gave no reason, and one step recorded the
// report sent to both.
Json without(const std::string& payload, const char* member) {
  Json out = Json::object();
  const Json recorded = Json::parse(payload);
  for (const auto& [name, value] : recorded.members()) {
    if (name != member) out.set(name, value);
  }
  return out;
}
void as_recorded_before_recipients(WorkflowDriver& driver) {
  auto& history = driver.history_as_recorded();
  for (Event& e : history) {
    if (e.type == "lcspr_opened") e.payload = without(e.payload, "final_report_recipients").canonical();
    if (e.type == "report_signed_off") e.payload = without(e.payload, "not_in_full_reason").canonical();
    if (e.type == "final_report_sent") e.payload = facts({{"sent_on", e.effective_date.iso()}}).canonical();
  }
  history.erase(std::remove_if(history.begin(), history.end(),
                               [](const Event& e) { return e.type == "final_report_sent_to_recipient"; }),
                history.end());
}
Setup as_recorded_before(const Setup& steps) {
  return [steps](WorkflowDriver& driver) {
    steps(driver);
    as_recorded_before_recipients(driver);
  };
}
const Setup kLegacyPlanned = as_recorded_before(kPlanned);
const Setup kLegacyNotInFull = as_recorded_before(kNotInFull);
const Setup kLegacySent = as_recorded_before(kSent);

std::vector<TransitionRow> rows() {
  const Json resume = facts({{"resumed_on", "2025-03-03"}});
  return {
      {"open",
       path({}),
       "open_lcspr",
       facts({{"decided_on", "2024-06-18"}, {"rationale", kRationale}, {"summary", "x"}}),
       Expect::Accepted,
       "commissioning",
       {"lcspr_opened"}},
      {"open_without_rationale", path({}), "open_lcspr",
       facts({{"decided_on", "2024-06-18"}, {"rationale", "Yes"}, {"summary", "x"}}), Expect::Refused, "rationale"},
      {"endorse",
       kCommissioning,
       "record_panel_endorsement",
       facts({{"endorsed_on", "2024-07-05"}}),
       Expect::Accepted,
       "commissioning",
       {"panel_endorsement_recorded"}},
      {"endorse_twice", then(kCommissioning, {{"record_panel_endorsement", facts({{"endorsed_on", "2024-07-05"}})}}),
       "record_panel_endorsement", facts({{"endorsed_on", "2024-07-06"}}), Expect::Refused, "endorsed_on"},
      {"endorse_in_review",
       kInReview,
       "record_panel_endorsement",
       facts({{"endorsed_on", "2024-08-05"}}),
       Expect::Accepted,
       "in_review",
       {"panel_endorsement_recorded"}},
      {"terms",
       kCommissioning,
       "agree_terms_of_reference",
       facts({{"agreed_on", "2024-07-01"}, {"summary", "Scope"}}),
       Expect::Accepted,
       "commissioning",
       {"terms_of_reference_agreed"}},
      {"terms_before_decision", kCommissioning, "agree_terms_of_reference",
       facts({{"agreed_on", "2024-06-01"}, {"summary", "Scope"}}), Expect::Refused, "agreed_on"},
      {"terms_twice", kTermsAgreed, "agree_terms_of_reference",
       facts({{"agreed_on", "2024-07-02"}, {"summary", "Again"}}), Expect::Refused, "agreed_on"},
      {"draft_contract_before_decision", kCommissioning, "draft_contract",
       [] {
         Json c = contract("C1");
         c.set("drafted_on", "2024-06-01");
         return c;
       }(),
       Expect::Refused, "drafted_on"},
      {"draft_contract",
       kCommissioning,
       "draft_contract",
       contract("C1"),
       Expect::Accepted,
       "commissioning",
       {"contract_drafted"}},
      {"draft_contract_ruled_out_reviewer", kCommissioning, "draft_contract", contract("C1", 8), Expect::Refused,
       "reviewer_id"},
      {"draft_contract_inactive_reviewer", kCommissioning, "draft_contract", contract("C1", 9), Expect::Refused,
       "reviewer_id"},
      {"draft_contract_unchecked", kCommissioning, "draft_contract", contract("C1", 7, false), Expect::Refused,
       "conflicts_checked"},
      {"draft_contract_ending_before_start", kCommissioning, "draft_contract",
       [] {
         Json c = contract("C1");
         c.set("end_on", "2024-07-01");
         return c;
       }(),
       Expect::Refused, "end_on"},
      {"draft_same_ref_twice", kDrafted, "draft_contract", contract("C1"), Expect::Refused, "contract_ref"},
      {"draft_contract_in_review",
       kInReview,
       "draft_contract",
       contract("C2"),
       Expect::Accepted,
       "in_review",
       {"contract_drafted"}},
      {"sign",
       kDrafted,
       "sign_contract",
       ref_on("contract_ref", "C1", "signed_on", "2024-07-20"),
       Expect::Accepted,
       "commissioning",
       {"contract_signed"}},
      {"sign_unknown", kDrafted, "sign_contract", ref_on("contract_ref", "C9", "signed_on", "2024-07-20"),
       Expect::Refused, "contract_ref"},
      {"sign_twice", kSigned, "sign_contract", ref_on("contract_ref", "C1", "signed_on", "2024-07-21"), Expect::Refused,
       "contract_ref"},
      {"sign_in_review",
       then(kInReview, {{"draft_contract", contract("C2")}}),
       "sign_contract",
       ref_on("contract_ref", "C2", "signed_on", "2024-08-20"),
       Expect::Accepted,
       "in_review",
       {"contract_signed"}},
      {"start",
       kSigned,
       "start_review",
       ref_on("contract_ref", "C1", "started_on", "2024-08-01"),
       Expect::Accepted,
       "in_review",
       {"contract_started", "review_started"}},
      {"start_unsigned", kDrafted, "start_review", ref_on("contract_ref", "C1", "started_on", "2024-08-01"),
       Expect::Refused, "contract_ref"},
      {"start_without_terms",
       then(kCommissioning, {{"draft_contract", contract("C1")},
                             {"sign_contract", ref_on("contract_ref", "C1", "signed_on", "2024-07-20")}}),
       "start_review", ref_on("contract_ref", "C1", "started_on", "2024-08-01"), Expect::Refused, ""},
      {"terminate_drafted",
       kDrafted,
       "terminate_contract",
       facts({{"contract_ref", "C1"}, {"terminated_on", "2024-07-10"}, {"reason", "Reviewer withdrew"}}),
       Expect::Accepted,
       "commissioning",
       {"contract_terminated"}},
      {"terminate_active",
       kInReview,
       "terminate_contract",
       facts({{"contract_ref", "C1"}, {"terminated_on", "2024-09-10"}, {"reason", "Reviewer unwell"}}),
       Expect::Accepted,
       "in_review",
       {"contract_terminated"}},
      {"terminate_twice",
       then(kDrafted, {{"terminate_contract",
                        facts({{"contract_ref", "C1"}, {"terminated_on", "2024-07-10"}, {"reason", "Withdrew"}})}}),
       "terminate_contract", facts({{"contract_ref", "C1"}, {"terminated_on", "2024-07-11"}, {"reason", "Again"}}),
       Expect::Refused, "contract_ref"},
      {"draft_before_the_review_started", kInReview, "record_draft",
       facts({{"draft_label", "v0"}, {"received_on", "2024-07-30"}}), Expect::Refused, "received_on"},
      {"complete_in_review",
       kInReview,
       "complete_contract",
       ref_on("contract_ref", "C1", "completed_on", "2024-10-01"),
       Expect::Accepted,
       "in_review",
       {"contract_completed"}},
      {"complete_signed_only", then(kInReview, {{"draft_contract", contract("C2")}}), "complete_contract",
       ref_on("contract_ref", "C2", "completed_on", "2024-10-01"), Expect::Refused, "contract_ref"},
      {"monitor",
       kInReview,
       "record_monitoring",
       facts({{"monitored_on", "2024-09-01"}, {"assessment", "on_track"}, {"note", "Chronology under way"}}),
       Expect::Accepted,
       "in_review",
       {"monitoring_recorded"}},
      {"monitor_before_start", kInReview, "record_monitoring",
       facts({{"monitored_on", "2024-07-25"}, {"assessment", "on_track"}, {"note", "Early"}}), Expect::Refused,
       "monitored_on"},
      {"monitor_while_commissioning", kSigned, "record_monitoring",
       facts({{"monitored_on", "2024-09-01"}, {"assessment", "on_track"}, {"note", "x"}}), Expect::NotAllowed, ""},
      {"written_request",
       kInReview,
       "send_written_request",
       facts({{"request_ref", "W1"}, {"sent_on", "2024-09-10"}, {"request", "The draft chronology"}}),
       Expect::Accepted,
       "in_review",
       {"written_request_sent"}},
      {"written_request_same_ref", kRequested, "send_written_request",
       facts({{"request_ref", "W1"}, {"sent_on", "2024-09-11"}, {"request", "Again"}}), Expect::Refused, "request_ref"},
      {"written_answer",
       kRequested,
       "record_written_answer",
       facts({{"request_ref", "W1"}, {"answered_on", "2024-09-17"}, {"answer", "Sent the chronology"}}),
       Expect::Accepted,
       "in_review",
       {"written_answer_received"}},
      {"written_answer_before_request", kRequested, "record_written_answer",
       facts({{"request_ref", "W1"}, {"answered_on", "2024-09-09"}, {"answer", "x"}}), Expect::Refused, "answered_on"},
      {"written_answer_unknown", kRequested, "record_written_answer",
       facts({{"request_ref", "W2"}, {"answered_on", "2024-09-17"}, {"answer", "x"}}), Expect::Refused, "request_ref"},
      {"draft",
       kInReview,
       "record_draft",
       facts({{"draft_label", "v1"}, {"received_on", "2024-10-01"}}),
       Expect::Accepted,
       "in_review",
       {"draft_received"}},
      {"sign_off",
       kDraftIn,
       "record_sign_off",
       facts({{"signed_off_on", "2024-10-15"}, {"publication", "full_report"}}),
       Expect::Accepted,
       "signed_off",
       {"report_signed_off"}},
      {"sign_off_not_in_full",
       kDraftIn,
       "record_sign_off",
       facts({{"signed_off_on", "2024-10-15"},
              {"publication", "improvements_information"},
              {"not_in_full_reason", "A sibling's care proceedings are still open."}}),
       Expect::Accepted,
       "signed_off",
       {"report_signed_off"}},
      {"sign_off_not_in_full_without_a_reason", kDraftIn, "record_sign_off",
       facts({{"signed_off_on", "2024-10-15"}, {"publication", "improvements_information"}}), Expect::Refused,
       "not_in_full_reason"},
      {"sign_off_not_in_full_with_a_token_reason", kDraftIn, "record_sign_off",
       facts({{"signed_off_on", "2024-10-15"},
              {"publication", "improvements_information"},
              {"not_in_full_reason", "Legal"}}),
       Expect::Refused, "not_in_full_reason"},
      {"sign_off_in_full_with_a_reason_not_to", kDraftIn, "record_sign_off",
       facts({{"signed_off_on", "2024-10-15"},
              {"publication", "full_report"},
              {"not_in_full_reason", "A sibling's care proceedings are still open."}}),
       Expect::Refused, "not_in_full_reason"},
      {"sign_off_without_draft", kInReview, "record_sign_off",
       facts({{"signed_off_on", "2024-10-15"}, {"publication", "full_report"}}), Expect::Refused, ""},
      {"sign_off_with_request_unanswered",
       then(kRequested, {{"record_draft", facts({{"draft_label", "v1"}, {"received_on", "2024-10-01"}})}}),
       "record_sign_off", facts({{"signed_off_on", "2024-10-15"}, {"publication", "full_report"}}), Expect::Refused,
       ""},
      {"plan",
       kSignedOff,
       "plan_publication",
       facts({{"planned_on", "2024-11-29"}}),
       Expect::Accepted,
       "signed_off",
       {"publication_planned"}},
      {"plan_before_sign_off", kSignedOff, "plan_publication", facts({{"planned_on", "2024-10-01"}}), Expect::Refused,
       "planned_on"},
      {"complete_when_signed_off",
       kSignedOff,
       "complete_contract",
       ref_on("contract_ref", "C1", "completed_on", "2024-10-20"),
       Expect::Accepted,
       "signed_off",
       {"contract_completed"}},
      {"send_unplanned", kSignedOff, "send_final_report", copy_to("national_panel"), Expect::Refused, ""},
      {"send_to_the_panel",
       kPlanned,
       "send_final_report",
       copy_to("national_panel"),
       Expect::Accepted,
       "signed_off",
       {"final_report_sent_to_recipient"}},
      {"send_to_the_panel_twice", kPanelSent, "send_final_report", copy_to("national_panel", "2024-11-18"),
       Expect::Refused, "recipient"},
      {"send_before_the_sign_off", kPlanned, "send_final_report", copy_to("ofsted", "2024-10-14"), Expect::Refused,
       "sent_on"},
      {"send_to_the_last_recipient",
       kTwoSent,
       "send_final_report",
       copy_to("ofsted", "2024-11-14"),
       Expect::Accepted,
       "report_sent",
       {"final_report_sent_to_recipient", "final_report_sent"}},
      // A copy sent too late is recorded (it went), and flagged: the clock is
      // met late and publication waits for the notice (see below).
      {"send_the_last_copy_late",
       kTwoSent,
       "send_final_report",
       copy_to("ofsted", "2024-11-25"),
       Expect::Accepted,
       "report_sent",
       {"final_report_sent_to_recipient", "final_report_sent"}},
      {"send_to_ofsted_where_the_partnership_does_not", without_ofsted(kPanelSent), "send_final_report",
       copy_to("ofsted"), Expect::Refused, "recipient"},
      {"send_to_the_last_of_two_recipients",
       without_ofsted(kPanelSent),
       "send_final_report",
       copy_to("secretary_of_state"),
       Expect::Accepted,
       "report_sent",
       {"final_report_sent_to_recipient", "final_report_sent"}},
      {"send_the_information_about_improvements",
       kNotInFull,
       "send_final_report",
       copy_to("secretary_of_state"),
       Expect::Accepted,
       "signed_off",
       {"final_report_sent_to_recipient"}},
      {"add_action_signed_off",
       kSignedOff,
       "add_action",
       action("R1"),
       Expect::Accepted,
       "signed_off",
       {"action_added"}},
      {"update_action_signed_off",
       then(kSignedOff, {{"add_action", action("R1")}}),
       "update_action",
       facts({{"ref", "R1"}, {"status", "in_progress"}, {"updated_on", "2024-11-01"}}),
       Expect::Accepted,
       "signed_off",
       {"action_updated"}},
      {"replan_after_sending",
       kSent,
       "plan_publication",
       facts({{"planned_on", "2024-12-06"}}),
       Expect::Accepted,
       "report_sent",
       {"publication_planned"}},
      {"complete_when_sent",
       kSent,
       "complete_contract",
       ref_on("contract_ref", "C1", "completed_on", "2024-11-16"),
       Expect::Accepted,
       "report_sent",
       {"contract_completed"}},
      {"add_action_sent", kSent, "add_action", action("R1"), Expect::Accepted, "report_sent", {"action_added"}},
      {"update_action_sent",
       then(kSent, {{"add_action", action("R1")}}),
       "update_action",
       facts({{"ref", "R1"}, {"status", "in_progress"}, {"updated_on", "2024-11-18"}}),
       Expect::Accepted,
       "report_sent",
       {"action_updated"}},
      // Sent Friday 15 November 2024: the 7th working day after is Tuesday 26th.
      {"publish_after_notice",
       kSent,
       "record_publication",
       facts({{"published_on", "2024-11-26"}, {"where", "Website"}}),
       Expect::Accepted,
       "published",
       {"report_published"}},
      {"publish_too_soon", kSent, "record_publication", facts({{"published_on", "2024-11-25"}, {"where", "Website"}}),
       Expect::Refused, "published_on"},
      {"publish_before_every_recipient_has_it", kTwoSent, "record_publication",
       facts({{"published_on", "2024-11-29"}, {"where", "Website"}}), Expect::NotAllowed, ""},
      // Later than 6 months after the decision (18 December 2024): only once the
      // delay has been explained to the Panel and the Secretary of State.
      {"publish_late_without_explaining", kSent, "record_publication",
       facts({{"published_on", "2024-12-19"}, {"where", "Website"}}), Expect::Refused, "published_on"},
      {"publish_late_explained",
       then(kSent, {{"explain_delay", explanation("2024-12-02")}}),
       "record_publication",
       facts({{"published_on", "2024-12-19"}, {"where", "Website"}}),
       Expect::Accepted,
       "published",
       {"report_published"}},
      {"publish_late_explained_only_afterwards", then(kSent, {{"explain_delay", explanation("2024-12-20")}}),
       "record_publication", facts({{"published_on", "2024-12-19"}, {"where", "Website"}}), Expect::Refused,
       "published_on"},
      {"publish_on_the_last_day_of_the_6_months",
       kSent,
       "record_publication",
       facts({{"published_on", "2024-12-18"}, {"where", "Website"}}),
       Expect::Accepted,
       "published",
       {"report_published"}},
      {"explain_while_commissioning",
       kCommissioning,
       "explain_delay",
       explanation("2024-07-01"),
       Expect::Accepted,
       "commissioning",
       {"delay_explained"}},
      {"explain_in_review",
       kInReview,
       "explain_delay",
       explanation("2024-09-01"),
       Expect::Accepted,
       "in_review",
       {"delay_explained"}},
      {"explain_signed_off",
       kSignedOff,
       "explain_delay",
       explanation("2024-10-16"),
       Expect::Accepted,
       "signed_off",
       {"delay_explained"}},
      {"explain_report_sent",
       kSent,
       "explain_delay",
       explanation("2024-11-18"),
       Expect::Accepted,
       "report_sent",
       {"delay_explained"}},
      {"explain_on_hold",
       held(kSent),
       "explain_delay",
       explanation("2024-11-21"),
       Expect::Accepted,
       "on_hold",
       {"delay_explained"}},
      {"explain_without_reasons", kInReview, "explain_delay",
       facts({{"explained_on", "2024-09-01"}, {"reasons", "Trial"}}), Expect::Refused, "reasons"},
      {"explain_before_the_decision", kCommissioning, "explain_delay", explanation("2024-06-17"), Expect::Refused,
       "explained_on"},
      {"explain_once_published", kPublished, "explain_delay", explanation("2024-12-02"), Expect::NotAllowed, ""},
      // Recorded under the rules before: the report went to the Panel and the
      // Secretary of State, in one step or one by one.
      {"legacy_send_to_the_secretary_of_state_first",
       kLegacyPlanned,
       "send_final_report",
       copy_to("secretary_of_state"),
       Expect::Accepted,
       "signed_off",
       {"final_report_sent_to_recipient"}},
      {"legacy_send_to_the_last_of_its_recipients",
       then(kLegacyPlanned, {{"send_final_report", copy_to("secretary_of_state")}}),
       "send_final_report",
       copy_to("national_panel"),
       Expect::Accepted,
       "report_sent",
       {"final_report_sent_to_recipient", "final_report_sent"}},
      {"legacy_send_to_ofsted", kLegacyPlanned, "send_final_report", copy_to("ofsted"), Expect::Refused, "recipient"},
      {"legacy_not_in_full_without_a_reason_is_sent",
       kLegacyNotInFull,
       "send_final_report",
       copy_to("national_panel"),
       Expect::Accepted,
       "signed_off",
       {"final_report_sent_to_recipient"}},
      {"legacy_publish_after_notice",
       kLegacySent,
       "record_publication",
       facts({{"published_on", "2024-11-26"}, {"where", "Website"}}),
       Expect::Accepted,
       "published",
       {"report_published"}},
      {"legacy_publish_too_soon", kLegacySent, "record_publication",
       facts({{"published_on", "2024-11-25"}, {"where", "Website"}}), Expect::Refused, "published_on"},
      {"legacy_publish_late_without_explaining", kLegacySent, "record_publication",
       facts({{"published_on", "2025-01-06"}, {"where", "Website"}}), Expect::Refused, "published_on"},
      {"legacy_explain_then_publish_late",
       then(kLegacySent, {{"explain_delay", explanation("2024-12-16")}}),
       "record_publication",
       facts({{"published_on", "2025-01-06"}, {"where", "Website"}}),
       Expect::Accepted,
       "published",
       {"report_published"}},
      {"publish_before_sending", kPlanned, "record_publication",
       facts({{"published_on", "2024-11-29"}, {"where", "Website"}}), Expect::NotAllowed, ""},
      {"complete_when_published",
       kPublished,
       "complete_contract",
       ref_on("contract_ref", "C1", "completed_on", "2024-12-02"),
       Expect::Accepted,
       "published",
       {"contract_completed"}},
      {"add_action_published", kPublished, "add_action", action("R1"), Expect::Accepted, "published", {"action_added"}},
      {"update_action_published",
       then(kPublished, {{"add_action", action("R1")}}),
       "update_action",
       facts({{"ref", "R1"}, {"status", "completed"}, {"updated_on", "2024-12-10"}, {"evidence", "Procedure issued"}}),
       Expect::Accepted,
       "published",
       {"action_updated"}},
      {"close_after_a_year",
       kPublished,
       "close_review",
       facts({{"closed_on", "2025-11-29"}}),
       Expect::Accepted,
       "closed",
       {"review_closed"}},
      {"close_too_soon", kPublished, "close_review", facts({{"closed_on", "2025-11-28"}}), Expect::Refused,
       "closed_on"},
      {"add_action_closed", kClosed, "add_action", action("R9"), Expect::Accepted, "closed", {"action_added"}},
      {"update_action_closed",
       then(kClosed, {{"add_action", action("R9")}}),
       "update_action",
       facts({{"ref", "R9"}, {"status", "in_progress"}, {"updated_on", "2025-12-02"}}),
       Expect::Accepted,
       "closed",
       {"action_updated"}},
      {"hold_while_commissioning",
       kCommissioning,
       "put_on_hold",
       hold("2024-07-01"),
       Expect::Accepted,
       "on_hold",
       {"put_on_hold"}},
      {"hold_in_review", kInReview, "put_on_hold", hold(), Expect::Accepted, "on_hold", {"put_on_hold"}},
      {"hold_signed_off", kSignedOff, "put_on_hold", hold("2024-10-20"), Expect::Accepted, "on_hold", {"put_on_hold"}},
      {"hold_report_sent", kSent, "put_on_hold", hold("2024-11-20"), Expect::Accepted, "on_hold", {"put_on_hold"}},
      {"hold_before_decision", kCommissioning, "put_on_hold", hold("2024-06-01"), Expect::Refused, "held_from"},
      {"hold_told_before_it_began", kInReview, "put_on_hold",
       [] {
         Json h = hold("2024-09-02");
         h.set("family_informed_on", "2024-09-01");
         return h;
       }(),
       Expect::Refused, "family_informed_on"},
      {"hold_published", kPublished, "put_on_hold", hold("2024-12-02"), Expect::NotAllowed, ""},
      {"hold_twice", held(kSent), "put_on_hold", hold("2024-11-21"), Expect::NotAllowed, ""},
      {"hold_notifications",
       held(kSent),
       "record_hold_notifications",
       facts({{"panel_informed_on", "2024-11-22"}}),
       Expect::Accepted,
       "on_hold",
       {"hold_notifications_recorded"}},
      {"hold_notifications_empty", held(kSent), "record_hold_notifications", Json::object(), Expect::Refused, ""},
      {"resume_to_commissioning",
       then(kCommissioning, {{"put_on_hold", hold("2024-07-01")}}),
       "resume",
       resume,
       Expect::Accepted,
       "commissioning",
       {"resumed"}},
      {"resume_to_review", held(kInReview), "resume", resume, Expect::Accepted, "in_review", {"resumed"}},
      {"resume_to_signed_off", held(kSignedOff), "resume", resume, Expect::Accepted, "signed_off", {"resumed"}},
      {"resume_to_report_sent", held(kSent), "resume", resume, Expect::Accepted, "report_sent", {"resumed"}},
      {"resume_before_hold", held(kSent), "resume", facts({{"resumed_on", "2024-11-19"}}), Expect::Refused,
       "resumed_on"},
      {"work_while_on_hold", held(kInReview), "record_draft",
       facts({{"draft_label", "v2"}, {"received_on", "2024-12-01"}}), Expect::NotAllowed, ""},
  };
}

class LcsprTransitions : public ::testing::TestWithParam<TransitionRow> {};

TEST_P(LcsprTransitions, DecideAsTheTableSays) {
  check_row(*workflows::make_lcspr_workflow(), kToday, GetParam(), with_reviewers);
}

INSTANTIATE_TEST_SUITE_P(Rows, LcsprTransitions, ::testing::ValuesIn(rows()),
                         [](const auto& row) { return row.param.name; });

TEST(LcsprTable, EveryTransitionHasAnAcceptedRow) {
  for (const auto& t : untested_transitions(*workflows::make_lcspr_workflow(), kToday, rows(), with_reviewers)) {
    ADD_FAILURE() << "no row takes " << t.from << " --" << t.command << "--> " << t.to;
  }
}

TEST(LcsprTable, RefusesEveryCommandWithoutARow) {
  expect_commands_without_rows_refused(*workflows::make_lcspr_workflow(), kToday);
}

TEST(LcsprTable, AcceptedRowsSendFactsTheSpecAccepts) {
  expect_accepted_rows_send_valid_facts(*workflows::make_lcspr_workflow(), kToday, rows(), with_reviewers);
}

TEST(LcsprTable, APartnershipsLongerNoticeIsEnforced) {
  const auto workflow = workflows::make_lcspr_workflow();
  WorkflowDriver driver(*workflow, kToday);
  with_reviewers(driver);
  driver.terms["lcspr.notice_before_publication"] =
      RuleTerms{10, DeadlineUnit::WorkingDaysBefore, "planned_publication_with_ofsted"};
  kSent(driver);
  const Decision early =
      driver.run("record_publication", facts({{"published_on", "2024-11-26"}, {"where", "Website"}}));
  ASSERT_TRUE(std::holds_alternative<Refusal>(early));
  EXPECT_NE(std::get<Refusal>(early).reason.find("2024-11-29"), std::string::npos);  // 10 working days after the 15th
}

// The report reached Ofsted, its last recipient, on Monday 25 November 2024,
// two working days before the planned Friday 29th: the copy is recorded, the
// notice clock is met late, and publication waits until the notice has passed.
TEST(LcsprTable, ALateCopyIsFlaggedAndHoldsPublicationBack) {
  const auto workflow = workflows::make_lcspr_workflow();
  WorkflowDriver driver(*workflow, kToday);
  with_reviewers(driver);
  kTwoSent(driver);
  driver.must_run("send_final_report", copy_to("ofsted", "2024-11-25"));
  ASSERT_EQ(driver.state(), "report_sent");
  auto notice = [&] {
    for (const Clock& c : project_clocks(workflow->spec().rules, driver.terms, driver.history(), driver.calendar())) {
      if (c.rule_id == "lcspr.notice_before_publication") return c;
    }
    throw std::logic_error("no notice clock");
  };
  const Date today = *Date::parse("2024-11-26");
  auto status = [&] { return clock_status(notice(), 2, today, london_start_of_day(today), driver.calendar()); };
  EXPECT_EQ(notice().met_on, Date::parse("2024-11-25"));
  EXPECT_EQ(status(), ClockStatus::MetLate);
  const Decision early =
      driver.run("record_publication", facts({{"published_on", "2024-11-29"}, {"where", "Website"}}));
  ASSERT_TRUE(std::holds_alternative<Refusal>(early));
  EXPECT_NE(std::get<Refusal>(early).reason.find("2024-12-04"), std::string::npos);  // 7 working days after the 25th
  driver.must_run("plan_publication", facts({{"planned_on", "2024-12-06"}}));
  EXPECT_EQ(status(), ClockStatus::Met);  // 25 November is 9 working days before 6 December
  driver.must_run("record_publication", facts({{"published_on", "2024-12-06"}, {"where", "Website"}}));
}

TEST(LcsprTable, TheNoticeIsGivenOnTheDateOfTheLatestCopyWhateverTheOrderTheyAreRecordedIn) {
  const auto workflow = workflows::make_lcspr_workflow();
  WorkflowDriver driver(*workflow, kToday);
  with_reviewers(driver);
  kPlanned(driver);
  driver.must_run("send_final_report", copy_to("ofsted", "2024-11-19"));
  driver.must_run("send_final_report", copy_to("secretary_of_state", "2024-11-15"));
  driver.must_run("send_final_report", copy_to("national_panel", "2024-11-14"));
  const Event& all = driver.history().back();
  ASSERT_EQ(all.type, "final_report_sent");
  EXPECT_EQ(all.effective_date.iso(), "2024-11-19");
  const Json payload = Json::parse(all.payload);
  EXPECT_EQ(payload["recipients"].items().size(), 3u);
  EXPECT_EQ(payload["publication"].as_string(), "full_report");
  const Decision early =
      driver.run("record_publication", facts({{"published_on", "2024-11-27"}, {"where", "Website"}}));
  ASSERT_TRUE(std::holds_alternative<Refusal>(early));
  EXPECT_NE(std::get<Refusal>(early).reason.find("2024-11-28"), std::string::npos);
}

// The opening records the recipients the partnership's setting names, so that a
// later change of the setting does not change an open review.
TEST(LcsprTable, TheOpeningRecordsTheRecipientsInForce) {
  const auto workflow = workflows::make_lcspr_workflow();
  WorkflowDriver with(*workflow, kToday);
  kCommissioning(with);
  EXPECT_EQ(Json::parse(with.history().at(0).payload)["final_report_recipients"].canonical(),
            R"(["national_panel","secretary_of_state","ofsted"])");
  WorkflowDriver without(*workflow, kToday);
  without_ofsted(kCommissioning)(without);
  EXPECT_EQ(Json::parse(without.history().at(0).payload)["final_report_recipients"].canonical(),
            R"(["national_panel","secretary_of_state"])");
  // The partnership adds Ofsted after the review was opened: the review keeps its two.
  WorkflowDriver later(*workflow, kToday);
  with_reviewers(later);
  without_ofsted(kPanelSent)(later);
  later.terms["lcspr.notice_before_publication"] =
      RuleTerms{7, DeadlineUnit::WorkingDaysBefore, "planned_publication_with_ofsted"};
  later.must_run("send_final_report", copy_to("secretary_of_state"));
  EXPECT_EQ(later.state(), "report_sent");  // still the two recipients recorded when it was opened
}

// The sending step is offered until every recipient has a copy, one row or the
// other; explaining a delay in every active state; updating an action once
// there is one.
TEST(LcsprTable, OffersTheStepsThatApply) {
  const auto workflow = workflows::make_lcspr_workflow();
  using Names = std::vector<std::string>;
  WorkflowDriver driver(*workflow, kToday);
  with_reviewers(driver);
  kTwoSent(driver);
  EXPECT_EQ(driver.offered(), (Names{"plan_publication", "send_final_report", "complete_contract", "put_on_hold",
                                     "explain_delay", "add_action"}));
  driver.must_run("send_final_report", copy_to("ofsted"));
  EXPECT_EQ(driver.offered(), (Names{"plan_publication", "record_publication", "complete_contract", "put_on_hold",
                                     "explain_delay", "add_action"}));
  driver.must_run("add_action", action("R1.1"));
  EXPECT_EQ(driver.offered(), (Names{"plan_publication", "record_publication", "complete_contract", "put_on_hold",
                                     "explain_delay", "add_action", "update_action"}));
}

// A step its history rules out whatever facts are typed is not offered: the
// terms of reference once agreed, signing or ending a contract before one is
// drafted, starting before one is signed. Sent anyway, it is still refused
// with the guard's reason (the table above).
TEST(LcsprTable, OffersNoStepItsHistoryRulesOut) {
  const auto workflow = workflows::make_lcspr_workflow();
  using Names = std::vector<std::string>;
  const auto offered_after = [&](const testing_support::Setup& setup) {
    WorkflowDriver driver(*workflow, kToday);
    with_reviewers(driver);
    setup(driver);
    return driver.offered();
  };
  EXPECT_EQ(offered_after(kCommissioning), (Names{"record_panel_endorsement", "agree_terms_of_reference",
                                                  "draft_contract", "put_on_hold", "explain_delay"}));
  EXPECT_EQ(offered_after(kTermsAgreed),
            (Names{"record_panel_endorsement", "draft_contract", "put_on_hold", "explain_delay"}));
  EXPECT_EQ(offered_after(kDrafted), (Names{"record_panel_endorsement", "draft_contract", "sign_contract",
                                            "terminate_contract", "put_on_hold", "explain_delay"}));
  EXPECT_EQ(offered_after(kSigned), (Names{"record_panel_endorsement", "draft_contract", "terminate_contract",
                                           "start_review", "put_on_hold", "explain_delay"}));
  WorkflowDriver driver(*workflow, kToday);
  with_reviewers(driver);
  kTermsAgreed(driver);
  const Decision refused = driver.run("sign_contract", ref_on("contract_ref", "C1", "signed_on", "2024-07-20"));
  ASSERT_TRUE(std::holds_alternative<Refusal>(refused));
  EXPECT_EQ(std::get<Refusal>(refused).kind, Refusal::Kind::GuardRefused);
}

}  // namespace
}  // namespace casereview
