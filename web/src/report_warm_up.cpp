#include "report_warm_up.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "app.h"
#include "log.h"

namespace casereview::web {
namespace {

// The financial years in which the partnership opened a case, up to today's,
// oldest first, the last ending today at the latest. A case is read by both
// reports in the year it was opened (it is active in it, and its opening is
// a step in it), so these read every case opened by today; a year in which
// none was opened would read only what another year read.
std::vector<ReportPeriod> years_cases_were_opened(StoreSession& session, long long partnership_id, Date today) {
  CaseFilter every_case;
  every_case.partnership_id = partnership_id;
  std::map<Date, Date> year_ends;
  for (const CaseRecord& c : session.cases().all_matching_brief(every_case)) {
    if (today < c.opened_on) continue;
    const ReportPeriod year = financial_year_containing(c.opened_on);
    year_ends[year.from] = std::min(year.to, today);
  }
  std::vector<ReportPeriod> years;
  years.reserve(year_ends.size());
  for (const auto& [from, to] : year_ends) years.push_back({from, to});
  return years;
}

}  // namespace

ReportWarmUp::ReportWarmUp(App& app, ReadMuch read_much)
    : app_(app), read_much_(std::move(read_much)), thread_([this] { run(); }) {}

ReportWarmUp::~ReportWarmUp() {
  request_stop();
  thread_.join();
}

void ReportWarmUp::request_stop() {
  std::lock_guard<std::mutex> lock(mutex_);
  stopping_ = true;
}

bool ReportWarmUp::wait() {
  std::unique_lock<std::mutex> lock(mutex_);
  finished_changed_.wait(lock, [&] { return finished_; });
  return succeeded_;
}

void ReportWarmUp::run() {
  const auto started = std::chrono::steady_clock::now();
  const bool succeeded = warm_every_partnership();
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  if (succeeded) {
    log_line(LogLevel::Info, "REPORT_CACHES_WARMED",
             std::to_string(app_.yearly_facts().size()) + " cases for the yearly report and " +
                 std::to_string(app_.death_facts().size()) + " deaths for the CDOP annual report, in " +
                 std::to_string(took.count()) + " ms");
  }
  if (read_much_) read_much_(took);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    finished_ = true;
    succeeded_ = succeeded;
  }
  finished_changed_.notify_all();
}

bool ReportWarmUp::warm_every_partnership() {
  const auto stopping = [&] {
    std::lock_guard<std::mutex> lock(mutex_);
    return stopping_;
  };
  try {
    std::vector<Partnership> partnerships;
    {
      auto session = app_.store().session();
      partnerships = session->partnerships().list();
    }
    for (const Partnership& partnership : partnerships) {
      if (stopping()) return false;
      // A report's own kind of session, as a request drawing it would take.
      auto session = app_.store().scan_session();
      const RequestContext context = app_.context(*session, system_principal("casereview", partnership));
      // A year at a time, as reports are asked for: one report over every
      // case held all of them at once (the server at 174 MB resident before
      // its first request on the national data set). A case active in
      // several years is read once and found in the cache after.
      for (const ReportPeriod& year : years_cases_were_opened(*session, partnership.id, context.today)) {
        if (stopping()) return false;
        workflows::yearly_report(*session, app_.cases(), year, context, &app_.yearly_facts());
        if (stopping()) return false;
        workflows::cdop_annual_report(*session, year, context, &app_.death_facts());
      }
    }
    return true;
  } catch (const std::exception& e) {
    // Nothing is lost: each report reads what its cache lacks.
    log_line(LogLevel::Warning, "REPORT_WARM_UP_FAILED",
             std::string(e.what()) + "; the reports' caches fill as reports are drawn instead");
    return false;
  } catch (...) {
    log_line(LogLevel::Warning, "REPORT_WARM_UP_FAILED", "the reports' caches fill as reports are drawn instead");
    return false;
  }
}

}  // namespace casereview::web
