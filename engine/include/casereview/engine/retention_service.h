#pragma once
// Retention periods, legal holds and identity erasure (retention.h says the
// rule), as one partnership's administrator uses them. Each function that
// changes something runs one write transaction of its own on the given session;
// a refusal changes nothing.

#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "casereview/engine/case_service.h"
#include "casereview/engine/refusal.h"
#include "casereview/engine/retention.h"

namespace casereview {

// Why a retention request was refused (refusal.h).
using RetentionRefused = ServiceRefusal;

// The period of every registered kind for the partnership, in registry order.
std::vector<RetentionPeriod> retention_periods(StoreSession& session, const WorkflowRegistry& registry,
                                               long long partnership_id);

// Every closed case of the partnership with where it stands on `today`,
// earliest due first. With `keep`, only the cases it returns true for: it is
// shown each case as it is read (so it may count them all), and only those it
// keeps are held in memory, as a list of the cases due must not cost what a
// list of every closed case does.
using KeepRetentionItem = std::function<bool(const RetentionItem&)>;
std::vector<RetentionItem> retention_schedule(StoreSession& session, const WorkflowRegistry& registry,
                                              long long partnership_id, Date today, const KeepRetentionItem& keep = {});

// Sets the partnership's period for `case_kind`: kMinRetentionYears to
// kMaxRetentionYears, with a reason (a line of at least 10 visible characters).
std::variant<RetentionPeriod, RetentionRefused> set_retention_period(StoreSession& session,
                                                                     const WorkflowRegistry& registry,
                                                                     const std::string& case_kind, int years,
                                                                     const std::string& reason,
                                                                     const RequestContext& context);

// Places (held) or lifts a legal hold on a case of the partnership, with a
// reason, recorded as an event in the case's chain ("legal_hold_placed",
// "legal_hold_lifted"). Lifting when there is none is 409.
std::variant<CaseRecord, RetentionRefused> set_legal_hold(StoreSession& session, long long case_id, bool held,
                                                          const std::string& reason, const RequestContext& context);

// Erases the identity of a closed case of the partnership, due or not (the
// administrator decides; the schedule says what is due): `confirm_reference`
// must be the case's reference as the administrator typed it. Refused for an
// open case, while a legal hold is in force, for a case with nothing to erase,
// and twice. The reason is screened for the child's identity before it is
// written. Records the erasure and an "identity_erased" event in the case's chain.
std::variant<IdentityErasure, RetentionRefused> erase_identity(StoreSession& session, const WorkflowRegistry& registry,
                                                               long long case_id, const std::string& reason,
                                                               const std::string& confirm_reference,
                                                               const RequestContext& context);

}  // namespace casereview
