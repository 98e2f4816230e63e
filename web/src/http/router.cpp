#include "http/router.h"

#include <map>
#include <string_view>
#include <utility>

#include "http/auth.h"
#include "scan_workers.h"

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

bool is_placeholder(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// The segments of a pattern read in place, one after the other, as split_path
// would give them. Every request is compared with every pattern of the table
// (twice: body_size_for, then find_route), so the patterns are not split into
// new strings each time; the request's path is split once per call.
class PatternSegments {
 public:
  explicit PatternSegments(std::string_view pattern)
      : rest_(pattern.empty() ? pattern : pattern.substr(1)), done_(pattern.empty()) {}

  // The next segment into `segment`; false when there is none left.
  bool next(std::string_view& segment) {
    if (done_) return false;
    const std::size_t slash = rest_.find('/');
    segment = rest_.substr(0, slash);
    if (slash == std::string_view::npos) {
      done_ = true;
    } else {
      rest_.remove_prefix(slash + 1);
    }
    return true;
  }

 private:
  std::string_view rest_;
  bool done_;
};

// Whether `pattern` matches the path split into `have`; if so and `params` is
// given, its placeholders' values replace *params.
bool matches(const std::string& pattern, const std::vector<std::string>& have,
             std::map<std::string, std::string>* params) {
  PatternSegments want(pattern);
  std::map<std::string, std::string> found;
  std::size_t i = 0;
  for (std::string_view w; want.next(w); ++i) {
    if (i == have.size()) return false;
    if (is_placeholder(w)) {
      if (have[i].empty()) return false;
      if (params) found[std::string(w.substr(1, w.size() - 2))] = have[i];
    } else if (w != have[i]) {
      return false;
    }
  }
  if (i != have.size()) return false;
  if (params) *params = std::move(found);
  return true;
}

// Whether `a` is more specific than `b`, two patterns that match the same path:
// at the first segment where one is literal and the other a placeholder, the
// literal wins ("/exports/ncmd" over "/exports/{dataset}").
bool more_specific(const std::string& a, const std::string& b) {
  PatternSegments sa(a);
  PatternSegments sb(b);
  for (std::string_view wa, wb; sa.next(wa) && sb.next(wb);) {
    if (is_placeholder(wa) != is_placeholder(wb)) return !is_placeholder(wa);
  }
  return false;
}

// The most specific pattern of `routes` that matches the path split into
// `have`; nullptr when none does.
const std::string* best_pattern(const std::vector<std::string>& have, const std::vector<Route>& routes) {
  const std::string* best = nullptr;
  for (const Route& route : routes) {
    if (matches(route.pattern, have, nullptr) && (!best || more_specific(route.pattern, *best))) best = &route.pattern;
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

namespace {

HttpResponse run_handler(const Route& route, HttpRequest& request, App& app) {
  if (route.work == Work::Request) return route.handler(request, app);
  return run_on_scan_workers(app, request, [&] { return route.handler(request, app); });
}

}  // namespace

HttpResponse dispatch(HttpRequest& request, App& app, const std::vector<Route>& routes) {
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

BodySize body_size_for(const std::string& method, const std::string& path, const std::vector<Route>& routes) {
  const std::string* pattern = best_pattern(split_path(path), routes);
  for (const Route& route : routes) {
    if (pattern && route.pattern == *pattern && route.method == method) return route.body;
  }
  return BodySize::Json;
}

const Route& find_route(HttpRequest& request, const std::vector<Route>& routes) {
  const std::vector<std::string> have = split_path(request.path);
  const std::string* pattern = best_pattern(have, routes);
  std::string allowed;
  for (const Route& route : routes) {
    if (!pattern || route.pattern != *pattern) continue;
    if (route.method == request.method) {
      matches(route.pattern, have, &request.params);
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
