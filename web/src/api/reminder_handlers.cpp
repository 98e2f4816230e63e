// The record of reminder e-mails: what was sent, failed or is being sent on a
// day in the partnership, to whom, about what (reminders.h, reminder_sender.h).
#include "api/handlers.h"
#include "api/request_helpers.h"
#include "app.h"

namespace casereview::web {

HttpResponse list_reminders(const HttpRequest& request, App& app) {
  only_query(request, {"day"});
  const Date day = query_date(request, "day").value_or(app.today());
  auto session = app.store().session();
  Json list = Json::array();
  for (const ReminderSend& s : session->reminders().for_day(request.who().partnership_id, day)) {
    Json item = Json::object();
    item.set("id", s.id);
    item.set("kind", s.kind);
    item.set("item", s.item_key);
    item.set("recipient", s.recipient);
    item.set("subject", s.subject);
    item.set("status", s.status);
    item.set("attempts", s.attempts);
    item.set("claimed_by", s.claimed_by);
    item.set("claimed_at", s.claimed_at.iso());
    item.set("sent_at", s.sent_at ? Json(s.sent_at->iso()) : Json());
    item.set("last_error", s.last_error.empty() ? Json() : Json(s.last_error));
    list.push(std::move(item));
  }
  Json body = Json::object();
  body.set("day", day.iso());
  body.set("reminders", std::move(list));
  return HttpResponse::json(200, body);
}

}  // namespace casereview::web
