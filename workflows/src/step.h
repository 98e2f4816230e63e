#pragma once
// What a workflow's guard and action functions receive, and small helpers for
// reading facts and history. Plain C++: no MSM here, so the functions that hold a
// workflow's rules compile quickly and can be read without knowing MSM.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "casereview/engine/parsed_payload.h"
#include "casereview/engine/workflow.h"

namespace casereview::workflows {

using Events = std::vector<NewEvent>;

// What an action records: the events of the step, the cases it opens on the spine
// and, when it concludes the case, a short outcome. It refers to the machine's
// own lists, for the length of the action.
struct Outcome {
  Events& events;
  std::vector<FollowOn>& opens;
  std::string& outcome;
  void add(NewEvent event) { events.push_back(std::move(event)); }
};

// One command being decided: the facts sent and what the workflow may look at.
// Facts have already been validated against the command's FieldSpecs, so a
// required date fact is present and a real date. The references are valid only
// while the command is decided.
struct Step {
  const Command& command;
  const DecisionContext& context;
  std::string_view state;  // the state the case is in ("" when opening)

  // date() throws std::logic_error when the fact is absent or not a date (a
  // field that is not a required date fact: a bug).
  Date date(const char* field) const;  // required date fact
  std::optional<Date> optional_date(const char* field) const;
  std::string text(const char* field) const;  // "" when absent
  // The visible characters of a text fact (text::visible_characters): what a
  // minimum length counts, so that spaces or invisible characters fill none of it.
  std::size_t visible_length(const char* field) const;
  bool flag(const char* field) const;  // false when absent
  // The most recent event of `type` in the case's history, or nullptr; points
  // into context.history.
  const Event* last(const char* type) const;
};

// The payload of a stored event, parsed (kept for the thread's next reader:
// parsed_payload.h). Throws JsonParseError if it is not JSON.
ParsedPayload payload_of(const Event& event);

// A guard's refusal with its reason and the fact at fault.
Refusal refuse(std::string reason, std::string field = "");

// The terms `rule_id` runs on for this case (recorded, or the default in `rules`).
// Throws std::logic_error when neither has the rule.
RuleTerms terms_for(const Step& step, const std::vector<DeadlineRule>& rules, const char* rule_id);

// A refusal when the date fact `field` (a required one: see Step::date) is before
// `earliest`, naming both dates for the reader; nullopt otherwise.
std::optional<Refusal> not_before(const Step& step, const char* field, Date earliest,
                                  const std::string& earliest_label);

}  // namespace casereview::workflows
