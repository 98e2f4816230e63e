#pragma once
// How a handler uses the pages kept for requests (kept_pages.h):
//
//   auto session = app.store().session();
//   KeptPageForRequest kept(app.kept_pages(), request, "dashboard");  // first
//   ... read what the request asks (bad input throws as before) ...
//   kept.read_against(context.today, calendar_revision);
//   if (auto text = kept.answer(*session, context.now)) return json_text(200, *text);
//   session = reading_across_the_partnership(std::move(session), app);  // a list or the dashboard
//   ... make the page, logging the identities it names ...
//   return kept.made(body, logged, identities_shown, turns_after);
//
// The generation and time are taken at construction, before the store is
// read, so that a page read before a change of this server is never kept
// after it.

#include <memory>
#include <optional>
#include <set>
#include <string>

#include "casereview/engine/json.h"
#include "casereview/engine/repositories.h"
#include "http/http_types.h"
#include "kept_pages.h"

namespace casereview::web {

class App;

class KeptPageForRequest {
 public:
  // `what` names the handler in the key and, for a page that names children,
  // is what their reads are recorded as in the access log. The route's
  // parameters (a case's page: its case) and the query are in the key too.
  KeptPageForRequest(KeptPages& kept, const HttpRequest& request, std::string what);
  // Lets the requests waiting for the page this one made (answer) go on.
  ~KeptPageForRequest();
  KeptPageForRequest(const KeptPageForRequest&) = delete;
  KeptPageForRequest& operator=(const KeptPageForRequest&) = delete;

  // What the page is read against, beside the request: part of the key.
  void read_against(Date today, long long calendar_revision);

  // The page kept for this request that may be sent at `now`, once the
  // identities it shows are recorded as read (through `session`, in a write
  // transaction of its own); nullopt when there is none, or the record could
  // not be written: make the page. While another request makes the same page,
  // this one is answered from the page before it, kept within a couple of
  // seconds past its time (KeptReads::find_while_made_again), or else waits
  // for that one (KeptReads::claim) rather than make it again.
  std::optional<std::string> answer(StoreSession& session, Instant now);

  // The answer of the page `body` made now, kept for the requests after when
  // the reads of the identities it shows were logged (`logged`): one that
  // withheld them is never kept.
  HttpResponse made(const Json& body, bool logged, std::set<long long> identities_shown,
                    std::optional<Instant> turns_after);
  // The same, for a page whose text is already written.
  HttpResponse made(std::string text, bool logged, std::set<long long> identities_shown,
                    std::optional<Instant> turns_after);

  void hold(std::shared_ptr<const KeptPage> page);

 private:
  KeptPages& kept_;
  const HttpRequest& request_;
  const std::string what_;
  const long long generation_;
  const KeptPages::Clock::time_point read_at_;
  std::string key_;
  bool making_ = false;  // holds the claim to make the page
};

// The session to make a page that reads across the partnership on, in place
// of `request_session` (given back first): one of the few connections kept
// for such reads (Store::scan_session). A page answered from what is kept
// needs none of them, so answers from kept pages, which wait for their
// identity reads to be logged, are as many at once as the request threads,
// and share the writer's commits (group_commit.h), where holding one of the
// few would let no more than that few into one commit.
std::unique_ptr<StoreSession> reading_across_the_partnership(std::unique_ptr<StoreSession> request_session, App& app);

// A response of JSON already written as text.
HttpResponse json_text(int status, std::string body);

}  // namespace casereview::web
