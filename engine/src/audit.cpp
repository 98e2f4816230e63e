#include "casereview/engine/audit.h"

#include "casereview/engine/keyed.h"

namespace casereview {

AuditReport verify_all_chains(CaseRepository& cases, std::optional<long long> partnership_id) {
  AuditReport report;
  for (long long id : cases.all_ids()) {
    const auto record = cases.find(id);
    if (!record) continue;  // deleted between the two reads: nothing to verify
    if (partnership_id && record->partnership_id != *partnership_id) continue;
    const std::vector<Event> events = cases.events(id);
    ++report.cases_checked;
    report.events_checked += static_cast<long long>(events.size());
    if (auto broken = verify_chain(*record, events)) report.broken.push_back({*record, *broken});
  }
  return report;
}

AuditReport verify_all(StoreSession& session, const std::string& key, std::optional<long long> partnership_id) {
  AuditReport report = verify_all_chains(session.cases(), partnership_id);
  report.checkpoint_findings =
      verify_checkpoints(session.checkpoints(), key, partnership_id, &report.checkpoints_checked);
  return report;
}

Checkpoint make_checkpoint(CaseRepository& cases, const std::string& key, const std::string& taken_by, Instant now) {
  Json heads = Json::object();
  for (long long id : cases.all_ids()) {
    const auto record = cases.find(id);
    if (!record || record->version == 0) continue;
    Json head = Json::object();
    head.set("version", record->version);
    head.set("hash", record->head_hash);
    head.set("partnership", record->partnership_id);
    heads.set(std::to_string(id), std::move(head));
  }
  Checkpoint c;
  c.taken_at = now;
  c.taken_by = taken_by;
  c.heads = heads.canonical();
  // The time is signed too, so a checkpoint cannot be moved in the sequence.
  c.signature = hmac_hex(key, c.taken_at.iso() + "\n" + c.heads);
  return c;
}

std::vector<CheckpointFinding> verify_checkpoints(CheckpointRepository& checkpoints, const std::string& key,
                                                  std::optional<long long> partnership_id, long long* checked) {
  std::vector<CheckpointFinding> findings;
  long long count = 0;
  for (const Checkpoint& c : checkpoints.all()) {
    ++count;
    if (hmac_hex(key, c.taken_at.iso() + "\n" + c.heads) != c.signature) {
      findings.push_back({c.id, c.taken_at, 0, 0, "the checkpoint's signature does not match its contents"});
      continue;
    }
    Json heads;
    try {
      heads = Json::parse(c.heads);
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
      const auto stored = checkpoints.event_hash(case_id, version);
      if (!stored) {
        findings.push_back({c.id, c.taken_at, case_id, partnership,
                            "event " + std::to_string(version) + " recorded by the checkpoint is missing"});
      } else if (*stored != head["hash"].as_string()) {
        findings.push_back({c.id, c.taken_at, case_id, partnership,
                            "event " + std::to_string(version) + " differs from the one the checkpoint signed"});
      }
    }
  }
  if (checked) *checked = count;
  return findings;
}

}  // namespace casereview
