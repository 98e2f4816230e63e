#include "http/router.h"

#include <map>

#include "http/auth.h"

namespace casereview::web {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> segments;
  std::string current;
  for (std::size_t i = 1; i <= path.size(); ++i) {
    if (i == path.size() || path[i] == '/') {
      segments.push_back(current);
      current.clear();
    } else {
      current += path[i];
    }
  }
  return segments;
}

namespace {

bool is_placeholder(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool matches(const std::string& pattern, const std::string& path, std::map<std::string, std::string>& params) {
  const auto want = split_path(pattern);
  const auto have = split_path(path);
  if (want.size() != have.size()) return false;
  std::map<std::string, std::string> found;
  for (std::size_t i = 0; i < want.size(); ++i) {
    const std::string& w = want[i];
    if (is_placeholder(w)) {
      if (have[i].empty()) return false;
      found[w.substr(1, w.size() - 2)] = have[i];
    } else if (w != have[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

// Whether `a` is more specific than `b`, two patterns that match the same path:
// at the first segment where one is literal and the other a placeholder, the
// literal wins ("/exports/ncmd" over "/exports/{dataset}").
bool more_specific(const std::string& a, const std::string& b) {
  const auto sa = split_path(a);
  const auto sb = split_path(b);
  for (std::size_t i = 0; i < sa.size() && i < sb.size(); ++i) {
    if (is_placeholder(sa[i]) != is_placeholder(sb[i])) return !is_placeholder(sa[i]);
  }
  return false;
}

// The most specific pattern of `routes` that matches `path`; nullptr when none does.
const std::string* best_pattern(const std::string& path, const std::vector<Route>& routes) {
  const std::string* best = nullptr;
  for (const Route& route : routes) {
    std::map<std::string, std::string> params;
    if (matches(route.pattern, path, params) && (!best || more_specific(route.pattern, *best))) best = &route.pattern;
  }
  return best;
}

}  // namespace

HttpResponse HttpResponse::json(int status, const Json& body) {
  HttpResponse response;
  response.status = status;
  response.body = body.dump();
  return response;
}

HttpResponse dispatch(HttpRequest& request, App& app, const std::vector<Route>& routes) {
  const Route& route = find_route(request, routes);
  authenticate(request, app);
  authorise(request, route);
  return route.handler(request, app);
}

BodySize body_size_for(const std::string& method, const std::string& path, const std::vector<Route>& routes) {
  const std::string* pattern = best_pattern(path, routes);
  for (const Route& route : routes) {
    if (pattern && route.pattern == *pattern && route.method == method) return route.body;
  }
  return BodySize::Json;
}

const Route& find_route(HttpRequest& request, const std::vector<Route>& routes) {
  const std::string* pattern = best_pattern(request.path, routes);
  std::string allowed;
  for (const Route& route : routes) {
    if (!pattern || route.pattern != *pattern) continue;
    if (route.method == request.method) {
      matches(route.pattern, request.path, request.params);
      return route;
    }
    allowed += (allowed.empty() ? "" : ", ") + route.method;
  }
  if (!allowed.empty()) {
    Json extra = Json::object();
    extra.set("allow", allowed);
    throw ApiError{Problem::MethodNotAllowed,
                   request.method + " is not supported on " + request.path + " (use " + allowed + ").", extra};
  }
  throw ApiError{Problem::NotFound, "There is nothing at " + request.path + ".", Json::object()};
}

}  // namespace casereview::web
