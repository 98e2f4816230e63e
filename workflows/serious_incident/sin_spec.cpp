#include "sin_spec.h"

#include "sin_names.h"

namespace casereview::workflows::sin {

std::vector<StateSpec> states() {
  return {
      {state::kNotificationDue, "Notification due",
       "The local authority has become aware of an incident to notify through the national notification system. "
       "For a serious incident (abuse or neglect known or suspected, a child under 18) the notification to the "
       "National Panel is due within 5 working days of becoming aware, and the safeguarding partners are told "
       "within the same time. For the death of a looked-after child or of a care leaver up to the age of 24, the "
       "Secretary of State and Ofsted are notified, whether or not abuse or neglect is suspected.",
       false},
      {state::kNotified, "Notified: rapid review opened",
       "The serious incident has been notified to the Child Safeguarding Practice Review Panel, and its rapid "
       "review has been opened as a linked case, which now carries the work and its 15-working-day clock.",
       false},
      {state::kNotifiedNoRapidReview, "Notified: no rapid review",
       "The death of a looked-after child or of a care leaver has been notified to the Secretary of State and "
       "Ofsted. It is not a serious incident (abuse or neglect is neither known nor suspected, or the care "
       "leaver was 18 or over), so the National Panel does not consider it and there is no rapid review.",
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
      {command::kOpen, "Log a serious incident",
       "Record that the local authority has become aware of a serious incident, with the criteria that make it "
       "notifiable. Starts the notification clocks.",
       manager,
       sections({
           {"The incident",
            {
                date_fact("became_aware_on", "Date the local authority became aware"),
                [] {
                  FieldSpec harm =
                      choice_fact("harm", "What happened to the child", {"death", "serious_harm", "other"});
                  harm.choice_labels = {
                      "The child died", "The child was seriously harmed",
                      "Other: neither a death nor serious harm (counted apart in the national statistics)"};
                  return harm;
                }(),
                choice_fact("abuse_or_neglect", "Abuse or neglect", {"known", "suspected", "not_suspected"}),
                choice_fact("location", "Where it happened", {"in_area", "resident_harmed_outside_england"}),
                local_authority_fact("local_authority", "Notifying local authority"),
                text_fact("summary", "Summary, without names or other identifying details", 1000),
            }},
           {"The child's status",
            {
                flag_fact("looked_after_child", "The child was looked after"),
                flag_fact("care_leaver", "A care leaver (aged 16 to 24)"),
                integer_fact("age", "Age in years at the time", 0, 120, false),
            }},
           {"About the child",
            {
                identifying(text_fact("given_name", "Child's given name", 100, false)),
                identifying(text_fact("family_name", "Child's family name", 100, false)),
                identifying(planned_date_fact("date_of_birth", "Date of birth", false)),
                identifying(text_fact("nhs_number", "NHS number", 12, false)),
                identifying(text_fact("home_address", "Home address", 500, false)),
                identifying(
                    text_fact("family_members", "Parents, carers and siblings (names and relationship)", 1000, false)),
            }},
       })},
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
       "Record the notification",
       "Record that the notification was submitted through the national notification system. It reaches the "
       "National Panel for a serious incident, which opens the rapid review, and the Secretary of State and Ofsted "
       "for the death of a looked-after child or a care leaver (recorded as notified that day, unless already).",
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
       "Record that Ofsted was notified of the death of a looked-after child or a care leaver, when it was told "
       "before or apart from the notification itself.",
       manager,
       {date_fact("notified_on", "Date Ofsted was notified")}},
      {command::kRecordSecretaryOfStateNotified,
       "Record that the Secretary of State was notified",
       "Record that the Secretary of State (Department for Education) was notified of the death of a looked-after "
       "child or a care leaver, when it was told before or apart from the notification itself.",
       manager,
       {date_fact("notified_on", "Date the Secretary of State was notified")}},
  };
}

std::vector<DeadlineRule> deadline_rules() {
  AnchorOption became_aware{"became_aware", event::kOpened, "", "the date the local authority became aware"};
  became_aware.unless_false = kSeriousIncidentMember;  // not for a death that is not a serious incident
  const AnchorOption looked_after_death{"became_aware", event::kLookedAfterDeath, "",
                                        "the date the local authority became aware of the looked-after child's death"};
  const AnchorOption care_leaver_death{"became_aware", event::kCareLeaverDeath, "",
                                       "the date the local authority became aware of the care leaver's death"};
  DeadlineRule notify;
  notify.id = rule::kNotifyPanel;
  notify.case_kind = kKind;
  notify.title = "Notify the National Panel";
  notify.measures =
      "Serious incident notification to the Child Safeguarding Practice Review Panel, counted from the day the "
      "local authority became aware of the incident. Only for a serious incident: abuse or neglect known or "
      "suspected, a child under 18.";
  notify.who_acts = "Local authority";
  notify.anchors = {became_aware};
  notify.closing_event = event::kNotificationSubmitted;
  notify.ending_events = {event::kCriteriaNotMet};
  notify.amount = 5;
  notify.unit = DeadlineUnit::WorkingDays;
  notify.source =
      "Children Act 2004, section 16C(1) (the duty to notify); Working Together to Safeguard Children 2023, "
      "chapter 5 (within 5 working days of becoming aware)";
  notify.tag = SourceTag::Statutory;

  DeadlineRule partners = notify;
  partners.id = rule::kInformPartners;
  partners.title = "Tell the safeguarding partners";
  partners.measures =
      "The local authority tells the other safeguarding partners (the integrated care board and the police) of "
      "a serious incident, counted from the day it became aware.";
  partners.closing_event = event::kPartnersInformed;
  partners.source =
      "Local safeguarding children partnership procedures, restating Working Together 2023, chapter 5 (the local "
      "authority notifies on behalf of the safeguarding partners); the time is local practice";
  partners.tag = SourceTag::LocalProcedure;
  partners.amount_changeable = true;

  DeadlineRule ofsted;
  ofsted.id = rule::kNotifyOfsted;
  ofsted.case_kind = kKind;
  ofsted.title = "Notify Ofsted of a looked-after child's death";
  ofsted.measures =
      "The death of a looked-after child is notified to Ofsted, whether or not abuse or neglect is known or "
      "suspected; the national notification system passes the notification on.";
  ofsted.who_acts = "Local authority";
  ofsted.anchors = {looked_after_death};
  ofsted.closing_event = event::kOfstedNotified;
  ofsted.amount = 5;
  ofsted.unit = DeadlineUnit::WorkingDays;
  ofsted.source =
      "Working Together to Safeguard Children 2023, chapter 5, and the Care Planning, Placement and Case Review "
      "(England) Regulations 2010 (notifying a looked-after child's death); 5 working days as local procedures "
      "restate it, a partnership setting";
  ofsted.tag = SourceTag::LocalProcedure;
  ofsted.amount_changeable = true;

  DeadlineRule secretary = ofsted;
  secretary.id = rule::kNotifySecretaryOfState;
  secretary.title = "Notify the Secretary of State of a looked-after child's death";
  secretary.measures =
      "The death of a looked-after child is notified to the Secretary of State (Department for Education), "
      "whether or not abuse or neglect is known or suspected.";
  secretary.closing_event = event::kSecretaryOfStateNotified;

  DeadlineRule leaver_ofsted = ofsted;
  leaver_ofsted.id = rule::kCareLeaverNotifyOfsted;
  leaver_ofsted.title = "Notify Ofsted of a care leaver's death";
  leaver_ofsted.measures =
      "The death of a care leaver up to and including the age of 24 is notified to Ofsted, whether or not abuse "
      "or neglect is known or suspected.";
  leaver_ofsted.anchors = {care_leaver_death};
  leaver_ofsted.source =
      "Working Together to Safeguard Children 2023 (as updated in December 2023), chapter 5: the local authority "
      "notifies the Secretary of State and Ofsted of the death of a care leaver up to and including the age of "
      "24, in the same way as a serious incident; 5 working days as local procedures restate it, a partnership "
      "setting";

  DeadlineRule leaver_secretary = leaver_ofsted;
  leaver_secretary.id = rule::kCareLeaverNotifySecretaryOfState;
  leaver_secretary.title = "Notify the Secretary of State of a care leaver's death";
  leaver_secretary.measures =
      "The death of a care leaver up to and including the age of 24 is notified to the Secretary of State "
      "(Department for Education), whether or not abuse or neglect is known or suspected.";
  leaver_secretary.closing_event = event::kSecretaryOfStateNotified;

  return {notify, partners, ofsted, secretary, leaver_ofsted, leaver_secretary};
}

std::map<std::string, std::string> event_sentences() {
  return {
      {event::kOpened,
       "The local authority learned on {became_aware_on} of a serious incident: {harm}[; abuse or neglect "
       "{abuse_or_neglect}][; "
       "{location}][, {local_authority}]."},
      {event::kLookedAfterDeath, "Recorded as the death of a looked-after child."},
      {event::kCareLeaverDeath, "Recorded as the death of a care leaver."},
      {event::kPartnersInformed, "{partners} were informed on {informed_on}."},
      {event::kNotificationSubmitted,
       "The Child Safeguarding Practice Review Panel was notified on {submitted_on}[ (reference {panel_reference})]."},
      {event::kCriteriaNotMet, "Decided on {decided_on} that the criteria for notification were not met[: {reason}]"},
      {event::kOfstedNotified, "Ofsted was notified on {notified_on}[ through the {through}]."},
      {event::kSecretaryOfStateNotified,
       "The Secretary of State was notified on {notified_on}[ through the {through}]."},
  };
}

}  // namespace casereview::workflows::sin
