#pragma once
// The case record: a case row and its append-only, hash-chained event log.
//
// The event log is the record. Each event's hash is
//   SHA-256( prev_hash ‖ len:case_id ‖ len:seq ‖ len:type ‖ len:actor ‖
//            len:recorded_at ‖ len:effective_date ‖ len:payload )
// over the exact stored text of each field (length-prefixed so that no two
// different events serialise alike). The first event of a case chains to
// kGenesisHash. The case row keeps the head hash and the version (= the number of
// events), so a deleted last event is detected as well as an altered one.

#include <optional>
#include <string>
#include <vector>

#include "casereview/engine/date.h"

namespace casereview {

inline constexpr const char* kGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

struct Event {
  long long case_id = 0;
  long long seq = 0;    // 1, 2, 3, ... within the case
  std::string type;     // stable name, e.g. "notification_submitted"
  std::string actor;    // who caused it
  Instant recorded_at;  // when the system recorded it (UTC)
  Date effective_date;  // the statutory date it is about (England)
  std::string payload;  // canonical JSON text, exactly as hashed and stored
  std::string prev_hash;
  std::string hash;
};

struct CaseRecord {
  long long id = 0;
  std::string reference;  // "SIN-2026-0007": what people quote
  std::string kind;       // workflow kind, e.g. "serious_incident_notification"
  long long partnership_id = 0;
  std::string state;      // stable state name
  long long version = 0;  // number of events; optimistic-concurrency token
  std::string head_hash;  // hash of the last event; kGenesisHash before the first
  Date opened_on;         // effective date of the first event
  Instant created_at;
  Instant updated_at;
  std::string summary;  // short, non-identifying description
  // The case spine: the case whose step opened this one (0 for a first case),
  // and how it relates to it ("rapid_review", "lcspr", ...).
  long long parent_case_id = 0;
  std::string relation;
  std::string outcome;  // what the case concluded, short and non-identifying; "" until then
};

// SHA-256 of `data`, as 64 lowercase hex digits.
std::string sha256_hex(const std::string& data);

// The hash `event` must carry given its fields and prev_hash.
std::string compute_event_hash(const Event& event);

// Fills case_id, seq, prev_hash and hash of `events` so that they continue
// `record`'s chain (an empty head_hash counts as kGenesisHash), and advances
// record.version and record.head_hash to match.
void chain_events(CaseRecord& record, std::vector<Event>& events);

// The first place a case's chain does not verify.
struct ChainBreak {
  long long case_id = 0;
  long long seq = 0;  // the first bad event (events stored + 1 when that count is not the version)
  std::string problem;
};

// Checks that `events` are exactly seq 1..record.version, each linked to its
// predecessor, each hash matching its content, and the last hash equal to the
// case's head hash. Nullopt when intact.
std::optional<ChainBreak> verify_chain(const CaseRecord& record, const std::vector<Event>& events);

}  // namespace casereview
