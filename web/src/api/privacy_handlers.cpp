// Identity on a need-to-know basis: the agency contributor's inbox, and the log
// of every read of a child's identifying details.
#include <set>

#include "api/handlers.h"
#include "api/json_views.h"
#include "api/request_helpers.h"
#include "app.h"
#include "log.h"

namespace casereview::web {

namespace {

AccessEntry access_entry(const HttpRequest& request, long long case_id, const std::string& what) {
  AccessEntry entry;
  entry.at = Instant::now();
  entry.username = request.who().username;
  entry.partnership_id = request.who().partnership_id;
  entry.case_id = case_id;
  entry.what = what;
  entry.reason = request.access_reason.substr(0, 500);
  return entry;
}

}  // namespace

void log_identity_read(StoreSession& session, const HttpRequest& request, long long case_id, const std::string& what) {
  session.write_transaction([&] { session.access_log().append(access_entry(request, case_id, what)); });
}

bool identity_reads_logged(StoreSession& session, const HttpRequest& request, const std::set<long long>& case_ids,
                           const std::string& what) {
  if (case_ids.empty()) return true;
  try {
    session.write_transaction([&] {
      session.access_log().append_for_cases(access_entry(request, 0, what),
                                            std::vector<long long>(case_ids.begin(), case_ids.end()));
    });
    return true;
  } catch (const StorageError& e) {
    log_line(LogLevel::Warning, "IDENTITY_WITHHELD",
             request.method + " " + path_for_log(request.path) + ": " + e.what());
    return false;
  }
}

HttpResponse get_inbox(const HttpRequest& request, App& app) {
  only_query(request, {});
  auto session = app.store().scan_session();
  const Date today = app.today();
  // Answered requests are listed for a year after their answer, by reference
  // and dates only: an agency of a national service answers thousands.
  const Date answered_since = today.plus_months(-12);
  Json list = Json::array();
  std::set<long long> identities_shown;
  for (const CaseRequest& r :
       session->review_records().requests_for_agency(request.who().partnership_id, request.who().agency)) {
    if (r.request.returned_on && *r.request.returned_on < answered_since) continue;
    Json item = request_json(r.request, today);
    item.set("case_id", r.case_id);
    item.set("case_reference", r.case_reference);
    item.set("case_kind", r.case_kind);
    item.set("case_version", r.case_version);  // the agency cannot read the case itself
    // The agency needs to know who the child is to find its records, while it
    // has them to find: the child of an answered request is not shown.
    const auto subject = r.request.returned_on ? std::nullopt : session->subjects().find(r.case_id);
    item.set("subject", subject ? subject->details : Json());
    if (subject) identities_shown.insert(r.case_id);
    list.push(std::move(item));
  }
  Json body = Json::object();
  if (!identity_reads_logged(*session, request, identities_shown, "agency_inbox")) {
    for (Json& item : list.items()) item.set("subject", Json());
    body.set("identity_withheld", kIdentityWithheld);
  }
  body.set("agency", request.who().agency);
  body.set("today", today.iso());
  body.set("answered_since", answered_since.iso());
  body.set("requests", std::move(list));
  return HttpResponse::json(200, body);
}

HttpResponse get_access_log(const HttpRequest& request, App& app) {
  only_query(request, {"case_id", "username", "format", "limit"});
  AccessFilter filter;
  filter.partnership_id = request.who().partnership_id;
  if (auto id = query_int(request, "case_id", 1, 2000000000)) filter.case_id = *id;
  filter.username = query_text(request, "username");
  filter.limit = query_int(request, "limit", 1, 100000).value_or(500);
  const std::string format = query_text(request, "format").value_or("json");
  if (format != "json" && format != "csv") {
    throw ApiError{Problem::InvalidQuery, "format is json or csv.", Json::object()};
  }
  auto session = app.store().scan_session();
  const auto entries = session->access_log().list(filter);
  if (format == "csv") {
    CsvTable table({"at", "username", "case_reference", "what", "reason"});
    for (const AccessEntry& e : entries) {
      table.row().text(e.at.iso()).text(e.username).text(e.case_reference).text(e.what).text(e.reason);
    }
    return csv_response(std::move(table), "access-log.csv");
  }
  Json list = Json::array();
  for (const AccessEntry& e : entries) {
    Json item = Json::object();
    item.set("at", e.at.iso());
    item.set("username", e.username);
    item.set("case_id", e.case_id ? Json(e.case_id) : Json());
    item.set("case_reference", e.case_reference);
    item.set("what", e.what);
    item.set("reason", e.reason);
    list.push(std::move(item));
  }
  return HttpResponse::json(200, Json::object().set("entries", list));
}

}  // namespace casereview::web
