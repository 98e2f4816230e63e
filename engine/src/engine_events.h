#pragma once
// What the engine's own services (retention, case owners) share: reading the
// partnership's case inside a transaction and appending an event of the
// engine's own (not a workflow's step) to its chain.

#include <optional>
#include <string>

#include "casereview/engine/case_service.h"

namespace casereview::engine_events {

// The partnership's case, read inside the transaction; nullopt for another's.
std::optional<CaseRecord> own_case(StoreSession& session, long long case_id, const RequestContext& context);

// Appends one event of type `type` to the case, dated today, by the actor;
// `record` is updated to the new head. Call inside a write transaction.
void append_engine_event(StoreSession& session, CaseRecord& record, const std::string& type, const Json& payload,
                         const RequestContext& context);

}  // namespace casereview::engine_events
