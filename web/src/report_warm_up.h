#pragma once
// Fills the reports' caches (App::yearly_facts, App::death_facts) when a server
// starts, so that the first yearly or CDOP annual report someone asks for
// reads no more than the ones after it. With empty caches the first report
// over ten years of national data reads every case's events and clocks (about
// 0.4 s for the yearly report, 0.9 s for the CDOP one, against 0.08 s and
// 0.16 s once held).
//
// On its own thread, started by the constructor, at the request threads'
// priority (lower, it would hold a scan connection and its read snapshot the
// longer on a busy machine): the server answers from the start, and a report
// asked for meanwhile is drawn as it would have been. For each partnership it draws both
// reports over every case opened up to today, which reads each case once, and
// logs REPORT_CACHES_WARMED with the cases held and the time it took (a
// failure: REPORT_WARM_UP_FAILED, and the caches fill as reports are asked
// for). Nothing else is kept: the reports themselves are thrown away.
// request_stop() has it stop after the report being drawn; the destructor
// asks the same and waits for it. `app` must outlive it.

#include <condition_variable>
#include <mutex>
#include <thread>

#include "memory_release.h"

namespace casereview::web {

class App;

class ReportWarmUp {
 public:
  // `read_much` is told how long the whole took, once it is done.
  ReportWarmUp(App& app, ReadMuch read_much);
  ~ReportWarmUp();
  ReportWarmUp(const ReportWarmUp&) = delete;
  ReportWarmUp& operator=(const ReportWarmUp&) = delete;

  // Blocks until it has finished (or failed, or stopped); true when it drew
  // every report.
  bool wait();
  // Draws no report after the one under way; does not wait.
  void request_stop();

 private:
  void run();
  bool warm_every_partnership();  // false when it failed or was stopped

  App& app_;
  ReadMuch read_much_;
  std::mutex mutex_;
  std::condition_variable finished_changed_;
  bool stopping_ = false;   // under mutex_
  bool finished_ = false;   // under mutex_
  bool succeeded_ = false;  // under mutex_
  std::thread thread_;      // last: it starts once the members above exist
};

}  // namespace casereview::web
