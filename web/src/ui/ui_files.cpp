// The browser interface: every page is the same small HTML document, and the
// scripts under /assets/ draw the page for its address from the JSON API. So
// no page holds data of its own, and every read and write goes through the same
// sessions, CSRF check and access policy as any API client.
#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "api/handlers.h"
#include "app.h"
#include "http/router.h"

namespace casereview::web {
namespace {

bool is_id(const std::string& s) {
  return !s.empty() && s.size() <= 18 && s[0] != '0' &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_command_name(const std::string& s) {
  return !s.empty() && s.size() <= 64 &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

// The addresses of pages (web/ui/src/pages.js draws each): {id} is a case
// number, {command} a command's name.
bool is_page(const std::string& path) {
  static const std::set<std::string> kFixed = {"/",
                                               "/sign-in",
                                               "/password",
                                               "/calendar",
                                               "/dashboard",
                                               "/cases",
                                               "/notifications/new",
                                               "/inbox",
                                               "/workspace",
                                               "/timeliness",
                                               "/actions",
                                               "/reports",
                                               "/imports",
                                               "/admin",
                                               "/admin/users",
                                               "/admin/users/new",
                                               "/admin/vocabularies",
                                               "/admin/rules",
                                               "/admin/audit",
                                               "/admin/access-log",
                                               "/admin/retention",
                                               "/admin/areas",
                                               "/admin/calendar"};
  if (kFixed.count(path)) return true;
  const auto parts = split_path(path);
  if (parts.size() < 2 || parts[0] != "cases" || !is_id(parts[1])) return false;
  if (parts.size() == 2) return true;                                            // /cases/{id}
  if (parts.size() == 4 && parts[2] == "act") return is_command_name(parts[3]);  // /cases/{id}/act/{command}
  return parts.size() == 4 && parts[2] == "documents" && parts[3] == "new";      // /cases/{id}/documents/new
}

// An asset's file name: letters, digits, '_', '-' and '.', not starting with '.'.
bool is_asset_name(const std::string& name) {
  if (name.empty() || name.size() > 100 || name[0] == '.' || name.find("..") != std::string::npos) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '.';
  });
}

const std::map<std::string, std::string>& content_types() {
  static const std::map<std::string, std::string> kTypes = {
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".map", "application/json; charset=utf-8"},
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
    throw ApiError{Problem::UiNotBuilt,
                   "No index.html in " + app.settings().ui_dir + " (build the project, or set --ui-dir).",
                   Json::object()};
  }
  HttpResponse out;
  out.status = status;
  out.content_type = "text/html; charset=utf-8";
  out.body = std::move(*html);
  return out;
}

ApiError not_found() { return ApiError{Problem::NotFound, "There is nothing at this address.", Json::object()}; }

}  // namespace

HttpResponse serve_ui(const HttpRequest& request, App& app) {
  if (request.method != "GET") {
    ApiError e{Problem::MethodNotAllowed, "Pages are only read (GET).", Json::object()};
    throw e;
  }
  static const std::string kAssets = "/assets/";
  // Browsers and bookmarks ask for /favicon.ico whatever the page links; the
  // icon is one SVG, which every browser this serves reads at either address.
  const bool favicon = request.path == "/favicon.ico";
  if (favicon || request.path.rfind(kAssets, 0) == 0) {
    const std::string name = favicon ? "favicon.svg" : request.path.substr(kAssets.size());
    if (!is_asset_name(name)) throw not_found();
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
  return page(app, is_page(request.path)
                       ? 200
                       : 404);  // a 404 page says "Page not found"  // the page script says "Page not found"
}

}  // namespace casereview::web
