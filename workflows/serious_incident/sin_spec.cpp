#include "sin_spec.h"

#include "sin_names.h"

namespace casereview::workflows::sin {

std::vector<StateSpec> states() {
  return {
      {state::kNotificationDue, "Notification due",
       "The local authority has become aware of a serious incident. The notification to the "
       "National Panel is due within 5 working days of becoming aware, and the safeguarding "
       "partners must be told within the same time.",
       false},
      {state::kNotified, "Notified: rapid review under way",
       "The notification has been submitted to the Child Safeguarding Practice Review Panel. The "
       "safeguarding partners are carrying out the rapid review, which is due at the Panel 15 "
       "working days after the notification.",
       false},
      {state::kRapidReviewSubmitted, "Rapid review sent to the Panel",
       "The rapid review has been sent to the National Panel. The Panel's response is awaited.",
       false},
      {state::kCriteriaNotMet, "Closed: criteria not met",
       "The local authority decided, with recorded reasons, that the incident does not meet the "
       "criteria for a serious incident notification. No notification or rapid review follows.",
       true},
  };
}

std::vector<CommandSpec> commands() {
  const std::string manager = "CDOP or safeguarding business manager";
  return {
      {command::kOpen, "Log a serious incident",
       "Record that the local authority has become aware of a serious incident, with the "
       "criteria that make it notifiable. Starts the notification clocks.",
       manager,
       {
           date_fact("became_aware_on", "Date the local authority became aware"),
           choice_fact("harm", "What happened to the child", {"death", "serious_harm"}),
           choice_fact("abuse_or_neglect", "Abuse or neglect", {"known", "suspected", "not_suspected"}),
           choice_fact("location", "Where it happened", {"in_area", "resident_harmed_outside_england"}),
           flag_fact("looked_after_child", "The child was looked after"),
           text_fact("local_authority", "Notifying local authority", 200),
           text_fact("summary", "Summary, without names or other identifying details", 1000),
       }},
      {command::kRecordPartnersInformed, "Record that the safeguarding partners were told",
       "Record the date the local authority told the safeguarding partners (local authority, "
       "police, integrated care board) of the incident.",
       manager,
       {
           date_fact("informed_on", "Date the partners were told"),
           list_fact("partners", "Partners told", 200),
       }},
      {command::kSubmitNotification, "Record the notification to the National Panel",
       "Record that the notification was submitted to the Child Safeguarding Practice Review "
       "Panel. Starts the rapid review clock.",
       manager,
       {
           date_fact("submitted_on", "Date submitted"),
           text_fact("panel_reference", "Reference given by the notification system", 100, false),
       }},
      {command::kRecordCriteriaNotMet, "Record that the criteria are not met",
       "Close the case with the reasons why the incident does not meet the criteria for a "
       "serious incident notification.",
       manager,
       {
           date_fact("decided_on", "Date of the decision"),
           text_fact("reason", "Reasons for the decision", 4000),
       }},
      {command::kSubmitRapidReview, "Record the rapid review sent to the Panel",
       "Record the date the safeguarding partners sent the rapid review to the National Panel.",
       manager,
       {
           date_fact("submitted_on", "Date sent"),
       }},
  };
}

std::vector<DeadlineRule> deadline_rules() {
  const AnchorOption became_aware{"became_aware", event::kOpened, "",
                                  "the date the local authority became aware"};
  const AnchorOption notification_date{"notification_date", event::kNotificationSubmitted, "",
                                       "the date the notification was submitted"};
  DeadlineRule notify;
  notify.id = rule::kNotifyPanel;
  notify.case_kind = kKind;
  notify.title = "Notify the National Panel";
  notify.measures =
      "Serious incident notification to the Child Safeguarding Practice Review Panel, counted from "
      "the day the local authority became aware of the incident.";
  notify.who_acts = "Local authority";
  notify.anchors = {became_aware};
  notify.closing_event = event::kNotificationSubmitted;
  notify.ending_events = {event::kCriteriaNotMet};
  notify.amount = 5;
  notify.unit = DeadlineUnit::WorkingDays;
  notify.source = "Children Act 2004, section 16C(1); Working Together to Safeguard Children 2023, chapter 5";
  notify.tag = SourceTag::Statutory;

  DeadlineRule partners = notify;
  partners.id = rule::kInformPartners;
  partners.title = "Tell the safeguarding partners";
  partners.measures =
      "The local authority tells the safeguarding partners (local authority, police, integrated "
      "care board) of the incident, counted from the day it became aware.";
  partners.closing_event = event::kPartnersInformed;
  partners.source = "Local safeguarding children partnership procedures, restating Working Together 2023";
  partners.tag = SourceTag::LocalProcedure;
  partners.amount_changeable = true;

  DeadlineRule rapid = notify;
  rapid.id = rule::kRapidReview;
  rapid.title = "Send the rapid review to the National Panel";
  rapid.measures =
      "The safeguarding partners complete the rapid review, with their decision on a local "
      "review, and send it to the National Panel.";
  rapid.who_acts = "Safeguarding partners";
  rapid.anchors = {notification_date, became_aware};
  rapid.closing_event = event::kRapidReviewSubmitted;
  rapid.amount = 15;
  rapid.source =
      "Working Together to Safeguard Children 2023, chapter 5 (15 working days). The Panel's "
      "guidance counts from the notification; some local procedures count from becoming aware, "
      "so the start is a partnership setting.";
  rapid.tag = SourceTag::Statutory;
  rapid.anchor_changeable = true;
  rapid.due_soon_working_days = 3;

  return {notify, partners, rapid};
}

}  // namespace casereview::workflows::sin
