#pragma once
// How long a child's identity is kept, and how it is erased.
//
// A case is *closed* when its workflow's state says no further work is
// expected (StateSpec::closed); its retention runs from the effective date of
// the last thing recorded on it (the closing step, or a document attached
// after), not counting retention's own events (a legal hold placed or lifted). Each partnership sets, per kind of case,
// how many years after that the identity is kept; kinds it has not set keep kDefaultRetentionYears. A legal hold keeps
// a case's identity whatever its retention says, until lifted.
//
// Erasure destroys the case's identifying details with the salt of the
// commitment its first event carries (so nobody can ever test a guess against
// that commitment) and the content of its documents that no other case holds;
// every event stays, so the case's chain, every report and `audit verify` are
// unchanged, and the pseudonym it had is kept for the redacted views. Only an
// administrator erases, one case at a time, giving a reason and typing the
// case's reference to confirm; the daily listing never erases anything.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "casereview/engine/date.h"
#include "casereview/engine/event.h"

namespace casereview {

// The events retention itself appends to a case's chain. They record what was
// done to the record, not work on the case: they never make a case active in a
// period nor move the day its retention runs from. (The store's
// for_each_closed_case() leaves out the same types, and the owner's, in SQL.)
inline constexpr const char* kRetentionEventTypes[] = {"legal_hold_placed", "legal_hold_lifted", "identity_erased"};
bool is_retention_event(std::string_view type);

// The effective date of the last event of `events` (in sequence order) that is
// a step: neither retention's own nor a change of the case owner (case_owner.h);
// `opened_on` when there is none.
Date last_step_on(const std::vector<Event>& events, Date opened_on);

// 25 years after closure, for every kind, until a partnership sets its own:
// longer than every limitation period a claim about the case could run in
// (the Limitation Act 1980: six years for most claims; three years from the
// eighteenth birthday for a personal injury to a child), and a deliberate
// over-estimate that the partnership's information governance lead replaces
// with its own retention schedule (README, "Retention and erasure").
inline constexpr int kDefaultRetentionYears = 25;
inline constexpr int kMinRetentionYears = 1;
inline constexpr int kMaxRetentionYears = 100;

struct RetentionPeriod {
  std::string case_kind;
  int years = kDefaultRetentionYears;
  bool is_default = true;  // false: set by the partnership
  std::string reason;      // why the partnership set it; "" for the default
  std::string set_by;
  std::optional<Instant> set_at;
};

struct LegalHold {
  long long case_id = 0;
  std::string reason;
  std::string placed_by;
  Instant placed_at;
};

struct IdentityErasure {
  long long case_id = 0;
  std::string pseudonym;  // what the redacted views showed; "" without a server key
  std::string reason;
  int documents_erased = 0;
  std::string erased_by;
  Instant erased_at;
};

// A case as retention sees it: where it stands and the last date recorded on it.
struct CaseForRetention {
  long long case_id = 0;
  std::string reference;
  std::string kind;
  std::string state;
  Date last_recorded;  // the effective date of its last event other than retention's own
  bool has_identity = false;
  std::optional<LegalHold> hold;
  std::optional<IdentityErasure> erasure;
};

// Where one closed case stands.
enum class RetentionStatus {
  Kept,        // its retention has not run out
  Due,         // it has: the identity may be erased (after confirmation)
  Held,        // a legal hold keeps it, whatever its retention says
  Erased,      // its identity is gone
  NoIdentity,  // nothing identifying was ever kept (nothing to erase)
};
const char* retention_status_name(RetentionStatus status);  // "kept", "due", "held", "erased", "no_identity"

struct RetentionItem {
  CaseForRetention item;
  Date closed_on;
  Date due_on;  // closed_on plus the kind's years (29 February becomes 28 February)
  RetentionStatus status = RetentionStatus::Kept;
};

// The kind's period among `periods` (the partnership's), or the default.
RetentionPeriod period_for(const std::vector<RetentionPeriod>& periods, const std::string& case_kind);

// Where a closed case stands on `today`. A due date beyond the supported range
// (Date::last_supported) is that last date.
RetentionItem retention_item(const CaseForRetention& c, int years, Date today);

}  // namespace casereview
