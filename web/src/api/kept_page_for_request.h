#pragma once
// How a handler uses the pages kept for requests (kept_pages.h):
//
//   KeptPageForRequest kept(app.kept_pages(), request, "dashboard");  // first
//   ... read what the request asks (bad input throws as before) ...
//   kept.read_against(context.today, calendar_revision);
//   if (auto text = kept.answer(*session, context.now)) return json_text(200, *text);
//   ... make the page ...
//   if (identities were logged) kept.hold(page);
//
// The generation and time are taken at construction, before the store is
// read, so that a page read before a change of this server is never kept
// after it.

#include <memory>
#include <optional>
#include <string>

#include "casereview/engine/repositories.h"
#include "http/http_types.h"
#include "kept_pages.h"

namespace casereview::web {

class KeptPageForRequest {
 public:
  // `what` names the handler in the key and, for a page that names children,
  // is what their reads are recorded as in the access log.
  KeptPageForRequest(KeptPages& kept, const HttpRequest& request, std::string what);

  // What the page is read against, beside the request: part of the key.
  void read_against(Date today, long long calendar_revision);

  // The page kept for this request that may be sent at `now`, once the
  // identities it shows are recorded as read (through `session`, in a write
  // transaction of its own); nullopt when there is none, or the record could
  // not be written: make the page.
  std::optional<std::string> answer(StoreSession& session, Instant now);

  void hold(std::shared_ptr<const KeptPage> page);

 private:
  KeptPages& kept_;
  const HttpRequest& request_;
  const std::string what_;
  const long long generation_;
  const KeptPages::Clock::time_point read_at_;
  std::string key_;
};

// A response of JSON already written as text.
HttpResponse json_text(int status, std::string body);

}  // namespace casereview::web
