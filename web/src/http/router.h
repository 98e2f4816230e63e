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

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
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
// The same, read in place: valid while `path` is.
std::vector<std::string_view> path_segments(std::string_view path);

// A route table arranged for finding a path's route by walking its segments
// once: a tree of the patterns' segments, a literal child tried before the
// placeholder child, so that the first pattern reached is the most specific
// (the rule at the head of this file). Every request is routed twice (its
// body's size limit before the body is read, its handler after), and comparing
// the path with each of the table's patterns in turn was 7% of a logged case
// read's processor on the national data.
class RouteIndex {
 public:
  // What the index finds are references into `routes`, which must outlive it.
  explicit RouteIndex(const std::vector<Route>& routes);
  explicit RouteIndex(std::vector<Route>&& routes) = delete;  // would leave it pointing at nothing

  // The routes of the most specific pattern that matches the path split into
  // `segments` (path_segments), in the table's order, with where that
  // pattern's placeholders stand; nullptr when no pattern matches.
  struct Pattern {
    std::vector<const Route*> routes;
    std::vector<std::pair<std::size_t, std::string>> placeholders;  // segment position, name
  };
  const Pattern* best(const std::vector<std::string_view>& segments) const;

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  struct Node {
    std::map<std::string, std::size_t, std::less<>> literals;  // segment -> node
    std::size_t placeholder = kNone;                           // the node after any non-empty segment
    std::size_t pattern = kNone;                               // the pattern that ends here
  };
  std::size_t first_match(std::size_t node, const std::vector<std::string_view>& segments, std::size_t at) const;

  std::vector<Node> nodes_;
  std::vector<Pattern> patterns_;
};

// The body size of the route for `method` and `path`; Json when no route
// matches (the server reads the body before it routes the request).
BodySize body_size_for(const std::string& method, const std::string& path, const RouteIndex& routes);

// Finds the route for `request`, fills its params; throws ApiError for 404 / 405.
// The reference is into the routes the index was made of.
const Route& find_route(HttpRequest& request, const RouteIndex& routes);

// Every route the server serves (api/routes.cpp); built once, valid for the run.
const std::vector<Route>& route_table();
// route_table() indexed; built once, valid for the run.
const RouteIndex& route_index();

// Finds the route, checks who may call it (auth.h) and runs the handler,
// on a scan worker for a route of Work::Scan.
// Throws ApiError for 401 / 403 / 404 / 405 (404 and 405 before the session is
// looked at), and lets through whatever authenticate or the handler throws.
HttpResponse dispatch(HttpRequest& request, App& app, const RouteIndex& routes);

}  // namespace casereview::web
