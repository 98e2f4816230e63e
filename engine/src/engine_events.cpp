#include "engine_events.h"

#include <vector>

namespace casereview::engine_events {

std::optional<CaseRecord> own_case(StoreSession& session, long long case_id, const RequestContext& context) {
  auto record = session.cases().find(case_id);
  if (!record || record->partnership_id != context.partnership_id()) return std::nullopt;
  return record;
}

void append_engine_event(StoreSession& session, CaseRecord& record, const std::string& type, const Json& payload,
                         const RequestContext& context) {
  std::vector<Event> events(1);
  events[0].type = type;
  events[0].actor = context.actor();
  events[0].recorded_at = context.now;
  events[0].effective_date = context.today;
  events[0].payload = payload.canonical();
  const long long expected_version = record.version;
  record.updated_at = context.now;
  chain_events(record, events);
  session.cases().append(record, expected_version, events);
}

}  // namespace casereview::engine_events
