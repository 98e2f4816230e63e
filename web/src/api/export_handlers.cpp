// Exports for spreadsheets and other systems: the partnership's cases, clocks,
// actions, modifiable factors and learning themes as CSV (RFC 4180, UTF-8, one
// header row, formula-safe: csv.h). Pseudonymised by construction: case ids and
// references, dates, codes and what people typed about the work, never the
// subject table.
//
// The period (from, to; by default the financial year containing today) picks
// the cases active in it: opened on or before its last day, and either still
// open or with a step recorded on or after its first day. Every row of every
// export belongs to one such case, so the exports of one period agree.
#include "api/exports.h"
#include "api/handlers.h"
#include "api/json_views.h"
#include "api/request_helpers.h"
#include "app.h"
#include "casereview/workflows/case_registers.h"
#include "casereview/workflows/evidence_pack.h"
#include "casereview/workflows/report_figures.h"

namespace casereview::web {
namespace {

std::string parent_reference(const std::vector<ExportedCase>& all, long long parent_id) {
  for (const ExportedCase& c : all) {
    if (c.record.id == parent_id) return c.record.reference;
  }
  return "";
}

CsvTable cases_table(const std::vector<ExportedCase>& all) {
  CsvTable t({"case_id", "reference", "kind", "state", "closed", "opened_on", "last_step_on", "parent_reference",
              "relation", "outcome"});
  for (const ExportedCase& c : all) {
    const StateSpec* state = c.spec ? c.spec->state(c.record.state) : nullptr;
    t.row()
        .number(c.record.id)
        .text(c.record.reference)
        .text(c.record.kind)
        .text(c.record.state)
        .text(state && state->closed ? "yes" : "no")
        .text(c.record.opened_on.iso())
        .text(c.last_step_on.iso())
        .text(parent_reference(all, c.record.parent_case_id))
        .text(c.record.relation)
        .text(c.record.outcome);
  }
  return t;
}

std::string optional_iso(const std::optional<Date>& d) { return d ? d->iso() : ""; }

CsvTable clocks_table(const std::vector<ExportedCase>& all, const WorkingDayCalendar& calendar) {
  CsvTable t({"case_reference", "case_kind", "rule_id", "title", "anchor_date", "due_date", "met_on", "ended_on",
              "status", "working_days_to_met", "days_on_hold", "due_at", "met_at"});
  for (const ExportedCase& c : all) {
    for (const ClockView& v : c.clocks) {
      const Clock& k = v.clock;
      t.row()
          .text(c.record.reference)
          .text(c.record.kind)
          .text(k.rule_id)
          .text(v.rule ? v.rule->title : k.rule_id)
          .text(k.anchor.date.iso())
          .text(k.due ? k.due->date.iso() : "")
          .text(optional_iso(k.met_on))
          .text(optional_iso(k.ended_on));
      t.text(status_name(v.status));
      if (k.met_on) {
        t.number(static_cast<long long>(calendar.working_days_between(k.anchor.date, *k.met_on)));
      } else {
        t.empty();
      }
      if (v.elapsed) {
        t.number(static_cast<long long>(v.elapsed->days_on_hold));
      } else {
        t.empty();
      }
      // The hours of an hour-based clock, which decide whether it was late.
      t.text(k.due && k.due->at ? k.due->at->iso() : "");
      t.text(k.met_at ? k.met_at->iso() : "");
    }
  }
  return t;
}

CsvTable actions_table(const std::vector<ExportedCase>& all, Date today) {
  CsvTable t({"case_reference", "case_kind", "ref", "recommendation", "action", "owner_person", "owner_agency",
              "due_on", "desired_outcome", "status", "overdue", "added_on", "completed_on", "evidence", "impact"});
  for (const ExportedCase& c : all) {
    for (const ActionItem& a : c.records.actions) {
      t.row()
          .text(c.record.reference)
          .text(c.record.kind)
          .text(a.ref)
          .text(a.recommendation)
          .text(a.action)
          .text(a.owner_person)
          .text(a.owner_agency)
          .text(a.due_on.iso())
          .text(a.desired_outcome)
          .text(a.status)
          .text(a.is_overdue(today) ? "yes" : "no")
          .text(a.added_on.iso())
          .text(optional_iso(a.completed_on))
          .text(a.evidence)
          .text(a.impact);
    }
  }
  return t;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : "; ") + item;
  return out;
}

CsvTable decisions_table(const workflows::EvidencePack& pack) {
  CsvTable t({"case_reference", "case_kind", "stage", "decided_on", "decision", "rationale", "attendance",
              "partners_agreeing"});
  for (const workflows::DecisionRecord& d : pack.decisions) {
    t.row()
        .text(d.review.reference)
        .text(d.case_kind)
        .text(d.stage)
        .text(d.decided_on.iso())
        .text(d.decision)
        .text(d.rationale)
        .text(joined(d.attendance))
        .text(joined(d.agreeing));
  }
  return t;
}

CsvTable holds_table(const std::vector<ExportedCase>& all, const ReportPeriod& period, Date today) {
  CsvTable t({"case_reference", "case_kind", "held_from", "resumed_on", "reason", "details", "days_held"});
  for (const ExportedCase& c : all) {
    for (const workflows::HoldRecord& h : workflows::holds_of(c.record, c.events, period, today)) {
      t.row()
          .text(c.record.reference)
          .text(c.record.kind)
          .text(h.from.iso())
          .text(optional_iso(h.to))
          .text(h.reason)
          .text(h.details)
          .number(static_cast<long long>(h.days_held));
    }
  }
  return t;
}

CsvTable contracts_table(const std::vector<ExportedCase>& all) {
  CsvTable t({"case_reference", "case_kind", "contract_ref", "reviewer_id", "reviewer_name", "status", "fee_pounds",
              "drafted_on", "signed_on", "started_on", "completed_on", "terminated_on", "termination_reason"});
  for (const ExportedCase& c : all) {
    for (const Contract& k : c.records.contracts) {
      t.row()
          .text(c.record.reference)
          .text(c.record.kind)
          .text(k.ref)
          .number(k.reviewer_id)
          .text(k.reviewer_name)
          .text(k.status)
          .number(k.fee_pounds)
          .text(k.drafted_on.iso())
          .text(optional_iso(k.signed_on))
          .text(optional_iso(k.started_on))
          .text(optional_iso(k.completed_on))
          .text(optional_iso(k.terminated_on))
          .text(k.termination_reason);
    }
  }
  return t;
}

CsvTable tags_table(const std::vector<ExportedCase>& all, const Vocabularies& vocabularies, const std::string& kind) {
  const bool factors = kind == "factor";
  CsvTable t(factors ? std::vector<std::string>{"case_reference", "case_kind", "code", "domain", "label"}
                     : std::vector<std::string>{"case_reference", "case_kind", "code", "label"});
  for (const ExportedCase& c : all) {
    for (const CaseTag& tag : c.records.tags) {
      if (tag.kind != kind) continue;
      t.row().text(c.record.reference).text(c.record.kind).text(tag.code);
      if (factors) {
        const FactorCode* f = vocabularies.factor(tag.code);
        t.text(f ? f->domain : "").text(f ? f->label : tag.code);
      } else {
        const ThemeCode* theme = vocabularies.theme(tag.code);
        t.text(theme ? theme->label : tag.code);
      }
    }
  }
  return t;
}

}  // namespace

std::vector<ExportedCase> exported_cases(StoreSession& session, App& app, const RequestContext& context,
                                         const ReportPeriod& period) {
  std::vector<ExportedCase> out;
  session.read_transaction([&] {
    // Most cases of a long record are outside the period: they are not read.
    const CaseFilter active = workflows::cases_active_in(app.workflows(), context.partnership_id(), period);
    std::map<long long, std::vector<Clock>> clocks_of = session.deadlines().for_cases(active);
    for (const CaseRecord& record : session.cases().all_matching(active)) {
      ReviewRecords records = session.review_records().for_case(record.id);
      if (case_view(context.principal, record, records) == CaseView::None) continue;
      const Workflow* workflow = app.workflows().find(record.kind);
      std::vector<Event> events = session.cases().events(record.id);
      const Date last_step_on = casereview::last_step_on(events, record.opened_on);
      ExportedCase c{
          record, workflow ? &workflow->spec() : nullptr, last_step_on, std::move(events), std::move(records), {}};
      c.clocks = app.cases().clock_views(clocks_of[record.id], context);
      out.push_back(std::move(c));
    }
  });
  return out;
}

std::optional<CsvTable> export_table(StoreSession& session, App& app, const RequestContext& context,
                                     const ReportPeriod& period, const std::string& dataset) {
  static const std::vector<std::string> kDatasets = {"cases",     "clocks",  "actions", "decisions",    "holds",
                                                     "contracts", "factors", "themes",  "safeguarding", "deaths"};
  if (std::find(kDatasets.begin(), kDatasets.end(), dataset) == kDatasets.end()) return std::nullopt;
  if (dataset == "decisions")
    return decisions_table(workflows::evidence_pack(session, app.workflows(), period, context));
  if (dataset == "safeguarding") return workflows::safeguarding_register(session, app.workflows(), period, context);
  if (dataset == "deaths") return workflows::deaths_register(session, app.workflows(), period, context);
  const std::vector<ExportedCase> all = exported_cases(session, app, context, period);
  if (dataset == "cases") return cases_table(all);
  if (dataset == "clocks") return clocks_table(all, *context.calendar);
  if (dataset == "actions") return actions_table(all, context.today);
  if (dataset == "holds") return holds_table(all, period, context.today);
  if (dataset == "contracts") return contracts_table(all);
  const SharedVocabularies vocabularies_held = session.vocabularies().load(context.partnership_id());
  const Vocabularies& vocabularies = *vocabularies_held;
  return tags_table(all, vocabularies, dataset == "factors" ? "factor" : "theme");
}

HttpResponse get_export(const HttpRequest& request, App& app) {
  only_query(request, {"from", "to"});
  const std::string dataset = request.params.at("dataset");
  auto session = app.store().scan_session();
  const RequestContext context = app.context(*session, request.who());
  const ReportPeriod period = query_period(request, context.today);
  const auto table = export_table(*session, app, context, period, dataset);
  if (!table) {
    throw ApiError{
        Problem::NotFound,
        "There is no export \"" + dataset +
            "\": cases, clocks, actions, decisions, holds, contracts, factors, themes, safeguarding, deaths.",
        Json::object()};
  }
  return csv_response(*table, dataset + "-" + period.from.iso() + "-to-" + period.to.iso() + ".csv");
}

}  // namespace casereview::web
