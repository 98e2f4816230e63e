// The decisions and holds of the scrutineer's evidence pack (evidence_pack.h),
// read from each case's event log.
#include "casereview/workflows/evidence_pack.h"

#include "../child_death_review/cdr_names.h"
#include "../lcspr/lcspr_names.h"
#include "../rapid_review/rr_names.h"
#include "event_reading.h"

namespace casereview::workflows {
namespace {

// How one kind of decision event is read.
struct DecisionKind {
  const char* event_type;
  const char* stage;
  const char* meeting_event;  // whose agencies_attended is the attendance; nullptr for none
};

constexpr DecisionKind kDecisionKinds[] = {
    {rr::event::kDecisionRecorded, "rapid_review_decision", rr::event::kMeetingRecorded},
    {rr::event::kDecisionAfterPanel, "decision_after_panel", nullptr},
    {rr::event::kPanelResponse, "panel_response", nullptr},
    {cdr::event::kPanelReview, "cdop_panel_review", cdr::event::kReviewMeeting},
};

std::string decision_of(const char* stage, const Json& p) {
  const std::string s = stage;
  if (s == "panel_response") {
    return "agrees with the decision: " + payload_text(p, rr::fact::kAgreesWithDecision) +
           "; recommends a local review: " + payload_text(p, rr::fact::kRecommendsLocalReview) +
           "; national review: " + payload_text(p, rr::fact::kNationalReview);
  }
  if (s == "cdop_panel_review") return payload_text(p, "category") + "; " + payload_text(p, "judgement");
  return payload_text(p, rr::fact::kDecision);
}

std::string rationale_of(const char* stage, const Json& p) {
  const std::string s = stage;
  if (s == "cdop_panel_review") return payload_text(p, "learning");
  if (s == "panel_response") return payload_text(p, "comments");
  return payload_text(p, "rationale");
}

void add_decisions(EvidencePack& pack, const CaseRecord& record, const std::vector<Event>& events) {
  std::vector<std::string> last_attendance;
  std::string last_meeting_type;
  for (const Event& e : events) {
    if (e.type == rr::event::kMeetingRecorded || e.type == cdr::event::kReviewMeeting) {
      last_attendance = payload_texts(Json::parse(e.payload), "agencies_attended");
      last_meeting_type = e.type;
      continue;
    }
    for (const DecisionKind& kind : kDecisionKinds) {
      if (e.type != kind.event_type || !pack.period.contains(e.effective_date)) continue;
      const Json p = Json::parse(e.payload);
      DecisionRecord d{{record.id, record.reference},
                       record.kind,
                       kind.stage,
                       e.effective_date,
                       decision_of(kind.stage, p),
                       rationale_of(kind.stage, p),
                       {},
                       payload_texts(p, "partners_agreeing")};
      if (kind.meeting_event && last_meeting_type == kind.meeting_event) d.attendance = last_attendance;
      pack.decisions.push_back(std::move(d));
    }
  }
}

// The hold and resume events of each kind of case that can be held.
struct HoldKind {
  const char* case_kind;
  const char* held;
  const char* resumed;
  const char* reason_member;
  const char* details_member;
};

constexpr HoldKind kHoldKinds[] = {
    {lcspr::kKind, lcspr::event::kOnHold, lcspr::event::kResumed, "reason", "details"},
    {cdr::kKind, cdr::event::kOnHold, cdr::event::kResumed, "held_for", "reason"},
};

}  // namespace

std::vector<std::string> hold_event_types() {
  std::vector<std::string> types;
  for (const HoldKind& kind : kHoldKinds) {
    types.emplace_back(kind.held);
    types.emplace_back(kind.resumed);
  }
  return types;
}

std::vector<HoldRecord> holds_of(const CaseRecord& record, const std::vector<Event>& events, const ReportPeriod& period,
                                 Date today) {
  std::vector<HoldRecord> out;
  for (const HoldKind& kind : kHoldKinds) {
    if (record.kind != kind.case_kind) continue;
    std::vector<HoldRecord> holds;
    for (const Event& e : events) {
      if (e.type == kind.held) {
        const Json p = Json::parse(e.payload);
        holds.push_back({{record.id, record.reference},
                         record.kind,
                         e.effective_date,
                         std::nullopt,
                         payload_text(p, kind.reason_member),
                         payload_text(p, kind.details_member),
                         0});
      }
      if (e.type == kind.resumed && !holds.empty() && !holds.back().to) holds.back().to = e.effective_date;
    }
    for (HoldRecord& h : holds) {
      if (h.from > period.to || (h.to && *h.to < period.from)) continue;
      h.days_held = (h.to ? *h.to : today).serial() - h.from.serial();
      out.push_back(std::move(h));
    }
  }
  return out;
}

const ReviewRecords& ActiveCases::records_for(long long case_id) const {
  static const ReviewRecords kNone;
  const auto found = records_of.find(case_id);
  return found == records_of.end() ? kNone : found->second;
}

ActiveCases read_active_cases(StoreSession& session, const WorkflowRegistry& workflows, long long partnership_id,
                              const ReportPeriod& period) {
  ActiveCases active;
  active.filter = cases_active_in(workflows, partnership_id, period);
  active.cases = session.cases().all_matching(active.filter);
  // Read whole: the evidence report shows each action (its learning list).
  active.records_of = actions_and_contracts(session, partnership_id, ActionTexts::Read).records_of;
  return active;
}

EvidencePack evidence_pack(StoreSession& session, const WorkflowRegistry& workflows, const ReportPeriod& period,
                           const RequestContext& context) {
  EvidencePack pack;
  session.read_transaction([&] {
    pack = evidence_pack(session, read_active_cases(session, workflows, context.partnership_id(), period), period,
                         context);
  });
  return pack;
}

EvidencePack evidence_pack(StoreSession& session, const ActiveCases& active, const ReportPeriod& period,
                           const RequestContext& context) {
  EvidencePack pack;
  pack.period = period;
  pack.today = context.today;
  // Only the decisions and the meetings before them, of the cases active in
  // the period (a decision in it is a step in it), a query for each run of
  // cases, rather than each case's whole log.
  std::vector<std::string> types = {rr::event::kMeetingRecorded, cdr::event::kReviewMeeting};
  for (const DecisionKind& kind : kDecisionKinds) types.emplace_back(kind.event_type);
  in_runs_of_cases(active.cases, active.filter.partnership_id,
                   [&](const CaseFilter& these, std::size_t first, std::size_t end) {
                     const std::map<long long, std::vector<Event>> events_of =
                         events_by_case(session.cases().events_of_types(these, types));
                     for (std::size_t i = first; i < end; ++i) {
                       const CaseRecord& record = active.cases[i];
                       const auto events = events_of.find(record.id);
                       if (events == events_of.end()) continue;
                       if (case_view(context.principal, record, active.records_for(record.id)) == CaseView::None) {
                         continue;
                       }
                       add_decisions(pack, record, events->second);
                     }
                   });
  return pack;
}

}  // namespace casereview::workflows
