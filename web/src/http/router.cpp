#include "http/router.h"

#include <map>
#include <string_view>
#include <utility>

#include "http/auth.h"
#include "scan_workers.h"

namespace casereview::web {

std::vector<std::string_view> path_segments(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = 1;
  for (std::size_t i = 1; i <= path.size(); ++i) {
    if (i == path.size() || path[i] == '/') {
      segments.push_back(path.substr(start, i - start));
      start = i + 1;
    }
  }
  return segments;
}

std::vector<std::string> split_path(const std::string& path) {
  const std::vector<std::string_view> in_place = path_segments(path);
  return std::vector<std::string>(in_place.begin(), in_place.end());
}

namespace {

bool is_placeholder(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

RouteIndex::RouteIndex(const std::vector<Route>& routes) : nodes_(1) {
  for (const Route& route : routes) {
    std::size_t node = 0;
    std::vector<std::pair<std::size_t, std::string>> placeholders;
    const std::vector<std::string_view> segments = path_segments(route.pattern);
    for (std::size_t at = 0; at < segments.size(); ++at) {
      const std::string_view segment = segments[at];
      const bool placeholder = is_placeholder(segment);
      std::size_t next = nodes_[node].placeholder;
      if (!placeholder) {
        const auto literal = nodes_[node].literals.find(segment);
        next = literal == nodes_[node].literals.end() ? kNone : literal->second;
      }
      if (next == kNone) {
        next = nodes_.size();
        nodes_.emplace_back();  // may move nodes_: the parent is found by its position below
        if (placeholder) {
          nodes_[node].placeholder = next;
        } else {
          nodes_[node].literals.emplace(std::string(segment), next);
        }
      }
      if (placeholder) placeholders.emplace_back(at, std::string(segment.substr(1, segment.size() - 2)));
      node = next;
    }
    // Two patterns of the same shape ("/x/{id}", "/x/{name}") end at one node;
    // the table's first answers, and the routes of the other are never reached.
    std::size_t& pattern = nodes_[node].pattern;
    if (pattern == kNone) {
      pattern = patterns_.size();
      patterns_.push_back(Pattern{{}, std::move(placeholders)});
    }
    std::vector<const Route*>& same = patterns_[pattern].routes;
    if (same.empty() || same.front()->pattern == route.pattern) same.push_back(&route);
  }
}

std::size_t RouteIndex::first_match(std::size_t node, const std::vector<std::string_view>& segments,
                                    std::size_t at) const {
  const Node& here = nodes_[node];
  if (at == segments.size()) return here.pattern;
  const auto literal = here.literals.find(segments[at]);
  if (literal != here.literals.end()) {
    const std::size_t found = first_match(literal->second, segments, at + 1);
    if (found != kNone) return found;
  }
  if (here.placeholder == kNone || segments[at].empty()) return kNone;
  return first_match(here.placeholder, segments, at + 1);
}

const RouteIndex::Pattern* RouteIndex::best(const std::vector<std::string_view>& segments) const {
  const std::size_t found = first_match(0, segments, 0);
  return found == kNone ? nullptr : &patterns_[found];
}

HttpResponse HttpResponse::json(int status, const Json& body) {
  HttpResponse response;
  response.status = status;
  response.body = body.dump();
  return response;
}

namespace {

HttpResponse run_handler(const Route& route, HttpRequest& request, App& app) {
  if (route.work == Work::Request) return route.handler(request, app);
  return run_on_scan_workers(app, request, [&] { return route.handler(request, app); });
}

}  // namespace

HttpResponse dispatch(HttpRequest& request, App& app, const RouteIndex& routes) {
  const Route& route = find_route(request, routes);
  if (route.access.reads_session) authenticate(request, app);
  authorise(request, route);
  // Reads, and requests of nobody signed in (a sign-in: it changes nothing
  // kept), give up nothing: an anonymous client cannot empty what is kept.
  if (request.method == "GET" || request.method == "HEAD" || !request.principal) {
    return run_handler(route, request, app);
  }
  // A signed-in request that may change state may have signed someone out,
  // disabled a user, renamed a code or a reviewer: when it ends, however it
  // ends, what this server keeps of sessions and answers is read again
  // (kept_reads.h).
  struct ReadAgainAfter {
    App& app;
    ~ReadAgainAfter() { forget_kept_reads(app); }
  } read_again{app};
  return run_handler(route, request, app);
}

BodySize body_size_for(const std::string& method, const std::string& path, const RouteIndex& routes) {
  if (const RouteIndex::Pattern* pattern = routes.best(path_segments(path))) {
    for (const Route* route : pattern->routes) {
      if (route->method == method) return route->body;
    }
  }
  return BodySize::Json;
}

const Route& find_route(HttpRequest& request, const RouteIndex& routes) {
  const std::vector<std::string_view> segments = path_segments(request.path);
  const RouteIndex::Pattern* pattern = routes.best(segments);
  if (!pattern) throw ApiError{Problem::NotFound, "There is nothing at " + request.path + ".", Json::object()};
  std::string allowed;
  for (const Route* route : pattern->routes) {
    if (route->method == request.method) {
      std::map<std::string, std::string> params;
      for (const auto& [at, name] : pattern->placeholders) params[name] = std::string(segments[at]);
      request.params = std::move(params);
      return *route;
    }
    allowed += (allowed.empty() ? "" : ", ") + route->method;
  }
  Json extra = Json::object();
  extra.set("allow", allowed);
  throw ApiError{Problem::MethodNotAllowed,
                 request.method + " is not supported on " + request.path + " (use " + allowed + ").", extra};
}

}  // namespace casereview::web
