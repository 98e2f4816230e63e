#include "demo/national_writer.h"

#include <algorithm>
#include <stdexcept>

#include "demo/demonstration.h"

namespace casereview::demo {

std::optional<CaseRecord> CaseWriter::open(const std::string& kind, const Json& facts, Date on) {
  if (on > context_.today) return std::nullopt;
  OpenRequest request{kind, facts, {}};
  CommandOutcome result = cases_.open_within(session_, request, context_);
  if (const auto* confirm = std::get_if<outcome::NeedsConfirmation>(&result)) {
    for (const Warning& w : confirm->warnings) request.confirmed.push_back(w.code);
    result = cases_.open_within(session_, request, context_);
  }
  auto* changed = std::get_if<outcome::Changed>(&result);
  if (!changed) throw std::logic_error("national data: " + kind + " of " + on.iso() + " refused" + why_refused(result));
  events_ += static_cast<long long>(changed->new_events.size());
  ++opened_by_kind_[kind];
  return changed->record;
}

bool CaseWriter::step(CaseRecord& current, const std::string& command, const Json& facts, Date on) {
  if (on > context_.today) return false;
  const CommandOutcome result =
      cases_.apply_within(session_, current.id, Command{command, facts}, current.version, context_);
  const auto* changed = std::get_if<outcome::Changed>(&result);
  if (!changed) {
    throw std::logic_error("national data: " + command + " of " + on.iso() + " on " + current.reference + " (" +
                           current.state + ") refused" + why_refused(result));
  }
  events_ += static_cast<long long>(changed->new_events.size());
  current = changed->record;
  if (!changed->opened.empty()) last_opened_ = changed->opened;
  for (const CaseRecord& r : changed->opened) ++opened_by_kind_[r.kind];
  return true;
}

CaseRecord CaseWriter::opened(const std::string& relation) const {
  const auto found = std::find_if(last_opened_.begin(), last_opened_.end(),
                                  [&](const CaseRecord& r) { return r.relation == relation; });
  if (found == last_opened_.end()) throw std::logic_error("national data: the step opened no " + relation);
  return *found;
}

}  // namespace casereview::demo
