#pragma once
// What every report counts in: a figure is the cases behind a number, so that
// each number links to its cases.

#include <cstddef>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "casereview/engine/repositories.h"
#include "casereview/engine/review_records.h"
#include "casereview/engine/workflow.h"

namespace casereview::workflows {

struct CaseRef {
  long long id = 0;
  std::string reference;
};

// A report that names every case it counts (its CSV tables, the evidence
// pack) keeps every reference; one that will name only the first few of each
// figure (a page) is told so, and keeps those only.
inline constexpr std::size_t kNameEveryCase = std::numeric_limits<std::size_t>::max();

// One figure: how many cases, and which.
struct Figure {
  std::vector<CaseRef> cases;  // in case id order: the first `named_at_most` given to add()
  std::size_t unnamed = 0;     // counted past those
  std::size_t count() const { return cases.size() + unnamed; }
  void add(const CaseRef& ref, std::size_t named_at_most) {
    if (cases.size() < named_at_most) {
      cases.push_back(ref);
    } else {
      ++unnamed;
    }
  }
};

// A figure named by a code: a category, an age band, a factor, a theme.
struct CodedFigure {
  std::string code;
  std::string label;
  Figure cases;
};

// A review's actions, counted as partnerships report them.
struct ReviewActions {
  CaseRef review;
  std::string kind;
  int open = 0;  // open or in progress
  int completed = 0;
  int overdue = 0;  // not finished and past due today
};

// The actions of `records` added on or before `last_day`, with their status on
// `today`; nullopt when there are none.
std::optional<ReviewActions> review_actions(const CaseRecord& record, const ReviewRecords& records, Date last_day,
                                            Date today);

// Every case of the partnership (of `kind` only, when given), oldest id first.
std::vector<CaseRecord> partnership_cases(StoreSession& session, long long partnership_id,
                                          const std::string& kind = "");

// The filter of the partnership's cases (of `kind` only, when given) active in
// `period`, the workflows saying which states are closed: what a report over a
// period reads, rather than every case of a long record.
CaseFilter cases_active_in(const WorkflowRegistry& workflows, long long partnership_id, const ReportPeriod& period,
                           const std::string& kind = "");

// The filter of the partnership's cases of `kind` with a step in `period`
// (the latest step's date, which the store keeps on the case, on or after its
// first day), open or closed: a report that counts a case only by what a step
// in the period recorded (a notification made, a review opened or held) reads
// these rather than every case still open.
CaseFilter cases_stepped_in(long long partnership_id, const ReportPeriod& period, const std::string& kind);

// Whether actions_and_contracts reads each action's texts (its
// recommendation, action, evidence, note and the rest:
// ActionFilter::with_texts). A report that only counts actions leaves them:
// on the national data they were most of reading the actions.
enum class ActionTexts { Left, Read };

// The actions and contracts of every case of the partnership, read in two
// queries, by case id: what review_actions and case_view read of a case's
// records, without reading each case's (its requests and tags are not
// loaded); and each case that has an action, as its actions name it. With a
// `kind`, only the actions of cases of that kind (the contracts of every case
// still).
struct ActionsAndContracts {
  std::map<long long, ReviewRecords> records_of;  // by case id
  // Each case with an action, by id: its id, reference, kind and partnership
  // only (no other column is read), which is all that counting its actions
  // and case_view need.
  std::map<long long, CaseRecord> named;
};
ActionsAndContracts actions_and_contracts(StoreSession& session, long long partnership_id, ActionTexts texts,
                                          const std::string& kind = "");

// `active_cases` (the cases `active` picks) and the other cases of its
// partnership and kind with an action added on or before `last_day`, oldest
// id first: a report counts a review's actions whether or not its case was
// active in the period. The others are as `read.named` holds them (id,
// reference, kind, partnership): a report counts them by their actions only.
std::vector<CaseRecord> with_cases_of_actions(const CaseFilter& active, std::vector<CaseRecord> active_cases,
                                              const ActionsAndContracts& read, Date last_day);

// What belongs to many cases, read a run of them at a time: `cases` (of
// `partnership_id`) in runs of 2,000, in order, each handed to `read` with a
// filter naming just its cases and the run's bounds [first, end) in `cases`.
// Ten years of a national record's clocks, or its decisions, read at once
// held more than the rest of the answer made from them.
void in_runs_of_cases(const std::vector<CaseRecord>& cases, long long partnership_id,
                      const std::function<void(const CaseFilter& these, std::size_t first, std::size_t end)>& read);

// Events (as CaseRepository::events_of_types returns them) by case id.
std::map<long long, std::vector<Event>> events_by_case(std::vector<Event> events);

}  // namespace casereview::workflows
