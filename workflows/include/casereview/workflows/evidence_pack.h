#pragma once
// What an independent scrutineer asks a partnership to show for a period,
// beyond the figures: every decision with its rationale and who was there, and
// (holds_of, which the holds export lists) every hold with its reason and
// length. (Timelines against the statutory dates, and learning, actions,
// evidence and impact, are the clocks and actions exports; web/ puts all of
// them in one ZIP.)
//
// Contract:
//  - Read in ONE read transaction, from the event logs of the reader's
//    partnership's cases the reader may see; the subject table is never read.
//  - A decision counts when its date is in the period; a hold when it overlaps
//    the period (days held: to the resumption, or to today).
//  - Decisions: a rapid review's decision and its decision after the Panel's
//    response (the partners agreeing, the agencies at the meeting before it),
//    the Panel's response, and the CDOP panel's review of a death (category
//    and judgement, the agencies at the child death review meeting).
//  - Holds: local reviews' and child death reviews'.
// Throws StorageError / JsonParseError from storage as the repositories do.

#include <optional>
#include <string>
#include <vector>

#include "casereview/engine/case_service.h"
#include "casereview/engine/report_period.h"
#include "casereview/workflows/report_figures.h"

namespace casereview::workflows {

struct DecisionRecord {
  CaseRef review;
  std::string case_kind;
  std::string stage;  // rapid_review_decision, decision_after_panel, panel_response, cdop_panel_review
  Date decided_on;
  std::string decision;
  std::string rationale;
  std::vector<std::string> attendance;  // agencies at the meeting the decision followed
  std::vector<std::string> agreeing;    // the safeguarding partners agreeing
};

struct HoldRecord {
  CaseRef review;
  std::string case_kind;
  Date from;
  std::optional<Date> to;  // empty while still on hold
  std::string reason;
  std::string details;
  long days_held = 0;
};

// The types of event holds_of reads (each holdable kind's hold and resumption),
// for reading them across cases in one query.
std::vector<std::string> hold_event_types();

// The holds of a case that can be held (a local review, a child death review)
// overlapping `period`, each from its start to the resumption after it (or
// still on hold), its length counted to the resumption or to `today`.
std::vector<HoldRecord> holds_of(const CaseRecord& record, const std::vector<Event>& events, const ReportPeriod& period,
                                 Date today);

struct EvidencePack {
  ReportPeriod period;
  Date today;
  std::vector<DecisionRecord> decisions;  // case id, then date order
};

// The partnership's cases active in a period, with the actions and contracts
// of every case of the partnership: read once by a report that lists more
// than the decisions (web/'s evidence report) and given to evidence_pack.
struct ActiveCases {
  CaseFilter filter;                              // the cases active in the period (cases_active_in)
  std::vector<CaseRecord> cases;                  // oldest id first
  std::map<long long, ReviewRecords> records_of;  // actions_and_contracts, the actions with their texts

  // The case's actions and contracts; none when it has neither.
  const ReviewRecords& records_for(long long case_id) const;
};

// Reads them; call it inside a read transaction.
ActiveCases read_active_cases(StoreSession& session, const WorkflowRegistry& workflows, long long partnership_id,
                              const ReportPeriod& period);

// `workflows` says which states are closed: only the cases active in the
// period are read.
EvidencePack evidence_pack(StoreSession& session, const WorkflowRegistry& workflows, const ReportPeriod& period,
                           const RequestContext& context);
// The same from cases already read, inside the read transaction that read them.
EvidencePack evidence_pack(StoreSession& session, const ActiveCases& active, const ReportPeriod& period,
                           const RequestContext& context);

}  // namespace casereview::workflows
