#pragma once
// Route handlers: small functions from request to response. They decode input,
// call the engine, and show the result; errors leave as ApiError (see problem.h).

#include "http/http_types.h"

namespace casereview::web {

class App;

// Service
HttpResponse get_index(const HttpRequest& request, App& app);
HttpResponse get_health(const HttpRequest& request, App& app);
HttpResponse get_openapi(const HttpRequest& request, App& app);
HttpResponse list_workflows(const HttpRequest& request, App& app);

// Cases
HttpResponse list_cases(const HttpRequest& request, App& app);
HttpResponse open_case(const HttpRequest& request, App& app);
HttpResponse get_case(const HttpRequest& request, App& app);
HttpResponse apply_command(const HttpRequest& request, App& app);
HttpResponse get_timeline(const HttpRequest& request, App& app);
HttpResponse get_case_deadlines(const HttpRequest& request, App& app);

// Deadlines and rules
HttpResponse list_deadlines(const HttpRequest& request, App& app);
HttpResponse list_deadline_rules(const HttpRequest& request, App& app);
HttpResponse preview_deadline(const HttpRequest& request, App& app);

}  // namespace casereview::web
