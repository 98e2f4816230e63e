#pragma once
// Takes the national data set's cases through their workflows' own commands,
// inside the caller's write transaction (CaseService::open_within and
// apply_within), so that a batch of cases is one commit.
//
// A case's story is written as if it happened: each step has the date it is
// taken, and a step dated after today is not taken, nor anything after it, so
// the cases of the last months stop where they would stand today.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "casereview/engine/case_service.h"

namespace casereview::demo {

class CaseWriter {
 public:
  CaseWriter(StoreSession& session, const CaseService& cases, const RequestContext& context)
      : session_(session), cases_(cases), context_(context) {}

  Date today() const { return context_.today; }
  long long events() const { return events_; }
  // Cases opened of `kind` (by open() or by a step), so far.
  long long opened_of_kind(const std::string& kind) const {
    const auto found = opened_by_kind_.find(kind);
    return found == opened_by_kind_.end() ? 0 : found->second;
  }

  // What has been written so far, to go back to when a transaction is run
  // again (a store's retry undoes what the run before wrote).
  struct Tally {
    long long events = 0;
    std::map<std::string, long long> opened_by_kind;
  };
  Tally tally() const { return {events_, opened_by_kind_}; }
  void restore(const Tally& tally) {
    events_ = tally.events;
    opened_by_kind_ = tally.opened_by_kind;
  }

  // Opens a case of `kind` dated `on`; nothing when `on` is after today. Warnings
  // (a late notification) are confirmed as the user who saw them would.
  // Throws std::logic_error naming the refusal when the workflow refuses.
  std::optional<CaseRecord> open(const std::string& kind, const Json& facts, Date on);

  // Takes `command` on `current` dated `on` and updates `current`; returns false
  // and takes nothing when `on` is after today. Throws std::logic_error when the
  // workflow refuses the step.
  bool step(CaseRecord& current, const std::string& command, const Json& facts, Date on);

  // The case the last step that opened one opened with this relation
  // (rapid_review, lcspr, national_review, serious_incident_notification).
  CaseRecord opened(const std::string& relation) const;

 private:
  StoreSession& session_;
  const CaseService& cases_;
  const RequestContext& context_;
  std::vector<CaseRecord> last_opened_;
  long long events_ = 0;
  std::map<std::string, long long> opened_by_kind_;
};

}  // namespace casereview::demo
