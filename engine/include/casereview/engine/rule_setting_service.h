#pragma once
// A partnership changes how it runs a deadline rule that the guidance leaves to
// it ([L] and [K] rules: the amount, the anchor, or both), with its reason. The
// one path for this, taken by the command line and by the API alike. A change
// applies to cases opened afterwards; open cases keep the terms recorded when
// they were opened.
//
// Expected refusals are values; a storage failure throws StorageError and
// changes nothing. Each call runs one write transaction of its own (do not call
// it inside one). Stateless; the session is not thread-safe.

#include <optional>
#include <string>
#include <variant>

#include "casereview/engine/repositories.h"
#include "casereview/engine/workflow.h"

namespace casereview {

// What to change: either part left empty keeps what the partnership has now
// (its earlier setting, or the rule's default).
struct RuleAdjustment {
  std::optional<int> amount;
  std::optional<std::string> anchor_id;
  std::string reason;  // required: recorded in the change log
};

struct RuleSettingRefused {
  enum class Why {
    NoSuchRule,
    NothingToChange,  // neither amount nor anchor given
    NoReason,
    NotAllowed,  // apply_setting() refuses: weaker than the statute, not changeable, unknown anchor
  };
  Why why;
  std::string message;  // for a person
};

// Records the adjustment for `partnership_id` and returns the terms the rule
// now runs on there.
std::variant<RuleTerms, RuleSettingRefused> change_rule_setting(StoreSession& session,
                                                                const WorkflowRegistry& workflows,
                                                                long long partnership_id, const std::string& rule_id,
                                                                const RuleAdjustment& adjustment,
                                                                const std::string& actor, Instant now);

}  // namespace casereview
