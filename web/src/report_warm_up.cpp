#include "report_warm_up.h"

#include <algorithm>
#include <string>
#include <vector>

#include "app.h"
#include "log.h"

namespace casereview::web {
namespace {

// The financial years from the partnership's first case opened to today,
// oldest first, the last ending today; none without a case. Every case opened
// by today is active in the year it was opened, so these read each case.
std::vector<ReportPeriod> years_of_record(StoreSession& session, long long partnership_id, Date today) {
  CaseFilter every_case;
  every_case.partnership_id = partnership_id;
  const long long cases = session.cases().count(every_case);
  if (cases == 0) return {};
  every_case.limit = 1;
  every_case.offset = static_cast<int>(cases - 1);  // the list is newest opened first
  const std::vector<CaseRecord> oldest = session.cases().list(every_case);
  if (oldest.empty() || today < oldest.front().opened_on) return {};
  std::vector<ReportPeriod> years;
  for (ReportPeriod year = financial_year_containing(oldest.front().opened_on); year.from <= today;
       year = financial_year_containing(year.to.plus_days(1))) {
    years.push_back({year.from, std::min(year.to, today)});
  }
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
      for (const ReportPeriod& year : years_of_record(*session, partnership.id, context.today)) {
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
