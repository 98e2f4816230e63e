#include <string_view>

#include "api/handlers.h"
#include "api/json_views.h"
#include "api/request_helpers.h"
#include "app.h"

namespace casereview {
std::string_view openapi_document();  // web/openapi.json, embedded at build time
}

namespace casereview::web {

HttpResponse get_index(const HttpRequest& request, App&) {
  only_query(request, {});
  Json links = Json::object();
  links.set("health", "/api/v1/health");
  links.set("openapi", "/api/v1/openapi.json");
  links.set("cases", "/api/v1/cases");
  links.set("deadlines", "/api/v1/deadlines");
  links.set("deadline_rules", "/api/v1/deadline-rules");
  links.set("workflows", "/api/v1/workflows");
  Json body = Json::object();
  body.set("service", "casereview");
  body.set("version", CASEREVIEW_VERSION);
  body.set("links", links);
  return HttpResponse::json(200, body);
}

HttpResponse get_health(const HttpRequest& request, App& app) {
  only_query(request, {});
  auto session = app.store().session();
  const auto load = session->calendar().latest_load();
  const auto calendar = app.calendar(*session);
  Json calendar_json = Json::object();
  const auto& years = calendar->published_years();
  calendar_json.set("published_from", years.empty() ? Json() : Json(*years.begin()));
  calendar_json.set("published_to", years.empty() ? Json() : Json(*years.rbegin()));
  calendar_json.set("revision", load ? Json(load->revision) : Json());
  calendar_json.set("source", load ? Json(load->source) : Json());
  calendar_json.set("loaded_at", load ? Json(load->loaded_at.iso()) : Json());
  Json body = Json::object();
  body.set("status", "ok");
  body.set("version", CASEREVIEW_VERSION);
  body.set("schema_version", app.store().schema_version());
  body.set("today", app.today().iso());
  body.set("today_fixed", app.settings().today.has_value());
  body.set("calendar", calendar_json);
  return HttpResponse::json(200, body);
}

HttpResponse get_openapi(const HttpRequest& request, App&) {
  only_query(request, {});
  HttpResponse response;
  response.body = std::string(openapi_document());
  return response;
}

HttpResponse list_workflows(const HttpRequest& request, App& app) {
  only_query(request, {});
  Json list = Json::array();
  for (const Workflow* w : app.workflows().all()) list.push(workflow_json(w->spec()));
  Json body = Json::object();
  body.set("workflows", list);
  return HttpResponse::json(200, body);
}

}  // namespace casereview::web
