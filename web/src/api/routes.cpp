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
      {"POST", "/api/v1/cases/checks", check_opening, "checkOpening"},
      {"GET", "/api/v1/cases/{id}", get_case, "getCase"},
      {"POST", "/api/v1/cases/{id}/commands", apply_command, "applyCommand"},
      {"GET", "/api/v1/cases/{id}/timeline", get_timeline, "getTimeline"},
      {"GET", "/api/v1/cases/{id}/spine", get_spine, "getSpine"},
      {"GET", "/api/v1/cases/{id}/deadlines", get_case_deadlines, "getCaseDeadlines"},
      {"GET", "/api/v1/deadlines", list_deadlines, "listDeadlines"},
      {"GET", "/api/v1/deadlines/preview", preview_deadline, "previewDeadline"},
      {"GET", "/api/v1/deadline-rules", list_deadline_rules, "listDeadlineRules"},
      {"PUT", "/api/v1/deadline-rules/{id}/setting", put_rule_setting, "putRuleSetting"},
      {"GET", "/api/v1/rule-setting-changes", list_rule_setting_changes, "listRuleSettingChanges"},
      {"GET", "/api/v1/actions", list_actions, "listActions"},
      {"GET", "/api/v1/reviewers", list_reviewers, "listReviewers"},
      {"POST", "/api/v1/reviewers", add_reviewer, "addReviewer"},
      {"GET", "/api/v1/reviewers/{id}", get_reviewer, "getReviewer"},
      {"POST", "/api/v1/reviewers/{id}/declarations", declare_interest, "declareInterest"},
      {"GET", "/api/v1/vocabularies/factors", list_factors, "listFactors"},
      {"POST", "/api/v1/vocabularies/factors", add_factor, "addFactor"},
      {"GET", "/api/v1/vocabularies/themes", list_themes, "listThemes"},
      {"POST", "/api/v1/vocabularies/themes", add_theme, "addTheme"},
      {"PUT", "/api/v1/vocabularies/{vocabulary}/{code}/status", set_code_status, "setCodeStatus"},
      {"GET", "/api/v1/vocabularies/death-categories", list_death_categories, "listDeathCategories"},
      {"GET", "/api/v1/partnership/areas", list_areas, "listAreas"},
      {"POST", "/api/v1/partnership/areas", add_area, "addArea"},
      {"GET", "/api/v1/reports/lcspr-commissioning", report_commissioning, "reportCommissioning"},
      {"GET", "/api/v1/reports/learning-themes", report_learning_themes, "reportLearningThemes"},
      {"GET", "/api/v1/reports/modifiable-factors", report_modifiable_factors, "reportModifiableFactors"},
  };
  return kRoutes;
}

}  // namespace casereview::web
