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
#include <unordered_map>

#include "api/answer_text.h"
#include "api/exports.h"
#include "api/handlers.h"
#include "api/json_views.h"
#include "api/request_helpers.h"
#include "app.h"
#include "casereview/workflows/case_registers.h"
#include "casereview/workflows/evidence_pack.h"
#include "casereview/workflows/report_figures.h"
#include "http/content_disposition.h"

namespace casereview::web {
namespace {

// The cases table: each case's row waits for the end, when the references of
// the parents exported with it are known (a parent is named only when it is
// exported too).
class CasesTable {
 public:
  void add(const ExportedCase& c) {
    const StateSpec* state = c.spec ? c.spec->state(c.record.state) : nullptr;
    const CaseRecord& r = c.record;
    rows_.push_back(Row{r.id, r.reference, r.kind, r.state, state && state->closed, r.opened_on,
                        casereview::last_step_on(c.events, r.opened_on), r.parent_case_id, r.relation, r.outcome});
    references_.emplace(c.record.id, c.record.reference);
  }

  CsvTable table() const {
    CsvTable t({"case_id", "reference", "kind", "state", "closed", "opened_on", "last_step_on", "parent_reference",
                "relation", "outcome"});
    for (const Row& r : rows_) {
      const auto parent = references_.find(r.parent_case_id);
      t.row()
          .number(r.id)
          .text(r.reference)
          .text(r.kind)
          .text(r.state)
          .text(r.closed ? "yes" : "no")
          .text(r.opened_on.iso())
          .text(r.last_step_on.iso())
          .text(parent == references_.end() ? "" : parent->second)
          .text(r.relation)
          .text(r.outcome);
    }
    return t;
  }

 private:
  // What the row shows of a case: not its hashes, times and summary.
  struct Row {
    long long id;
    std::string reference;
    std::string kind;
    std::string state;
    bool closed;
    Date opened_on;
    Date last_step_on;
    long long parent_case_id;
    std::string relation;
    std::string outcome;
  };
  std::vector<Row> rows_;
  std::unordered_map<long long, std::string> references_;
};

std::string optional_iso(const std::optional<Date>& d) { return d ? d->iso() : ""; }

CsvTable clocks_table() {
  return CsvTable({"case_reference", "case_kind", "rule_id", "title", "anchor_date", "due_date", "met_on", "ended_on",
                   "status", "working_days_to_met", "days_on_hold", "due_at", "met_at"});
}

void add_clocks(CsvTable& t, const ExportedCase& c, const WorkingDayCalendar& calendar) {
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

CsvTable actions_table() {
  return CsvTable({"case_reference", "case_kind", "ref", "recommendation", "action", "owner_person", "owner_agency",
                   "due_on", "desired_outcome", "status", "overdue", "added_on", "completed_on", "evidence", "impact"});
}

void add_actions(CsvTable& t, const ExportedCase& c, Date today) {
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

CsvTable holds_table() {
  return CsvTable({"case_reference", "case_kind", "held_from", "resumed_on", "reason", "details", "days_held"});
}

void add_holds(CsvTable& t, const ExportedCase& c, const ReportPeriod& period, Date today) {
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

CsvTable contracts_table() {
  return CsvTable({"case_reference", "case_kind", "contract_ref", "reviewer_id", "reviewer_name", "status",
                   "fee_pounds", "drafted_on", "signed_on", "started_on", "completed_on", "terminated_on",
                   "termination_reason"});
}

void add_contracts(CsvTable& t, const ExportedCase& c) {
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

CsvTable tags_table(bool factors) {
  return CsvTable(factors ? std::vector<std::string>{"case_reference", "case_kind", "code", "domain", "label"}
                          : std::vector<std::string>{"case_reference", "case_kind", "code", "label"});
}

void add_tags(CsvTable& t, const ExportedCase& c, const Vocabularies& vocabularies, bool factors) {
  const std::string kind = factors ? "factor" : "theme";
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

}  // namespace

void for_each_with_clocks(StoreSession& session, long long partnership_id, const std::vector<CaseRecord>& cases,
                          const std::function<void(const CaseRecord&, const std::vector<Clock>&)>& visit) {
  const std::vector<Clock> none;
  workflows::in_runs_of_cases(cases, partnership_id, [&](const CaseFilter& these, std::size_t first, std::size_t end) {
    const std::map<long long, std::vector<Clock>> clocks_of = session.deadlines().for_cases(these);
    for (std::size_t i = first; i < end; ++i) {
      const auto found = clocks_of.find(cases[i].id);
      visit(cases[i], found == clocks_of.end() ? none : found->second);
    }
  });
}

void for_each_exported_case(StoreSession& session, App& app, const RequestContext& context, const ReportPeriod& period,
                            ExportReads reads, const std::function<void(const ExportedCase&)>& visit) {
  session.read_transaction([&] {
    // Most cases of a long record are outside the period: they are not read.
    const CaseFilter active = workflows::cases_active_in(app.workflows(), context.partnership_id(), period);
    const std::vector<CaseRecord> cases = session.cases().all_matching(active);
    const auto export_case = [&](const CaseRecord& record, const std::vector<Clock>* clocks) {
      ReviewRecords records = session.review_records().for_case(record.id);
      if (case_view(context.principal, record, records) == CaseView::None) return;
      const Workflow* workflow = app.workflows().find(record.kind);
      ExportedCase c{record, workflow ? &workflow->spec() : nullptr, std::move(records), {}, {}};
      if (reads.events) c.events = session.cases().events(record.id);
      if (clocks) c.clocks = app.cases().clock_views(*clocks, context);
      visit(c);
    };
    if (reads.clocks) {
      for_each_with_clocks(
          session, active.partnership_id, cases,
          [&](const CaseRecord& record, const std::vector<Clock>& clocks) { export_case(record, &clocks); });
    } else {
      for (const CaseRecord& record : cases) export_case(record, nullptr);
    }
  });
}

std::optional<CsvTable> export_table(StoreSession& session, App& app, const RequestContext& context,
                                     const ReportPeriod& period, const std::string& dataset,
                                     const std::function<void(CsvTable&)>& after_each_case) {
  static const std::vector<std::string> kDatasets = {"cases",     "clocks",  "actions", "decisions",    "holds",
                                                     "contracts", "factors", "themes",  "safeguarding", "deaths"};
  if (std::find(kDatasets.begin(), kDatasets.end(), dataset) == kDatasets.end()) return std::nullopt;
  if (dataset == "decisions")
    return decisions_table(workflows::evidence_pack(session, app.workflows(), period, context));
  if (dataset == "safeguarding") return workflows::safeguarding_register(session, app.workflows(), period, context);
  if (dataset == "deaths") return workflows::deaths_register(session, app.workflows(), period, context);
  constexpr ExportReads kRecordsOnly{false, false};
  constexpr ExportReads kEvents{true, false};
  constexpr ExportReads kClocks{false, true};
  // `table` with add(table, c) called for each case exported.
  const auto rows_of = [&](CsvTable table, ExportReads reads, const auto& add) {
    for_each_exported_case(session, app, context, period, reads, [&](const ExportedCase& c) {
      add(table, c);
      if (after_each_case) after_each_case(table);
    });
    return table;
  };
  if (dataset == "cases") {
    CasesTable cases;
    for_each_exported_case(session, app, context, period, kEvents, [&](const ExportedCase& c) { cases.add(c); });
    return cases.table();
  }
  if (dataset == "clocks") {
    return rows_of(clocks_table(), kClocks,
                   [&](CsvTable& t, const ExportedCase& c) { add_clocks(t, c, *context.calendar); });
  }
  if (dataset == "actions") {
    return rows_of(actions_table(), kRecordsOnly,
                   [&](CsvTable& t, const ExportedCase& c) { add_actions(t, c, context.today); });
  }
  if (dataset == "holds") {
    return rows_of(holds_table(), kEvents,
                   [&](CsvTable& t, const ExportedCase& c) { add_holds(t, c, period, context.today); });
  }
  if (dataset == "contracts") return rows_of(contracts_table(), kRecordsOnly, add_contracts);
  const SharedVocabularies vocabularies_held = session.vocabularies().load(context.partnership_id());
  const Vocabularies& vocabularies = *vocabularies_held;
  const bool factors = dataset == "factors";
  return rows_of(tags_table(factors), kRecordsOnly,
                 [&](CsvTable& t, const ExportedCase& c) { add_tags(t, c, vocabularies, factors); });
}

HttpResponse get_export(const HttpRequest& request, App& app) {
  only_query(request, {"from", "to"});
  const std::string dataset = request.params.at("dataset");
  auto session = app.store().scan_session();
  const RequestContext context = app.context(*session, request.who());
  const ReportPeriod period = query_period(request, context.today);
  const std::string filename = dataset + "-" + period.from.iso() + "-to-" + period.to.iso() + ".csv";
  // Each case's rows go into the answer as they are written, and its pieces
  // are sent as each fills (answer_text.h): ten years' clocks are 19 MB.
  AnswerText text(request.answer_stream, kCsvContentType, {{"Content-Disposition", attachment_disposition(filename)}});
  auto table = export_table(*session, app, context, period, dataset,
                            [&](CsvTable& written) { text.append(written.take_written()); });
  if (!table) {
    throw ApiError{
        Problem::NotFound,
        "There is no export \"" + dataset +
            "\": cases, clocks, actions, decisions, holds, contracts, factors, themes, safeguarding, deaths.",
        Json::object()};
  }
  text.append(std::move(*table).str());
  return std::move(text).response();
}

}  // namespace casereview::web
