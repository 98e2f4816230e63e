#include "casereview/engine/audit.h"

#include <algorithm>
#include <map>
#include <utility>

#include "casereview/engine/keyed.h"

namespace casereview {
namespace {

// The stored hash of every event read, by (case id, seq).
using StoredHashes = std::map<std::pair<long long, long long>, std::string>;

AuditReport verify_chains(CaseRepository& cases, std::optional<long long> partnership_id, StoredHashes& hashes) {
  AuditReport report;
  for (long long id : cases.all_ids()) {
    const auto record = cases.find(id);
    if (!record) continue;  // deleted between the two reads: nothing to verify
    if (partnership_id && record->partnership_id != *partnership_id) continue;
    const std::vector<Event> events = cases.events(id);
    ++report.cases_checked;
    report.events_checked += static_cast<long long>(events.size());
    for (const Event& e : events) hashes[{id, e.seq}] = e.hash;
    if (auto broken = verify_chain(*record, events)) report.broken.push_back({*record, *broken});
  }
  return report;
}

// The time is signed too, so that a checkpoint cannot be moved in the sequence.
std::string signature_of(const std::string& key, Instant taken_at, const std::string& heads) {
  return hmac_hex(key, taken_at.iso() + "\n" + heads);
}

std::vector<CheckpointFinding> verify_checkpoints(const std::vector<Checkpoint>& checkpoints, const std::string& key,
                                                  const StoredHashes& hashes, std::optional<long long> partnership_id) {
  std::vector<CheckpointFinding> findings;
  for (const Checkpoint& c : checkpoints) {
    if (signature_of(key, c.taken_at, c.heads) != c.signature) {
      findings.push_back({c.id, c.taken_at, 0, 0, "the checkpoint's signature does not match its contents"});
      continue;
    }
    Json heads;
    try {
      // The signature holds, so the text is the one this server wrote: no
      // limit on its size but its own (about 113 bytes a case, past the
      // parser's default 4 MiB at some 37,000 cases).
      heads = Json::parse(c.heads, Json::Limits{Json::Limits{}.max_depth, c.heads.size()});
    } catch (const std::exception&) {
      findings.push_back({c.id, c.taken_at, 0, 0, "the checkpoint's heads cannot be read"});
      continue;
    }
    for (const auto& [case_text, head] : heads.members()) {
      // Signed by us, so well-formed: the members are ours.
      const long long case_id = std::stoll(case_text);
      const long long partnership = head["partnership"].as_integer();
      if (partnership_id && partnership != *partnership_id) continue;
      const long long version = head["version"].as_integer();
      const auto stored = hashes.find({case_id, version});
      if (stored == hashes.end()) {
        findings.push_back({c.id, c.taken_at, case_id, partnership,
                            "event " + std::to_string(version) + " recorded by the checkpoint is missing"});
      } else if (stored->second != head["hash"].as_string()) {
        findings.push_back({c.id, c.taken_at, case_id, partnership,
                            "event " + std::to_string(version) + " differs from the one the checkpoint signed"});
      }
    }
  }
  return findings;
}

// Every case with events, a partnership at a time (a query each) rather than
// a case at a time: the daily checkpoint reads them in the write transaction
// that stores it, and a query per case of a national record held every other
// write back for a second. Every case belongs to a listed partnership (its
// partnership_id is a NOT NULL foreign key); heads_json puts them in order.
std::vector<CaseRecord> chain_heads(StoreSession& session) {
  std::vector<CaseRecord> heads;
  for (const Partnership& p : session.partnerships().list()) {
    CaseFilter all;
    all.partnership_id = p.id;
    for (CaseRecord& r : session.cases().all_matching(all)) {
      if (r.version > 0) heads.push_back(std::move(r));
    }
  }
  return heads;
}

// The heads' canonical JSON (Json::canonical: members in byte order, no
// space), {"<case id>": {"hash", "partnership", "version"}}, written here:
// made with Json::set, whose search for a member of the same name makes n
// members cost n², 50,000 cases took two seconds.
std::string heads_json(const std::vector<CaseRecord>& heads) {
  std::vector<std::pair<std::string, const CaseRecord*>> named;
  named.reserve(heads.size());
  for (const CaseRecord& r : heads) named.emplace_back(std::to_string(r.id), &r);
  std::sort(named.begin(), named.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string text = "{";
  for (const auto& [name, r] : named) {
    if (text.size() > 1) text += ',';
    text += Json(name).dump() + ":{\"hash\":" + Json(r->head_hash).dump() +
            ",\"partnership\":" + std::to_string(r->partnership_id) + ",\"version\":" + std::to_string(r->version) +
            "}";
  }
  return text + "}";
}
}  // namespace

AuditReport verify_all(StoreSession& session, const std::string& key, std::optional<long long> partnership_id) {
  // One snapshot: a step committed while the chains are read must not show as
  // a case row ahead of its events (a broken chain that is not one).
  AuditReport report;
  session.read_transaction([&] {
    StoredHashes hashes;
    report = verify_chains(session.cases(), partnership_id, hashes);
    const std::vector<Checkpoint> checkpoints = session.checkpoints().all();
    if (key.empty()) {
      report.checkpoints_unchecked = static_cast<long long>(checkpoints.size());
      return;
    }
    report.checkpoints_checked = static_cast<long long>(checkpoints.size());
    report.checkpoint_findings = verify_checkpoints(checkpoints, key, hashes, partnership_id);
  });
  return report;
}

Checkpoint make_checkpoint(StoreSession& session, const std::string& key, const std::string& taken_by, Instant now) {
  Checkpoint c;
  c.taken_at = now;
  c.taken_by = taken_by;
  c.heads = heads_json(chain_heads(session));
  c.signature = signature_of(key, c.taken_at, c.heads);
  return c;
}

Checkpoint record_checkpoint(StoreSession& session, const std::string& key, const std::string& taken_by, Instant now) {
  Checkpoint checkpoint;
  session.write_transaction([&] {
    checkpoint = make_checkpoint(session, key, taken_by, now);
    session.checkpoints().add(checkpoint);
  });
  return checkpoint;
}

std::optional<Checkpoint> record_checkpoint_if_due(StoreSession& session, const std::string& key,
                                                   const std::string& taken_by, Instant now,
                                                   long long interval_seconds) {
  std::optional<Checkpoint> taken;
  session.write_transaction([&] {
    taken.reset();  // the transaction may run more than once (a store's retry)
    const auto latest = session.checkpoints().latest_taken_at();
    if (latest && now.seconds() - latest->seconds() < interval_seconds) return;
    taken = make_checkpoint(session, key, taken_by, now);
    session.checkpoints().add(*taken);
  });
  return taken;
}

}  // namespace casereview
