#include "casereview/engine/audit.h"

#include <algorithm>
#include <map>
#include <utility>

#include "casereview/engine/keyed.h"

namespace casereview {
namespace {

// The stored hash of every event read, by (case id, seq).
using StoredHashes = std::map<std::pair<long long, long long>, std::string>;

// Every case verified, by id: its partnership.
using CasesChecked = std::map<long long, long long>;

// Cases whose events are read at once: a few megabytes of events, and one
// query for a few hundred cases rather than two a case (100,000 queries for
// a national record, each a round trip on PostgreSQL).
constexpr std::size_t kCasesReadAtOnce = 500;

// Verifies one case's chain as read, and keeps its event hashes for the
// checkpoints.
void verify_case(const CaseRecord& record, const std::vector<Event>& events, AuditReport& report, StoredHashes& hashes,
                 CasesChecked& checked) {
  ++report.cases_checked;
  checked.emplace(record.id, record.partnership_id);
  report.events_checked += static_cast<long long>(events.size());
  for (const Event& e : events) hashes[{record.id, e.seq}] = e.hash;
  if (auto broken = verify_chain(record, events)) report.broken.push_back({record, *broken});
}

AuditReport verify_chains(StoreSession& session, std::optional<long long> partnership_id, StoredHashes& hashes,
                          CasesChecked& checked) {
  AuditReport report;
  std::vector<long long> partnerships;
  if (partnership_id) {
    partnerships.push_back(*partnership_id);
  } else {
    for (const Partnership& p : session.partnerships().list()) partnerships.push_back(p.id);
  }
  for (long long partnership : partnerships) {
    CaseFilter of_partnership;
    of_partnership.partnership_id = partnership;
    const std::vector<CaseRecord> records = session.cases().all_matching(of_partnership);
    for (std::size_t from = 0; from < records.size(); from += kCasesReadAtOnce) {
      const std::size_t to = std::min(records.size(), from + kCasesReadAtOnce);
      std::vector<long long> ids;
      for (std::size_t i = from; i < to; ++i) ids.push_back(records[i].id);
      std::vector<Event> read = session.cases().events_of_cases(ids);  // by case, then sequence
      auto next = read.begin();
      for (std::size_t i = from; i < to; ++i) {
        const CaseRecord& record = records[i];
        std::vector<Event> events;
        for (; next != read.end() && next->case_id == record.id; ++next) events.push_back(std::move(*next));
        verify_case(record, events, report, hashes, checked);
      }
    }
  }
  // A case of no partnership listed (its partnership's row deleted, with the
  // database's checks off) is in none of the lists above: the whole record's
  // verification still reads it, a case at a time.
  if (!partnership_id) {
    for (long long id : session.cases().all_ids()) {
      if (checked.count(id)) continue;
      if (const auto record = session.cases().find(id)) {
        verify_case(*record, session.cases().events(id), report, hashes, checked);
      }
    }
  }
  std::sort(report.broken.begin(), report.broken.end(),
            [](const AuditFinding& a, const AuditFinding& b) { return a.record.id < b.record.id; });
  return report;
}

// The time is signed too, so that a checkpoint cannot be moved in the
// sequence; a chained checkpoint signs the signature of the one before as
// well, so that none can be taken out of the chain unseen.
std::string signature_of(const std::string& key, const Checkpoint& c) {
  if (!c.previous_signature) return hmac_hex(key, c.taken_at.iso() + "\n" + c.heads);
  return hmac_hex(key, c.taken_at.iso() + "\n" + *c.previous_signature + "\n" + c.heads);
}

// Whether `key` made the checkpoint's signature from its contents.
bool signed_with(const std::string& key, const Checkpoint& c) { return signature_of(key, c) == c.signature; }

// Checks each checkpoint as it is read (oldest first): its signature, its
// place in the chain, and each head it recorded against the events read.
class CheckpointVerifier {
 public:
  CheckpointVerifier(const std::string& key, const StoredHashes& hashes, std::optional<long long> partnership_id)
      : key_(key), hashes_(hashes), partnership_id_(partnership_id) {}

  void check(const Checkpoint& c) {
    ++checked_;
    last_id_ = c.id;
    last_taken_at_ = c.taken_at;
    const std::string before = previous_;
    previous_ = c.signature;
    if (!signed_with(key_, c)) {
      findings_.push_back({c.id, c.taken_at, 0, 0, "the checkpoint's signature does not match its contents"});
      return;
    }
    // Chained to the one stored before it: one taken out between them, or put
    // in, breaks the chain. (The first chained one follows the last stored
    // before checkpoints were chained, or none.)
    if (c.previous_signature && *c.previous_signature != before) {
      findings_.push_back({c.id, c.taken_at, 0, 0, "the checkpoint signed before this one is missing or was altered"});
    }
    check_heads(c);
  }

  // Each case's record of the version last signed against the chained
  // checkpoints: written up to keep a case out of the next checkpoints, or
  // left behind when the newest checkpoint was taken away, it is found.
  void check_signed(const std::map<long long, long long>& signed_versions, const CasesChecked& cases) {
    for (const auto& [case_id, partnership] : cases) {
      const auto recorded = signed_versions.find(case_id);
      const long long record = recorded == signed_versions.end() ? 0 : recorded->second;
      const auto signed_at = chained_.find(case_id);
      const long long signed_version = signed_at == chained_.end() ? 0 : signed_at->second;
      if (record == signed_version) continue;
      // Told under the newest checkpoint, which should have followed the record.
      findings_.push_back({last_id_, last_taken_at_, case_id, partnership,
                           "the case is recorded as signed at version " + std::to_string(record) +
                               ", but the checkpoints signed it at version " + std::to_string(signed_version)});
    }
  }

  long long checked() const { return checked_; }
  std::vector<CheckpointFinding> take_findings() { return std::move(findings_); }

 private:
  void check_heads(const Checkpoint& c) {
    Json heads;
    try {
      // The signature holds, so the text is the one this server wrote: no
      // limit on its size but its own (about 113 bytes a case, past the
      // parser's default 4 MiB at some 37,000 cases).
      heads = Json::parse(c.heads, Json::Limits{Json::Limits{}.max_depth, c.heads.size()});
    } catch (const std::exception&) {
      findings_.push_back({c.id, c.taken_at, 0, 0, "the checkpoint's heads cannot be read"});
      return;
    }
    for (const auto& [case_text, head] : heads.members()) {
      // Signed by us, so well-formed: the members are ours.
      const long long case_id = std::stoll(case_text);
      const long long partnership = head["partnership"].as_integer();
      if (partnership_id_ && partnership != *partnership_id_) continue;
      const long long version = head["version"].as_integer();
      if (c.previous_signature) {
        long long& highest = chained_[case_id];
        highest = std::max(highest, version);
      }
      const auto stored = hashes_.find({case_id, version});
      if (stored == hashes_.end()) {
        findings_.push_back({c.id, c.taken_at, case_id, partnership,
                             "event " + std::to_string(version) + " recorded by the checkpoint is missing"});
      } else if (stored->second != head["hash"].as_string()) {
        findings_.push_back({c.id, c.taken_at, case_id, partnership,
                             "event " + std::to_string(version) + " differs from the one the checkpoint signed"});
      }
    }
  }

  const std::string& key_;
  const StoredHashes& hashes_;
  std::optional<long long> partnership_id_;
  std::string previous_;  // the signature of the checkpoint read before, "" before the first
  long long checked_ = 0;
  long long last_id_ = 0;  // the newest checkpoint read (0: none)
  Instant last_taken_at_;
  std::map<long long, long long> chained_;  // case id → the highest version a chained checkpoint signed
  std::vector<CheckpointFinding> findings_;
};

// The heads' canonical JSON (Json::canonical: members in byte order, no
// space), {"<case id>": {"hash", "partnership", "version"}}, written here:
// made with Json::set, whose search for a member of the same name makes n
// members cost n², 50,000 cases took two seconds.
std::string heads_json(const std::vector<ChainHead>& heads) {
  std::vector<std::pair<std::string, const ChainHead*>> named;
  named.reserve(heads.size());
  for (const ChainHead& h : heads) named.emplace_back(std::to_string(h.case_id), &h);
  std::sort(named.begin(), named.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string text = "{";
  for (const auto& [name, r] : named) {
    if (text.size() > 1) text += ',';
    text += Json(name).dump() + ":{\"hash\":" + Json(r->hash).dump() +
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
    CasesChecked cases;
    report = verify_chains(session, partnership_id, hashes, cases);
    if (key.empty()) {
      report.checkpoints_unchecked = session.checkpoints().count();
      return;
    }
    CheckpointVerifier verifier(key, hashes, partnership_id);
    session.checkpoints().for_each([&](const Checkpoint& c) { verifier.check(c); });
    verifier.check_signed(session.checkpoints().signed_versions(), cases);
    report.checkpoints_checked = verifier.checked();
    report.checkpoint_findings = verifier.take_findings();
  });
  return report;
}

bool key_signed_newest_checkpoint(StoreSession& session, const std::string& key) {
  const std::optional<Checkpoint> newest = session.checkpoints().latest();
  return !newest || signed_with(key, *newest);
}

Checkpoint make_checkpoint(StoreSession& session, const std::string& key, const std::string& taken_by, Instant now) {
  const std::optional<Checkpoint> newest = session.checkpoints().latest();
  if (newest && !signed_with(key, *newest)) {
    throw CheckpointKeyMismatch("the server key given did not sign this database's newest checkpoint (" +
                                newest->taken_at.iso() +
                                "), or that checkpoint was altered: no checkpoint is taken with it. Give the key "
                                "the database was signed with, and run casereview audit verify with it to see "
                                "what changed");
  }
  Checkpoint c;
  c.taken_at = now;
  c.taken_by = taken_by;
  c.heads = heads_json(session.checkpoints().unsigned_heads());
  c.previous_signature = newest ? newest->signature : "";
  c.signature = signature_of(key, c);
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
