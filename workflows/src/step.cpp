#include "step.h"

#include "casereview/engine/text.h"

namespace casereview::workflows {

Date Step::date(const char* field) const {
  const auto d = optional_date(field);
  if (!d) throw std::logic_error(std::string("required date fact missing: ") + field);
  return *d;
}

std::optional<Date> Step::optional_date(const char* field) const {
  const Json& value = command.facts[field];
  return value.is_string() ? Date::parse(value.as_string()) : std::nullopt;
}

std::string Step::text(const char* field) const {
  const Json& value = command.facts[field];
  return value.is_string() ? value.as_string() : std::string();
}

std::size_t Step::visible_length(const char* field) const { return text::visible_characters(text(field)); }

bool Step::flag(const char* field) const {
  const Json& value = command.facts[field];
  return value.is_bool() && value.as_bool();
}

const Event* Step::last(const char* type) const {
  const auto& history = context.history;
  for (auto it = history.rbegin(); it != history.rend(); ++it) {
    if (it->type == type) return &*it;
  }
  return nullptr;
}

ParsedPayload payload_of(const Event& event) { return parsed_payload(event.payload); }

Refusal refuse(std::string reason, std::string field) {
  return Refusal{Refusal::Kind::GuardRefused, std::move(reason), std::move(field)};
}

RuleTerms terms_for(const Step& step, const std::vector<DeadlineRule>& rules, const char* rule_id) {
  const auto recorded = step.context.terms.find(rule_id);
  if (recorded != step.context.terms.end()) return recorded->second;
  for (const DeadlineRule& rule : rules) {
    if (rule.id == rule_id) return default_terms(rule);
  }
  throw std::logic_error(std::string("no deadline rule ") + rule_id);
}

std::optional<Refusal> not_before(const Step& step, const char* field, Date earliest,
                                  const std::string& earliest_label) {
  const Date date = step.date(field);
  if (date >= earliest) return std::nullopt;
  return refuse(std::string(field) + " (" + date.iso() + ") is before " + earliest_label + " (" + earliest.iso() + ")",
                field);
}

}  // namespace casereview::workflows
