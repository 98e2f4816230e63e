// The request target as the server reads it: decoded with Poco::URI exactly as
// decode_target (web/src/http/server.cpp) does, then split and matched against
// the routes by the server's own router (web/src/http/router.cpp).
//
// Input: a first line holding the method, and the raw request target after it
// ("GET\n/api/v1/cases/12/timeline?x=%41"). Checked: decoding fails only with a
// Poco::Exception (the server's 400 INVALID_URI; anything else would be a 500);
// split_path loses nothing; find_route answers with a route that matches the
// path and is the most specific of those that do, or with 405 when only other
// methods match, or with 404 when no pattern matches; body_size_for allows a
// document's size only on a route that takes a document.
//
// The routes are those of web/openapi.json, which api_openapi_test keeps equal
// to the server's route table (web/src/api/routes.cpp links every handler, and
// with them the whole server).
#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "casereview/engine/json.h"
#include "fuzz_support.h"
#include "http/problem_catalogue.h"
#include "http/router.h"

namespace casereview::web {

// router.cpp's dispatch() calls these three from auth.cpp, and the fourth from
// app.cpp, which need the whole server; this target never dispatches, so they
// only satisfy the linker.
void authenticate(HttpRequest& /*request*/, App& /*app*/) { std::abort(); }
void authorise(const HttpRequest& /*request*/, const Route& /*route*/) { std::abort(); }
void forget_kept_reads(App& /*app*/) { std::abort(); }
HttpResponse run_on_scan_workers(App& /*app*/, HttpRequest& /*request*/, std::function<HttpResponse()> /*work*/) {
  std::abort();
}

}  // namespace casereview::web

namespace {

using namespace casereview;
using namespace casereview::web;

// Every operation of the OpenAPI document as a route: a body other than JSON
// (a document, a CSV file) is read with the document's size limit.
std::vector<Route> routes_from_openapi() {
  std::ifstream file(CASEREVIEW_OPENAPI_JSON);
  std::stringstream text;
  text << file.rdbuf();
  const Json document = Json::parse(text.str(), Json::Limits{256, std::size_t{64} << 20});
  std::vector<Route> routes;
  for (const auto& [pattern, operations] : document["paths"].members()) {
    for (const auto& [method, operation] : operations.members()) {
      if (!operation.contains("operationId")) continue;  // "parameters" shared by the path's operations
      std::string upper;
      for (const char c : method) upper += static_cast<char>(c - 'a' + 'A');
      const Json& content = operation["requestBody"]["content"];
      const bool document_body =
          content.is_object() && !content.members().empty() && !content.contains("application/json");
      routes.push_back(Route{upper, pattern, nullptr, operation["operationId"].as_string(), kSignedIn,
                             document_body ? BodySize::Document : BodySize::Json});
    }
  }
  FUZZ_CHECK(routes.size() > 50, "web/openapi.json gave too few routes");
  return routes;
}

const std::vector<Route>& routes() {
  static const std::vector<Route> kRoutes = routes_from_openapi();
  return kRoutes;
}

const RouteIndex& openapi_index() {
  static const RouteIndex kIndex(routes());
  return kIndex;
}

bool is_placeholder(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// A route's pattern split once, for the checks below.
struct Pattern {
  const Route* route;
  std::vector<std::string> segments;
};

const std::vector<Pattern>& patterns() {
  static const std::vector<Pattern> kPatterns = [] {
    std::vector<Pattern> out;
    for (const Route& r : routes()) out.push_back({&r, split_path(r.pattern)});
    return out;
  }();
  return kPatterns;
}

// router.h's rule, written again: literal segments equal, placeholders not empty.
bool matches(const Pattern& pattern, const std::vector<std::string>& have) {
  const auto& want = pattern.segments;
  if (want.size() != have.size()) return false;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (is_placeholder(want[i]) ? have[i].empty() : want[i] != have[i]) return false;
  }
  return true;
}

// Whether `a` beats `b`: at the first segment where one is literal and the other not, the literal.
bool more_specific(const Pattern& a, const Pattern& b) {
  for (std::size_t i = 0; i < a.segments.size() && i < b.segments.size(); ++i) {
    if (is_placeholder(a.segments[i]) != is_placeholder(b.segments[i])) return !is_placeholder(a.segments[i]);
  }
  return false;
}

void check_split(const std::string& path) {
  const std::vector<std::string> segments = split_path(path);
  if (path.empty() || path[0] != '/') return;
  std::string joined;
  for (const std::string& s : segments) joined += "/" + s;
  FUZZ_CHECK(joined == path, "split_path(\"" + path + "\") does not join back");
}

void check_route(HttpRequest& request) {
  const std::string& path = request.path;
  const std::vector<std::string> have = split_path(path);
  std::vector<const Pattern*> matching;
  for (const Pattern& p : patterns()) {
    if (matches(p, have)) matching.push_back(&p);
  }
  try {
    const Route& route = find_route(request, openapi_index());
    FUZZ_CHECK(route.method == request.method, request.method + " " + path + " found a " + route.method + " route");
    const auto found =
        std::find_if(matching.begin(), matching.end(), [&](const Pattern* p) { return p->route == &route; });
    FUZZ_CHECK(found != matching.end(), path + " found " + route.pattern + ", which does not match it");
    const auto& want = (*found)->segments;
    std::size_t placeholders = 0;
    for (std::size_t i = 0; i < want.size(); ++i) {
      if (!is_placeholder(want[i])) continue;
      ++placeholders;
      const auto param = request.params.find(want[i].substr(1, want[i].size() - 2));
      FUZZ_CHECK(param != request.params.end() && param->second == have[i], path + ": a parameter is not its segment");
    }
    FUZZ_CHECK(request.params.size() == placeholders, path + ": parameters beyond the pattern's");
    for (const Pattern* other : matching) {
      FUZZ_CHECK(!more_specific(*other, **found),
                 path + " found " + route.pattern + " although " + other->route->pattern + " is more specific");
    }
  } catch (const ApiError& e) {
    FUZZ_CHECK(e.status == 404 || e.status == 405, path + ": find_route threw " + std::to_string(e.status));
    FUZZ_CHECK((e.status == 404) == matching.empty(),
               path + ": " + std::to_string(e.status) + " disagrees with the patterns");
    FUZZ_CHECK(e.status == 404 || e.extra.contains("allow"), path + ": 405 without the methods allowed");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [method, target] = fuzz::first_line(fuzz::text_of(data, size));
  HttpRequest request;
  request.method = std::string(method);
  try {
    const Poco::URI uri{std::string(target)};
    request.path = uri.getPath();
    for (const auto& [name, value] : uri.getQueryParameters()) request.query[name] = value;
  } catch (const Poco::Exception&) {
    return 0;  // the server's 400 INVALID_URI
  }
  check_split(request.path);
  check_route(request);

  // The server picks the body limit from the raw target, before decoding it.
  const std::string raw_path(target.substr(0, target.find('?')));
  if (body_size_for(request.method, raw_path, openapi_index()) == BodySize::Document) {
    const std::vector<std::string> raw = split_path(raw_path);
    const bool takes_document = std::any_of(patterns().begin(), patterns().end(), [&](const Pattern& p) {
      return p.route->method == request.method && p.route->body == BodySize::Document && matches(p, raw);
    });
    FUZZ_CHECK(takes_document, request.method + " " + raw_path + " given a document's size without a route for one");
  }
  return 0;
}
