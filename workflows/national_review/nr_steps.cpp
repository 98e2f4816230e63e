#include "nr_steps.h"

#include "../src/safeguarding_partners.h"
#include "nr_names.h"

namespace casereview::workflows::nr {
namespace {

constexpr std::size_t kMinimumReasonLength = 20;

const Event& required(const Step& step, const char* type) {
  const Event* e = step.last(type);
  if (!e) throw std::logic_error(std::string("national review without its ") + type + " event");
  return *e;
}

// The request recorded under `ref`, or nullptr.
const Event* request(const Step& step, const std::string& ref) {
  for (const Event& e : step.context.history) {
    if (e.type == event::kPanelRequest && payload_of(e)["request_ref"].as_string() == ref) return &e;
  }
  return nullptr;
}

bool answered(const Step& step, const std::string& ref) {
  for (const Event& e : step.context.history) {
    if (e.type == event::kInformationProvided && payload_of(e)["request_ref"].as_string() == ref) return true;
  }
  return false;
}

NewEvent from_facts(const Step& step, const char* type, const char* date_field) {
  return NewEvent{type, step.date(date_field), step.command.facts};
}

}  // namespace

std::optional<Refusal> new_panel_request(const Step& step) {
  const std::string ref = step.text("request_ref");
  if (request(step, ref)) {
    return refuse("There is already a request " + ref + " from the Panel; give this one another reference.",
                  "request_ref");
  }
  if (auto early = not_before(step, "received_on", required(step, event::kOpened).effective_date,
                              "the date the Panel said it will carry out the review")) {
    return early;
  }
  const std::optional<Date> due = step.optional_date("due_on");
  if (due && *due < step.date("received_on")) {
    return refuse("The date the Panel asked for it by (" + due->iso() +
                      ") is before the date the request was received (" + step.date("received_on").iso() + ").",
                  "due_on");
  }
  return std::nullopt;
}

std::optional<Refusal> panel_request_open(const Step& step) {
  const std::string ref = step.text("request_ref");
  const Event* asked = request(step, ref);
  if (!asked) return refuse("There is no request " + ref + " from the Panel.", "request_ref");
  if (answered(step, ref)) return refuse("Request " + ref + " was already answered.", "request_ref");
  return not_before(step, "provided_on", asked->effective_date, "the date the request was received");
}

std::optional<Refusal> report_dated(const Step& step) {
  return not_before(step, "published_on", required(step, event::kOpened).effective_date,
                    "the date the Panel said it will carry out the review");
}

std::optional<Refusal> response_reasoned(const Step& step) {
  if (const Event* earlier = step.last(event::kPartnershipResponse)) {
    return refuse("The partnership's response was already recorded on " + earlier->effective_date.iso() +
                      "; record further work as actions.",
                  "responded_on");
  }
  if (auto early = not_before(step, "responded_on", required(step, event::kReportPublished).effective_date,
                              "the date the report was published")) {
    return early;
  }
  if (step.visible_length("response") < kMinimumReasonLength) {
    return refuse("Say in at least a sentence (" + std::to_string(kMinimumReasonLength) +
                      " characters or more) how the safeguarding partners will act on the recommendations.",
                  "response");
  }
  return partners::all_agreed(step);
}

std::optional<Refusal> response_recorded(const Step& step) {
  const Event* response = step.last(event::kPartnershipResponse);
  if (!response) {
    return refuse("Record the partnership's response to the recommendations before closing the national review.",
                  "closed_on");
  }
  return not_before(step, "closed_on", response->effective_date, "the date of the partnership's response");
}

void record_opened(const Step& step, Outcome& out) { out.add(from_facts(step, event::kOpened, "decided_on")); }

void record_panel_request(const Step& step, Outcome& out) {
  out.add(from_facts(step, event::kPanelRequest, "received_on"));
}

void record_information_provided(const Step& step, Outcome& out) {
  out.add(from_facts(step, event::kInformationProvided, "provided_on"));
}

void record_report_published(const Step& step, Outcome& out) {
  out.add(from_facts(step, event::kReportPublished, "published_on"));
  out.outcome = step.text("publication") == "full_report"
                    ? "The Panel's national review published"
                    : "The Panel published the improvements to be made (the report is not published)";
}

void record_partnership_response(const Step& step, Outcome& out) {
  out.add(from_facts(step, event::kPartnershipResponse, "responded_on"));
  out.outcome = "The safeguarding partners' response to the national review agreed";
}

void record_closed(const Step& step, Outcome& out) {
  out.add(from_facts(step, event::kClosed, "closed_on"));
  out.outcome = "Closed: the partnership's response to the national review is recorded";
}

}  // namespace casereview::workflows::nr
