#include "casereview/engine/deadline_rule.h"

namespace casereview {
namespace {

struct UnitName {
  DeadlineUnit unit;
  const char* name;
};
constexpr UnitName kUnitNames[] = {
    {DeadlineUnit::WorkingDays, "working_days"},
    {DeadlineUnit::CalendarDays, "calendar_days"},
    {DeadlineUnit::CalendarMonths, "calendar_months"},
    {DeadlineUnit::Hours, "hours"},
    {DeadlineUnit::WorkingDaysBefore, "working_days_before"},
};

// The most a partnership may set, in any unit: generous, but it keeps a typing
// slip (1500 for 15) from producing a deadline years away.
constexpr int kMaxAmount = 366;

}  // namespace

const char* unit_name(DeadlineUnit unit) {
  for (const auto& u : kUnitNames) {
    if (u.unit == unit) return u.name;
  }
  return "unknown";
}

std::optional<DeadlineUnit> unit_from_name(std::string_view name) {
  for (const auto& u : kUnitNames) {
    if (name == u.name) return u.unit;
  }
  return std::nullopt;
}

const char* rule_kind_name(RuleKind kind) {
  switch (kind) {
    case RuleKind::Deadline:
      return "deadline";
    case RuleKind::Reminder:
      return "reminder";
    case RuleKind::PerAgencyRequest:
      return "per_agency_request";
    case RuleKind::MinimumPeriod:
      return "minimum_period";
  }
  return "unknown";
}

const char* source_tag_name(SourceTag tag) {
  switch (tag) {
    case SourceTag::Statutory:
      return "statutory";
    case SourceTag::LocalProcedure:
      return "local_procedure";
    case SourceTag::KnownPractice:
      return "known_practice";
  }
  return "unknown";
}

const AnchorOption* DeadlineRule::anchor(std::string_view anchor_id) const {
  for (const auto& a : anchors) {
    if (a.id == anchor_id) return &a;
  }
  return nullptr;
}

RuleTerms default_terms(const DeadlineRule& rule) {
  return {rule.amount, rule.unit, rule.anchors.empty() ? std::string() : rule.anchors.front().id};
}

Json terms_to_json(const RuleTerms& terms) {
  Json j = Json::object();
  j.set("amount", terms.amount);
  j.set("unit", unit_name(terms.unit));
  j.set("anchor", terms.anchor_id);
  return j;
}

std::optional<RuleTerms> terms_from_json(const Json& json) {
  const Json& unit = json["unit"];
  const auto parsed = unit_from_name(unit.is_string() ? unit.as_string() : "");
  if (!parsed || !json["amount"].is_integer() || !json["anchor"].is_string()) return std::nullopt;
  return RuleTerms{static_cast<int>(json["amount"].as_integer()), *parsed, json["anchor"].as_string()};
}

TermsOrError apply_setting(const DeadlineRule& rule, const RuleSetting& setting) {
  RuleTerms terms = default_terms(rule);
  if (setting.amount) {
    if (*setting.amount < 1 || *setting.amount > kMaxAmount) {
      return {std::nullopt, "the amount must be between 1 and " + std::to_string(kMaxAmount)};
    }
    if (!rule.amount_changeable) {
      const bool before = rule.unit == DeadlineUnit::WorkingDaysBefore;
      const bool stricter = before ? *setting.amount >= rule.amount : *setting.amount <= rule.amount;
      if (!stricter) {
        return {std::nullopt, "the amount of rule " + rule.id + " is fixed by its source (" +
                                  std::to_string(rule.amount) + " " + unit_name(rule.unit) +
                                  "); a partnership may make it stricter, never weaker"};
      }
    }
    terms.amount = *setting.amount;
  }
  if (setting.anchor_id) {
    if (!rule.anchor_changeable) {
      return {std::nullopt, "the anchor of rule " + rule.id + " is fixed and cannot be changed"};
    }
    if (!rule.anchor(*setting.anchor_id)) {
      std::string known;
      for (const auto& a : rule.anchors) known += (known.empty() ? "" : ", ") + a.id;
      return {std::nullopt,
              "rule " + rule.id + " has no anchor \"" + *setting.anchor_id + "\" (choose one of: " + known + ")"};
    }
    terms.anchor_id = *setting.anchor_id;
  }
  return {terms, ""};
}

RuleTerms terms_in_force(const DeadlineRule& rule, const std::map<std::string, RuleSetting>& settings) {
  auto found = settings.find(rule.id);
  if (found == settings.end()) return default_terms(rule);
  TermsOrError applied = apply_setting(rule, found->second);
  return applied.terms ? *applied.terms : default_terms(rule);
}

DueDate compute_due(const RuleTerms& terms, const Anchor& anchor, const WorkingDayCalendar& calendar) {
  switch (terms.unit) {
    case DeadlineUnit::WorkingDays: {
      const CalendarDate d = calendar.add_working_days(anchor.date, terms.amount);
      return {d.date, std::nullopt, d.provisional};
    }
    case DeadlineUnit::WorkingDaysBefore: {
      const CalendarDate d = calendar.subtract_working_days(anchor.date, terms.amount);
      return {d.date, std::nullopt, d.provisional};
    }
    case DeadlineUnit::CalendarDays:
      return {anchor.date.plus_days(terms.amount), std::nullopt, false};
    case DeadlineUnit::CalendarMonths:
      return {anchor.date.plus_months(terms.amount), std::nullopt, false};
    case DeadlineUnit::Hours: {
      const Instant start = anchor.at ? *anchor.at : london_start_of_day(anchor.date);
      const Instant due = start.plus_seconds(3600LL * terms.amount);
      return {london_date(due), due, false};
    }
  }
  return {anchor.date, std::nullopt, false};
}

}  // namespace casereview
