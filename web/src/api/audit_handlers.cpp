// Audit verification of the whole database and signed checkpoints of the chain
// heads (engine/audit.h). The API checks and reports the caller's partnership
// only; `casereview audit verify` checks the whole database.
#include "api/handlers.h"
#include "api/request_helpers.h"
#include "app.h"
#include "casereview/engine/audit.h"
#include "log.h"

namespace casereview::web {

HttpResponse get_audit_verification(const HttpRequest& request, App& app) {
  only_query(request, {});
  auto session = app.store().scan_session();
  const AuditReport report = verify_all(*session, app.server_key(), request.who().partnership_id);
  Json broken = Json::array();
  for (const AuditFinding& f : report.broken) {
    Json item = Json::object();
    item.set("case_id", f.record.id);
    item.set("case_reference", f.record.reference);
    item.set("first_bad_event", f.at.seq);
    item.set("problem", f.at.problem);
    broken.push(std::move(item));
  }
  Json checkpoints = Json::array();
  for (const CheckpointFinding& f : report.checkpoint_findings) {
    const auto record = f.case_id ? session->cases().find(f.case_id) : std::nullopt;
    Json item = Json::object();
    item.set("checkpoint_id", f.checkpoint_id);
    item.set("taken_at", f.taken_at.iso());
    if (record)
      item.set("case_reference", record->reference);
    else if (f.case_id)
      item.set("case_reference", "(case deleted)");
    item.set("problem", f.problem);
    checkpoints.push(std::move(item));
  }
  const bool intact = report.intact();
  if (!intact) log_line(LogLevel::Warning, "AUDIT_FAILED", "verification requested by " + request.who().username);
  Json body = Json::object();
  body.set("intact", intact);
  body.set("cases_checked", report.cases_checked);
  body.set("events_checked", report.events_checked);
  body.set("checkpoints_checked", report.checkpoints_checked);
  body.set("broken_chains", std::move(broken));
  body.set("checkpoint_findings", std::move(checkpoints));
  return HttpResponse::json(200, body);
}

HttpResponse record_checkpoint(const HttpRequest& request, App& app) {
  if (!request.body.empty()) only_members(json_body(request), {});  // nothing to say but {}
  auto session = app.store().session();
  Checkpoint checkpoint;
  try {
    checkpoint = record_checkpoint(*session, app.server_key(), request.who().username, Instant::now());
  } catch (const CheckpointKeyMismatch& e) {
    // Another server of the database signs with a different key, or the
    // newest checkpoint was altered: a fault of the installation, told to the
    // administrator who asked and logged for whoever runs the servers.
    log_line(LogLevel::Error, "CHECKPOINT_KEY_MISMATCH", e.what());
    throw ApiError{Problem::InternalError, "Nothing was signed: " + std::string(e.what())};
  }
  Json body = Json::object();
  body.set("taken_at", checkpoint.taken_at.iso());
  body.set("taken_by", checkpoint.taken_by);
  return HttpResponse::json(201, body);
}

}  // namespace casereview::web
