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

// Every category that could apply, when the panel finds more than one: the
// category recorded is then the one the analysis form's rule chooses.
FieldSpec applicable_categories_fact() {
  FieldSpec field = list_fact("applicable_categories",
                              "Categories that could apply, where more than one could (the category recorded is then "
                              "the one highest in the list)",
                              60, false);
  field.choices = category_codes();
  return field;
}

FieldSpec labelled_choice(const char* name, const char* label, std::vector<std::string> choices,
                          std::vector<std::string> labels, bool required = false) {
  return labelled(choice_fact(name, label, std::move(choices), required), std::move(labels));
}

// Yes, no or not known: how the national forms ask about a status.
FieldSpec yes_no_unknown(const char* name, const char* label, bool required = false) {
  return labelled_choice(name, label, {"yes", "no", "not_known"}, {"Yes", "No", "Not known"}, required);
}

// The ethnic categories of the NHS Data Dictionary (2001 census groups), as the
// notification form asks them.
FieldSpec ethnicity_fact() {
  return labelled_choice(
      "ethnicity", "Ethnicity",
      {"white_british", "white_irish", "white_other", "mixed_white_black_caribbean", "mixed_white_black_african",
       "mixed_white_asian", "mixed_other", "asian_indian", "asian_pakistani", "asian_bangladeshi", "asian_other",
       "black_caribbean", "black_african", "black_other", "chinese", "other", "not_stated", "not_known"},
      {"White: British", "White: Irish", "White: any other White background", "Mixed: White and Black Caribbean",
       "Mixed: White and Black African", "Mixed: White and Asian", "Mixed: any other mixed background",
       "Asian or Asian British: Indian", "Asian or Asian British: Pakistani", "Asian or Asian British: Bangladeshi",
       "Asian or Asian British: any other Asian background", "Black or Black British: Caribbean",
       "Black or Black British: African", "Black or Black British: any other Black background", "Chinese",
       "Any other ethnic group", "Not stated", "Not known"});
}

// The supplementary reporting forms, each for a kind of death: the CDOP sends
// those that fit the death with the reporting form.
FieldSpec supplementary_forms_fact(const char* name, const char* label) {
  FieldSpec field = list_fact(name, label, 60, false);
  for (const SupplementaryForm& form : supplementary_forms()) field.choices.emplace_back(form.code);
  for (const SupplementaryForm& form : supplementary_forms()) {
    field.choice_labels.push_back(std::string(form.title) + ": " + form.for_deaths);
  }
  return field;
}

// The child death reporting form as an agency answers it: the return itself,
// then its answers section by section, each optional (an agency answers what it
// knows). The name of the professional who completed it identifies the family's
// case too, so it is kept out of the event log.
CommandSpec reporting_form_return_command() {
  CommandSpec command = review::record_agency_return_command("reporting forms");
  command.title = "Record a reporting form returned";
  command.description =
      "Record an agency's child death reporting form: its involvement with the child and family, what it knew of "
      "the child, the family and environment and the services given, whether bereavement support was offered, and "
      "the answers to the supplementary forms it was sent.";
  for (FieldSpec& field : command.fields) field.section = "The return";
  std::vector<FieldSpec> answers = sections({
      {"The agency's involvement",
       {
           labelled_choice("involvement", "The agency's involvement with the child or family",
                           {"at_the_time_of_death", "before_the_death", "after_the_death_only", "none"},
                           {"Involved at the time of the death", "Involved before the death, not at the time",
                            "Involved only after the death", "No involvement"}),
           text_fact("involvement_summary", "What the agency knew and did, without names", 4000, false),
       }},
      {"The child",
       {
           text_fact("child_factors", "The child's health, development and needs as the agency knew them", 4000, false),
       }},
      {"Family and environment",
       {
           text_fact("family_environment", "The family, parenting and the home as the agency knew them", 4000, false),
       }},
      {"Service provision",
       {
           text_fact("service_provision", "Services given, and any concern about them", 4000, false),
           yes_no_unknown("bereavement_support_offered", "Was bereavement support offered to the family?"),
           text_fact("bereavement_support", "If so, what support was offered", 2000, false),
       }},
      {"Supplementary forms",
       {
           supplementary_forms_fact("supplementary_forms_answered", "Supplementary forms answered with this return"),
           text_fact("supplementary_answers", "The supplementary forms' answers, without names", 4000, false),
       }},
      {"Who completed the form",
       {
           identifying(
               text_fact("completed_by", "Name and role of the professional who completed the form", 200, false)),
       }},
  });
  command.fields.insert(command.fields.end(), answers.begin(), answers.end());
  return command;
}

// Where an action's owner is named, the CDR says who records it for the CDOP.
CommandSpec for_the_cdop(CommandSpec command) {
  command.who_may_issue = "CDOP manager, for the panel";
  return command;
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
           labelled(applicable_categories_fact(), category_labels()),
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

const std::vector<SupplementaryForm>& supplementary_forms() {
  static const std::vector<SupplementaryForm> kForms = {
      {"asthma_anaphylaxis", "Asthma and anaphylaxis", "a death from asthma or anaphylaxis"},
      {"cardiac", "Cardiac, congenital or acquired", "a death from a heart condition"},
      {"care_pathway", "Care pathway", "an expected death of a child with a life-limiting condition"},
      {"chromosomal_genetic_congenital", "Chromosomal, genetic and congenital anomalies",
       "a death from a chromosomal, genetic or congenital anomaly"},
      {"diabetes", "Diabetes", "a death of a child with diabetes"},
      {"epilepsy", "Epilepsy", "a death of a child with epilepsy"},
      {"infection", "Infection", "a death from an infection"},
      {"malignancy", "Malignancy", "a death from cancer"},
      {"neonatal", "Neonatal death", "a death in the first 28 days of life, or a stillbirth the review covers"},
      {"substance_misuse", "Substance misuse", "a death where alcohol or drugs were involved"},
      {"sudden_unexpected_death", "Sudden unexpected death in infancy or childhood",
       "a sudden death with no apparent cause"},
      {"suicide_self_harm", "Suicide or self-harm", "a death by suicide or from self-harm, or suspected to be"},
  };
  return kForms;
}

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
       "The child's death has been notified to the CDOP. For a death with a Joint Agency Response trigger, "
       "expected or not, the initial multi-agency discussion is due within 24 hours. Reporting forms are to be "
       "requested from every agency involved, with the supplementary forms that fit the death, and a key worker "
       "named for the family.",
       false},
      {state::kGatheringInformation, "Gathering information",
       "Reporting forms have been requested from the agencies involved; returns are awaited, with reminders. The "
       "child death review meeting is due about 3 months after the death (local practice).",
       false},
      {state::kMeetingHeld, "Review meeting held",
       "The child death review meeting of the professionals involved has been held. The CDOP panel review is due, "
       "usually within 12 months of the death.",
       false},
      {state::kPanelReviewed, "Panel review recorded",
       "The CDOP has reviewed the death: category, domain scores, modifiable factors, judgement and learning. The "
       "submission to the National Child Mortality Database is to be recorded.",
       false},
      {state::kOnHold, "On hold",
       "The review waits for an inquest, a criminal investigation or criminal proceedings. The clocks of the "
       "review meeting and the CDOP review are paused, with the reason, and resume with the time already used; "
       "reporting forms may still come in.",
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
  triggers.choice_labels = {
      "The death is or could be due to external causes",
      "The death is sudden and there is no immediately apparent cause (including SUDI/C)",
      "The death occurred in custody, or while detained under the Mental Health Act",
      "The initial circumstances raise suspicion that the death may not have been natural",
      "A stillbirth where no health professional was in attendance",
  };
  return {
      {command::kNotifyDeath, "Notify a child's death",
       "Record the child death notification form: when and where the child died, whether the death was expected, "
       "the Joint Agency Response triggers (a trigger needs a JAR whether or not the death was expected), the "
       "child, their status, the coroner and post-mortem, and every professional involved. The NHS number prevents "
       "double counting.",
       manager,
       sections({
           {"The death",
            {
                date_fact("date_of_death", "Date of death"),
                time_fact("time_of_death", "Time of death (if known)"),
                choice_fact("place_of_death", "Place of death",
                            {"home", "hospital", "hospice", "public_place", "other"}),
                choice_fact("expected", "Was the death expected?", {"expected", "unexpected"}),
                triggers,
                flag_fact("suspected_unattended_stillbirth",
                          "A suspected stillbirth at home or elsewhere outside hospital, with no health "
                          "professional present"),
                text_fact("summary", "Summary, without names or other identifying details", 1000),
            }},
           {"The notification",
            {
                date_fact("notified_on", "Date the CDOP was notified"),
                time_fact("notified_time", "Time of the notification (if known)"),
                text_fact("notified_by", "Who notified the death (role and agency)", 200),
                local_authority_fact("resident_local_authority", "Local authority where the child normally lived"),
            }},
           {"About the child",
            {
                identifying(text_fact("given_name", "Child's given name", 100)),
                identifying(text_fact("family_name", "Child's family name", 100)),
                identifying(planned_date_fact("date_of_birth", "Date of birth")),
                identifying(text_fact("nhs_number", "NHS number", 12, false)),
                labelled_choice("sex", "Sex", {"female", "male", "indeterminate", "not_known"},
                                {"Female", "Male", "Indeterminate", "Not known"}),
                ethnicity_fact(),
                identifying(text_fact("home_address", "Home address", 500, false)),
                identifying(
                    text_fact("family_members", "Parents, carers and siblings (names and relationship)", 1000, false)),
            }},
           {"The child's status",
            {
                yes_no_unknown("looked_after", "Was the child looked after by a local authority?"),
                yes_no_unknown("child_protection_plan", "Was the child subject to a child protection plan?"),
            }},
           {"Coroner and post-mortem",
            {
                yes_no_unknown("coroner_informed", "Has the death been referred to the coroner?"),
                labelled_choice("post_mortem", "Post-mortem examination",
                                {"coronial", "consented_hospital", "none", "not_known"},
                                {"Ordered by the coroner", "Hospital post-mortem with the parents' consent", "None",
                                 "Not known yet"}),
            }},
           {"Professionals involved",
            {
                identifying(text_fact("general_practitioner", "GP (name and practice)", 300, false)),
                identifying(list_fact("professionals_involved",
                                      "Every professional involved in the child's life or after the death (name, role "
                                      "and agency)",
                                      300, false)),
            }},
       })},
      {command::kRecordJarDiscussion,
       "Record the Joint Agency Response discussion",
       "Record the initial multi-agency discussion of a Joint Agency Response.",
       manager,
       {
           date_fact("held_on", "Date of the discussion"),
           time_fact("held_time", "Time of the discussion (if known)"),
           list_fact("agencies", "Agencies in the discussion", 200),
       }},
      [] {
        CommandSpec request = review::request_agency_information_command("reporting forms");
        request.description =
            "Record which agencies were asked for the child death reporting form, with the supplementary forms "
            "that fit the kind of death, and when; each return is then due by the rule.";
        request.fields.push_back(
            supplementary_forms_fact("supplementary_forms", "Supplementary forms that fit the kind of death"));
        return request;
      }(),
      reporting_form_return_command(),
      review::send_agency_reminder_command("reporting forms"),
      {command::kRaiseNotification,
       "Raise the serious incident notification",
       "Where abuse or neglect is known or suspected, or the child was looked after, open the linked notification "
       "through the national notification system (to the National Panel for a serious incident; to the Secretary "
       "of State and Ofsted for a looked-after child); the CDOP review takes its outcome into account.",
       manager,
       {
           date_fact("became_aware_on", "Date the local authority became aware"),
           choice_fact("abuse_or_neglect", "Abuse or neglect", {"known", "suspected", "not_suspected"}),
           choice_fact("location", "Where it happened", {"in_area", "resident_harmed_outside_england"}),
           flag_fact("looked_after_child", "The child was looked after"),
           local_authority_fact("local_authority", "Notifying local authority"),
       }},
      {command::kRecordKeyWorker,
       "Record the family's key worker",
       "Record the key worker named as the family's single point of contact through the review, and what the "
       "family was given: bereavement support, information about the review and how to take part.",
       manager,
       {
           date_fact("appointed_on", "Date the key worker was named"),
           text_fact("key_worker_role", "The key worker's role and agency", 200),
           identifying(text_fact("key_worker_name", "The key worker's name", 200)),
           yes_no_unknown("bereavement_support_offered", "Was bereavement support offered to the family?", true),
           text_fact("support_given", "What the family was given (support, information, contacts)", 2000, false),
           flag_fact("family_told_of_review", "The family was told how the review works and how to contribute"),
       }},
      {command::kPutOnHold,
       "Put the review on hold",
       "Hold the review for an inquest, a criminal investigation or criminal proceedings; the clocks of the review "
       "meeting and the CDOP review pause, with the reason, until it resumes.",
       manager,
       {
           date_fact("held_from", "On hold from"),
           labelled_choice("held_for", "What the review waits for",
                           {"inquest", "criminal_investigation", "criminal_proceedings"},
                           {"An inquest", "A criminal investigation", "Criminal proceedings"}, true),
           text_fact("reason", "The reason, as the family and the agencies are told it", 1000),
       }},
      {command::kResume,
       "Resume the review",
       "Resume the review where it was; the paused clocks run again with the time already used.",
       manager,
       {date_fact("resumed_on", "Date resumed"), text_fact("note", "Note", 2000, false)}},
      issued_by({command::kRecordReviewMeeting,
                 "Record the child death review meeting",
                 "Record the child death review meeting of the professionals involved.",
                 manager,
                 {date_fact("held_on", "Date of the meeting"),
                  list_fact("agencies_attended", "Agencies that attended", 200)}},
                panel_roles()),
      panel_review_command(command::kRecordPanelReview, "Record the CDOP panel review",
                           "Record the panel's analysis: category of death (where more than one could apply, the "
                           "one highest in the list), a score of 0, 1 or 2 for each domain, the modifiable factors "
                           "identified, the overall judgement and the learning.",
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
      for_the_cdop(review::add_action_command()),
      for_the_cdop(review::update_action_command()),
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
      "Child Death Review Statutory and Operational Guidance (England) 2018, and the child death notification form "
      "(DHSC, 'Child death reviews: forms for reporting child deaths'): every child's death is notified to the "
      "child death review partners' CDOP with the notification form, as soon as possible; the 48 hours is local "
      "practice (local protocols say 24 or 48 hours), a partnership setting";
  notify.tag = SourceTag::LocalProcedure;
  notify.amount_changeable = true;

  DeadlineRule jar;
  jar.id = rule::kJarDiscussion;
  jar.case_kind = kKind;
  jar.title = "Hold the Joint Agency Response discussion";
  jar.measures =
      "For a death with a Joint Agency Response trigger, expected or not, the initial multi-agency discussion is "
      "held within 24 hours of the death.";
  jar.who_acts = "Police, health and children's social care";
  jar.anchors = {{"death", event::kJarStarted, "date_of_death", "the date (and time) of death", "died_at"}};
  jar.closing_event = event::kJarDiscussion;
  jar.amount = 24;
  jar.unit = DeadlineUnit::Hours;
  jar.source =
      "Child Death Review Statutory and Operational Guidance (England) 2018, Joint Agency Response: the five "
      "triggers (external causes; sudden with no apparent cause, including SUDI/C; in custody or detained under "
      "the Mental Health Act; circumstances suggesting the death was not natural; a stillbirth with no health "
      "professional in attendance), whether or not the death was expected; the 24 hours for the initial "
      "discussion is widely used practice, not a time the guidance sets, a partnership setting";
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
  forms.source =
      "Local child death review protocols: the guidance asks every agency involved for the reporting form (and the "
      "supplementary forms that fit the death) but sets no time for its return; a partnership setting";
  forms.tag = SourceTag::LocalProcedure;
  forms.amount_changeable = true;
  forms.kind = RuleKind::PerAgencyRequest;

  DeadlineRule meeting;
  meeting.id = rule::kReviewMeeting;
  meeting.case_kind = kKind;
  meeting.title = "Hold the child death review meeting";
  meeting.measures =
      "The child death review meeting of the professionals involved is held about 3 months after the death, as "
      "local practice; the time on hold for an inquest or a criminal process does not count.";
  meeting.who_acts = "CDOP manager, with the agencies involved";
  meeting.anchors = {{"death", event::kDeathNotified, "date_of_death", "the date of death"}};
  meeting.closing_event = event::kReviewMeeting;
  meeting.amount = 3;
  meeting.unit = DeadlineUnit::CalendarMonths;
  meeting.source =
      "Local practice, as child death review protocols and their audits use it: the Child Death Review Statutory "
      "and Operational Guidance (England) 2018 requires the meeting but sets no time for it; a partnership setting";
  meeting.tag = SourceTag::LocalProcedure;
  meeting.pausing_events = {event::kOnHold};
  meeting.resuming_events = {event::kResumed};
  meeting.amount_changeable = true;
  meeting.due_soon_working_days = 10;

  DeadlineRule panel = meeting;
  panel.id = rule::kPanelReview;
  panel.title = "Complete the CDOP panel review";
  panel.measures =
      "The CDOP reviews the death within 12 months of it, not counting the time the review is on hold for an "
      "inquest or a criminal process.";
  panel.source =
      "Widely used expectation that most deaths are reviewed by the CDOP within 12 months: not a time set by the "
      "Child Death Review Statutory and Operational Guidance (England) 2018, which has the CDOP review every death "
      "once the information is gathered; a partnership setting";
  panel.tag = SourceTag::KnownPractice;
  panel.who_acts = "CDOP";
  panel.closing_event = event::kPanelReview;
  panel.amount = 12;
  panel.due_soon_working_days = 20;

  return {notify, jar, forms, meeting, panel};
}

std::map<std::string, std::string> event_sentences() {
  return {
      {event::kDeathNotified,
       "The {expected} death on {date_of_death} was notified on {notified_on} by {notified_by}[; place of death: "
       "{place_of_death}][; the child lived in {resident_local_authority}]."},
      {event::kJarStarted, "A joint agency response started for the death on {died_at}[ ({jar_triggers})]."},
      {event::kJarDiscussion, "The joint agency response discussion was held on {held_on}[ with {agencies}]."},
      {event::kNotificationRaised,
       "A serious incident notification was raised[: the local authority knew on {became_aware_on}][; abuse or "
       "neglect {abuse_or_neglect}]."},
      {event::kReviewMeeting, "The child death review meeting was held on {held_on}[ with {agencies_attended}]."},
      {event::kPanelReview,
       "The CDOP reviewed the death on {reviewed_on}: {category}[; {judgement}][; modifiable factors: "
       "{modifiable_factors}][; learning themes: {learning_themes}]."},
      {event::kNcmdSubmitted, "The review was submitted to the NCMD on {submitted_on}[ as {ncmd_reference}]."},
      {event::kKeyWorker,
       "A key worker was appointed on {appointed_on}[: {key_worker_role}][; bereavement support offered: "
       "{bereavement_support_offered}]."},
      {event::kOnHold, "The review was put on hold from {held_from}[ for {held_for}][: {reason}]."},
      {event::kResumed, "The review resumed on {resumed_on}[: {note}]."},
  };
}

}  // namespace casereview::workflows::cdr
