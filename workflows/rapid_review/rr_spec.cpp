#include "rr_spec.h"

#include "../src/review_steps.h"
#include "rr_names.h"

namespace casereview::workflows::rr {

std::vector<StateSpec> states() {
  return {
      {state::kGatheringInformation, "Gathering information",
       "The rapid review is under way: agencies are asked what they knew of the child and family, and the rapid "
       "review meeting is to be held. It is due at the National Panel 15 working days after the notification.",
       false},
      {state::kMeetingHeld, "Meeting held",
       "The rapid review meeting has been held and its attendance recorded. The partners' decision on next steps "
       "is to be recorded with its rationale.",
       false},
      {state::kDecided, "Decided: to send to the Panel",
       "The decision is recorded (a local review, no local review with how learning is taken forward, a referral "
       "for a national review, or criteria not met). The rapid review is to be sent to the National Panel.",
       false},
      {state::kAwaitingPanel, "Sent: awaiting the Panel",
       "The rapid review has been sent to the National Panel. Its response (does it agree with the decision; will "
       "it carry out a national review) is awaited, usually within about 10 working days.",
       false},
      {state::kPanelResponded, "Panel responded",
       "The National Panel has responded. The rapid review is complete; its actions are followed until done.", true},
  };
}

std::vector<CommandSpec> commands() {
  const std::string manager = "Safeguarding business manager";
  const std::string panel = "Rapid review panel (recorded by the manager)";
  return {
      {command::kOpen,
       "Open the rapid review",
       "Opened by submitting the serious incident notification; it is never opened on its own.",
       "The system",
       {
           date_fact("notification_date", "Date of the notification"),
           date_fact("became_aware_on", "Date the local authority became aware"),
           choice_fact("harm", "What happened to the child", {"death", "serious_harm"}),
           flag_fact("looked_after_child", "The child was looked after"),
           text_fact("summary", "Summary, without names or other identifying details", 1000),
       }},
      review::request_agency_information_command("information for the rapid review"),
      review::record_agency_return_command("information for the rapid review"),
      review::send_agency_reminder_command("information for the rapid review"),
      issued_by({command::kRecordMeeting,
                 "Record the rapid review meeting",
                 "Record the date of the meeting and which agencies attended.",
                 manager,
                 {
                     date_fact("held_on", "Date of the meeting"),
                     list_fact("agencies_attended", "Agencies that attended", 200),
                     text_fact("chair", "Chair", 200, false),
                 }},
                panel_roles()),
      issued_by(
          {command::kRecordDecision,
           "Record the decision",
           "Record the partners' decision on next steps with its rationale, the immediate safety actions taken and the "
           "learning themes. A decision to carry out a local review opens it.",
           panel,
           {
               date_fact("decided_on", "Date of the decision"),
               choice_fact("decision", "Decision",
                           {"lcspr", "no_lcspr", "national_review_referral", "criteria_not_met"}),
               text_fact("rationale", "Rationale", 4000),
               text_fact("learning_taken_forward", "How learning is taken forward without a local review", 4000, false),
               list_fact("immediate_safety_actions", "Immediate safety actions", 1000, false),
               themes_fact("learning_themes", "Learning themes"),
           }},
          panel_roles()),
      {command::kSubmitToPanel,
       "Record the rapid review sent to the Panel",
       "Record the date the rapid review was sent to the National Panel.",
       manager,
       {date_fact("submitted_on", "Date sent")}},
      {command::kRecordPanelResponse,
       "Record the Panel's response",
       "Record whether the National Panel agrees with the decision and whether it will carry out a national review.",
       manager,
       {
           date_fact("responded_on", "Date of the response"),
           choice_fact("agrees_with_decision", "The Panel agrees with the decision", {"yes", "no"}),
           choice_fact("national_review", "The Panel will carry out a national review", {"yes", "no"}),
           text_fact("comments", "The Panel's comments", 4000, false),
       }},
      review::add_action_command(),
      review::update_action_command(),
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
      "the National Panel.";
  submit.who_acts = "Safeguarding partners";
  submit.anchors = {notification_date, became_aware};
  submit.closing_event = event::kSubmitted;
  submit.amount = 15;
  submit.unit = DeadlineUnit::WorkingDays;
  submit.source =
      "Working Together to Safeguard Children 2023, chapter 5 (15 working days). The Panel's guidance counts from "
      "the notification; some local procedures count from becoming aware, so the start is a partnership setting.";
  submit.tag = SourceTag::Statutory;
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
  response.source = "Local partnership procedures: the Panel responds in about 10 working days";
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
  returns.source = "Common local practice for rapid reviews";
  returns.tag = SourceTag::KnownPractice;
  returns.amount_changeable = true;
  returns.kind = RuleKind::PerAgencyRequest;

  return {submit, response, returns};
}

}  // namespace casereview::workflows::rr
