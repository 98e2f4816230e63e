#pragma once
// The explicit route table and how a request finds its handler.
//
// Patterns are literal path segments or one `{name}` placeholder per segment,
// e.g. "/api/v1/cases/{id}/timeline"; the matched value lands in
// HttpRequest::params. A path that matches no pattern is 404; a path that matches
// but not with this method is 405 with an Allow header.

#include <string>
#include <vector>

#include "http/http_types.h"

namespace casereview::web {

class App;

using Handler = HttpResponse (*)(const HttpRequest& request, App& app);

struct Route {
  std::string method;
  std::string pattern;
  Handler handler;
  std::string operation_id;  // the OpenAPI operationId: a test checks the two agree
};

// Every route the server serves (api/routes.cpp).
const std::vector<Route>& route_table();

// Finds the route for `request`, fills its params and runs the handler.
// Throws ApiError for 404 / 405.
HttpResponse dispatch(HttpRequest& request, App& app, const std::vector<Route>& routes);

}  // namespace casereview::web
