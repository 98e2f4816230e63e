#pragma once
// Verification of the whole record: every case's event chain as stored, and the
// signed checkpoints of the chain heads.
//
// A chain proves that no event was altered, removed or reordered unless the
// chain was recomputed from the altered event on. Checkpoints close that gap:
// each holds the version and head hash, at one moment, of every case that
// changed since the checkpoint before it, and that checkpoint's signature,
// signed with the server key (kept outside the database); the first holds
// every case's. So every head a case has had at a checkpoint is signed once,
// and each signed head vouches for the chain beneath it. Whoever rewrites a
// case's chain, or deletes a case, cannot make the event hashes match an
// earlier checkpoint nor re-sign it, and cannot take a checkpoint out of the
// chain unseen; each case's record of the version last signed is held to the
// checkpoints, so that neither a case kept out of the next ones nor the newest
// checkpoint taken away goes unseen. A case opened or changed after the newest checkpoint is
// covered from the next. Checkpoints stored before they were chained hold
// every case's head and no previous signature, and are verified as signed.

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "casereview/engine/event.h"
#include "casereview/engine/repositories.h"

namespace casereview {

struct AuditFinding {
  CaseRecord record;  // the case with the broken chain
  ChainBreak at;      // its first broken link
};

// A checkpoint that does not hold: its signature, or a head it recorded.
struct CheckpointFinding {
  long long checkpoint_id = 0;
  Instant taken_at;
  long long case_id = 0;         // 0 when the checkpoint itself is bad
  long long partnership_id = 0;  // the case's, as the checkpoint recorded it
  std::string problem;
};

struct AuditReport {
  long long cases_checked = 0;
  long long events_checked = 0;
  long long checkpoints_checked = 0;
  long long checkpoints_unchecked = 0;  // without the key they were signed with
  std::vector<AuditFinding> broken;     // at most one finding per case, by case id
  std::vector<CheckpointFinding> checkpoint_findings;
  bool intact() const { return broken.empty() && checkpoint_findings.empty(); }
};

// Every case's chain (only the cases of `partnership_id` when one is given),
// then every signed checkpoint against `key`, one at a time: each signature,
// its link to the checkpoint before, and each head it recorded against the
// events just read. A checkpoint whose signature or link fails is reported
// whatever `partnership_id` (with case_id and partnership_id 0). Reads
// everything in one read transaction of its own (one snapshot, so a step
// committed meanwhile is not taken for tampering); do not call it inside
// another transaction. With an empty `key` (the key file was not given) the
// checkpoints are counted as unchecked, never reported as forged. Throws
// StorageError.
AuditReport verify_all(StoreSession& session, const std::string& key,
                       std::optional<long long> partnership_id = std::nullopt);

// Thrown when a checkpoint would be chained to one that its key did not sign:
// a wrong key file. Signing with it would mark every changed case as signed
// with a signature no verification with the real key accepts, and those heads
// would never be signed again.
struct CheckpointKeyMismatch : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Whether `key` signed the newest checkpoint (true when there is none): a
// server checks its key this way before it serves. Reads without a
// transaction of its own. Throws StorageError.
bool key_signed_newest_checkpoint(StoreSession& session, const std::string& key);

// Signs the current head of every case, in every partnership, whose version is
// past the one last signed, chained to the newest checkpoint (not stored;
// reads without a transaction of its own: call it in the write transaction
// that stores it, as record_checkpoint does). Throws CheckpointKeyMismatch
// when `key` did not sign the newest checkpoint.
Checkpoint make_checkpoint(StoreSession& session, const std::string& key, const std::string& taken_by, Instant now);

// Makes a checkpoint and stores it, in one write transaction of its own. The
// returned checkpoint's id stays 0 (the store does not report it). Throws
// StorageError.
Checkpoint record_checkpoint(StoreSession& session, const std::string& key, const std::string& taken_by, Instant now);

// As record_checkpoint, unless the newest checkpoint (by any process) was
// taken less than `interval_seconds` before `now`: checked in the same write
// transaction, so that servers sharing one database sign once. Returns the
// checkpoint taken, if one was. Throws StorageError.
std::optional<Checkpoint> record_checkpoint_if_due(StoreSession& session, const std::string& key,
                                                   const std::string& taken_by, Instant now,
                                                   long long interval_seconds);

}  // namespace casereview
