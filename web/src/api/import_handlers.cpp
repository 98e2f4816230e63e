// Importing spreadsheets of cases (workflows/case_import.h): the CSV is the
// request body; ?dry_run=true tries every row and writes nothing. A refused
// file is 422 IMPORT_REFUSED with every refused row, and nothing is written.
#include "api/handlers.h"
#include "api/json_views.h"
#include "api/request_helpers.h"
#include "app.h"
#include "casereview/workflows/case_import.h"

namespace casereview::web {
namespace {

workflows::ImportSheet sheet_param(const HttpRequest& request) {
  workflows::ImportSheet sheet{};
  const std::string name = request.params.at("sheet");
  if (!workflows::import_sheet_named(name, sheet)) {
    throw ApiError{Problem::NotFound, "There is no sheet \"" + name + "\" to import: safeguarding, deaths.",
                   Json::object()};
  }
  return sheet;
}

Json report_json(const workflows::ImportReport& report) {
  Json out = Json::object();
  out.set("sheet", workflows::import_sheet_name(report.sheet));
  out.set("file_name", report.file_name);
  out.set("file_sha256", report.file_sha256);
  out.set("rows", report.rows);
  out.set("dry_run", report.dry_run);
  out.set("written", report.written);
  Json refused = Json::array();
  for (const workflows::ImportProblem& p : report.refused) {
    Json row = Json::object();
    row.set("row", p.row);
    row.set("reference", p.source_reference);
    row.set("column", p.column);
    row.set("message", p.message);
    refused.push(row);
  }
  out.set("refused", std::move(refused));
  Json cases = Json::array();
  for (const workflows::ImportedCase& c : report.cases) {
    Json row = Json::object();
    row.set("row", c.row);
    row.set("reference", c.source_reference);
    row.set("case_references", string_list(c.references));
    cases.push(row);
  }
  out.set("cases", std::move(cases));
  return out;
}

}  // namespace

HttpResponse list_imports(const HttpRequest& request, App& app) {
  only_query(request, {});
  auto session = app.store().session();
  Json items = Json::array();
  for (const ImportRecord& r : session->imports().for_partnership(request.who().partnership_id)) {
    Json item = Json::object();
    item.set("id", r.id);
    item.set("sheet", r.sheet);
    item.set("file_name", r.file_name);
    item.set("file_sha256", r.file_sha256);
    item.set("rows", r.rows);
    item.set("imported_by", r.imported_by);
    item.set("imported_at", r.imported_at.iso());
    items.push(item);
  }
  Json out = Json::object();
  out.set("items", std::move(items));
  return HttpResponse::json(200, out);
}

HttpResponse get_import_columns(const HttpRequest& request, App& /*app*/) {
  only_query(request, {});
  const workflows::ImportSheet sheet = sheet_param(request);
  Json columns = Json::array();
  for (const workflows::ImportColumn& c : workflows::import_sheet_columns(sheet)) {
    Json column = Json::object();
    column.set("name", c.name);
    column.set("meaning", c.meaning);
    column.set("required", c.required);
    columns.push(column);
  }
  Json out = Json::object();
  out.set("sheet", workflows::import_sheet_name(sheet));
  out.set("columns", std::move(columns));
  return HttpResponse::json(200, out);
}

HttpResponse import_sheet(const HttpRequest& request, App& app) {
  only_query(request, {"dry_run", "file_name"});
  const workflows::ImportSheet sheet = sheet_param(request);
  const std::string type = media_type(request);
  if (type != "text/csv") {
    throw ApiError{Problem::UnsupportedMediaType, "Send the spreadsheet as text/csv (saved as CSV, UTF-8).",
                   Json::object()};
  }
  const bool dry_run = query_flag(request, "dry_run").value_or(false);
  const std::string file_name = query_text(request, "file_name").value_or("import.csv");
  auto session = app.store().session();
  const RequestContext context = app.context(*session, request.who());
  const workflows::ImportReport report =
      workflows::import_cases(*session, app.cases(), sheet, request.body, file_name, dry_run, context);
  if (!report.refused.empty()) {
    const std::size_t rows = report.refused.size();
    throw ApiError{Problem::ImportRefused,
                   std::to_string(rows) + (rows == 1 ? " problem" : " problems") +
                       " found; nothing was written. Correct the file and import it again.",
                   report_json(report)};
  }
  return HttpResponse::json(report.written ? 201 : 200, report_json(report));
}

}  // namespace casereview::web
