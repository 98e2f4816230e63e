// Registers (case_registers.h): each case read once, in one read transaction,
// and written as the spreadsheet row that describes it.
#include "casereview/workflows/case_registers.h"

#include <algorithm>

#include "../child_death_review/cdr_names.h"
#include "../rapid_review/rr_names.h"
#include "../serious_incident/sin_names.h"
#include "casereview/workflows/case_import.h"
#include "casereview/workflows/report_figures.h"
#include "event_reading.h"

namespace casereview::workflows {
namespace {

std::vector<std::string> column_names(ImportSheet sheet) {
  std::vector<std::string> names;
  for (const ImportColumn& c : import_sheet_columns(sheet)) names.push_back(c.name);
  return names;
}

// One row being filled by column name, written in the register's column order.
class RegisterRow {
 public:
  explicit RegisterRow(std::vector<std::string> columns) : columns_(std::move(columns)), cells_(columns_.size()) {}
  void set(const std::string& column, const std::string& value) {
    const auto it = std::find(columns_.begin(), columns_.end(), column);
    if (it == columns_.end()) throw std::logic_error("no register column " + column);
    cells_[static_cast<std::size_t>(it - columns_.begin())] = value;
  }
  // Payload members copied under the column of the same name.
  void copy(const Json& payload, std::initializer_list<const char*> members) {
    for (const char* m : members) set(m, text_of(payload[m]));
  }
  void write_to(CsvTable& table) const {
    table.row();
    for (const std::string& cell : cells_) table.text(cell);
  }

  // A payload value as a spreadsheet cell: lists joined by "; ", flags yes/no.
  static std::string text_of(const Json& value) {
    if (value.is_string()) return value.as_string();
    if (value.is_bool()) return value.as_bool() ? "yes" : "no";
    if (value.is_integer()) return std::to_string(value.as_integer());
    if (!value.is_array()) return "";
    std::string joined;
    for (const Json& item : value.items()) {
      if (item.is_string()) joined += (joined.empty() ? "" : "; ") + item.as_string();
    }
    return joined;
  }

 private:
  std::vector<std::string> columns_;
  std::vector<std::string> cells_;
};

// A case with what the register reads of it.
struct ReadCase {
  CaseRecord record;
  std::vector<Event> events;
};

bool closed(const WorkflowRegistry& workflows, const CaseRecord& record) {
  const Workflow* workflow = workflows.find(record.kind);
  const StateSpec* state = workflow ? workflow->spec().state(record.state) : nullptr;
  return state && state->closed;
}

Date last_step(const ReadCase& c) { return last_step_on(c.events, c.record.opened_on); }

std::optional<ReadCase> child_of_kind(StoreSession& session, long long parent_id, const char* kind) {
  for (const CaseRecord& child : session.cases().children(parent_id)) {
    if (child.kind == kind) return ReadCase{child, session.cases().events(child.id)};
  }
  return std::nullopt;
}

void add_rapid_review(RegisterRow& row, StoreSession& session, const ReadCase& rr) {
  row.set("rapid_review_reference", rr.record.reference);
  if (auto lcspr = child_of_kind(session, rr.record.id, rr::kLcsprKind)) {
    row.set("local_review_reference", lcspr->record.reference);
  }
  if (const Event* e = last_of(rr.events, rr::event::kMeetingRecorded)) {
    row.set("rapid_review_meeting_on", e->effective_date.iso());
    row.copy(Json::parse(e->payload), {"agencies_attended"});
  }
  if (const Event* e = last_of(rr.events, rr::event::kDecisionRecorded)) {
    row.set("decided_on", e->effective_date.iso());
    row.copy(Json::parse(e->payload), {"decision", "rationale", "learning_taken_forward", "local_review_criteria",
                                       "parallel_processes", "learning_themes"});
  }
  if (const Event* e = last_of(rr.events, rr::event::kSubmitted))
    row.set("submitted_to_panel_on", e->effective_date.iso());
  if (const Event* e = last_of(rr.events, rr::event::kPanelResponse)) {
    const Json p = Json::parse(e->payload);
    row.set("panel_responded_on", e->effective_date.iso());
    row.set("panel_agrees", RegisterRow::text_of(p[rr::fact::kAgreesWithDecision]));
    row.set("panel_recommends_local_review", RegisterRow::text_of(p[rr::fact::kRecommendsLocalReview]));
    row.set("panel_national_review", RegisterRow::text_of(p[rr::fact::kNationalReview]));
    row.set("national_review_reference", RegisterRow::text_of(p["panel_reference"]));
    row.set("partnership_part_in_national_review", RegisterRow::text_of(p["partnership_part"]));
  }
  if (const Event* e = last_of(rr.events, rr::event::kDecisionAfterPanel)) {
    const Json p = Json::parse(e->payload);
    row.set("decided_after_panel_on", e->effective_date.iso());
    row.set("decision_after_panel", RegisterRow::text_of(p[rr::fact::kDecision]));
    row.set("rationale_after_panel", RegisterRow::text_of(p["rationale"]));
    row.set("learning_taken_forward_after_panel", RegisterRow::text_of(p["learning_taken_forward"]));
    row.set("local_review_criteria_after_panel", RegisterRow::text_of(p["local_review_criteria"]));
  }
}

void add_notification(RegisterRow& row, const ReadCase& sin) {
  row.set("reference", sin.record.reference);
  if (const Event* e = last_of(sin.events, sin::event::kOpened)) {
    row.set("became_aware_on", e->effective_date.iso());
    row.copy(Json::parse(e->payload), {"harm", "abuse_or_neglect", "location", "looked_after_child", "care_leaver",
                                       "age", "local_authority", "summary"});
  }
  if (const Event* e = last_of(sin.events, sin::event::kPartnersInformed)) {
    row.set("partners_informed_on", e->effective_date.iso());
  }
  if (const Event* e = last_of(sin.events, sin::event::kNotificationSubmitted)) {
    row.set("notification_submitted_on", e->effective_date.iso());
    row.set("notification_system_reference", payload_text(*e, "panel_reference"));
  }
  if (const Event* e = last_of(sin.events, sin::event::kCriteriaNotMet)) {
    row.set("criteria_not_met_on", e->effective_date.iso());
    row.set("criteria_not_met_reason", payload_text(*e, "reason"));
  }
}

// The cases of `kind` the caller may see, with their events.
template <typename Each>
void each_readable(StoreSession& session, const RequestContext& context, const char* kind, Each each) {
  session.read_transaction([&] {
    for (const CaseRecord& record : partnership_cases(session, context.partnership_id(), kind)) {
      const ReviewRecords records = session.review_records().for_case(record.id);
      if (case_view(context.principal, record, records) == CaseView::None) continue;
      each(ReadCase{record, session.cases().events(record.id)});
    }
  });
}

}  // namespace

CsvTable safeguarding_register(StoreSession& session, const WorkflowRegistry& workflows, const ReportPeriod& period,
                               const RequestContext& context) {
  const std::vector<std::string> columns = column_names(ImportSheet::Safeguarding);
  CsvTable table(columns);
  each_readable(session, context, sin::kKind, [&](const ReadCase& sin) {
    const auto rr = child_of_kind(session, sin.record.id, rr::kKind);
    const ReadCase& latest = rr ? *rr : sin;
    if (!active_in(period, sin.record.opened_on, closed(workflows, latest.record), last_step(latest))) return;
    RegisterRow row(columns);
    add_notification(row, sin);
    if (rr) add_rapid_review(row, session, *rr);
    row.write_to(table);
  });
  return table;
}

CsvTable deaths_register(StoreSession& session, const WorkflowRegistry& workflows, const ReportPeriod& period,
                         const RequestContext& context) {
  const std::vector<std::string> columns = {"reference",
                                            "date_of_death",
                                            "age_group",
                                            "place_of_death",
                                            "expected",
                                            "notified_on",
                                            "reviewed_on",
                                            "category",
                                            "score_child",
                                            "score_social_environment",
                                            "score_physical_environment",
                                            "score_service_provision",
                                            "legacy_scores",
                                            "judgement",
                                            "modifiable_factors",
                                            "learning",
                                            "learning_themes",
                                            "days_from_death_to_review",
                                            "ncmd_submitted_on"};
  CsvTable table(columns);
  each_readable(session, context, cdr::kKind, [&](const ReadCase& death) {
    if (!active_in(period, death.record.opened_on, closed(workflows, death.record), last_step(death))) return;
    RegisterRow row(columns);
    row.set("reference", death.record.reference);
    const Event* notified = last_of(death.events, cdr::event::kDeathNotified);
    const Json n = notified ? Json::parse(notified->payload) : Json::object();
    row.copy(n, {"date_of_death", "age_group", "place_of_death", "expected"});
    if (notified) row.set("notified_on", notified->effective_date.iso());
    if (const Event* review = last_of(death.events, cdr::event::kPanelReview)) {
      row.set("reviewed_on", review->effective_date.iso());
      const Json panel = Json::parse(review->payload);
      row.copy(panel, {"category", "judgement", "modifiable_factors", "learning", "learning_themes"});
      // Scores on today's 0-2 scale; an imported review's originals beside them.
      std::string legacy;
      for (const char* domain : {"child", "social_environment", "physical_environment", "service_provision"}) {
        row.set(std::string("score_") + domain, RegisterRow::text_of(panel["scores"][domain]));
        const std::string original = RegisterRow::text_of(panel["legacy_scores"][domain]);
        if (!original.empty()) legacy += (legacy.empty() ? "" : "; ") + std::string(domain) + " " + original;
      }
      row.set("legacy_scores", legacy);
      if (const auto died = Date::parse(payload_text(n, "date_of_death"))) {
        row.set("days_from_death_to_review", std::to_string(review->effective_date.serial() - died->serial()));
      }
    }
    if (const Event* e = last_of(death.events, cdr::event::kNcmdSubmitted)) {
      row.set("ncmd_submitted_on", e->effective_date.iso());
    }
    row.write_to(table);
  });
  return table;
}

}  // namespace casereview::workflows
