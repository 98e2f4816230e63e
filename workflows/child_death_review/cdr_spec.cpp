#include "cdr_spec.h"

#include "../src/review_steps.h"
#include "casereview/engine/vocabulary.h"
#include "cdr_names.h"

namespace casereview::workflows::cdr {
namespace {

std::vector<std::string> category_codes() {
  std::vector<std::string> codes;
  for (const DeathCategory& c : death_categories()) codes.emplace_back(c.code);
  return codes;
}

std::vector<std::string> category_labels() {
  std::vector<std::string> labels;
  for (const DeathCategory& c : death_categories()) labels.push_back(std::to_string(c.number) + ". " + c.label);
  return labels;
}

std::vector<std::string> legacy_codes() {
  std::vector<std::string> codes;
  for (const LegacyScoreMapping& m : legacy_score_mappings()) codes.emplace_back(m.legacy);
  return codes;
}

std::vector<std::string> legacy_labels() {
  std::vector<std::string> labels;
  for (const LegacyScoreMapping& m : legacy_score_mappings()) labels.push_back(std::string(m.legacy) + ": " + m.note);
  return labels;
}

// What each score means on today's scale (Child Death Review Statutory and
// Operational Guidance, analysis form).
const std::vector<std::string>& score_labels() {
  static const std::vector<std::string> kLabels = {
      "0: information not available",
      "1: no factors, or factors unlikely to have contributed",
      "2: factors that may have contributed to vulnerability, ill-health or death",
  };
  return kLabels;
}

FieldSpec labelled(FieldSpec field, std::vector<std::string> labels) {
  field.choice_labels = std::move(labels);
  return field;
}

// The analysis facts shared by a review recorded now and one imported from the
// legacy scale; only the scores' scale differs.
CommandSpec panel_review_command(const char* name, const std::string& title, const std::string& description,
                                 const std::vector<std::string>& scores, const std::vector<std::string>& labels) {
  return issued_by(
      {name,
       title,
       description,
       "CDOP panel (recorded by the CDOP manager)",
       {
           date_fact("reviewed_on", "Date of the panel review"),
           labelled(choice_fact("category", "Category of death", category_codes()), category_labels()),
           labelled(choice_fact("score_child", "Factors intrinsic to the child", scores), labels),
           labelled(choice_fact("score_social_environment",
                                "Social environment, including family and parenting capacity", scores),
                    labels),
           labelled(choice_fact("score_physical_environment", "Physical environment", scores), labels),
           labelled(choice_fact("score_service_provision", "Service provision", scores), labels),
           factors_fact("modifiable_factors", "Modifiable factors identified"),
           choice_fact("judgement", "Overall judgement",
                       {"modifiable_factors_identified", "no_modifiable_factors", "insufficient_information"}),
           text_fact("learning", "Learning", 4000, false),
           themes_fact("learning_themes", "Learning themes"),
       }},
      panel_roles());
}

}  // namespace

const std::vector<std::string>& jar_triggers() {
  static const std::vector<std::string> kTriggers = {
      "external_cause",            // injury, poisoning, drowning ...
      "sudden_no_apparent_cause",  // including SUDI
      "in_custody_or_detained",    // or detained under the Mental Health Act
      "circumstances_suggest_not_natural",
      "stillbirth_no_health_professional",
  };
  return kTriggers;
}

std::vector<StateSpec> states() {
  return {
      {state::kNotified, "Death notified",
       "The child's death has been notified to the CDOP. For an unexpected death with a Joint Agency Response "
       "trigger, the initial multi-agency discussion is due within 24 hours. Reporting forms are to be requested "
       "from every agency involved.",
       false},
      {state::kGatheringInformation, "Gathering information",
       "Reporting forms have been requested from the agencies involved; returns are awaited, with reminders. The "
       "child death review meeting is due about 3 months after the death.",
       false},
      {state::kMeetingHeld, "Review meeting held",
       "The child death review meeting of the professionals involved has been held. The CDOP panel review is due, "
       "usually within 12 months of the death.",
       false},
      {state::kPanelReviewed, "Panel review recorded",
       "The CDOP has reviewed the death: category, domain scores, modifiable factors, judgement and learning. The "
       "submission to the National Child Mortality Database is to be recorded.",
       false},
      {state::kClosed, "Closed: submitted to the NCMD",
       "The review is complete and submitted to the National Child Mortality Database; its actions are followed "
       "until done.",
       true},
  };
}

std::vector<CommandSpec> commands() {
  const std::string manager = "CDOP manager";
  FieldSpec triggers = list_fact("jar_triggers", "Joint Agency Response triggers that apply", 60, false);
  triggers.choices = jar_triggers();
  FieldSpec supplementary = list_fact("supplementary_forms", "Supplementary forms that fit the cause", 200, false);
  return {
      {command::kNotifyDeath,
       "Notify a child's death",
       "Record the notification of the death of a child under 18: when and where the child died, whether the death "
       "was expected, and the Joint Agency Response triggers. The NHS number prevents double counting.",
       manager,
       {
           date_fact("date_of_death", "Date of death"),
           time_fact("time_of_death", "Time of death (if known)"),
           choice_fact("place_of_death", "Place of death", {"home", "hospital", "hospice", "public_place", "other"}),
           date_fact("notified_on", "Date the CDOP was notified"),
           time_fact("notified_time", "Time of the notification (if known)"),
           choice_fact("expected", "Was the death expected?", {"expected", "unexpected"}),
           triggers,
           text_fact("resident_local_authority", "Local authority where the child normally lived", 200),
           text_fact("notified_by", "Who notified the death (role and agency)", 200),
           text_fact("summary", "Summary, without names or other identifying details", 1000),
           identifying(text_fact("given_name", "Child's given name", 100)),
           identifying(text_fact("family_name", "Child's family name", 100)),
           identifying(planned_date_fact("date_of_birth", "Date of birth")),
           identifying(text_fact("nhs_number", "NHS number", 12, false)),
           identifying(text_fact("home_address", "Home address", 500, false)),
           identifying(
               text_fact("family_members", "Parents, carers and siblings (names and relationship)", 1000, false)),
       }},
      {command::kRecordJarDiscussion,
       "Record the Joint Agency Response discussion",
       "Record the initial multi-agency discussion of a Joint Agency Response.",
       manager,
       {
           date_fact("held_on", "Date of the discussion"),
           time_fact("held_time", "Time of the discussion (if known)"),
           list_fact("agencies", "Agencies in the discussion", 200),
       }},
      [&] {
        CommandSpec request = review::request_agency_information_command("reporting forms");
        request.fields.push_back(supplementary);
        return request;
      }(),
      review::record_agency_return_command("reporting forms"),
      review::send_agency_reminder_command("reporting forms"),
      {command::kRaiseNotification,
       "Raise the serious incident notification",
       "Where abuse or neglect is known or suspected, open the linked serious incident notification; the CDOP review "
       "takes its outcome into account.",
       manager,
       {
           date_fact("became_aware_on", "Date the local authority became aware"),
           choice_fact("abuse_or_neglect", "Abuse or neglect", {"known", "suspected"}),
           choice_fact("location", "Where it happened", {"in_area", "resident_harmed_outside_england"}),
           flag_fact("looked_after_child", "The child was looked after"),
           text_fact("local_authority", "Notifying local authority", 200),
       }},
      issued_by({command::kRecordReviewMeeting,
                 "Record the child death review meeting",
                 "Record the child death review meeting of the professionals involved.",
                 manager,
                 {date_fact("held_on", "Date of the meeting"),
                  list_fact("agencies_attended", "Agencies that attended", 200)}},
                panel_roles()),
      panel_review_command(command::kRecordPanelReview, "Record the CDOP panel review",
                           "Record the panel's analysis: category of death, a score of 0, 1 or 2 for each domain, the "
                           "modifiable factors identified, the overall judgement and the learning.",
                           {"0", "1", "2"}, score_labels()),
      panel_review_command(command::kImportLegacyPanelReview, "Import a panel review scored on the legacy scale",
                           "Import an analysis scored 0, 1, 1*, 2 or 3 (before 2018); scores are mapped to today's "
                           "scale and the originals kept.",
                           legacy_codes(), legacy_labels()),
      {command::kRecordNcmdSubmission,
       "Record the submission to the NCMD",
       "Record that the review was submitted to the National Child Mortality Database.",
       manager,
       {date_fact("submitted_on", "Date submitted"), text_fact("ncmd_reference", "NCMD reference", 100, false)}},
      review::add_action_command(),
      review::update_action_command(),
  };
}

std::vector<DeadlineRule> deadline_rules() {
  const AnchorOption death{"death", event::kDeathNotified, "date_of_death", "the date (and time) of death", "died_at"};
  DeadlineRule notify;
  notify.id = rule::kNotifyCdop;
  notify.case_kind = kKind;
  notify.title = "Notify the CDOP of the death";
  notify.measures = "The death is notified to the child death review partners' CDOP as soon as possible.";
  notify.who_acts = "The professional who learns of the death";
  notify.anchors = {death};
  notify.closing_event = event::kDeathNotified;
  notify.amount = 48;
  notify.unit = DeadlineUnit::Hours;
  notify.source =
      "Child Death Review Statutory and Operational Guidance 2018 (notification form); local protocols "
      "set 24 or 48 hours";
  notify.tag = SourceTag::LocalProcedure;
  notify.amount_changeable = true;

  DeadlineRule jar;
  jar.id = rule::kJarDiscussion;
  jar.case_kind = kKind;
  jar.title = "Hold the Joint Agency Response discussion";
  jar.measures =
      "For an unexpected death with a JAR trigger, the initial multi-agency discussion is held within 24 "
      "hours of the death.";
  jar.who_acts = "Police, health and children's social care";
  jar.anchors = {{"death", event::kJarStarted, "date_of_death", "the date (and time) of death", "died_at"}};
  jar.closing_event = event::kJarDiscussion;
  jar.amount = 24;
  jar.unit = DeadlineUnit::Hours;
  jar.source =
      "Child Death Review Statutory and Operational Guidance 2018 (JAR triggers); the 24 hours is common "
      "practice";
  jar.tag = SourceTag::KnownPractice;
  jar.amount_changeable = true;

  DeadlineRule forms;
  forms.id = rule::kReportingFormReturn;
  forms.case_kind = kKind;
  forms.title = "Reporting form returned";
  forms.measures = "Each agency asked returns its reporting form, with reminders until it does.";
  forms.who_acts = "Each agency asked";
  forms.anchors = {{"requested", "agency_information_requested", "", "the date the agency was asked"}};
  forms.closing_event = "agency_information_returned";
  forms.amount = 10;
  forms.unit = DeadlineUnit::WorkingDays;
  forms.source = "Local child death review protocols";
  forms.tag = SourceTag::LocalProcedure;
  forms.amount_changeable = true;
  forms.kind = RuleKind::PerAgencyRequest;

  DeadlineRule meeting;
  meeting.id = rule::kReviewMeeting;
  meeting.case_kind = kKind;
  meeting.title = "Hold the child death review meeting";
  meeting.measures = "The meeting of the professionals involved is usually held about 3 months after the death.";
  meeting.who_acts = "CDOP manager, with the agencies involved";
  meeting.anchors = {{"death", event::kDeathNotified, "date_of_death", "the date of death"}};
  meeting.closing_event = event::kReviewMeeting;
  meeting.amount = 3;
  meeting.unit = DeadlineUnit::CalendarMonths;
  meeting.source = "Child Death Review Statutory and Operational Guidance 2018 (common practice)";
  meeting.tag = SourceTag::KnownPractice;
  meeting.amount_changeable = true;
  meeting.due_soon_working_days = 10;

  DeadlineRule panel = meeting;
  panel.id = rule::kPanelReview;
  panel.title = "Complete the CDOP panel review";
  panel.measures = "Most deaths are reviewed by the CDOP within 12 months.";
  panel.who_acts = "CDOP";
  panel.closing_event = event::kPanelReview;
  panel.amount = 12;
  panel.due_soon_working_days = 20;

  return {notify, jar, forms, meeting, panel};
}

}  // namespace casereview::workflows::cdr
