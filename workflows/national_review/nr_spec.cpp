#include "nr_spec.h"

#include "../src/review_steps.h"
#include "../src/safeguarding_partners.h"
#include "nr_names.h"

namespace casereview::workflows::nr {

std::vector<StateSpec> states() {
  return {
      {state::kContributing, "Contributing to the Panel's review",
       "The Child Safeguarding Practice Review Panel is carrying out a national review that takes in this case, "
       "under its own reference. The partnership contributes what the Panel asks for (information, records, "
       "practitioners' and the family's involvement), each request answered by the date the Panel set.",
       false},
      {state::kActingOnReport, "Acting on the Panel's report",
       "The Panel has published the national review's report, or the information about the improvements to be "
       "made. The safeguarding partners agree how they will act on its recommendations and follow the actions "
       "they agree until done.",
       false},
      {state::kClosed, "Closed",
       "The safeguarding partners' response to the national review is recorded and their work on it is closed; the "
       "record and its actions remain.",
       true},
  };
}

std::vector<CommandSpec> commands() {
  const std::string manager = "Safeguarding business manager";
  const std::string by_partners = "Safeguarding partners (recorded by the manager or a panel member)";
  CommandSpec add_action = review::add_action_command();
  add_action.who_may_issue = by_partners;
  CommandSpec update_action = review::update_action_command();
  update_action.who_may_issue = by_partners;
  std::vector<FieldSpec> response = {
      date_fact("responded_on", "Date the response was agreed"),
      text_fact("response", "How the safeguarding partners will act on the recommendations", 4000),
  };
  for (FieldSpec& f : partners::agreement_fields()) response.push_back(std::move(f));
  FieldSpec publication =
      choice_fact("publication", "What the Panel published", {"full_report", "improvements_information"});
  publication.choice_labels = {"The full report",
                               "The information about the improvements to be made (the report is not published)"};
  return {
      {command::kOpen,
       "Open the national review",
       "Opened by the rapid review when the Panel says it will carry out a national review; never on its own.",
       "The system",
       {
           date_fact("decided_on", "Date the Panel said it will carry out a national review"),
           text_fact("panel_reference", "The Panel's reference for its national review", 100),
           text_fact("partnership_part", "The partnership's part in the national review", 2000),
           text_fact("summary", "Summary, without names or other identifying details", 1000),
       }},
      {command::kRecordPanelRequest,
       "Record a request from the Panel",
       "Record what the Panel asked the partnership for and the date it asked for it by.",
       manager,
       {
           text_fact("request_ref", "Request reference", 40),
           date_fact("received_on", "Date the request was received"),
           text_fact("request", "What the Panel asked for", 4000),
           planned_date_fact("due_on", "The date the Panel asked for it by", false),
       }},
      {command::kRecordInformationProvided,
       "Record what was provided to the Panel",
       "Record the date the partnership answered a request from the Panel.",
       manager,
       {
           text_fact("request_ref", "Request reference", 40),
           date_fact("provided_on", "Date provided"),
           text_fact("note", "What was provided, in brief", 2000, false),
       }},
      {command::kRecordReportPublished,
       "Record the Panel's report",
       "Record the publication of the national review's report, or of the information about the improvements to be "
       "made where the Panel does not publish the report, with its recommendations.",
       manager,
       {
           date_fact("published_on", "Date published"),
           publication,
           text_fact("title", "Title", 300),
           text_fact("recommendations", "Its recommendations for the safeguarding partners, in brief", 4000),
       }},
      issued_by({command::kRecordPartnershipResponse, "Record the partnership's response",
                 "Record how the safeguarding partners will act on the national review's recommendations; the "
                 "actions they agree are added one by one.",
                 by_partners, response},
                panel_roles()),
      {command::kCloseNationalReview,
       "Close the national review",
       "Close the partnership's work on the national review once its response is recorded; its actions are still "
       "followed.",
       manager,
       {date_fact("closed_on", "Date closed"), text_fact("note", "Note", 2000, false)}},
      add_action,
      update_action,
  };
}

std::vector<DeadlineRule> deadline_rules() {
  DeadlineRule answer;
  answer.id = rule::kAnswerPanelRequest;
  answer.case_kind = kKind;
  answer.title = "Answer the Panel's request";
  answer.measures =
      "The partnership provides what the Panel asked for by the date each request set: the clock follows the "
      "unanswered request due first, and once all are answered shows the one answered latest against its date; a "
      "request without a date runs no clock.";
  answer.who_acts = "Safeguarding partners";
  answer.anchors = {
      {"panel_due_date", event::kPanelRequest, "due_on", "the date set by the Panel's unanswered request due first"}};
  answer.closing_event = event::kInformationProvided;
  answer.ending_events = {event::kReportPublished};
  answer.amount = 0;
  answer.unit = DeadlineUnit::CalendarDays;
  answer.source =
      "The date is the Panel's own, in its request. The duty to comply comes from the Children Act 2004 as amended "
      "by the Children and Social Work Act 2017: the Panel may ask a person or body for information for its "
      "functions, and they must comply (the power is confirmed; its section number is not checked here)";
  answer.tag = SourceTag::Statutory;
  answer.request_key = "request_ref";

  DeadlineRule response;
  response.id = rule::kPartnershipResponse;
  response.case_kind = kKind;
  response.title = "Agree the response to the national review";
  response.measures =
      "A reminder to agree how the safeguarding partners will act on the recommendations of the published "
      "national review.";
  response.who_acts = "Safeguarding partners";
  response.anchors = {{"report_published", event::kReportPublished, "", "the date the Panel published the report"}};
  response.closing_event = event::kPartnershipResponse;
  response.amount = 3;
  response.unit = DeadlineUnit::CalendarMonths;
  response.source =
      "No national time limit: Working Together to Safeguard Children 2023 asks the lead safeguarding partners to "
      "implement local and national learning, without a time. 3 calendar months is a partnership setting (a "
      "quarter's cycle of partnership meetings), to be set to the partnership's own";
  response.tag = SourceTag::KnownPractice;
  response.amount_changeable = true;
  response.kind = RuleKind::Reminder;

  return {answer, response};
}

std::map<std::string, std::string> event_sentences() {
  return {
      {event::kOpened, "The Panel decided on {decided_on} to hold a national review[ ({panel_reference})]."},
      {event::kPanelRequest, "The Panel asked on {received_on} for {request}[, due {due_on}] ({request_ref})."},
      {event::kInformationProvided, "The answer to the Panel's request {request_ref} was provided on {provided_on}."},
      {event::kReportPublished, "The Panel published its report on {published_on}[: {title}]."},
      {event::kPartnershipResponse, "The partnership responded to the report on {responded_on}."},
      {event::kClosed, "The national review closed on {closed_on}[: {note}]"},
  };
}

}  // namespace casereview::workflows::nr
