// Calendar subscriptions: each user may have one secret address per
// partnership that a calendar program (Outlook, Google Calendar, Apple
// Calendar) reads without signing in, as an iCalendar feed (RFC 5545) of the
// deadlines the user acts on. The secret is shown once, when made; only its
// SHA-256 is stored. Making a new address or revoking ends the old one, which
// then answers 404 like any unknown address.
//
// What the feed holds, as the user would see it signed in: every open clock
// with a due date on a case the user may read (a manager's or panel member's
// partnership, an independent reviewer's own reviews), and for an agency
// contributor the open requests to their agency. Meetings appear as the clocks
// that call for them (the rapid review meeting, the child death review
// meeting): casereview records a meeting when it is held. References, rule
// titles and dates only: a calendar is not a place for a child's identity.
#include "api/handlers.h"
#include "api/json_views.h"
#include "api/request_helpers.h"
#include "app.h"
#include "casereview/engine/icalendar.h"
#include "casereview/engine/passwords.h"

namespace casereview::web {
namespace {

constexpr const char* kFeedPath = "/api/v1/calendar-feeds/";

Json feed_state_json(const std::optional<CalendarFeed>& feed) {
  Json j = Json::object();
  j.set("subscribed", feed.has_value());
  j.set("created_at", feed ? Json(feed->created_at.iso()) : Json());
  return j;
}

// Where the calendar's links point: --public-url when set; else the server's own
// address when its port is fixed; else (port 0, tests) paths alone.
std::string link_base(const Settings& settings) {
  std::string base = settings.public_url;
  if (base.empty() && settings.port > 0) {
    base = (settings.tls_certificate.empty() ? "http://" : "https://") + settings.bind + ":" +
           std::to_string(settings.port);
  }
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

// The open clocks of cases `principal` may read, as calendar events.
void add_clocks(std::vector<CalendarEvent>& events, StoreSession& session, App& app, const RequestContext& context) {
  std::map<long long, bool> readable;
  for (const CaseClock& cc : session.deadlines().open_clocks(context.partnership_id())) {
    if (!cc.clock.due) continue;  // paused: no date to show
    auto known = readable.find(cc.case_id);
    if (known == readable.end()) {
      const auto record = session.cases().find(cc.case_id);
      const bool may = record && case_view(context.principal, *record, session.review_records().for_case(cc.case_id)) !=
                                     CaseView::None;
      known = readable.emplace(cc.case_id, may).first;
    }
    if (!known->second) continue;
    const ClockView view = app.cases().clock_view(cc.clock, context);
    const std::string title = view.rule ? view.rule->title : cc.clock.rule_id;
    const std::string status = status_name(view.status);
    CalendarEvent e;
    e.uid = "clock-" + std::to_string(cc.case_id) + "-" + cc.clock.rule_id + "-" + cc.clock.anchor.date.iso() +
            "@casereview";
    e.day = cc.clock.due->date;
    e.summary = (view.status == ClockStatus::Overdue ? "Overdue: " : "Due: ") + title + " (" + cc.case_reference + ")";
    e.description = title;
    e.description.append(", ").append(cc.case_reference).append(". Started ").append(cc.clock.anchor.date.iso());
    e.description.append("; due ").append(cc.clock.due->date.iso()).append("; ").append(status);
    e.description.append(". Who acts: ").append(view.rule ? view.rule->who_acts : "see the case").append(".");
    e.url = link_base(app.settings()) + "/cases/" + std::to_string(cc.case_id);
    e.categories = {status, cc.case_kind};
    events.push_back(std::move(e));
  }
}

// The open requests to the agency of an agency contributor.
void add_requests(std::vector<CalendarEvent>& events, StoreSession& session, const Principal& principal, Date today,
                  const std::string& base) {
  if (principal.agency.empty()) return;
  for (const CaseRequest& r :
       session.review_records().requests_for_agency(principal.partnership_id, principal.agency)) {
    if (r.request.returned_on || !r.request.due) continue;
    CalendarEvent e;
    e.uid = "request-" + std::to_string(r.case_id) + "-" + r.request.agency + "-" + r.request.requested_on.iso() +
            "@casereview";
    e.day = r.request.due->date;
    e.summary = std::string(r.request.is_overdue(today) ? "Overdue: " : "Due: ") + "information for " +
                r.case_reference + " (" + r.request.agency + ")";
    e.description = "Asked on " + r.request.requested_on.iso() + " for " + r.request.purpose + "; due " +
                    r.request.due->date.iso() + ". Answer from your casereview inbox.";
    e.url = base + "/inbox";
    e.categories = {r.request.is_overdue(today) ? "overdue" : "requested"};
    events.push_back(std::move(e));
  }
}

}  // namespace

HttpResponse get_calendar_feed_state(const HttpRequest& request, App& app) {
  only_query(request, {});
  auto session = app.store().session();
  return HttpResponse::json(
      200, feed_state_json(session->calendar_feeds().live(request.who().user_id, request.who().partnership_id)));
}

HttpResponse make_calendar_feed(const HttpRequest& request, App& app) {
  only_query(request, {});
  const std::string secret = random_token();
  CalendarFeed feed;
  feed.token_hash = sha256_hex(secret);
  feed.user_id = request.who().user_id;
  feed.partnership_id = request.who().partnership_id;
  feed.created_at = Instant::now();
  auto session = app.store().session();
  session->write_transaction([&] { session->calendar_feeds().replace(feed); });
  Json body = feed_state_json(feed);
  body.set("path", kFeedPath + secret);
  return HttpResponse::json(201, body);
}

HttpResponse revoke_calendar_feed(const HttpRequest& request, App& app) {
  only_query(request, {});
  auto session = app.store().session();
  bool revoked = false;
  session->write_transaction([&] {
    revoked = session->calendar_feeds().revoke(request.who().user_id, request.who().partnership_id, Instant::now());
  });
  Json body = feed_state_json(std::nullopt);
  body.set("revoked", revoked);
  return HttpResponse::json(200, body);
}

HttpResponse read_calendar_feed(const HttpRequest& request, App& app) {
  only_query(request, {});
  const ApiError not_found{Problem::NotFound, "There is no calendar at this address: it was revoked or never made.",
                           Json::object()};
  auto session = app.store().scan_session();
  const auto feed = session->calendar_feeds().find(sha256_hex(request.params.at("token")));
  if (!feed || feed->revoked_at) throw not_found;
  const auto user = session->users().find(feed->user_id);
  const Membership* membership = user && user->active ? user->membership(feed->partnership_id) : nullptr;
  if (!membership) throw not_found;
  const RequestContext context = app.context(*session, principal_of(*user, *membership));
  std::vector<CalendarEvent> events;
  session->read_transaction([&] {
    add_clocks(events, *session, app, context);
    add_requests(events, *session, context.principal, context.today, link_base(app.settings()));
  });
  HttpResponse response;
  response.content_type = "text/calendar; charset=utf-8";
  response.headers.emplace_back("Cache-Control", "no-store");
  response.body = icalendar("casereview: " + user->display_name, events, Instant::now());
  return response;
}

}  // namespace casereview::web
