#include "api/handlers.h"
#include "api/json_views.h"
#include "api/request_helpers.h"
#include "app.h"
#include "http/problem.h"

namespace casereview::web {
namespace {

// The case as it now stands, read through `session`.
Json current_case_json(App& app, StoreSession& session, const CaseRecord& record, const RequestContext& context) {
  const Workflow* workflow = app.workflows().find(record.kind);
  if (!workflow) throw StorageError("case " + record.reference + " has unknown kind " + record.kind);
  const auto clocks = app.cases().clock_views(session.deadlines().for_case(record.id), context);
  return case_json(record, workflow->spec(), clocks);
}

// The case `request` names, or 404 (also for another partnership's case).
CaseRecord find_case(const HttpRequest& request, StoreSession& session) {
  const auto record = session.cases().find(case_id_param(request));
  if (!record || record->partnership_id != kDefaultPartnership) throw problem_for(outcome::NotFound{});
  return *record;
}

Json with_new_events(Json view, const std::vector<Event>& events) {
  Json list = Json::array();
  for (const Event& e : events) list.push(event_json(e));
  view.set("new_events", list);
  return view;
}

}  // namespace

HttpResponse list_cases(const HttpRequest& request, App& app) {
  only_query(request, {"kind", "state", "limit", "offset"});
  CaseFilter filter;
  filter.partnership_id = kDefaultPartnership;
  filter.kind = query_text(request, "kind");
  filter.state = query_text(request, "state");
  filter.limit = query_int(request, "limit", 1, 500).value_or(100);
  filter.offset = query_int(request, "offset", 0, 1000000).value_or(0);
  auto session = app.store().session();
  Json list = Json::array();
  for (const CaseRecord& r : session->cases().list(filter)) {
    const Workflow* w = app.workflows().find(r.kind);
    list.push(case_summary_json(r, w ? &w->spec() : nullptr));
  }
  Json body = Json::object();
  body.set("cases", list);
  body.set("limit", filter.limit);
  body.set("offset", filter.offset);
  return HttpResponse::json(200, body);
}

HttpResponse open_case(const HttpRequest& request, App& app) {
  const Json body = json_body(request);
  only_members(body, {"kind", "facts"});
  const std::string kind = required_text(body, "kind");
  const Json facts = object_member(body, "facts");
  auto session = app.store().session();
  const RequestContext context = app.context(*session, request.actor);
  const CommandOutcome result = app.cases().open(*session, kind, facts, context);
  const auto* changed = std::get_if<outcome::Changed>(&result);
  if (!changed) throw problem_for(result);
  HttpResponse response = HttpResponse::json(
      201, with_new_events(current_case_json(app, *session, changed->record, context), changed->new_events));
  response.headers.emplace_back("Location", "/api/v1/cases/" + std::to_string(changed->record.id));
  return response;
}

HttpResponse get_case(const HttpRequest& request, App& app) {
  only_query(request, {});
  auto session = app.store().session();
  const CaseRecord record = find_case(request, *session);
  return HttpResponse::json(200, current_case_json(app, *session, record, app.context(*session, request.actor)));
}

HttpResponse apply_command(const HttpRequest& request, App& app) {
  const Json body = json_body(request);
  only_members(body, {"command", "expected_version", "facts"});
  Command command{required_text(body, "command"), object_member(body, "facts")};
  const long long expected_version = required_integer(body, "expected_version");
  auto session = app.store().session();
  const RequestContext context = app.context(*session, request.actor);
  const CommandOutcome result =
      app.cases().apply(*session, case_id_param(request), command, expected_version, context);
  const auto* changed = std::get_if<outcome::Changed>(&result);
  if (!changed) throw problem_for(result);
  return HttpResponse::json(
      200, with_new_events(current_case_json(app, *session, changed->record, context), changed->new_events));
}

HttpResponse get_timeline(const HttpRequest& request, App& app) {
  only_query(request, {});
  auto session = app.store().session();
  const CaseRecord record = find_case(request, *session);
  Json events = Json::array();
  for (const Event& e : session->cases().events(record.id)) events.push(event_json(e));
  const Workflow* w = app.workflows().find(record.kind);
  Json body = Json::object();
  body.set("case", case_summary_json(record, w ? &w->spec() : nullptr));
  body.set("events", events);
  return HttpResponse::json(200, body);
}

HttpResponse get_case_deadlines(const HttpRequest& request, App& app) {
  only_query(request, {});
  auto session = app.store().session();
  const CaseRecord record = find_case(request, *session);
  const RequestContext context = app.context(*session, request.actor);
  Json list = Json::array();
  for (const ClockView& v : app.cases().clock_views(session->deadlines().for_case(record.id), context)) {
    list.push(clock_json(v));
  }
  Json body = Json::object();
  body.set("case_id", record.id);
  body.set("today", context.today.iso());
  body.set("deadlines", list);
  return HttpResponse::json(200, body);
}

}  // namespace casereview::web
