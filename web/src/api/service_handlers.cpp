#include <string_view>

#include "api/handlers.h"
#include "api/json_views.h"
#include "api/request_helpers.h"
#include "app.h"
#include "calendar_load.h"

namespace casereview {
std::string_view openapi_document();  // web/openapi.json, embedded at build time
}

namespace casereview::web {

HttpResponse get_index(const HttpRequest& request, App&) {
  only_query(request, {});
  Json links = Json::object();
  links.set("sign_in", "/api/v1/session");
  links.set("health", "/api/v1/health");
  links.set("openapi", "/api/v1/openapi.json");
  links.set("cases", "/api/v1/cases");
  links.set("deadlines", "/api/v1/deadlines");
  links.set("deadline_rules", "/api/v1/deadline-rules");
  links.set("workflows", "/api/v1/workflows");
  Json body = Json::object();
  body.set("service", "casereview");
  body.set("version", CASEREVIEW_VERSION);
  body.set("links", std::move(links));
  return HttpResponse::json(200, body);
}

HttpResponse get_health(const HttpRequest& request, App& app) {
  only_query(request, {});
  auto session = app.store().session();
  const App::CalendarInForce in_force = app.kept_calendar_in_force(*session);
  const auto& load = in_force.load;
  Json calendar_json = Json::object();
  const auto& years = in_force.calendar->published_years();
  calendar_json.set("published_from", years.empty() ? Json() : Json(*years.begin()));
  calendar_json.set("published_to", years.empty() ? Json() : Json(*years.rbegin()));
  calendar_json.set("revision", load ? Json(load->revision) : Json());
  calendar_json.set("source", load ? Json(load->source) : Json());
  calendar_json.set("loaded_at", load ? Json(load->loaded_at.iso()) : Json());
  Json body = Json::object();
  body.set("status", "ok");
  body.set("version", CASEREVIEW_VERSION);
  body.set("schema_version", app.schema_version());
  body.set("today", app.today().iso());
  body.set("today_fixed", app.settings().today.has_value());
  body.set("calendar", std::move(calendar_json));
  return HttpResponse::json(200, body);
}

namespace {

// A JSON Schema for one command's facts, from its FieldSpecs.
Json facts_schema(const CommandSpec& command) {
  Json properties = Json::object();
  Json required = Json::array();
  for (const FieldSpec& f : command.fields) {
    Json p = Json::object();
    p.set("description", f.label);
    switch (f.type) {
      case FieldType::Date:
        p.set("type", "string");
        p.set("format", "date");
        break;
      case FieldType::Time:
        p.set("type", "string");
        p.set("pattern", "^([01][0-9]|2[0-3]):[0-5][0-9]$");
        break;
      case FieldType::Text:
        p.set("type", "string");
        p.set("maxLength", static_cast<long long>(f.max_length));
        break;
      case FieldType::Boolean:
        p.set("type", "boolean");
        break;
      case FieldType::Integer:
        p.set("type", "integer");
        p.set("minimum", f.min_value);
        p.set("maximum", f.max_value);
        break;
      case FieldType::Choice: {
        Json values = Json::array();
        for (const auto& c : f.choices) values.push(c);
        p.set("type", "string");
        p.set("enum", std::move(values));
        break;
      }
      case FieldType::Reviewer:
        p.set("type", "integer");
        p.set("description", f.label + " (id in the register)");
        break;
      case FieldType::TextList:
      case FieldType::ThemeList:
      case FieldType::FactorList: {
        Json items = Json::object();
        items.set("type", "string");
        if (!f.choices.empty()) {
          Json values = Json::array();
          for (const auto& c : f.choices) values.push(c);
          items.set("enum", std::move(values));
        }
        p.set("type", "array");
        p.set("items", std::move(items));
        if (f.type != FieldType::TextList) {
          p.set("description", f.label + " (codes from /api/v1/vocabularies)");
        }
        break;
      }
    }
    if (f.identifying) p.set("x-identifying", true);
    properties.set(f.name, p);
    if (f.required) required.push(f.name);
  }
  Json schema = Json::object();
  schema.set("type", "object");
  schema.set("title", command.title);
  schema.set("description", command.description);
  schema.set("additionalProperties", false);
  schema.set("properties", std::move(properties));
  if (!required.items().empty()) schema.set("required", required);
  return schema;
}

}  // namespace

// The checked-in document, with a schema added for every command's facts, so
// that the document and the workflows cannot disagree.
HttpResponse get_openapi(const HttpRequest& request, App& app) {
  only_query(request, {});
  Json document = Json::parse(openapi_document());
  Json components = document["components"];
  Json schemas = components["schemas"];
  for (const Workflow* w : app.workflows().all()) {
    for (const CommandSpec& c : w->spec().commands) {
      schemas.set("commands." + w->spec().kind + "." + c.name, facts_schema(c));
    }
  }
  components.set("schemas", std::move(schemas));
  document.set("components", std::move(components));
  return HttpResponse::json(200, document);
}

HttpResponse list_workflows(const HttpRequest& request, App& app) {
  only_query(request, {});
  Json list = Json::array();
  for (const Workflow* w : app.workflows().all()) list.push(workflow_json(w->spec()));
  Json body = Json::object();
  body.set("workflows", std::move(list));
  return HttpResponse::json(200, body);
}

}  // namespace casereview::web

namespace casereview::web {

namespace {
// Read on `session`: a handler never holds two sessions of the pool at once.
HttpResponse areas_of(long long partnership_id, StoreSession& session) {
  Json list = Json::array();
  for (const auto& area : session.partnerships().areas(partnership_id)) list.push(area);
  Json body = Json::object();
  body.set("local_authorities", std::move(list));
  return HttpResponse::json(200, body);
}
}  // namespace

HttpResponse list_areas(const HttpRequest& request, App& app) {
  only_query(request, {});
  auto session = app.store().session();
  return areas_of(request.who().partnership_id, *session);
}

HttpResponse add_area(const HttpRequest& request, App& app) {
  const Json body = json_body(request);
  only_members(body, {"local_authority"});
  const std::string area = required_text(body, "local_authority");
  if (area.size() > 200) {
    throw ApiError{Problem::InvalidMember, "local_authority is at most 200 characters.", Json::object()};
  }
  auto session = app.store().session();
  session->write_transaction([&] { session->partnerships().add_area(request.who().partnership_id, area); });
  return areas_of(request.who().partnership_id, *session);
}

HttpResponse load_calendar(const HttpRequest& request, App& app) {
  only_query(request, {});
  json_body(request);  // 415 unless JSON, 400 unless an object
  std::vector<BankHoliday> feed;
  try {
    feed = parse_bank_holiday_feed(request.body);
  } catch (const HolidayFeedError& e) {
    Json errors = Json::array();
    for (const auto& p : e.problems()) {
      Json item = Json::object();
      item.set("field", "feed");
      item.set("message", p);
      errors.push(item);
    }
    Json extra = Json::object();
    extra.set("errors", std::move(errors));
    throw ApiError{Problem::InvalidCalendarFeed,
                   "The file is not a GOV.UK bank-holidays feed for England and Wales; nothing was changed.", extra};
  }
  const CalendarLoadResult loaded =
      load_calendar_feed(app, std::move(feed), "uploaded by " + request.who().username, request.who().username);
  auto list = [](const std::vector<std::string>& items) {
    Json out = Json::array();
    for (const auto& i : items) out.push(i);
    return out;
  };
  Json body = Json::object();
  body.set("revision", loaded.revision);
  body.set("holidays", static_cast<long long>(loaded.feed.size()));
  body.set("from_year", loaded.feed.front().date.year());
  body.set("to_year", loaded.feed.back().date.year());
  body.set("added", list(loaded.added));
  body.set("removed", list(loaded.removed));
  body.set("cases_recomputed", loaded.cases_recomputed);
  return HttpResponse::json(200, body);
}

}  // namespace casereview::web
