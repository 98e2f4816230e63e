#include "lcspr_spec.h"

#include "../src/review_steps.h"
#include "lcspr_names.h"

namespace casereview::workflows::lcspr {

std::vector<StateSpec> states() {
  return {
      {state::kCommissioning, "Commissioning",
       "The safeguarding partners decided to carry out a local review (decision date D). Terms of reference are to "
       "be agreed and an independent reviewer contracted. Publication is expected within 6 calendar months of D; a "
       "later publication is first explained to the National Panel and the Secretary of State, with the reasons.",
       false},
      {state::kInReview, "In review",
       "The independent reviewer is working under a signed contract. The safeguarding partners monitor time and "
       "quality, may ask the reviewer in writing for information or a draft, and receive drafts.",
       false},
      {state::kSignedOff, "Signed off",
       "The safeguarding partners have signed off the final report and decided what will be published: the report "
       "in full, or only the information about improvements, with the reason. Publication is to be planned, and the "
       "report (or the information) sent to each recipient the partnership named when the review was opened (the "
       "National Panel, the Secretary of State and, unless the partnership chose otherwise, Ofsted) at least 7 "
       "working days before; each copy is recorded with its date.",
       false},
      {state::kReportSent, "Sent to every recipient",
       "The final report (or the information about improvements) has reached every recipient. It may be published "
       "once the notice period has passed after the last copy and, more than 6 months after D, once the delay has "
       "been explained to the National Panel and the Secretary of State.",
       false},
      {state::kPublished, "Published",
       "The report (or the information about improvements) is published and must stay published for at least a "
       "year. Its actions are followed until done.",
       false},
      {state::kClosed, "Closed", "The review is closed after its year of publication; its record and actions remain.",
       true},
      {state::kOnHold, "On hold",
       "The review is paused pending parallel processes (a criminal trial, an inquest). The family and the "
       "National Panel are told; the 6-month clock is paused and resumes with the time already used (local "
       "practice), while the plain time since D runs on: a delay beyond 6 months is explained to the National "
       "Panel and the Secretary of State.",
       false},
  };
}

std::vector<CommandSpec> commands() {
  // Working Together 2023's words: the lead safeguarding partners, or the
  // delegated safeguarding partners acting for them; the partnership's business
  // unit records what they decide.
  const std::string manager = "Safeguarding partnership business unit";
  const std::string partners =
      "Safeguarding partners (the lead or delegated safeguarding partners), recorded by the business unit";
  FieldSpec publication =
      choice_fact("publication", "What will be published", {"full_report", "improvements_information"});
  publication.choice_labels = {"The report in full", "Only the information about improvements"};
  FieldSpec sent_to =
      choice_fact("recipient", "Sent to", {recipient::kPanel, recipient::kSecretaryOfState, recipient::kOfsted});
  sent_to.choice_labels = {"The Child Safeguarding Practice Review Panel", "The Secretary of State", "Ofsted"};
  // The steps shared by every review, said in this workflow's words.
  CommandSpec add_action = review::add_action_command();
  add_action.who_may_issue = partners;
  CommandSpec update_action = review::update_action_command();
  update_action.who_may_issue = partners;
  return {
      {command::kOpen,
       "Open the local review",
       "Opened by the rapid review's decision to carry out a local review; never on its own.",
       "The system",
       {
           date_fact("decided_on", "Date of the decision (D)"),
           text_fact("rationale", "Rationale", 4000),
           text_fact("summary", "Summary, without names or other identifying details", 1000),
       }},
      {command::kRecordPanelEndorsement,
       "Record the Panel's endorsement",
       "Record that the National Panel endorsed the decision to carry out a local review.",
       manager,
       {date_fact("endorsed_on", "Date endorsed")}},
      issued_by({command::kAgreeTermsOfReference,
                 "Record the terms of reference",
                 "Record that the safeguarding partners agreed the review's terms of reference.",
                 partners,
                 {date_fact("agreed_on", "Date agreed"), text_fact("summary", "Scope in brief", 4000)}},
                panel_roles()),
      {command::kDraftContract,
       "Draft a reviewer's contract",
       "Draft the contract with an independent reviewer from the register, after checking their declarations of "
       "interest.",
       manager,
       {
           text_fact("contract_ref", "Contract reference", 40),
           reviewer_fact("reviewer_id", "Reviewer"),
           text_fact("scope", "Scope of the work", 4000),
           planned_date_fact("start_on", "Planned start"),
           planned_date_fact("end_on", "Planned end"),
           integer_fact("fee_pounds", "Fee in pounds", 0, 1000000),
           flag_fact("conflicts_checked", "The reviewer's declarations of interest were checked"),
           date_fact("drafted_on", "Date drafted"),
       }},
      {command::kSignContract,
       "Record a signed contract",
       "Record the date the contract was signed.",
       manager,
       {text_fact("contract_ref", "Contract reference", 40), date_fact("signed_on", "Date signed")}},
      {command::kStartReview,
       "Record the review started",
       "Record the date the reviewer started work under a signed contract; the terms of reference must be agreed.",
       manager,
       {text_fact("contract_ref", "Contract reference", 40), date_fact("started_on", "Date work started")}},
      {command::kTerminateContract,
       "Terminate a contract",
       "Record that a contract ended early, with the reason.",
       manager,
       {text_fact("contract_ref", "Contract reference", 40), date_fact("terminated_on", "Date ended"),
        text_fact("reason", "Reason", 2000)}},
      {command::kCompleteContract,
       "Record a contract completed",
       "Record that the reviewer's contract is complete.",
       manager,
       {text_fact("contract_ref", "Contract reference", 40), date_fact("completed_on", "Date completed")}},
      issued_by({command::kRecordMonitoring,
                 "Record monitoring of time and quality",
                 "Record the safeguarding partners' monitoring of the review's progress and quality (their duty under "
                 "regulation 14(1)).",
                 partners,
                 {date_fact("monitored_on", "Date"), choice_fact("assessment", "Assessment", {"on_track", "concerns"}),
                  text_fact("note", "Note", 4000)}},
                panel_roles()),
      issued_by({command::kSendWrittenRequest,
                 "Send a written request to the reviewer",
                 "Record a dated written request to the reviewer for information or a draft.",
                 partners,
                 {text_fact("request_ref", "Request reference", 40), date_fact("sent_on", "Date sent"),
                  text_fact("request", "What was asked", 4000)}},
                panel_roles()),
      issued_by({command::kRecordWrittenAnswer,
                 "Record the reviewer's answer",
                 "Record the reviewer's answer to a written request.",
                 manager,
                 {text_fact("request_ref", "Request reference", 40), date_fact("answered_on", "Date answered"),
                  text_fact("answer", "Answer in brief", 4000)}},
                {Role::Manager, Role::IndependentReviewer}),
      issued_by({command::kRecordDraft,
                 "Record a draft received",
                 "Record a draft of the report received from the reviewer.",
                 manager,
                 {text_fact("draft_label", "Draft (e.g. v2)", 40), date_fact("received_on", "Date received")}},
                {Role::Manager, Role::IndependentReviewer}),
      issued_by(
          {command::kRecordSignOff,
           "Record the safeguarding partners' sign-off",
           "Record that the safeguarding partners signed off the final report, what will be published (the report in "
           "full, or only the information about improvements, with the reason not to publish in full) and its "
           "learning themes.",
           partners,
           {date_fact("signed_off_on", "Date signed off"), publication,
            text_fact("not_in_full_reason", "Why the report will not be published in full", 4000, false),
            themes_fact("learning_themes", "Learning themes")}},
          panel_roles()),
      {command::kPlanPublication,
       "Plan the publication date",
       "Record (or move) the planned publication date; the report must reach each recipient at least 7 working days "
       "before.",
       manager,
       {planned_date_fact("planned_on", "Planned publication date")}},
      {command::kSendFinalReport,
       "Record the report sent to a recipient",
       "Record the date the final report (or the information about improvements) was sent to one of its recipients: "
       "the National Panel, the Secretary of State and, where the partnership sends it, Ofsted. Once every recipient "
       "has it, the review may be published after the notice period.",
       manager,
       {sent_to, date_fact("sent_on", "Date sent")}},
      {command::kExplainDelay,
       "Explain a delay in publication",
       "Record the reasons given to the National Panel and the Secretary of State for publishing later than 6 months "
       "after the decision to carry out the review (for example a criminal trial or an inquest).",
       manager,
       {date_fact("explained_on", "Date the Panel and the Secretary of State were told"),
        text_fact("reasons", "Reasons for the delay", 4000)}},
      {command::kRecordPublication,
       "Record publication",
       "Record the date the report (or the information about improvements) was published and where; more than 6 "
       "months after the decision, once the delay has been explained.",
       manager,
       {date_fact("published_on", "Date published"), text_fact("where", "Where it is published", 500)}},
      {command::kCloseReview,
       "Close the review",
       "Close the review once the report has been published for at least a year.",
       manager,
       {date_fact("closed_on", "Date closed"), text_fact("note", "Note", 2000, false)}},
      issued_by(
          {command::kPutOnHold,
           "Put the review on hold",
           "Pause the review pending parallel processes. The 6-month clock pauses (local practice); the family and the "
           "National Panel are told.",
           partners,
           {date_fact("held_from", "On hold from"),
            choice_fact("reason", "Reason", {"criminal_trial", "inquest", "other_parallel_process"}),
            text_fact("details", "Details", 2000), date_fact("family_informed_on", "Date the family was told", false),
            date_fact("panel_informed_on", "Date the National Panel was told", false)}},
          panel_roles()),
      {command::kRecordHoldNotifications,
       "Record who was told of the hold",
       "Record the date the family or the National Panel was told the review is on hold.",
       manager,
       {date_fact("family_informed_on", "Date the family was told", false),
        date_fact("panel_informed_on", "Date the National Panel was told", false)}},
      issued_by({command::kResume,
                 "Resume the review",
                 "Resume the review where it was; the 6-month clock runs again with the time already used.",
                 partners,
                 {date_fact("resumed_on", "Date resumed"), text_fact("note", "Note", 2000, false)}},
                panel_roles()),
      add_action,
      update_action,
  };
}

std::vector<DeadlineRule> deadline_rules() {
  // Working Together to Safeguard Children 2023, chapter 5, on local child
  // safeguarding practice reviews: the final report and its publication. Its
  // published text could not be read while these rules were written (see the
  // README): what it asks is tagged [L] or [K], and a partnership may set it.
  const std::string working_together =
      "Working Together to Safeguard Children 2023, chapter 5, local child safeguarding practice reviews: "
      "publication of the report";

  DeadlineRule publish;
  publish.id = rule::kPublish;
  publish.case_kind = kKind;
  publish.title = "Publish the local review";
  publish.measures =
      "The full report, or the information about improvements, is published within 6 calendar months of the "
      "decision to carry out the review, not counting time on hold.";
  publish.who_acts = "Safeguarding partners";
  publish.anchors = {{"decision", event::kOpened, "", "the date of the decision to carry out the review (D)"}};
  publish.closing_event = event::kPublished;
  publish.pausing_events = {event::kOnHold};
  publish.resuming_events = {event::kResumed};
  publish.amount = 6;
  publish.unit = DeadlineUnit::CalendarMonths;
  publish.source = working_together +
                   " (published within 6 months of the decision to carry out the review), as local procedures "
                   "restate it (Trafford Safeguarding Partnership, 30 March 2020: \"publish within 6 months of "
                   "initiation\"); pausing the clock while on hold is local practice";
  publish.tag = SourceTag::LocalProcedure;
  publish.due_soon_working_days = 20;

  DeadlineRule notice;
  notice.id = rule::kNoticeBeforePublication;
  notice.case_kind = kKind;
  notice.title = "Send the final report to each recipient";
  notice.measures =
      "The final report (or the information about improvements) reaches every recipient (the National Panel, the "
      "Secretary of State and, where the partnership sends it, Ofsted) at least this many working days before the "
      "planned publication date; the clock is met by the last copy.";
  notice.who_acts = "Safeguarding partners";
  // The same planned date; the partnership's choice of anchor names the
  // recipients (recorded with each case when it is opened).
  notice.anchors = {{notice_anchor::kWithOfsted, event::kPublicationPlanned, "planned_on",
                     "the planned publication date, with copies to the National Panel, the Secretary of State and "
                     "Ofsted"},
                    {notice_anchor::kPanelAndSecretaryOfState, event::kPublicationPlanned, "planned_on",
                     "the planned publication date, with copies to the National Panel and the Secretary of State"}};
  notice.closing_event = event::kReportSent;
  notice.amount = 7;
  notice.unit = DeadlineUnit::WorkingDaysBefore;
  notice.source = working_together +
                  " (a copy to the Panel and the Secretary of State at least 7 working days before publication; "
                  "Ofsted within the same time, as Working Together 2018, chapter 4, asked): the 7 working days and "
                  "the recipients are widely cited, not confirmed in the published text here, so both are a "
                  "partnership setting";
  notice.tag = SourceTag::KnownPractice;
  notice.amount_changeable = true;
  notice.anchor_changeable = true;

  DeadlineRule explain;
  explain.id = rule::kExplainDelay;
  explain.case_kind = kKind;
  explain.title = "Explain a delay beyond 6 months to the Panel and the Secretary of State";
  explain.measures =
      "A review not published within 6 calendar months of the decision (time on hold included) has its delay "
      "explained to the National Panel and the Secretary of State, with the reasons, before it is published.";
  explain.who_acts = "Safeguarding partners";
  explain.anchors = {{"decision", event::kOpened, "", "the date of the decision to carry out the review (D)"}};
  explain.closing_event = event::kDelayExplained;
  explain.ending_events = {event::kPublished};
  explain.amount = 6;
  explain.unit = DeadlineUnit::CalendarMonths;
  explain.source = working_together +
                   " (where publication is delayed, the safeguarding partners tell the Panel and the Secretary of "
                   "State the reasons): widely cited, not confirmed in the published text here";
  explain.tag = SourceTag::KnownPractice;
  explain.kind = RuleKind::Reminder;
  explain.due_soon_working_days = 20;

  DeadlineRule keep;
  keep.id = rule::kKeepPublished;
  keep.case_kind = kKind;
  keep.title = "Keep the report published";
  keep.measures = "The published report stays available for at least this long before the review is closed.";
  keep.who_acts = "Safeguarding partners";
  keep.anchors = {{"publication", event::kPublished, "", "the date of publication"}};
  keep.closing_event = event::kClosed;
  keep.amount = 12;
  keep.unit = DeadlineUnit::CalendarMonths;
  keep.source =
      "Local safeguarding partnership procedures, which keep a published review on the partnership's website for at "
      "least one year; not confirmed in the published text of Working Together 2023, so the period is a partnership "
      "setting";
  keep.tag = SourceTag::LocalProcedure;
  keep.amount_changeable = true;
  keep.kind = RuleKind::MinimumPeriod;

  DeadlineRule answer;
  answer.id = rule::kWrittenAnswer;
  answer.case_kind = kKind;
  answer.title = "The reviewer answers a written request";
  answer.measures = "A reminder to follow up a written request to the reviewer that has not been answered.";
  answer.who_acts = "Independent reviewer (the business unit follows up)";
  answer.reviewer_acts = true;
  answer.anchors = {{"request_sent", event::kWrittenRequest, "", "the date the latest written request was sent"}};
  answer.closing_event = event::kWrittenAnswer;
  answer.amount = 10;
  answer.unit = DeadlineUnit::WorkingDays;
  answer.pausing_events = {event::kOnHold};
  answer.resuming_events = {event::kResumed};
  answer.source =
      "The Child Safeguarding Practice Review and Relevant Agency (England) Regulations 2018, regulation 14(2) and "
      "(3) (the safeguarding partners may ask the reviewer, in writing, for information or a draft); the 10 working "
      "days are local practice for monitoring a review";
  answer.tag = SourceTag::KnownPractice;
  answer.amount_changeable = true;
  answer.kind = RuleKind::Reminder;
  answer.restarts_on_each_anchor = true;

  return {publish, notice, explain, keep, answer};
}

// The recipients a case opened on `terms` sends its final report to.
std::vector<std::string> recipients_for(const RuleTerms& notice_terms) {
  if (notice_terms.anchor_id == notice_anchor::kPanelAndSecretaryOfState) {
    return {recipient::kPanel, recipient::kSecretaryOfState};
  }
  return {recipient::kPanel, recipient::kSecretaryOfState, recipient::kOfsted};
}

std::map<std::string, std::string> event_sentences() {
  return {
      {event::kOpened, "The partners decided on {decided_on} to hold a local child safeguarding practice review."},
      {event::kPanelEndorsed, "The Panel endorsed the decision on {endorsed_on}."},
      {event::kTermsAgreed, "The terms of reference were agreed on {agreed_on}[: {summary}]"},
      {event::kReviewStarted, "The review started on {started_on} under contract {contract_ref}."},
      {event::kMonitoring, "Progress was monitored on {monitored_on}: {assessment}[. {note}]"},
      {event::kWrittenRequest, "Written request {request_ref} was sent on {sent_on}."},
      {event::kWrittenAnswer, "The answer to written request {request_ref} came on {answered_on}."},
      {event::kDraft, "Draft {draft_label} was received on {received_on}."},
      {event::kSignedOff, "The final report was signed off on {signed_off_on}[; to be published: {publication}]."},
      {event::kPublicationPlanned, "Publication is planned for {planned_on}."},
      {event::kReportSentTo, "The final report was sent to {recipient} on {sent_on}."},
      {event::kReportSent, "The final report has reached everyone it goes to."},
      {event::kDelayExplained, "The delay in publishing was explained on {explained_on}[: {reasons}]"},
      {event::kPublished, "The report was published on {published_on}[ at {where}]."},
      {event::kClosed, "The review closed on {closed_on}[: {note}]"},
      {event::kOnHold, "The review was put on hold from {held_from}: {reason}."},
      {event::kHoldNotified,
       "The hold was notified[ to the family on {family_informed_on}][, to the Panel on "
       "{panel_informed_on}]."},
      {event::kResumed, "The review resumed on {resumed_on}[: {note}]"},
  };
}

}  // namespace casereview::workflows::lcspr
