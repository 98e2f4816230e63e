#pragma once
// How the API shows the domain: one function per thing shown, so that every
// route shows a case, a clock or a rule the same way.

#include "casereview/engine/case_service.h"
#include "casereview/engine/deadline_preview.h"
#include "casereview/engine/json.h"
#include "casereview/engine/workflow.h"

namespace casereview::web {

Json case_summary_json(const CaseRecord& record, const WorkflowSpec* spec);
// The full case: summary, state meaning, deadlines and the commands allowed now.
Json case_json(const CaseRecord& record, const WorkflowSpec& spec, const std::vector<ClockView>& clocks);
Json clock_json(const ClockView& view);
Json event_json(const Event& event);
Json command_json(const CommandSpec& command);
Json workflow_json(const WorkflowSpec& spec);
Json rule_json(const DeadlineRule& rule, const RuleTerms& in_force);
Json preview_json(const DeadlineRule& rule, const RuleTerms& terms, Date anchor, const DeadlinePreview& preview);
Json holiday_json(const BankHoliday& holiday);

}  // namespace casereview::web
