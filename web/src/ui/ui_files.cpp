// The browser interface: every page is the same small HTML document, and the
// scripts under /assets/ draw the page for its address from the JSON API. So
// no page holds data of its own, and every read and write goes through the same
// sessions, CSRF check and access policy as any API client.
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "api/handlers.h"
#include "app.h"

namespace casereview::web {
namespace {

// The addresses of pages (web/ui/src/pages.js draws each); {id} is a number,
// {name} a command or a section.
const std::vector<std::regex>& page_patterns() {
  static const std::vector<std::regex> kPages = {
      std::regex(R"(/)"),
      std::regex(R"(/sign-in)"),
      std::regex(R"(/password)"),
      std::regex(R"(/dashboard)"),
      std::regex(R"(/cases)"),
      std::regex(R"(/notifications/new)"),
      std::regex(R"(/cases/[1-9][0-9]{0,17})"),
      std::regex(R"(/cases/[1-9][0-9]{0,17}/(act/[a-z_]{1,64}|documents/new|timeline))"),
      std::regex(R"(/inbox)"),
      std::regex(R"(/workspace)"),
      std::regex(R"(/timeliness)"),
      std::regex(R"(/actions)"),
      std::regex(R"(/admin(/(users|users/new|vocabularies|rules|audit|access-log|areas|calendar))?)"),
  };
  return kPages;
}

const std::map<std::string, std::string>& content_types() {
  static const std::map<std::string, std::string> kTypes = {
      {".css", "text/css; charset=utf-8"},       {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".svg", "image/svg+xml"},
      {".png", "image/png"},                     {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},                  {".map", "application/json; charset=utf-8"},
  };
  return kTypes;
}

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

HttpResponse page(App& app, int status) {
  auto html = read_file(app.settings().ui_dir + "/index.html");
  if (!html) {
    throw ApiError{503, "UI_NOT_BUILT", "The browser pages are not built",
                   "No index.html in " + app.settings().ui_dir + " (build the project, or set --ui-dir).",
                   Json::object()};
  }
  HttpResponse out;
  out.status = status;
  out.content_type = "text/html; charset=utf-8";
  out.body = std::move(*html);
  return out;
}

ApiError not_found() {
  return ApiError{404, "NOT_FOUND", "Not found", "There is nothing at this address.", Json::object()};
}

}  // namespace

HttpResponse serve_ui(const HttpRequest& request, App& app) {
  if (request.method != "GET") {
    ApiError e{405, "METHOD_NOT_ALLOWED", "Method not allowed", "Pages are only read (GET).", Json::object()};
    throw e;
  }
  static const std::string kAssets = "/assets/";
  if (request.path.rfind(kAssets, 0) == 0) {
    static const std::regex kAssetName(R"([A-Za-z0-9_-][A-Za-z0-9._-]{0,99})");
    const std::string name = request.path.substr(kAssets.size());
    if (!std::regex_match(name, kAssetName) || name.find("..") != std::string::npos) throw not_found();
    const auto dot = name.rfind('.');
    const auto type = content_types().find(dot == std::string::npos ? "" : name.substr(dot));
    if (type == content_types().end()) throw not_found();
    auto body = read_file(app.settings().ui_dir + "/assets/" + name);
    if (!body) throw not_found();
    HttpResponse out;
    out.content_type = type->second;
    out.body = std::move(*body);
    return out;
  }
  for (const std::regex& pattern : page_patterns()) {
    if (std::regex_match(request.path, pattern)) return page(app, 200);
  }
  return page(app, 404);  // the page script says "Page not found"
}

}  // namespace casereview::web
