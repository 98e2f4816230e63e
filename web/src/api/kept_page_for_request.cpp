#include "api/kept_page_for_request.h"

#include <chrono>
#include <utility>

#include "api/handlers.h"
#include "app.h"

namespace casereview::web {
namespace {

// Longer than any page takes to make on a national data set (tens of
// milliseconds), short enough that a request stuck behind one that never
// finishes makes the page itself soon after. Also how long past its time a
// page may still be sent while another request makes it again.
constexpr std::chrono::milliseconds kMostWaitForAPage{2000};

// Each part with its length before it, so that no two requests' parts run
// together into one key.
void add_part(std::string& key, const std::string& part) {
  key += std::to_string(part.size());
  key += ':';
  key += part;
  key += ' ';
}

}  // namespace

KeptPageForRequest::KeptPageForRequest(KeptPages& kept, const HttpRequest& request, std::string what)
    : kept_(kept),
      request_(request),
      what_(std::move(what)),
      generation_(kept.generation()),
      read_at_(KeptPages::Clock::now()) {
  const Principal& who = request.who();
  add_part(key_, what_);
  add_part(key_, std::to_string(who.partnership_id));
  add_part(key_, std::to_string(who.user_id));
  add_part(key_, role_name(who.role));
  add_part(key_, who.agency);
  // What the route names (a case's page, its case) and the query, as
  // decoded and in name order: the same question however it was written.
  for (const auto* named : {&request.params, &request.query}) {
    add_part(key_, std::to_string(named->size()));
    for (const auto& [name, value] : *named) {
      add_part(key_, name);
      add_part(key_, value);
    }
  }
}

void KeptPageForRequest::read_against(Date today, long long calendar_revision) {
  add_part(key_, today.iso());
  add_part(key_, std::to_string(calendar_revision));
}

KeptPageForRequest::~KeptPageForRequest() {
  if (making_) kept_.release(key_);
}

std::optional<std::string> KeptPageForRequest::answer(StoreSession& session, Instant now) {
  auto found = kept_.find(key_, read_at_);
  if (!found && !making_) {
    // Turned stale and being made again by another request: the page before
    // it is sent meanwhile, so that a page tens of milliseconds in the making
    // holds up its maker alone and not every reader asking for it then.
    making_ = kept_.try_claim(key_);
    if (!making_) found = kept_.find_while_made_again(key_, read_at_, kMostWaitForAPage);
  }
  if (!found && !making_) {
    making_ = kept_.claim(key_, kMostWaitForAPage);
    // Made by another meanwhile: sent as that one sends it, at about the same
    // moment (its age bounded by find, as any kept page's; a page made again
    // here at `now` would show the clocks as it does).
    if (!making_) found = kept_.find(key_, KeptPages::Clock::now());
  }
  if (!found) return std::nullopt;
  const KeptPage& page = **found;
  if (page.turns_after && now > *page.turns_after) return std::nullopt;
  if (!identity_reads_logged(session, request_, page.identities_shown, what_)) return std::nullopt;
  return page.text;
}

HttpResponse KeptPageForRequest::made(const Json& body, bool logged, std::set<long long> identities_shown,
                                      std::optional<Instant> turns_after) {
  return made(body.dump(), logged, std::move(identities_shown), turns_after);
}

HttpResponse KeptPageForRequest::made(std::string text, bool logged, std::set<long long> identities_shown,
                                      std::optional<Instant> turns_after) {
  if (!logged) return json_text(200, std::move(text));
  auto page = std::make_shared<const KeptPage>(KeptPage{std::move(text), std::move(identities_shown), turns_after});
  hold(page);
  return json_text(200, page->text);
}

void KeptPageForRequest::hold(std::shared_ptr<const KeptPage> page) {
  kept_.hold(key_, std::move(page), generation_, read_at_);
}

std::unique_ptr<StoreSession> reading_across_the_partnership(std::unique_ptr<StoreSession> request_session, App& app) {
  request_session.reset();
  return app.store().scan_session();
}

HttpResponse json_text(int status, std::string body) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

}  // namespace casereview::web
