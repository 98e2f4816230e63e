// The two sheets an import reads (case_import.h): their columns, and the
// workflow steps each row becomes. A column left empty is a step not taken;
// a narrative the workflow asks for and the sheet never kept is recorded as
// kNotRecorded, and a choice list as "not_recorded", never guessed.
#include <utility>

#include "../child_death_review/cdr_names.h"
#include "../rapid_review/rr_names.h"
#include "../serious_incident/sin_names.h"
#include "import_rows.h"
#include "review_names.h"

namespace casereview::workflows::import {
namespace {

// Builds one step's facts, remembering each fact's column for messages.
class StepBuilder {
 public:
  StepBuilder(const RowReader& row, std::string kind, std::string command, Date on, bool opening = false) : row_(row) {
    step_.kind = std::move(kind);
    step_.command = std::move(command);
    step_.opening = opening;
    step_.on = on;
  }
  StepBuilder& date(const char* fact, const std::string& column) {
    if (auto d = row_.date(column)) set(fact, column, Json(d->iso()));
    if (step_.date_column.empty()) step_.date_column = column;
    return *this;
  }
  StepBuilder& text(const char* fact, const std::string& column, const char* otherwise = nullptr) {
    const std::string value = row_.text(column);
    if (!value.empty()) {
      set(fact, column, Json(value));
    } else if (otherwise) {
      set(fact, column, Json(otherwise));
    }
    return *this;
  }
  StepBuilder& flag(const char* fact, const std::string& column) {
    if (auto b = row_.yes_no(column, false)) set(fact, column, Json(*b));
    return *this;
  }
  StepBuilder& yes_no(const char* fact, const std::string& column) {
    if (auto b = row_.yes_no(column)) set(fact, column, Json(*b ? "yes" : "no"));
    return *this;
  }
  StepBuilder& integer(const char* fact, const std::string& column) {
    if (auto n = row_.integer(column)) set(fact, column, Json(*n));
    return *this;
  }
  // A list column; `otherwise` when it is empty (nothing when null).
  StepBuilder& list(const char* fact, const std::string& column, const Json& otherwise = Json()) {
    Json items = row_.list(column);
    if (!items.items().empty()) {
      set(fact, column, items);
    } else if (!otherwise.is_null()) {
      set(fact, column, otherwise);
    }
    return *this;
  }
  StepBuilder& fixed(const char* fact, Json value) {
    step_.facts.set(fact, std::move(value));
    return *this;
  }
  PlannedStep done() { return std::move(step_); }

 private:
  void set(const char* fact, const std::string& column, Json value) {
    step_.facts.set(fact, std::move(value));
    step_.column_of[fact] = column;
  }
  const RowReader& row_;
  PlannedStep step_;
};

Json one(const char* item) {
  Json items = Json::array();
  items.push(Json(item));
  return items;
}

Json all_partners() {
  Json items = Json::array();
  for (const char* partner : {"local_authority", "integrated_care_board", "police"}) items.push(Json(partner));
  return items;
}

// A decision after which the learning is taken forward some other way, which
// the workflow asks to be said.
bool without_local_review(const std::string& decision) {
  return decision != "lcspr" && decision != "national_review_referral";
}

// The rapid review's steps of a safeguarding row, after its notification.
void rapid_review_steps(const RowReader& row, std::vector<PlannedStep>& steps) {
  const auto meeting = row.date("rapid_review_meeting_on");
  if (meeting) {
    row.require({"agencies_attended"}, "with the rapid review meeting");
    steps.push_back(StepBuilder(row, rr::kKind, rr::command::kRecordMeeting, *meeting)
                        .date("held_on", "rapid_review_meeting_on")
                        .list("agencies_attended", "agencies_attended")
                        .done());
  }
  const auto decided = row.date("decided_on");
  if (decided || row.has("decision")) {
    row.require({"decided_on", "decision", "rapid_review_meeting_on"}, "with the rapid review's decision");
    if (!decided) return;
    steps.push_back(StepBuilder(row, rr::kKind, rr::command::kRecordDecision, *decided)
                        .date("decided_on", "decided_on")
                        .text("decision", "decision")
                        .text("rationale", "rationale", kNotRecorded)
                        .text("learning_taken_forward", "learning_taken_forward",
                              without_local_review(row.text("decision")) ? kNotRecorded : nullptr)
                        .list("local_review_criteria", "local_review_criteria", one("not_recorded"))
                        .list("parallel_processes", "parallel_processes", one("not_recorded"))
                        .list("learning_themes", "learning_themes")
                        .fixed("facts", Json(kNotRecorded))
                        .fixed("key_practice_episodes", Json(kNotRecorded))
                        .fixed("inequalities", Json(kNotRecorded))
                        .fixed("immediate_safety_actions", one(kNotRecorded))
                        .fixed("partners_agreeing", all_partners())
                        .done());
  }
  if (const auto sent = row.date("submitted_to_panel_on")) {
    steps.push_back(StepBuilder(row, rr::kKind, rr::command::kSubmitToPanel, *sent)
                        .date("submitted_on", "submitted_to_panel_on")
                        .done());
  }
  if (const auto responded = row.date("panel_responded_on")) {
    row.require({"panel_agrees", "submitted_to_panel_on"}, "with the Panel's response");
    StepBuilder response(row, rr::kKind, rr::command::kRecordPanelResponse, *responded);
    response.date("responded_on", "panel_responded_on")
        .yes_no("agrees_with_decision", "panel_agrees")
        .yes_no("recommends_local_review", "panel_recommends_local_review")
        .yes_no("national_review", "panel_national_review")
        .text("panel_reference", "national_review_reference")
        .text("partnership_part", "partnership_part_in_national_review");
    if (!row.has("panel_national_review")) response.fixed("national_review", Json("no"));
    steps.push_back(response.done());
  }
  const auto after = row.date("decided_after_panel_on");
  if (after || row.has("decision_after_panel")) {
    row.require({"decided_after_panel_on", "decision_after_panel", "panel_responded_on"},
                "with the decision after the Panel's response");
    if (!after) return;
    steps.push_back(StepBuilder(row, rr::kKind, rr::command::kRecordDecisionAfterPanel, *after)
                        .date("decided_on", "decided_after_panel_on")
                        .text("decision", "decision_after_panel")
                        .text("rationale", "rationale_after_panel", kNotRecorded)
                        .text("learning_taken_forward", "learning_taken_forward_after_panel",
                              without_local_review(row.text("decision_after_panel")) ? kNotRecorded : nullptr)
                        .list("local_review_criteria", "local_review_criteria_after_panel", one("not_recorded"))
                        .fixed("partners_agreeing", all_partners())
                        .done());
  }
}

}  // namespace

std::vector<ImportColumn> safeguarding_columns() {
  return {
      {"reference", "The spreadsheet's own reference for the incident, kept with the imported history", true},
      {"rapid_review_reference", "Written by the export (the rapid review's casereview reference); not read", false},
      {"local_review_reference", "Written by the export (the local review's casereview reference); not read", false},
      {"became_aware_on", "Date the local authority became aware", true},
      {"harm", "death, serious_harm or other", true},
      {"abuse_or_neglect", "known, suspected or not_suspected", true},
      {"location", "in_area or resident_harmed_outside_england", true},
      {"looked_after_child", "yes or no (empty: no)", false},
      {"care_leaver", "yes or no (empty: no)", false},
      {"age", "Age in whole years at the time", false},
      {"local_authority", "Notifying local authority", true},
      {"summary", "Summary, without names or other identifying details", true},
      {"partners_informed_on", "Date the safeguarding partners were told", false},
      {"notification_submitted_on", "Date the notification was submitted (opens the rapid review)", false},
      {"notification_system_reference", "Reference the notification system gave", false},
      {"criteria_not_met_on", "Date it was decided the criteria for a notification are not met", false},
      {"criteria_not_met_reason", "The reasons for that decision", false},
      {"rapid_review_meeting_on", "Date of the rapid review meeting", false},
      {"agencies_attended", "Agencies at the meeting, separated by semicolons", false},
      {"decided_on", "Date of the safeguarding partners' decision", false},
      {"decision", "lcspr, no_lcspr, national_review_referral or criteria_not_met (lcspr opens the local review)",
       false},
      {"rationale", "The decision's rationale", false},
      {"learning_taken_forward", "How learning is taken forward without a local review", false},
      {"local_review_criteria",
       "improvements_needed; recurrent_themes; agencies_working_together; panel_concluded_local_review; none "
       "(empty: not_recorded)",
       false},
      {"parallel_processes",
       "police_investigation; criminal_proceedings; coroner; other_review; none_known (empty: not_recorded)", false},
      {"learning_themes", "Learning theme codes, separated by semicolons", false},
      {"submitted_to_panel_on", "Date the rapid review was sent to the National Panel", false},
      {"panel_responded_on", "Date of the Panel's response", false},
      {"panel_agrees", "yes or no: the Panel agrees with the decision", false},
      {"panel_recommends_local_review", "yes or no", false},
      {"panel_national_review", "yes or no: the Panel will carry out a national review (empty: no)", false},
      {"national_review_reference", "The Panel's reference for its national review", false},
      {"partnership_part_in_national_review", "The partnership's part in the national review", false},
      {"decided_after_panel_on", "Date of the decision after the Panel's response", false},
      {"decision_after_panel", "lcspr or no_lcspr", false},
      {"rationale_after_panel", "Its rationale", false},
      {"learning_taken_forward_after_panel", "How learning is taken forward without a local review", false},
      {"local_review_criteria_after_panel", "The criteria for a local review considered then (codes as above)", false},
  };
}

std::vector<PlannedStep> safeguarding_steps(const RowReader& row) {
  std::vector<PlannedStep> steps;
  const auto aware = row.date("became_aware_on");
  row.require({"became_aware_on", "harm", "abuse_or_neglect", "location", "local_authority", "summary"},
              "for every incident");
  if (!aware) return steps;
  steps.push_back(StepBuilder(row, sin::kKind, sin::command::kOpen, *aware, true)
                      .date("became_aware_on", "became_aware_on")
                      .text("harm", "harm")
                      .text("abuse_or_neglect", "abuse_or_neglect")
                      .text("location", "location")
                      .text("local_authority", "local_authority")
                      .text("summary", "summary")
                      .flag("looked_after_child", "looked_after_child")
                      .flag("care_leaver", "care_leaver")
                      .integer("age", "age")
                      .done());
  if (const auto informed = row.date("partners_informed_on")) {
    Json partners = Json::array();
    for (const char* p : {"Local authority", "Integrated care board", "Police"}) partners.push(Json(p));
    steps.push_back(StepBuilder(row, sin::kKind, sin::command::kRecordPartnersInformed, *informed)
                        .date("informed_on", "partners_informed_on")
                        .fixed("partners", partners)
                        .done());
  }
  if (const auto submitted = row.date("notification_submitted_on")) {
    steps.push_back(StepBuilder(row, sin::kKind, sin::command::kSubmitNotification, *submitted)
                        .date("submitted_on", "notification_submitted_on")
                        .text("panel_reference", "notification_system_reference")
                        .done());
  }
  if (const auto not_met = row.date("criteria_not_met_on")) {
    row.require({"criteria_not_met_reason"}, "with the date the criteria were found not met");
    steps.push_back(StepBuilder(row, sin::kKind, sin::command::kRecordCriteriaNotMet, *not_met)
                        .date("decided_on", "criteria_not_met_on")
                        .text("reason", "criteria_not_met_reason")
                        .done());
  }
  rapid_review_steps(row, steps);
  return steps;
}

std::vector<ImportColumn> death_columns() {
  return {
      {"reference", "The spreadsheet's own reference for the death, kept with the imported history", true},
      {"date_of_death", "Date of death", true},
      {"place_of_death", "home, hospital, hospice, public_place or other", true},
      {"expected", "expected or unexpected", true},
      {"summary", "Summary, without names or other identifying details", true},
      {"notified_on", "Date the CDOP was notified", true},
      {"notified_by", "Who notified the death (role and agency)", true},
      {"resident_local_authority", "Local authority where the child normally lived", true},
      {"given_name", "Child's given name (kept apart from the history, as every identifying detail)", true},
      {"family_name", "Child's family name", true},
      {"date_of_birth", "Date of birth", true},
      {"nhs_number", "NHS number", false},
      {"sex", "female, male, indeterminate or not_known", false},
      {"looked_after", "yes, no or not_known", false},
      {"information_requested_on", "Date the agencies were asked for reporting forms", false},
      {"agencies_asked", "Agencies asked, separated by semicolons", false},
      {"review_meeting_on", "Date of the child death review meeting", false},
      {"agencies_attended", "Agencies at the meeting, separated by semicolons", false},
      {"reviewed_on", "Date of the CDOP panel review", false},
      {"category", "Category of death code (as the analysis form numbers them)", false},
      {"applicable_categories", "Category codes that could apply, separated by semicolons", false},
      {"score_child", "Legacy score 0, 1, 1*, 2 or 3: factors intrinsic to the child", false},
      {"score_social_environment", "Legacy score: social environment", false},
      {"score_physical_environment", "Legacy score: physical environment", false},
      {"score_service_provision", "Legacy score: service provision", false},
      {"modifiable_factors", "Modifiable factor codes, separated by semicolons", false},
      {"judgement", "modifiable_factors_identified, no_modifiable_factors or insufficient_information", false},
      {"learning", "Learning", false},
      {"learning_themes", "Learning theme codes, separated by semicolons", false},
      {"ncmd_submitted_on", "Date the review was submitted to the NCMD", false},
      {"ncmd_reference", "NCMD reference", false},
  };
}

std::vector<PlannedStep> death_steps(const RowReader& row) {
  std::vector<PlannedStep> steps;
  row.require({"date_of_death", "place_of_death", "expected", "summary", "notified_on", "notified_by",
               "resident_local_authority", "given_name", "family_name", "date_of_birth"},
              "for every death");
  const auto notified = row.date("notified_on");
  if (!notified) return steps;
  steps.push_back(StepBuilder(row, cdr::kKind, cdr::command::kNotifyDeath, *notified, true)
                      .date("date_of_death", "date_of_death")
                      .text("place_of_death", "place_of_death")
                      .text("expected", "expected")
                      .text("summary", "summary")
                      .date("notified_on", "notified_on")
                      .text("notified_by", "notified_by")
                      .text("resident_local_authority", "resident_local_authority")
                      .text("given_name", "given_name")
                      .text("family_name", "family_name")
                      .date("date_of_birth", "date_of_birth")
                      .text("nhs_number", "nhs_number")
                      .text("sex", "sex")
                      .text("looked_after", "looked_after")
                      .done());
  const auto requested = row.date("information_requested_on");
  if (requested) {
    row.require({"agencies_asked"}, "with the date the agencies were asked");
    steps.push_back(StepBuilder(row, cdr::kKind, review::command::kRequestAgencyInformation, *requested)
                        .date("requested_on", "information_requested_on")
                        .list("agencies", "agencies_asked")
                        .done());
  }
  const auto meeting = row.date("review_meeting_on");
  if (meeting) {
    row.require({"information_requested_on", "agencies_attended"}, "with the review meeting");
    steps.push_back(StepBuilder(row, cdr::kKind, cdr::command::kRecordReviewMeeting, *meeting)
                        .date("held_on", "review_meeting_on")
                        .list("agencies_attended", "agencies_attended")
                        .done());
  }
  const auto reviewed = row.date("reviewed_on");
  if (reviewed) {
    row.require({"review_meeting_on", "category", "score_child", "score_social_environment",
                 "score_physical_environment", "score_service_provision", "judgement"},
                "with the panel review");
    steps.push_back(StepBuilder(row, cdr::kKind, cdr::command::kImportLegacyPanelReview, *reviewed)
                        .date("reviewed_on", "reviewed_on")
                        .text("category", "category")
                        .list("applicable_categories", "applicable_categories")
                        .text("score_child", "score_child")
                        .text("score_social_environment", "score_social_environment")
                        .text("score_physical_environment", "score_physical_environment")
                        .text("score_service_provision", "score_service_provision")
                        .list("modifiable_factors", "modifiable_factors")
                        .text("judgement", "judgement")
                        .text("learning", "learning")
                        .list("learning_themes", "learning_themes")
                        .done());
  }
  if (const auto submitted = row.date("ncmd_submitted_on")) {
    row.require({"reviewed_on"}, "with the NCMD submission");
    steps.push_back(StepBuilder(row, cdr::kKind, cdr::command::kRecordNcmdSubmission, *submitted)
                        .date("submitted_on", "ncmd_submitted_on")
                        .text("ncmd_reference", "ncmd_reference")
                        .done());
  }
  return steps;
}

}  // namespace casereview::workflows::import
