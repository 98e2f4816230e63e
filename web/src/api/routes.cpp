// The route table: every path the server answers, in one place. The OpenAPI
// document (web/openapi.json) describes exactly these; tests/api checks both ways.
#include "api/handlers.h"
#include "http/router.h"

namespace casereview::web {

const std::vector<Route>& route_table() {
  static const std::vector<Route> kRoutes = {
      {"GET", "/", get_index, "getIndex"},
      {"GET", "/api/v1/health", get_health, "getHealth"},
      {"GET", "/api/v1/openapi.json", get_openapi, "getOpenApi"},
      {"GET", "/api/v1/workflows", list_workflows, "listWorkflows"},
      {"GET", "/api/v1/cases", list_cases, "listCases"},
      {"POST", "/api/v1/cases", open_case, "openCase"},
      {"GET", "/api/v1/cases/{id}", get_case, "getCase"},
      {"POST", "/api/v1/cases/{id}/commands", apply_command, "applyCommand"},
      {"GET", "/api/v1/cases/{id}/timeline", get_timeline, "getTimeline"},
      {"GET", "/api/v1/cases/{id}/deadlines", get_case_deadlines, "getCaseDeadlines"},
      {"GET", "/api/v1/deadlines", list_deadlines, "listDeadlines"},
      {"GET", "/api/v1/deadlines/preview", preview_deadline, "previewDeadline"},
      {"GET", "/api/v1/deadline-rules", list_deadline_rules, "listDeadlineRules"},
  };
  return kRoutes;
}

}  // namespace casereview::web
