// GET /api/v1/reports/timeliness: every clock of the partnership's cases active
// in a period (from, to; by default the financial year containing today; kind
// narrows it) against its statutory date.
//
// Without per_page, every case with all its clocks, as the CSV export and the
// scripts read it. With per_page, one page of clocks for the timeliness page:
// filtered (show=late,held,undecided: each named must hold), sorted (sort, with
// order asc or desc) and counted on the server, with how often each kind of
// clock was met on time among those shown, so that a national year's tens of
// thousands of clocks never travel to the browser.
#include <algorithm>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "api/answer_text.h"
#include "api/exports.h"
#include "api/handlers.h"
#include "api/json_views.h"
#include "api/request_helpers.h"
#include "app.h"
#include "casereview/workflows/report_figures.h"

namespace casereview::web {
namespace {

// A clock of the report: the case it runs on, the clock as the case page
// shows it, its status's name, and how many calendar days it was (or is) past
// its statutory date. Made into JSON only when it is on the page asked for.
struct TimelinessRow {
  const CaseRecord* record;
  ClockView view;
  std::string status;
  long days_late = 0;

  std::string title() const { return view.rule ? view.rule->title : view.clock.rule_id; }
};

const std::set<std::string> kLate = {"overdue", "met_late"};
const std::set<std::string> kUndecided = {"on_track", "due_soon", "due_today", "overdue", "paused"};

TimelinessRow row_of(const CaseRecord& record, ClockView view, Date today) {
  TimelinessRow row{&record, std::move(view), {}, 0};
  row.status = status_name(row.view.status);
  const Clock& c = row.view.clock;
  if (c.due && kLate.count(row.status)) row.days_late = (c.met_on ? *c.met_on : today).serial() - c.due->date.serial();
  return row;
}

// The filters of `show` ("late", "held", "undecided"): a clock shown meets each.
bool shown(const TimelinessRow& row, const std::vector<std::string>& show) {
  for (const std::string& wanted : show) {
    if (wanted == "late" && !kLate.count(row.status)) return false;
    if (wanted == "held" && row.view.clock.pauses.empty()) return false;
    if (wanted == "undecided" && !kUndecided.count(row.status)) return false;
  }
  return true;
}

// The sort key of `sort`; a clock without the date sorts after every date.
std::string sort_key(const TimelinessRow& row, const std::string& sort) {
  const Clock& c = row.view.clock;
  const auto date_or_last = [](const std::optional<Date>& d) { return d ? d->iso() : std::string("9999-12-31"); };
  if (sort == "case") return row.record->reference;
  if (sort == "clock") return row.title();
  if (sort == "started") return c.anchor.date.iso();
  if (sort == "due") return date_or_last(c.due ? std::optional<Date>(c.due->date) : std::nullopt);
  if (sort == "met") return date_or_last(c.met_on);
  return row.status;
}

// Each kind of clock among `rows`: met on time, met late, overdue, still
// running, and the share on time of those decided (null when none is).
Json on_time_by_rule(const std::vector<const TimelinessRow*>& rows) {
  struct Counts {
    std::string title;
    long long met = 0, late = 0, overdue = 0, running = 0;
  };
  std::vector<std::string> order;
  std::map<std::string, Counts> by_rule;
  for (const TimelinessRow* row : rows) {
    const std::string& rule = row->view.clock.rule_id;
    if (!by_rule.count(rule)) order.push_back(rule);
    Counts& c = by_rule[rule];
    c.title = row->title();
    const std::string& status = row->status;
    if (status == "met") {
      ++c.met;
    } else if (status == "met_late") {
      ++c.late;
    } else if (status == "overdue") {
      ++c.overdue;
    } else {
      ++c.running;
    }
  }
  Json out = Json::array();
  for (const std::string& rule : order) {
    const Counts& c = by_rule[rule];
    const long long decided = c.met + c.late + c.overdue;
    Json item = Json::object();
    item.set("rule_id", rule);
    item.set("title", c.title);
    item.set("met_on_time", c.met);
    item.set("met_late", c.late);
    item.set("overdue", c.overdue);
    item.set("running", c.running);
    item.set("decided", decided);
    // Rounded half up, as the page has always shown it.
    item.set("percent", decided ? Json((200 * c.met + decided) / (2 * decided)) : Json());
    out.push(std::move(item));
  }
  return out;
}

Json paged(const std::vector<TimelinessRow>& rows, std::size_t active_cases, const HttpRequest& request, int per_page,
           Date today) {
  const int asked_page = query_int(request, "page", 1, 1000000).value_or(1);
  const auto sort = query_choice(request, "sort", {"case", "clock", "started", "due", "met", "days_late", "status"});
  const bool descending = query_choice(request, "order", {"asc", "desc"}).value_or("asc") == "desc";
  std::vector<std::string> show;
  if (const auto text = query_text(request, "show")) {
    for (const std::string& wanted : split_commas(*text)) {
      if (wanted != "late" && wanted != "held" && wanted != "undecided") {
        throw invalid(Problem::InvalidQuery, "show", "show lists late, held and undecided, separated by commas.");
      }
      show.push_back(wanted);
    }
  }
  std::vector<const TimelinessRow*> matching;
  long long late = 0, held_now = 0;
  for (const TimelinessRow& row : rows) {
    late += kLate.count(row.status) ? 1 : 0;
    held_now += row.view.clock.is_paused() ? 1 : 0;
    if (shown(row, show)) matching.push_back(&row);
  }
  // Counted before sorting, so that the rules keep the report's order.
  Json on_time = on_time_by_rule(matching);
  if (sort && *sort == "days_late") {
    std::stable_sort(matching.begin(), matching.end(), [&](const TimelinessRow* a, const TimelinessRow* b) {
      return descending ? a->days_late > b->days_late : a->days_late < b->days_late;
    });
  } else if (sort) {
    // Each key made once, not at every comparison.
    std::vector<std::pair<std::string, const TimelinessRow*>> keyed;
    keyed.reserve(matching.size());
    for (const TimelinessRow* row : matching) keyed.emplace_back(sort_key(*row, *sort), row);
    std::stable_sort(keyed.begin(), keyed.end(),
                     [&](const auto& a, const auto& b) { return descending ? a.first > b.first : a.first < b.first; });
    for (std::size_t i = 0; i < keyed.size(); ++i) matching[i] = keyed[i].second;
  }
  Json in_period = Json::object();
  in_period.set("clocks", static_cast<long long>(rows.size()));
  in_period.set("cases", static_cast<long long>(active_cases));
  in_period.set("late", late);
  in_period.set("held_now", held_now);
  // A page past the last shows the last.
  const int pages = std::max<int>(1, static_cast<int>((matching.size() + per_page - 1) / per_page));
  const int page = std::min(asked_page, pages);
  Json clocks = Json::array();
  const std::size_t first = static_cast<std::size_t>(page - 1) * static_cast<std::size_t>(per_page);
  for (std::size_t i = first; i < matching.size() && i < first + static_cast<std::size_t>(per_page); ++i) {
    const TimelinessRow& row = *matching[i];
    Json item = clock_json(row.view);
    Json on_case = Json::object();
    on_case.set("id", row.record->id);
    on_case.set("reference", row.record->reference);
    on_case.set("kind", row.record->kind);
    item.set("case", std::move(on_case));
    item.set("days_late", static_cast<long long>(row.days_late));
    clocks.push(std::move(item));
  }
  Json body = Json::object();
  body.set("today", today.iso());
  body.set("in_period", std::move(in_period));
  body.set("on_time", std::move(on_time));
  body.set("matching", static_cast<long long>(matching.size()));
  body.set("page", page);
  body.set("per_page", per_page);
  body.set("clocks", std::move(clocks));
  return body;
}

}  // namespace

HttpResponse report_timeliness(const HttpRequest& request, App& app) {
  only_query(request, {"kind", "from", "to", "per_page", "page", "sort", "order", "show"});
  auto session = app.store().scan_session();
  const RequestContext context = app.context(*session, request.who());
  const ReportPeriod period = query_period(request, context.today);
  const std::optional<int> per_page = query_int(request, "per_page", 1, 200);
  if (!per_page) {
    for (const char* paging : {"page", "sort", "order", "show"}) {
      if (query_text(request, paging)) {
        throw invalid(Problem::InvalidQuery, paging, std::string(paging) + " goes with per_page.");
      }
    }
  }
  CaseFilter filter = workflows::cases_active_in(app.workflows(), context.partnership_id(), period);
  filter.kind = query_text(request, "kind");  // an empty or unknown kind has no case
  filter.limit = std::numeric_limits<int>::max();
  std::vector<CaseRecord> cases;
  std::vector<TimelinessRow> rows;
  // Every case's answer written as its text as it is made, and let go: ten
  // years' cases made as Json values first took the server to 633 MB.
  // Made room for only when it is written (not for a page of clocks).
  std::optional<AnswerText> whole;
  if (!per_page) whole.emplace(request.answer_stream);
  if (whole)
    whole->out() += R"({"today":)" + Json(context.today.iso()).dump() + R"(,"period":)" + period_json(period).dump() +
                    R"(,"cases":[)";
  std::size_t written = 0;
  session->read_transaction([&] {
    // The cases (newest opened first), then their clocks.
    cases = session->cases().list(filter);
    for_each_with_clocks(*session, filter.partnership_id, cases,
                         [&](const CaseRecord& r, const std::vector<Clock>& held) {
                           std::vector<ClockView> views = app.cases().clock_views(held, context);
                           if (per_page) {
                             for (ClockView& v : views) {
                               if (v.status == ClockStatus::NotRequired) continue;
                               rows.push_back(row_of(r, std::move(v), context.today));
                             }
                             return;
                           }
                           Json clocks = Json::array();
                           for (const ClockView& v : views) clocks.push(clock_json(v));
                           const Workflow* workflow = app.workflows().find(r.kind);
                           Json item = case_summary_json(r, workflow ? &workflow->spec() : nullptr);
                           item.set("clocks", std::move(clocks));
                           whole->element(item, written++);
                         });
  });
  if (per_page) {
    Json body = paged(rows, cases.size(), request, *per_page, context.today);
    body.set("period", period_json(period));
    return HttpResponse::json(200, body);
  }
  whole->out() += "]}";
  return std::move(*whole).response();
}

}  // namespace casereview::web
