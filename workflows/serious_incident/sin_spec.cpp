#include "sin_spec.h"

#include "sin_names.h"

namespace casereview::workflows::sin {

std::vector<StateSpec> states() {
  return {
      {state::kNotificationDue, "Notification due",
       "The local authority has become aware of a serious incident. The notification to the National Panel is "
       "due within 5 working days of becoming aware, and the safeguarding partners must be told within the same "
       "time. For the death of a looked-after child, Ofsted and the Secretary of State are notified too.",
       false},
      {state::kNotified, "Notified: rapid review opened",
       "The notification has been submitted to the Child Safeguarding Practice Review Panel, and its rapid review "
       "has been opened as a linked case, which now carries the work and its 15-working-day clock.",
       false},
      {state::kNotifiedNoRapidReview, "Notified: care leaver, no rapid review",
       "The death of a care leaver has been notified to the National Panel. Care-leaver deaths are recorded "
       "without a rapid review.",
       true},
      {state::kCriteriaNotMet, "Closed: criteria not met",
       "The local authority decided, with recorded reasons, that the incident does not meet the criteria for a "
       "serious incident notification. No notification or rapid review follows.",
       true},
  };
}

std::vector<CommandSpec> commands() {
  const std::string manager = "CDOP or safeguarding business manager";
  return {
      {command::kOpen,
       "Log a serious incident",
       "Record that the local authority has become aware of a serious incident, with the criteria that make it "
       "notifiable. Starts the notification clocks.",
       manager,
       {
           date_fact("became_aware_on", "Date the local authority became aware"),
           choice_fact("harm", "What happened to the child", {"death", "serious_harm"}),
           choice_fact("abuse_or_neglect", "Abuse or neglect", {"known", "suspected", "not_suspected"}),
           choice_fact("location", "Where it happened", {"in_area", "resident_harmed_outside_england"}),
           flag_fact("looked_after_child", "The child was looked after"),
           flag_fact("care_leaver", "A care leaver (up to their 25th birthday)"),
           integer_fact("age", "Age in years at the time", 0, 120, false),
           text_fact("local_authority", "Notifying local authority", 200),
           text_fact("summary", "Summary, without names or other identifying details", 1000),
           identifying(text_fact("given_name", "Child's given name", 100, false)),
           identifying(text_fact("family_name", "Child's family name", 100, false)),
           identifying(planned_date_fact("date_of_birth", "Date of birth", false)),
           identifying(text_fact("nhs_number", "NHS number", 12, false)),
           identifying(text_fact("home_address", "Home address", 500, false)),
           identifying(
               text_fact("family_members", "Parents, carers and siblings (names and relationship)", 1000, false)),
       }},
      {command::kRecordPartnersInformed,
       "Record that the safeguarding partners were told",
       "Record the date the local authority told the safeguarding partners (local authority, police, integrated "
       "care board) of the incident.",
       manager,
       {
           date_fact("informed_on", "Date the partners were told"),
           list_fact("partners", "Partners told", 200),
       }},
      {command::kSubmitNotification,
       "Record the notification to the National Panel",
       "Record that the notification was submitted to the Child Safeguarding Practice Review Panel. This opens the "
       "rapid review (not for a care leaver's death).",
       manager,
       {
           date_fact("submitted_on", "Date submitted"),
           text_fact("panel_reference", "Reference given by the notification system", 100, false),
       }},
      {command::kRecordCriteriaNotMet,
       "Record that the criteria are not met",
       "Close the case with the reasons why the incident does not meet the criteria for a serious incident "
       "notification.",
       manager,
       {
           date_fact("decided_on", "Date of the decision"),
           text_fact("reason", "Reasons for the decision", 4000),
       }},
      {command::kRecordOfstedNotified,
       "Record that Ofsted was notified",
       "Record that Ofsted was notified of the death of a looked-after child.",
       manager,
       {date_fact("notified_on", "Date Ofsted was notified")}},
      {command::kRecordSecretaryOfStateNotified,
       "Record that the Secretary of State was notified",
       "Record that the Secretary of State (Department for Education) was notified of the death of a looked-after "
       "child.",
       manager,
       {date_fact("notified_on", "Date the Secretary of State was notified")}},
  };
}

std::vector<DeadlineRule> deadline_rules() {
  const AnchorOption became_aware{"became_aware", event::kOpened, "", "the date the local authority became aware"};
  const AnchorOption looked_after_death{"became_aware", event::kLookedAfterDeath, "",
                                        "the date the local authority became aware of the looked-after child's death"};
  DeadlineRule notify;
  notify.id = rule::kNotifyPanel;
  notify.case_kind = kKind;
  notify.title = "Notify the National Panel";
  notify.measures =
      "Serious incident notification to the Child Safeguarding Practice Review Panel, counted from the day the "
      "local authority became aware of the incident.";
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
      "The local authority tells the safeguarding partners (local authority, police, integrated care board) of the "
      "incident, counted from the day it became aware.";
  partners.closing_event = event::kPartnersInformed;
  partners.source = "Local safeguarding children partnership procedures, restating Working Together 2023";
  partners.tag = SourceTag::LocalProcedure;
  partners.amount_changeable = true;

  DeadlineRule ofsted = notify;
  ofsted.id = rule::kNotifyOfsted;
  ofsted.title = "Notify Ofsted of a looked-after child's death";
  ofsted.measures = "The death of a looked-after child is notified to Ofsted as well as to the National Panel.";
  ofsted.anchors = {looked_after_death};
  ofsted.closing_event = event::kOfstedNotified;
  ofsted.source =
      "Care Planning, Placement and Case Review (England) Regulations 2010 (notification of a looked-after "
      "child's death); the 5 working days is common local practice";
  ofsted.tag = SourceTag::KnownPractice;
  ofsted.amount_changeable = true;

  DeadlineRule secretary = ofsted;
  secretary.id = rule::kNotifySecretaryOfState;
  secretary.title = "Notify the Secretary of State of a looked-after child's death";
  secretary.measures =
      "The death of a looked-after child is notified to the Secretary of State (Department for Education).";
  secretary.closing_event = event::kSecretaryOfStateNotified;

  return {notify, partners, ofsted, secretary};
}

}  // namespace casereview::workflows::sin
