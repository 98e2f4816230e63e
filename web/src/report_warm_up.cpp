#include "report_warm_up.h"

#include <string>
#include <vector>

#include "app.h"
#include "log.h"

namespace casereview::web {
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
      // Every case opened up to today is active in it: each is read once,
      // a few thousand at a time (case_facts_cache.h: kCasesReadAtOnce).
      // (Drawn a financial year at a time instead, the reports after the
      // warm-up took 10-15% longer: measured, alternating the two, on the
      // ten-year CDOP annual report.)
      const ReportPeriod every_case{Date::first_supported(), context.today};
      workflows::yearly_report(*session, app_.cases(), every_case, context, &app_.yearly_facts());
      if (stopping()) return false;
      // The report itself is thrown away: it names no case (naming every
      // death of ten years once took the server's peak up by 22 MB).
      workflows::cdop_annual_report(*session, every_case, context, &app_.death_facts(), 0);
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
