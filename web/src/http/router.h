#pragma once
// The explicit route table and how a request finds its handler.
//
// Patterns are literal path segments or one `{name}` placeholder per segment,
// e.g. "/api/v1/cases/{id}/timeline"; the matched value lands in
// HttpRequest::params. Where several patterns match a path, the most specific
// answers it whatever the order of the table: at the first segment where they
// differ, a literal beats a placeholder (OpenAPI's rule), so
// "/api/v1/exports/ncmd" is never taken for "/api/v1/exports/{dataset}". A path
// that matches no pattern is 404; a path whose most specific pattern has no
// route for this method is 405 with an Allow header (that pattern's methods).

#include <string>
#include <vector>

#include "http/http_types.h"

namespace casereview::web {

class App;

using Handler = HttpResponse (*)(const HttpRequest& request, App& app);

// Who may call a route at all; finer decisions (which case, which agency) are
// the handler's, through the engine's access policy.
struct Access {
  enum class Kind { Public, SignedIn, Permitted } kind = Kind::SignedIn;
  Permission permission = Permission::ReadReference;
  // Whether the request's session is looked up (auth.h: authenticate). A
  // public route that does not ask who is signed in skips it: the lookup is a
  // read transaction, and was a third of a health check's time. Nor is such a
  // request a use of the session that keeps it from ending.
  bool reads_session = true;
};
inline constexpr Access kPublic{Access::Kind::Public, Permission::ReadReference, false};
// Public, but answers differently to whoever is signed in.
inline constexpr Access kPublicSeeingSession{Access::Kind::Public, Permission::ReadReference, true};
inline constexpr Access kSignedIn{Access::Kind::SignedIn, Permission::ReadReference};
constexpr Access needs(Permission permission) { return Access{Access::Kind::Permitted, permission}; }

// How large a body the route takes: JSON (--max-body) or a document (--max-document).
enum class BodySize { Json, Document };

// Where the handler runs: on the request's thread, or on one of the few
// threads for reads across the partnership that build a large answer
// (scan_workers.h), the request's thread waiting for it.
enum class Work { Request, Scan };

struct Route {
  std::string method;
  std::string pattern;
  Handler handler;
  std::string operation_id;  // the OpenAPI operationId: a test checks the two agree
  Access access = kSignedIn;
  BodySize body = BodySize::Json;
  Work work = Work::Request;
};

// "/cases/12/act/x" -> {"cases", "12", "act", "x"}.
std::vector<std::string> split_path(const std::string& path);

// The body size of the route for `method` and `path`; Json when no route
// matches (the server reads the body before it routes the request).
BodySize body_size_for(const std::string& method, const std::string& path, const std::vector<Route>& routes);

// Finds the route for `request`, fills its params; throws ApiError for 404 / 405.
// The reference is into `routes`.
const Route& find_route(HttpRequest& request, const std::vector<Route>& routes);

// Every route the server serves (api/routes.cpp); built once, valid for the run.
const std::vector<Route>& route_table();

// Finds the route, checks who may call it (auth.h) and runs the handler,
// on a scan worker for a route of Work::Scan.
// Throws ApiError for 401 / 403 / 404 / 405 (404 and 405 before the session is
// looked at), and lets through whatever authenticate or the handler throws.
HttpResponse dispatch(HttpRequest& request, App& app, const std::vector<Route>& routes);

}  // namespace casereview::web
