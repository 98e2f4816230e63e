#include "casereview/engine/retention_service.h"

#include <algorithm>

#include "casereview/engine/keyed.h"
#include "casereview/engine/screening.h"
#include "casereview/engine/text.h"
#include "engine_events.h"

namespace casereview {
namespace {

using engine_events::append_engine_event;
using engine_events::own_case;

constexpr std::size_t kMinReasonCharacters = 10;
constexpr std::size_t kMaxReasonCharacters = 1000;

RetentionRefused refused(std::string code, std::string field, std::string message) {
  return RetentionRefused{std::move(code), std::move(field), std::move(message)};
}

RetentionRefused case_not_found() { return refused("CASE_NOT_FOUND", "", "There is no such case."); }

// The reason as it will be stored (a block of text, normal form C), or why not.
std::variant<std::string, RetentionRefused> checked_reason(const std::string& given) {
  const std::string reason = text::cleaned(given, text::Kind::Block);
  if (auto bad = text::forbidden_character(reason, text::Kind::Block)) {
    return refused("INVALID_MEMBER", "reason", "reason may not contain " + bad->described() + ".");
  }
  if (text::visible_characters(reason) < kMinReasonCharacters) {
    return refused("INVALID_MEMBER", "reason",
                   "reason must say why, in at least " + std::to_string(kMinReasonCharacters) + " characters.");
  }
  if (text::characters(reason) > kMaxReasonCharacters) {
    return refused("INVALID_MEMBER", "reason",
                   "reason is longer than " + std::to_string(kMaxReasonCharacters) + " characters.");
  }
  return reason;
}

// A reason that names the child or family is refused: it goes into the chain.
std::optional<RetentionRefused> identifying(StoreSession& session, const CaseRecord& record,
                                            const std::string& reason) {
  const auto subject = session.subjects().find(record.id);
  if (!subject) return std::nullopt;
  const std::optional<Event> opening = session.cases().opening_event(record.id);
  const std::set<Date> case_dates = opening ? dates_in(Json::parse(opening->payload)) : std::set<Date>{};
  if (auto kind = IdentityScreen(subject->details, case_dates).found_in(reason)) {
    return refused("IDENTIFIER_IN_FREE_TEXT", "reason",
                   "The reason contains " + *kind +
                       ": it is kept in the case's record, so it may not identify the "
                       "child or family.");
  }
  return std::nullopt;
}

}  // namespace

std::vector<RetentionPeriod> retention_periods(StoreSession& session, const WorkflowRegistry& registry,
                                               long long partnership_id) {
  const std::vector<RetentionPeriod> set = session.retention().periods(partnership_id);
  std::vector<RetentionPeriod> out;
  for (const Workflow* w : registry.all()) out.push_back(period_for(set, w->spec().kind));
  return out;
}

std::vector<RetentionItem> retention_schedule(StoreSession& session, const WorkflowRegistry& registry,
                                              long long partnership_id, Date today, const KeepRetentionItem& keep) {
  const std::vector<RetentionPeriod> periods = retention_periods(session, registry, partnership_id);
  std::vector<RetentionItem> out;
  session.retention().for_each_closed_case(partnership_id, registry.closed_states(), [&](const CaseForRetention& c) {
    RetentionItem item = retention_item(c, period_for(periods, c.kind).years, today);
    if (!keep || keep(item)) out.push_back(std::move(item));
  });
  std::stable_sort(out.begin(), out.end(),
                   [](const RetentionItem& a, const RetentionItem& b) { return a.due_on < b.due_on; });
  return out;
}

std::variant<RetentionPeriod, RetentionRefused> set_retention_period(StoreSession& session,
                                                                     const WorkflowRegistry& registry,
                                                                     const std::string& case_kind, int years,
                                                                     const std::string& reason,
                                                                     const RequestContext& context) {
  if (!registry.find(case_kind)) {
    return refused("NOT_FOUND", "", "There is no case kind \"" + case_kind + "\".");
  }
  if (years < kMinRetentionYears || years > kMaxRetentionYears) {
    return refused(
        "INVALID_MEMBER", "years",
        "years must be from " + std::to_string(kMinRetentionYears) + " to " + std::to_string(kMaxRetentionYears) + ".");
  }
  auto cleaned = checked_reason(reason);
  if (auto* no = std::get_if<RetentionRefused>(&cleaned)) return *no;
  RetentionPeriod period;
  period.case_kind = case_kind;
  period.years = years;
  period.is_default = false;
  period.reason = std::get<std::string>(cleaned);
  period.set_by = context.actor();
  period.set_at = context.now;
  session.write_transaction([&] { session.retention().set_period(context.partnership_id(), period); });
  return period;
}

std::variant<CaseRecord, RetentionRefused> set_legal_hold(StoreSession& session, long long case_id, bool held,
                                                          const std::string& reason, const RequestContext& context) {
  auto cleaned = checked_reason(reason);
  if (auto* no = std::get_if<RetentionRefused>(&cleaned)) return *no;
  const std::string why = std::get<std::string>(cleaned);
  std::variant<CaseRecord, RetentionRefused> result = case_not_found();
  session.write_transaction([&] {
    auto record = own_case(session, case_id, context);
    if (!record) return;
    if (auto no = identifying(session, *record, why)) {
      result = *no;
      return;
    }
    const bool in_force = session.retention().hold(case_id).has_value();
    if (!held && !in_force) {
      result = refused("NO_LEGAL_HOLD", "", record->reference + " has no legal hold to lift.");
      return;
    }
    Json payload = Json::object();
    payload.set("reason", why);
    append_engine_event(session, *record, held ? "legal_hold_placed" : "legal_hold_lifted", payload, context);
    if (held) {
      session.retention().place_hold(LegalHold{case_id, why, context.actor(), context.now});
    } else {
      session.retention().lift_hold(case_id);
    }
    result = *record;
  });
  return result;
}

std::variant<IdentityErasure, RetentionRefused> erase_identity(StoreSession& session, const WorkflowRegistry& registry,
                                                               long long case_id, const std::string& reason,
                                                               const std::string& confirm_reference,
                                                               const RequestContext& context) {
  auto cleaned = checked_reason(reason);
  if (auto* no = std::get_if<RetentionRefused>(&cleaned)) return *no;
  const std::string why = std::get<std::string>(cleaned);
  std::variant<IdentityErasure, RetentionRefused> result = case_not_found();
  session.write_transaction([&] {
    auto record = own_case(session, case_id, context);
    if (!record) return;
    if (confirm_reference != record->reference) {
      result = refused("ERASURE_NOT_CONFIRMED", "confirm_reference",
                       "Type the case's reference, " + record->reference + ", to confirm the erasure.");
      return;
    }
    if (session.retention().erasure(case_id)) {
      result = refused("IDENTITY_ERASED", "", "The identity of " + record->reference + " was erased already.");
      return;
    }
    if (!registry.is_closed(record->kind, record->state)) {
      result = refused("CASE_NOT_CLOSED", "",
                       record->reference + " is still open: a child's identity is erased only once the work is done.");
      return;
    }
    if (session.retention().hold(case_id)) {
      result = refused("LEGAL_HOLD", "", record->reference + " is under a legal hold: lift it first.");
      return;
    }
    const auto subject = session.subjects().find(case_id);
    if (!subject) {
      result = refused("NOTHING_TO_ERASE", "", record->reference + " keeps nothing that identifies a child.");
      return;
    }
    if (auto no = identifying(session, *record, why)) {
      result = *no;
      return;
    }
    IdentityErasure erasure;
    erasure.case_id = case_id;
    erasure.pseudonym = context.pseudonym_key.empty() ? "" : pseudonym(context.pseudonym_key, *subject);
    erasure.reason = why;
    erasure.erased_by = context.actor();
    erasure.erased_at = context.now;
    erasure.documents_erased = session.documents().erase_contents_of_case(case_id);
    session.subjects().erase(case_id);
    Json payload = Json::object();
    payload.set("reason", why);
    payload.set("documents_erased", erasure.documents_erased);
    append_engine_event(session, *record, "identity_erased", payload, context);
    session.retention().record_erasure(erasure);
    result = erasure;
  });
  return result;
}

}  // namespace casereview
