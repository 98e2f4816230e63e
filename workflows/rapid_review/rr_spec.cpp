#include "rr_spec.h"

#include "../src/review_steps.h"
#include "../src/safeguarding_partners.h"
#include "rr_names.h"

namespace casereview::workflows::rr {
namespace {

// The choice an import records for a list its spreadsheet never kept.
constexpr const char* kNotRecordedLabel = "Not recorded (a case imported from records that did not keep it)";

FieldSpec labelled(FieldSpec field, std::vector<std::string> labels) {
  field.choice_labels = std::move(labels);
  return field;
}

// The criteria the safeguarding partners take into account when deciding on a
// local review: the Child Safeguarding Practice Review and Relevant Agency
// (England) Regulations 2018, regulation 11, as Working Together 2023, chapter
// 5, restates them. "none" says that they were considered and none applies.
FieldSpec local_review_criteria() {
  FieldSpec field = list_fact("local_review_criteria", "Criteria for a local review the case meets or may meet", 40);
  field.choices = {
      "improvements_needed", "recurrent_themes", "agencies_working_together", "panel_concluded_local_review", "none",
      "not_recorded"};
  // Each label is the regulation's own wording; the long ones are named so that
  // a line break inside one cannot be read as a missing comma between two.
  const std::string improvements =
      "It highlights or may highlight improvements needed to safeguard and promote the welfare of children, "
      "including where those improvements have been previously identified";
  const std::string agencies =
      "It highlights or may highlight concerns regarding two or more organisations or agencies working together "
      "effectively to safeguard and promote the welfare of children";
  const std::string panel =
      "The Child Safeguarding Practice Review Panel has considered it and concluded a local review may be more "
      "appropriate";
  const std::string recurrent =
      "It highlights or may highlight recurrent themes in the safeguarding and promotion of the welfare of children";
  return labelled(field,
                  {improvements, recurrent, agencies, panel, "None of these criteria applies", kNotRecordedLabel});
}

FieldSpec yes_no(const char* name, const char* label, bool required = true) {
  return choice_fact(name, label, {"yes", "no"}, required);
}

}  // namespace

std::vector<StateSpec> states() {
  return {
      {state::kGatheringInformation, "Gathering information",
       "The rapid review is under way: the safeguarding partners gather the facts from the agencies that knew the "
       "child and family, and the rapid review meeting is to be held. The Panel's guidance expects the rapid review "
       "at the Child Safeguarding Practice Review Panel within 15 working days of the notification.",
       false},
      {state::kMeetingHeld, "Meeting held",
       "The rapid review meeting has been held and its attendance recorded. The safeguarding partners' decision on "
       "next steps is to be recorded with what the Panel's rapid review template asks: the facts, key practice "
       "episodes, whether and how racism or other inequalities may have influenced the child's experience, the "
       "criteria for a local review considered, parallel processes, immediate safety actions, and which partners "
       "agreed.",
       false},
      {state::kDecided, "Decided: to send to the Panel",
       "The safeguarding partners' decision is recorded: a local review (opened as a linked case), no local review "
       "with how the learning is taken forward, a referral to the Panel for a national review, or the criteria for "
       "a notification not met. The rapid review is to be sent to the Panel.",
       false},
      {state::kAwaitingPanel, "Sent: awaiting the Panel",
       "The rapid review has been sent to the Child Safeguarding Practice Review Panel. Its response (does it agree "
       "with the decision, does it recommend a local review, will it carry out a national review) is awaited: "
       "usually in about 10 working days, which is not a statutory time.",
       false},
      {state::kReconsidering, "Panel responded: next steps to decide",
       "The Panel did not agree with the decision, recommended a local review, or will not carry out the national "
       "review the partners asked for. The safeguarding partners decide what to do next: carry out a local review "
       "(opened as a linked case, its 6-month clock counted from this decision), or record why not.",
       false},
      {state::kPanelResponded, "Panel responded",
       "The Panel has responded and the safeguarding partners' decision stands, or was taken again after the "
       "response. The rapid review is complete: a national review the Panel carries out (recorded with the response "
       "or when the Panel says so later) is a linked case, and the actions are followed until done.",
       true},
  };
}

std::vector<CommandSpec> commands() {
  const std::string manager = "Safeguarding business manager";
  const std::string by_partners = "Safeguarding partners (recorded by the manager or a panel member)";
  std::vector<FieldSpec> found = {
      text_fact("facts", "The facts of the case, as far as they can be readily established", 4000),
      text_fact("key_practice_episodes", "Key practice episodes, and what each shows of the agencies' involvement",
                4000),
      text_fact("inequalities",
                "Whether and how racism or other inequalities may have influenced the child's experience and the "
                "practice",
                4000),
      labelled(
          [] {
            FieldSpec f = list_fact("parallel_processes", "Parallel processes", 40);
            f.choices = {"police_investigation", "criminal_proceedings", "coroner",
                         "other_review",         "none_known",           "not_recorded"};
            return f;
          }(),
          {"A police investigation", "Criminal proceedings", "The coroner's investigation or inquest",
           std::string("Another review (for example a domestic homicide review, a safeguarding adults review or a "
                       "health investigation)"),
           "None known", kNotRecordedLabel}),
      text_fact("parallel_processes_details", "Parallel processes: who leads them and what they mean for the review",
                2000, false),
      list_fact("immediate_safety_actions", "Immediate safety actions taken (or why none was needed)", 1000),
      themes_fact("learning_themes", "Learning themes"),
  };
  std::vector<FieldSpec> decision_fields = {
      date_fact("decided_on", "Date of the decision"),
      labelled(
          choice_fact("decision", "Decision", {"lcspr", "no_lcspr", "national_review_referral", "criteria_not_met"}),
          {"Carry out a local child safeguarding practice review",
           "No local review: the learning is taken forward another way",
           "Refer to the Panel: the case may raise issues that are complex or of national importance",
           "The case does not meet the criteria for a serious incident notification"}),
      text_fact("rationale", "Rationale", 4000),
      text_fact("learning_taken_forward", "How learning is taken forward without a local review", 4000, false),
      local_review_criteria(),
  };
  CommandSpec add_action = review::add_action_command();
  add_action.who_may_issue = by_partners;
  CommandSpec update_action = review::update_action_command();
  update_action.who_may_issue = by_partners;
  return {
      {command::kOpen,
       "Open the rapid review",
       "Opened by submitting the serious incident notification; it is never opened on its own.",
       "The system",
       {
           date_fact("notification_date", "Date of the notification"),
           date_fact("became_aware_on", "Date the local authority became aware"),
           choice_fact("harm", "What happened to the child", {"death", "serious_harm", "other"}),
           flag_fact("looked_after_child", "The child was looked after"),
           text_fact("summary", "Summary, without names or other identifying details", 1000),
       }},
      review::request_agency_information_command("information for the rapid review"),
      review::record_agency_return_command("information for the rapid review"),
      review::send_agency_reminder_command("information for the rapid review"),
      issued_by({command::kRecordMeeting,
                 "Record the rapid review meeting",
                 "Record the date of the meeting and which agencies attended.",
                 by_partners,
                 {
                     date_fact("held_on", "Date of the meeting"),
                     list_fact("agencies_attended", "Agencies that attended", 200),
                     text_fact("chair", "Chair", 200, false),
                 }},
                panel_roles()),
      issued_by({command::kRecordDecision, "Record the decision",
                 "Record the safeguarding partners' decision on next steps with its rationale and what the Panel's "
                 "rapid review template asks: the facts, key practice episodes, whether and how racism or other "
                 "inequalities may have influenced the child's experience, the criteria for a local review "
                 "considered, parallel processes, immediate safety actions, the learning themes and which "
                 "safeguarding partners agreed. A decision to carry out a local review opens it.",
                 by_partners,
                 sections({{"The decision", decision_fields},
                           {"What the rapid review found", found},
                           {"Who agreed", partners::agreement_fields()}})},
                panel_roles()),
      {command::kSubmitToPanel,
       "Record the rapid review sent to the Panel",
       "Record the date the rapid review was sent to the Child Safeguarding Practice Review Panel.",
       manager,
       {date_fact("submitted_on", "Date sent")}},
      {command::kRecordPanelResponse,
       "Record the Panel's response",
       "Record whether the Child Safeguarding Practice Review Panel agrees with the decision, whether it recommends "
       "a local review, and whether it will carry out a national review (with its reference and the partnership's "
       "part in it, which opens the national review as a linked case).",
       manager,
       {
           date_fact("responded_on", "Date of the response"),
           yes_no("agrees_with_decision", "The Panel agrees with the decision"),
           yes_no("recommends_local_review",
                  "The Panel recommends a local review (it considered the case and concluded a local review may be "
                  "more appropriate)",
                  false),
           yes_no("national_review", "The Panel will carry out a national review"),
           text_fact("panel_reference", "The Panel's reference for its national review", 100, false),
           text_fact("partnership_part", "The partnership's part in the national review", 2000, false),
           text_fact("comments", "The Panel's comments", 4000, false),
       }},
      issued_by({command::kRecordDecisionAfterPanel, "Record the decision after the Panel's response",
                 "Record what the safeguarding partners decided after the Panel's response: to carry out a local "
                 "review, which opens it with this rationale, or not to, with why not.",
                 by_partners,
                 sections({{"The decision",
                            {
                                date_fact("decided_on", "Date of the decision"),
                                labelled(choice_fact("decision", "Decision", {"lcspr", "no_lcspr"}),
                                         {"Carry out a local child safeguarding practice review",
                                          "No local review, for the reasons given"}),
                                text_fact("rationale", "Rationale, answering the Panel's response", 4000),
                                text_fact("learning_taken_forward",
                                          "How learning is taken forward without a local review", 4000, false),
                                local_review_criteria(),
                            }},
                           {"Who agreed", partners::agreement_fields()}})},
                panel_roles()),
      {command::kRecordNationalReview,
       "Record the Panel's national review",
       "Record that the Child Safeguarding Practice Review Panel will carry out a national review of the case, when "
       "it says so after its response: the national review opens as a linked case.",
       manager,
       {
           date_fact("decided_on", "Date the Panel said it will carry out a national review"),
           text_fact("panel_reference", "The Panel's reference for its national review", 100),
           text_fact("partnership_part", "The partnership's part in the national review", 2000),
       }},
      add_action,
      update_action,
  };
}

std::vector<DeadlineRule> deadline_rules() {
  const AnchorOption notification_date{"notification_date", event::kOpened, "",
                                       "the date the serious incident was notified to the Panel"};
  const AnchorOption became_aware{"became_aware", event::kOpened, "became_aware_on",
                                  "the date the local authority became aware"};
  DeadlineRule submit;
  submit.id = rule::kSubmitToPanel;
  submit.case_kind = kKind;
  submit.title = "Send the rapid review to the National Panel";
  submit.measures =
      "The safeguarding partners complete the rapid review, with their decision on a local review, and send it to "
      "the Child Safeguarding Practice Review Panel.";
  submit.who_acts = "Safeguarding partners";
  submit.anchors = {notification_date, became_aware};
  submit.closing_event = event::kSubmitted;
  submit.amount = 15;
  submit.unit = DeadlineUnit::WorkingDays;
  submit.source =
      "The Child Safeguarding Practice Review Panel's guidance for safeguarding partners and its published answers: "
      "a rapid review within 15 working days of the serious incident notification. Working Together to Safeguard "
      "Children 2023, chapter 5, asks the safeguarding partners to undertake the rapid review promptly, in line "
      "with the Panel's guidance; the 15 days are the Panel's expectation, not a statutory time limit. The Panel "
      "counts from the notification; some local procedures count from becoming aware, so the start is a "
      "partnership setting";
  submit.tag = SourceTag::LocalProcedure;
  submit.anchor_changeable = true;
  submit.due_soon_working_days = 3;

  DeadlineRule response;
  response.id = rule::kPanelResponse;
  response.case_kind = kKind;
  response.title = "The National Panel's response is awaited";
  response.measures =
      "The Panel usually responds within about 10 working days; a reminder to follow up, not a statutory limit.";
  response.who_acts = "National Panel (the manager follows up)";
  response.anchors = {{"sent_to_panel", event::kSubmitted, "", "the date the rapid review was sent"}};
  response.closing_event = event::kPanelResponse;
  response.amount = 10;
  response.unit = DeadlineUnit::WorkingDays;
  response.source =
      "Local partnership procedures, restating the Panel's practice of responding to a rapid review in about 10 "
      "working days; neither the Children Act 2004 nor Working Together 2023 sets a time for the Panel's response, "
      "so it is a reminder and a partnership setting";
  response.tag = SourceTag::LocalProcedure;
  response.amount_changeable = true;
  response.kind = RuleKind::Reminder;

  DeadlineRule returns;
  returns.id = rule::kAgencyReturn;
  returns.case_kind = kKind;
  returns.title = "Agency information for the rapid review";
  returns.measures = "Each agency asked for information returns it in time for the rapid review meeting.";
  returns.who_acts = "Each agency asked";
  returns.anchors = {{"requested", "agency_information_requested", "", "the date the agency was asked"}};
  returns.closing_event = "agency_information_returned";
  returns.amount = 5;
  returns.unit = DeadlineUnit::WorkingDays;
  returns.source =
      "Local rapid review procedures, which give agencies the first days of the 15 for their summaries; no "
      "national time: 5 working days is a partnership setting";
  returns.tag = SourceTag::KnownPractice;
  returns.amount_changeable = true;
  returns.kind = RuleKind::PerAgencyRequest;

  return {submit, response, returns};
}

std::map<std::string, std::string> event_sentences() {
  return {
      {event::kOpened, "A rapid review opened on the notification of {notification_date}."},
      {event::kMeetingRecorded,
       "The rapid review meeting was held on {held_on}[ with {agencies_attended}][, chaired by {chair}]."},
      {event::kDecisionRecorded,
       "The rapid review decided on {decided_on}: {decision}[; learning themes: {learning_themes}]."},
      {event::kSubmitted, "The rapid review was sent to the Panel on {submitted_on}."},
      {event::kPanelResponse,
       "The Panel responded on {responded_on}[; agrees with the decision: {agrees_with_decision}][; recommends a "
       "local review: {recommends_local_review}][; national review: {national_review}]."},
      {event::kDecisionAfterPanel, "After the Panel's response the partners decided on {decided_on}: {decision}."},
      {event::kNationalReviewRecorded,
       "The Panel decided on {decided_on} to hold a national review[ ({panel_reference})]."},
  };
}

}  // namespace casereview::workflows::rr
