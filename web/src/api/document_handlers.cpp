// Documents attached to cases: upload (the raw bytes, typed by Content-Type),
// the case's list, and the permission-checked, logged download.

#include "api/handlers.h"
#include "api/json_views.h"
#include "api/request_helpers.h"
#include "app.h"
#include "http/content_disposition.h"
#include "http/problem.h"

namespace casereview::web {
namespace {

std::string kind_title(const std::string& code) {
  for (const DocumentKind& k : document_kinds()) {
    if (code == k.code) return k.title;
  }
  return code;
}

// What anyone who may know of the case sees of a document; the file name and
// the download link only for those who may read it.
Json document_json(const Document& d, bool readable) {
  Json out = Json::object();
  out.set("id", d.id);
  out.set("case_id", d.case_id);
  out.set("event_seq", d.event_seq);
  out.set("kind", d.kind);
  out.set("kind_title", kind_title(d.kind));
  out.set("media_type", d.media_type);
  out.set("size_bytes", d.size_bytes);
  out.set("sha256", d.sha256);
  out.set("uploaded_by", d.uploaded_by);
  out.set("uploaded_at", d.uploaded_at.iso());
  out.set("file_name", readable ? Json(d.file_name) : Json());
  out.set("href", readable ? Json("/api/v1/documents/" + std::to_string(d.id)) : Json());
  return out;
}

ApiError document_not_found() {
  return ApiError{Problem::DocumentNotFound, "There is no such document.", Json::object()};
}

}  // namespace

HttpResponse list_document_types(const HttpRequest& request, App& app) {
  only_query(request, {});
  Json kinds = Json::array();
  for (const DocumentKind& k : document_kinds()) {
    Json item = Json::object();
    item.set("code", k.code);
    item.set("title", k.title);
    kinds.push(item);
  }
  Json types = Json::array();
  for (const AcceptedMediaType& t : accepted_media_types()) {
    Json item = Json::object();
    item.set("media_type", t.media_type);
    item.set("title", t.title);
    Json extensions = Json::array();
    for (const auto& e : t.extensions) extensions.push(e);
    item.set("extensions", std::move(extensions));
    types.push(item);
  }
  Json out = Json::object();
  out.set("kinds", std::move(kinds));
  out.set("media_types", std::move(types));
  out.set("max_bytes", static_cast<long long>(app.settings().max_document_bytes));
  return HttpResponse::json(200, out);
}

HttpResponse upload_document(const HttpRequest& request, App& app) {
  only_query(request, {"kind", "name"});
  DocumentUpload upload;
  upload.kind = query_text(request, "kind").value_or("");
  upload.file_name = query_text(request, "name").value_or("");
  upload.media_type = media_type(request);
  upload.content = request.body;
  auto session = app.store().session();
  const RequestContext context = app.context(*session, request.who());
  const DocumentOutcome result =
      app.cases().attach_document(*session, case_id_param(request), upload, app.settings().max_document_bytes, context);
  if (std::holds_alternative<outcome::NotFound>(result)) throw problem_for(outcome::NotFound{});
  if (const auto* invalid = std::get_if<outcome::Invalid>(&result)) throw problem_for(*invalid);
  if (const auto* forbidden = std::get_if<outcome::Forbidden>(&result)) throw problem_for(*forbidden);
  if (const auto* refused = std::get_if<outcome::Refused>(&result)) throw problem_for(*refused);
  const auto& attached = std::get<outcome::Attached>(result);
  Json out = document_json(attached.document, true);
  out.set("case_version", attached.record.version);
  out.set("event", event_json(attached.event));
  HttpResponse response = HttpResponse::json(201, out);
  response.headers.emplace_back("Location", "/api/v1/documents/" + std::to_string(attached.document.id));
  return response;
}

HttpResponse list_case_documents(const HttpRequest& request, App& app) {
  only_query(request, {});
  auto session = app.store().session();
  const auto record = session->cases().find(case_id_param(request));
  if (!record || record->partnership_id != request.who().partnership_id) throw problem_for(outcome::NotFound{});
  const ReviewRecords records = session->review_records().for_case(record->id);
  if (!may_know_of(request.who(), *record, records)) throw problem_for(outcome::NotFound{});
  const bool sees_case = case_view(request.who(), *record, records) != CaseView::None;
  Json list = Json::array();
  for (const Document& d : session->documents().for_case(record->id)) {
    const bool readable = may_read_document(request.who(), *record, records, d.uploaded_by);
    if (!sees_case && !readable) continue;  // an agency sees only what it attached
    list.push(document_json(d, readable));
  }
  Json out = Json::object();
  out.set("case_id", record->id);
  out.set("may_attach", !document_refusal(request.who(), *record, records).has_value());
  out.set("documents", std::move(list));
  return HttpResponse::json(200, out);
}

HttpResponse download_document(const HttpRequest& request, App& app) {
  only_query(request, {});
  const auto id = id_param(request);
  if (!id) throw document_not_found();
  auto session = app.store().session();
  const auto document = session->documents().find(request.who().partnership_id, *id);
  if (!document) throw document_not_found();
  const auto record = session->cases().find(document->case_id);
  if (!record) throw document_not_found();
  const ReviewRecords records = session->review_records().for_case(record->id);
  if (!may_read_document(request.who(), *record, records, document->uploaded_by)) throw document_not_found();
  auto content = session->documents().content(document->sha256);
  if (!content && session->retention().erasure(record->id)) {
    throw ApiError{Problem::DocumentErased,
                   "The content of this document was erased with the identity of " + record->reference +
                       "; its name, kind, size and hash stay in the record.",
                   Json::object()};
  }
  // The stored bytes must still be what was attached: the hash is in the case's chain.
  if (!content || sha256_hex(*content) != document->sha256) {
    throw StorageError("document " + std::to_string(document->id) + " does not match its recorded hash");
  }
  log_identity_read(*session, request, record->id, "document " + std::to_string(document->id));
  HttpResponse response;
  response.status = 200;
  response.content_type = document->media_type;
  response.body = std::move(*content);
  response.headers.emplace_back("Content-Disposition", attachment_disposition(document->file_name));
  response.headers.emplace_back("X-Content-SHA256", document->sha256);
  return response;
}

}  // namespace casereview::web
