#include <algorithm>
#include <exception>
#include <map>
#include <optional>
#include <set>

#include "api/case_periods.h"
#include "api/case_search.h"
#include "api/handlers.h"
#include "api/json_views.h"
#include "api/kept_page_for_request.h"
#include "api/request_helpers.h"
#include "app.h"
#include "casereview/engine/event_sentence.h"
#include "http/problem.h"
#include "log.h"

namespace casereview::web {
namespace {

// The case `request` names, when the caller may see it; 404 (the same as for a
// case that does not exist) when not.
CaseRecord find_case(const HttpRequest& request, StoreSession& session) {
  const auto record = session.cases().find(case_id_param(request));
  if (!record) throw problem_for(outcome::NotFound{});
  if (stored_case_view(session, request.who(), *record) == CaseView::None) throw problem_for(outcome::NotFound{});
  return *record;
}

Json summary_of(App& app, const CaseRecord& record) {
  const Workflow* w = app.workflows().find(record.kind);
  return case_summary_json(record, w ? &w->spec() : nullptr);
}

// The case as its reader sees it (CaseDetail, built by the engine in one
// transaction); a read of the child's identity is logged before it is sent,
// and it is not sent when that cannot be logged (`identity_logged` is then
// false). Everything else is read first, so that a read logged is a read sent.
Json detail_json(const CaseDetail& detail, StoreSession& session, const HttpRequest& request,
                 const RequestContext& context, bool* identity_logged = nullptr) {
  Json view;
  const bool logged = !detail.subject || identity_reads_logged(session, request, {detail.record.id}, "case_identity");
  if (identity_logged) *identity_logged = logged;
  if (logged) {
    view = case_detail_json(detail, context.today);
  } else {
    CaseDetail without_identity = detail;
    without_identity.subject.reset();
    view = case_detail_json(without_identity, context.today);
    view.set("identity_withheld", kIdentityWithheld);
  }
  if (detail.view != CaseView::None) view.set("owner", detail.owner ? owner_json(*detail.owner) : Json());
  return view;
}

// The case's page as sent: `view` (detail_json, and whatever is added to it)
// with the steps the reader may take added to its text, made once for every
// command (CommandViews).
HttpResponse case_page(int status, const Json& view, const CaseDetail& detail, const CommandViews& commands) {
  HttpResponse response = HttpResponse::json(status, view);
  if (detail.view != CaseView::None) commands.add_allowed(response.body, detail.allowed_commands);
  return response;
}

Json with_new_events(Json view, const outcome::Changed& changed, App& app) {
  Json events = Json::array();
  for (const Event& e : changed.new_events) events.push(event_json(e));
  view.set("new_events", std::move(events));
  Json opened = Json::array();
  for (const CaseRecord& r : changed.opened) opened.push(summary_of(app, r));
  view.set("opened_cases", std::move(opened));
  return view;
}

// The answer to a command that is stored: the case as the actor now sees it
// with what the step recorded, or, when that page cannot be read back (a lost
// connection, a failing disk), what was stored and page_unavailable. Nothing
// after the commit may answer as though the command had failed.
HttpResponse stored_command_answer(int status, const outcome::Changed& changed, StoreSession& session,
                                   const HttpRequest& request, const RequestContext& context, App& app) {
  std::string failure = changed.detail_not_read;
  if (failure.empty()) {
    try {
      return case_page(status, with_new_events(detail_json(changed.detail, session, request, context), changed, app),
                       changed.detail, app.command_views());
    } catch (const std::exception& e) {
      failure = e.what();
    }
  }
  log_line(LogLevel::Warning, "PAGE_NOT_READ_BACK",
           request.method + " " + path_for_log(request.path) + ": " + changed.record.reference + " version " +
               std::to_string(changed.record.version) + " is stored; " + failure);
  Json view = summary_of(app, changed.record);
  view.set("page_unavailable", kPageUnavailable);
  return HttpResponse::json(status, with_new_events(std::move(view), changed, app));
}

// Keeps in `turns_after` the earliest instant after which the status of a
// clock read at `now` turns before the day does (status_turns_after).
void keep_earliest_turn(std::optional<Instant>& turns_after, const Clock& clock, Instant now) {
  if (const auto turns = status_turns_after(clock, now)) {
    if (!turns_after || *turns < *turns_after) turns_after = turns;
  }
}

// Ids of the cases whose open clocks match the due-window filters; nullopt when
// neither filter is asked for.
// `turns_after` is set to the earliest instant after which a clock's status
// read here turns before the day does (status_turns_after).
std::optional<std::set<long long>> cases_by_clocks(const HttpRequest& request, App& app, StoreSession& session,
                                                   const RequestContext& context, std::optional<Instant>& turns_after) {
  const auto within = query_int(request, "due_within_working_days", 0, 260);
  const bool overdue = query_flag(request, "overdue").value_or(false);
  if (!within && !overdue) return std::nullopt;
  std::set<long long> ids;
  for (const CaseClock& cc : session.deadlines().open_clocks(context.partnership_id())) {
    const ClockView view = app.cases().clock_view(cc.clock, context);
    keep_earliest_turn(turns_after, cc.clock, context.now);
    if (overdue && view.status != ClockStatus::Overdue) continue;
    if (within && (!view.working_days_left || *view.working_days_left > *within)) continue;
    ids.insert(cc.case_id);
  }
  return ids;
}

// What the timeline's sentences need (event_sentence.h): when each of the
// cases' agency requests is due, and the partnership's codes and reviewers.
// Each is read the first time an event names one: a case's requests when one
// of its events says when information was asked for (a tenth of a timeline's
// time), the codes and reviewers when one names them (most timelines name
// neither, and reading them on every timeline was a fifth of its time).
class Sentences {
 public:
  // `session` is read from until this is destroyed.
  Sentences(StoreSession& session, long long partnership_id) : session_(session), partnership_id_(partnership_id) {}
  Sentences(const Sentences&) = delete;
  Sentences& operator=(const Sentences&) = delete;

  // The event as the timeline says it, with the record beside it.
  Json event(App& app, const CaseRecord& record, const Event& e) const {
    // The payload is parsed once, for the sentence and to be sent.
    Json payload = Json::parse(e.payload);
    const Workflow* workflow = app.workflows().find(record.kind);
    std::string sentence;
    if (workflow) {
      read_what_is_named(record.id, payload);
      sentence = event_sentence(workflow->spec(), e, payload, lookups_);
    }
    Json item = event_json(e, std::move(payload));
    if (workflow) item.set("sentence", std::move(sentence));
    return item;
  }

 private:
  // The members event_sentence looks up: codes in the vocabularies, a
  // reviewer by id in the register, and the day a request was made among the
  // case's requests. Each is a member of the payload itself. The engine has
  // the code members' names (review_records.h) but writes the others in
  // event_sentence.cpp (Writer::one, Writer::return_due): a change there is
  // one here.
  static constexpr const char* kReviewerMember = "reviewer_id";
  static constexpr const char* kRequestedOnMember = "requested_on";

  void read_what_is_named(long long case_id, const Json& payload) const {
    if (!vocabularies_ && (payload.contains(kLearningThemesMember) || payload.contains(kModifiableFactorsMember))) {
      vocabularies_ = session_.vocabularies().load(partnership_id_);
      lookups_.vocabularies = &*vocabularies_;
    }
    if (!reviewers_read_ && payload.contains(kReviewerMember)) {
      for (const Reviewer& r : session_.reviewers().list(partnership_id_)) lookups_.reviewer_names[r.id] = r.name;
      reviewers_read_ = true;
    }
    if (payload.contains(kRequestedOnMember) && requests_read_.insert(case_id).second) {
      for (const AgencyRequest& request : session_.review_records().requests_for_case(case_id)) {
        if (request.due) lookups_.returns_due[{case_id, request.requested_on.iso()}] = request.due->date;
      }
    }
  }

  StoreSession& session_;
  long long partnership_id_;
  // Read when first needed, by event(), which is const to its callers.
  mutable SharedVocabularies vocabularies_;
  mutable bool reviewers_read_ = false;
  mutable std::set<long long> requests_read_;  // the cases whose requests are in lookups_
  mutable SentenceLookups lookups_;
};

// Every event of the spine's cases in the order they happened, each said as
// the timeline says it and marked with its case.
Json spine_timeline(App& app, StoreSession& session, const CaseRecord& record, const std::vector<CaseRecord>& spine) {
  struct Entry {
    const CaseRecord* record;
    Event event;
  };
  std::vector<Entry> entries;
  for (const CaseRecord& r : spine) {
    for (Event& e : session.cases().events(r.id)) entries.push_back({&r, std::move(e)});
  }
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    if (a.event.effective_date != b.event.effective_date) return a.event.effective_date < b.event.effective_date;
    if (a.event.recorded_at != b.event.recorded_at) return a.event.recorded_at < b.event.recorded_at;
    if (a.record->id != b.record->id) return a.record->id < b.record->id;
    return a.event.seq < b.event.seq;
  });
  const Sentences sentences(session, record.partnership_id);
  Json timeline = Json::array();
  for (const Entry& entry : entries) {
    Json item = sentences.event(app, *entry.record, entry.event);
    item.set("case_id", entry.record->id);
    item.set("case_reference", entry.record->reference);
    item.set("case_kind", entry.record->kind);
    timeline.push(std::move(item));
  }
  return timeline;
}

std::set<long long> intersect(std::optional<std::set<long long>> a, const std::vector<long long>& b) {
  std::set<long long> out;
  for (long long id : b) {
    if (!a || a->count(id)) out.insert(id);
  }
  return out;
}

}  // namespace

HttpResponse list_cases(const HttpRequest& request, App& app) {
  only_query(request, {"kind", "state", "limit", "offset", "due_within_working_days", "overdue", "theme", "factor",
                       "from", "to", "q"});
  CaseFilter filter;
  filter.partnership_id = request.who().partnership_id;
  filter.kind = query_text(request, "kind");
  filter.state = query_text(request, "state");
  filter.limit = query_int(request, "limit", 1, 500).value_or(100);
  filter.offset = query_int(request, "offset", 0, 1000000).value_or(0);
  auto session = app.store().session();
  KeptPageForRequest kept(app.kept_pages(), request, "case_search");
  long long calendar_revision = 0;
  const RequestContext context = app.page_context(*session, request.who(), calendar_revision);
  const std::optional<ReportPeriod> period = query_optional_period(request, context.today);
  kept.read_against(context.today, calendar_revision);
  if (auto text = kept.answer(*session, context.now)) return json_text(200, std::move(*text));
  session = reading_across_the_partnership(std::move(session), app);
  std::optional<Instant> turns_after;
  std::optional<CaseSearchResult> found;
  Json list = Json::array();
  long long total = 0;
  std::set<long long> identities_shown;
  // One read transaction: the page and its total of one state of the store,
  // and on SQLite one start of the connection's map of the file, not one for
  // each statement after a commit (db/README.md).
  session->read_transaction([&] {
    std::optional<std::set<long long>> ids = cases_by_clocks(request, app, *session, context, turns_after);
    for (const char* tag : {"theme", "factor"}) {
      if (auto code = query_text(request, tag)) {
        ids = intersect(ids, session->review_records().cases_tagged(context.partnership_id(), tag, *code));
      }
    }
    // Cases active in the period, when one is asked for: opened by its end, and
    // open at its start or with a step in it.
    if (period) {
      const std::set<long long> active = active_case_ids(*session, app, context.partnership_id(), *period);
      ids = intersect(ids, std::vector<long long>(active.begin(), active.end()));
    }
    if (const auto q = query_text(request, "q")) {
      const auto search = CaseSearch::parse(*q);
      if (!search) throw invalid(Problem::InvalidQuery, "q", "Give at least two characters to search for.");
      found = search_cases(*search, *session, app.workflows(), context);
      ids = intersect(ids, std::vector<long long>(found->ids.begin(), found->ids.end()));
    }
    if (ids && ids->empty()) return;
    if (ids) filter.ids.assign(ids->begin(), ids->end());
    for (const CaseRecord& r : session->cases().list(filter)) {
      Json item = summary_of(app, r);
      if (found && found->by_identity.count(r.id)) {
        if (const auto subject = session->subjects().find(r.id)) {
          item.set("child", child_json(*subject));
          identities_shown.insert(r.id);
        }
      }
      if (found && found->by_pseudonym.count(r.id)) item.set("pseudonym", found->by_pseudonym.at(r.id));
      list.push(std::move(item));
    }
    total = session->cases().count(filter);
  });
  Json body = Json::object();
  // A case found by who the child is shows the child, and that is a read of
  // identity, logged for each case shown; when it cannot be logged, the child
  // is not shown.
  const bool logged = identity_reads_logged(*session, request, identities_shown, "case_search");
  if (!logged) {
    for (Json& item : list.items()) item.set("child", Json());
    body.set("identity_withheld", kIdentityWithheld);
  }
  body.set("cases", std::move(list));
  body.set("total", total);
  body.set("limit", filter.limit);
  body.set("offset", filter.offset);
  if (found) {
    Json searched = Json::array().push("reference").push("pseudonym");
    if (found->searched_identity) searched.push("identity");
    body.set("searched_by", std::move(searched));
  }
  if (period) body.set("period", period_json(*period));
  return kept.made(body, logged, std::move(identities_shown), turns_after);
}

namespace {

OpenRequest open_request_from(const HttpRequest& request) {
  const Json body = json_body(request);
  only_members(body, {"kind", "facts", "confirm"});
  OpenRequest open{required_text(body, "kind"), object_member(body, "facts"), {}};
  const Json& confirm = body["confirm"];
  if (!confirm.is_null()) {
    if (!confirm.is_array()) {
      throw ApiError{Problem::InvalidMember, "confirm must be a list of warning codes.", Json::object()};
    }
    for (const Json& code : confirm.items()) {
      if (!code.is_string()) {
        throw ApiError{Problem::InvalidMember, "confirm must be a list of warning codes.", Json::object()};
      }
      open.confirmed.push_back(code.as_string());
    }
  }
  return open;
}

}  // namespace

HttpResponse open_case(const HttpRequest& request, App& app) {
  const OpenRequest open = open_request_from(request);
  auto session = app.store().session();
  const RequestContext context = app.context(*session, request.who());
  const CommandOutcome result = app.cases().open(*session, open, context);
  const auto* changed = std::get_if<outcome::Changed>(&result);
  if (!changed) throw problem_for(result);
  HttpResponse response = stored_command_answer(201, *changed, *session, request, context, app);
  response.headers.emplace_back("Location", "/api/v1/cases/" + std::to_string(changed->record.id));
  return response;
}

HttpResponse check_opening(const HttpRequest& request, App& app) {
  const OpenRequest open = open_request_from(request);
  auto session = app.store().session();
  const RequestContext context = app.context(*session, request.who());
  const auto result = app.cases().check_opening(*session, open, context);
  if (const auto* invalid = std::get_if<outcome::Invalid>(&result)) throw problem_for(*invalid);
  const auto& check = std::get<CaseService::OpeningCheck>(result);
  Json warnings = Json::array(), errors = Json::array(), clocks = Json::array();
  for (const Warning& w : check.warnings) warnings.push(warning_json(w));
  for (const FieldError& e : check.errors) {
    Json item = Json::object();
    item.set("field", e.field);
    item.set("message", e.message);
    errors.push(std::move(item));
  }
  for (const ClockView& v : app.cases().clock_views(check.clocks, context)) clocks.push(clock_json(v));
  Json body = Json::object();
  body.set("warnings", std::move(warnings));
  body.set("errors", std::move(errors));
  body.set("refusal", check.refusal.empty() ? Json() : Json(check.refusal));
  body.set("deadlines", std::move(clocks));
  body.set("would_open", check.errors.empty() && check.refusal.empty());
  return HttpResponse::json(200, body);
}

// A case opened again by the same reader (a refresh, a return from its
// timeline) is answered from the page kept for them (kept_pages.h), its
// child's identity read logged again; this server's every change gives it up.
HttpResponse get_case(const HttpRequest& request, App& app) {
  only_query(request, {});
  auto session = app.store().session();
  KeptPageForRequest kept(app.kept_pages(), request, "case_identity");
  long long calendar_revision = 0;
  const RequestContext context = app.page_context(*session, request.who(), calendar_revision);
  kept.read_against(context.today, calendar_revision);
  if (auto text = kept.answer(*session, context.now)) return json_text(200, std::move(*text));
  const auto detail = app.cases().detail(*session, case_id_param(request), context);
  if (!detail) throw problem_for(outcome::NotFound{});
  bool logged = true;
  HttpResponse page =
      case_page(200, detail_json(*detail, *session, request, context, &logged), *detail, app.command_views());
  std::set<long long> identities_shown;
  if (detail->subject) identities_shown.insert(detail->record.id);
  std::optional<Instant> turns_after;
  for (const ClockView& v : detail->clocks) keep_earliest_turn(turns_after, v.clock, context.now);
  return kept.made(std::move(page.body), logged, std::move(identities_shown), turns_after);
}

HttpResponse apply_command(const HttpRequest& request, App& app) {
  const Json body = json_body(request);
  only_members(body, {"command", "expected_version", "facts"});
  Command command{required_text(body, "command"), object_member(body, "facts")};
  const long long expected_version = required_integer(body, "expected_version");
  auto session = app.store().session();
  const RequestContext context = app.context(*session, request.who());
  const CommandOutcome result = app.cases().apply(*session, case_id_param(request), command, expected_version, context);
  const auto* changed = std::get_if<outcome::Changed>(&result);
  if (!changed) throw problem_for(result);
  return stored_command_answer(200, *changed, *session, request, context, app);
}

namespace {

// The key of what is kept of these cases' events (kept_answers.h): each case
// at its version, and the hash of its last event, so that a case made anew
// under an id that was freed is not taken for the one before.
std::string events_key(const char* what, const std::vector<const CaseRecord*>& records) {
  std::string key = what;
  for (const CaseRecord* r : records) {
    key += ' ' + std::to_string(r->id) + '/' + std::to_string(r->version) + '/' + r->head_hash;
  }
  return key;
}

// One request's use of what is kept (kept_answers.h): the generation and the
// time taken before its read transaction begins, as KeptReads::hold needs.
class KeptForRequest {
 public:
  explicit KeptForRequest(App& app)
      : kept_(app.kept_answers()), generation_(kept_.generation()), read_at_(KeptAnswers::Clock::now()) {}

  // The text kept under `key`, or the one `make(keep)` makes now, kept unless
  // `make` set `keep` to false.
  template <class Make>
  std::shared_ptr<const std::string> text(const std::string& key, Make&& make) {
    if (auto found = kept_.find(key, read_at_)) return *found;
    bool keep = true;
    auto made = std::make_shared<const std::string>(make(keep));
    if (keep) kept_.hold(key, made, generation_, read_at_);
    return made;
  }

 private:
  KeptAnswers& kept_;
  const long long generation_;
  const KeptAnswers::Clock::time_point read_at_;
};

}  // namespace

HttpResponse get_timeline(const HttpRequest& request, App& app) {
  only_query(request, {});
  auto session = app.store().session();
  KeptForRequest kept(app);
  std::string body;
  // One read transaction: what it reads is of one moment (the case, its
  // records and its events agree), and SQLite takes its read lock once, not
  // for each of the dozen statements. So too the spine and the clocks below.
  session->read_transaction([&] {
    const CaseRecord record = find_case(request, *session);
    const auto events = kept.text(events_key("timeline", {&record}), [&](bool&) {
      const Sentences sentences(*session, record.partnership_id);
      Json list = Json::array();
      for (const Event& e : session->cases().events(record.id)) list.push(sentences.event(app, record, e));
      return list.dump();
    });
    body = Json::object().set("case", summary_of(app, record)).dump();
    append_member_text(body, "events", *events);
  });
  return json_text(200, std::move(body));
}

HttpResponse get_spine(const HttpRequest& request, App& app) {
  only_query(request, {});
  auto session = app.store().session();
  KeptForRequest kept(app);
  std::string body;
  session->read_transaction([&] {
    const CaseRecord record = find_case(request, *session);
    const std::vector<CaseRecord> spine = visible_spine(*session, request.who(), record);
    std::vector<const CaseRecord*> shown;
    Json cases = Json::array();
    for (const CaseRecord& r : spine) {
      shown.push_back(&r);
      cases.push(summary_of(app, r));
    }
    // The merged timeline is fixed by the cases shown, each at its version.
    const auto timeline = kept.text(events_key("spine", shown),
                                    [&](bool&) { return spine_timeline(app, *session, record, spine).dump(); });
    Json head = Json::object();
    head.set("case_id", record.id);
    head.set("cases", std::move(cases));
    body = head.dump();
    append_member_text(body, "timeline", *timeline);
  });
  return json_text(200, std::move(body));
}

namespace {}  // namespace

HttpResponse get_case_deadlines(const HttpRequest& request, App& app) {
  only_query(request, {});
  auto session = app.store().session();
  KeptForRequest kept(app);
  std::string body;
  session->read_transaction([&] {
    const CaseRecord record = find_case(request, *session);
    long long calendar_revision = 0;
    const RequestContext context = app.context(*session, request.who(), calendar_revision);
    // A case's clocks change with it (a new version) and are read against
    // today and the calendar; one due at an hour and not yet past it is read
    // against the time, and such a list is not kept.
    const std::string key =
        events_key("clocks", {&record}) + ' ' + context.today.iso() + ' ' + std::to_string(calendar_revision);
    const auto clocks = kept.text(key, [&](bool& keep) {
      const std::vector<Clock> stored = session->deadlines().for_case(record.id);
      Json list = Json::array();
      for (const ClockView& v : app.cases().clock_views(stored, context)) list.push(clock_json(v));
      keep = std::none_of(stored.begin(), stored.end(),
                          [&](const Clock& clock) { return status_turns_after(clock, context.now).has_value(); });
      return list.dump();
    });
    Json head = Json::object();
    head.set("case_id", record.id);
    head.set("today", context.today.iso());
    body = head.dump();
    append_member_text(body, "deadlines", *clocks);
  });
  return json_text(200, std::move(body));
}

}  // namespace casereview::web
