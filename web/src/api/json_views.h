#pragma once
// How the API shows the domain: one function per thing shown, so that every
// route shows a case, a clock or a rule the same way. Each returns a new JSON
// object and keeps nothing of its arguments. A value that is absent (an unset
// date, a case without a parent) is JSON null unless said otherwise below. Pure
// and thread-safe; none throws except event_json.

#include <map>

#include "casereview/engine/case_service.h"
#include "casereview/engine/csv.h"
#include "casereview/engine/deadline_preview.h"
#include "casereview/engine/json.h"
#include "casereview/engine/report_period.h"
#include "casereview/engine/review_records.h"
#include "casereview/engine/reviewer.h"
#include "casereview/engine/vocabulary.h"
#include "casereview/engine/workflow.h"
#include "http/http_types.h"

namespace casereview::web {

// `spec` may be null (a kind no workflow declares): the state's name then stands
// for its title and "closed" is false.
Json case_summary_json(const CaseRecord& record, const WorkflowSpec* spec);
// A case as its reader sees it (CaseDetail): for a reader who may not read the
// case (an agency after answering a request) only the summary; otherwise the
// state's meaning, clocks, the steps the reader may take, records, spine,
// pseudonym, and the child's identity when the detail carries it. `today`
// dates the records' overdue flags. detail.spec must not be null unless the
// view is None (CaseService never returns one so). "pseudonym" is null when
// there is none; "subject" and "commissioning" are left out when absent.
// Adds `"name":value_text` as the last member of `object`, the compact text of
// a JSON object (Json::dump); `value_text` must be the text of a JSON value.
// For parts of an answer made once and kept as text (CommandViews,
// kept_answers.h). Throws std::logic_error when `object` is not an object's text.
void append_member_text(std::string& object, const std::string& name, const std::string& value_text);

class CommandViews;
// A case's page, but for the steps its reader may take (detail.allowed_commands),
// which CommandViews::add_allowed adds to its text as it is sent.
Json case_detail_json(const CaseDetail& detail, Date today);
// view.rule may be null (a rule no workflow declares any more): the rule id then
// stands for the title, "who_acts" is "" and "kind" is "deadline". "due_date" is
// null while paused; "due_at" is there only for hour-based rules, "remaining"
// only while paused.
Json clock_json(const ClockView& view);
// Throws JsonParseError if the stored payload is not JSON.
Json event_json(const Event& event);
// The same with the event's payload already parsed.
Json event_json(const Event& event, Json payload);
Json command_json(const CommandSpec& command);
// command_json of every command of a registry, as text, made once (App keeps
// one for its workflows): a case's page lists the steps its reader may take,
// three quarters of its text, and making their descriptions again for every
// read was an eighth of an identity read; copying them and writing them out
// again, another tenth. Unchanged once made, so read by every request thread
// without a lock.
class CommandViews {
 public:
  CommandViews() = default;
  explicit CommandViews(const WorkflowRegistry& workflows);
  // Adds "allowed_commands": [command_json of each of `allowed`] as the last
  // member of `object`, the compact text of a JSON object (Json::dump). The
  // text made for a command of the registry (valid while the registry's
  // workflows are), made now for any other.
  void add_allowed(std::string& object, const std::vector<const CommandSpec*>& allowed) const;

 private:
  std::map<const CommandSpec*, std::string> made_;
};
Json workflow_json(const WorkflowSpec& spec);
Json rule_json(const DeadlineRule& rule, const RuleTerms& in_force);
Json preview_json(const DeadlineRule& rule, const RuleTerms& terms, Date anchor, const DeadlinePreview& preview);
// "notes" left out when empty.
Json holiday_json(const BankHoliday& holiday);
Json warning_json(const Warning& warning);
Json action_json(const ActionItem& action, Date today);
Json request_json(const AgencyRequest& request, Date today);
// "termination_reason" left out when empty.
Json contract_json(const Contract& contract);
Json commissioning_json(const CommissioningTime& time);
// Actions, agency requests, contracts and tags of one case, with labels from the vocabularies;
// a tag whose code they lack is shown with its code as label and as not active.
Json records_json(const ReviewRecords& records, const Vocabularies& vocabularies, Date today);
Json reviewer_json(const Reviewer& reviewer);
Json factor_json(const FactorCode& factor);
Json theme_json(const ThemeCode& theme);

// The child as a search result or the dashboard names them: enough to tell two
// children apart (given and family name, date of birth, NHS number; null when
// not recorded).
Json child_json(const Subject& subject);
// The owner as a case or the dashboard shows them: {username, name, assigned_by, assigned_at}.
Json owner_json(const CaseOwner& owner);

// {from, to} of a period.
Json period_json(const ReportPeriod& period);
// A JSON array of the strings.
Json string_list(const std::vector<std::string>& items);
// The content type of a CSV answer.
inline constexpr const char* kCsvContentType = "text/csv; charset=utf-8";
// A table to download: text/csv (RFC 4180, UTF-8) as an attachment named `filename`.
HttpResponse csv_response(CsvTable table, const std::string& filename);

}  // namespace casereview::web
