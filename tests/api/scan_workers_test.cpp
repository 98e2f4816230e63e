// The reports and exports are built on a few threads of their own, whatever
// the number of requests asking (web/src/scan_workers.h).
#include "scan_workers.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "http/router.h"

namespace casereview::web {
namespace {

// `work` on `workers`, with a stream of its own (the server makes one for
// each request).
HttpResponse run(ScanWorkers& workers, std::function<HttpResponse()> work) {
  return workers.run(std::move(work), std::make_shared<AnswerStream>(AnswerStream::Limits{}));
}

HttpResponse answer(int status) {
  HttpResponse response;
  response.status = status;
  return response;
}

TEST(ScanWorkers, TheWorkOfManyRequestsRunsOnItsOwnFewThreads) {
  ScanWorkers workers(2);
  ASSERT_EQ(workers.threads(), 2);
  std::mutex mutex;
  std::set<std::thread::id> ran_on;
  std::set<std::thread::id> asked_from;
  std::vector<std::thread> requests;
  requests.reserve(16);
  for (int r = 0; r < 16; ++r) {
    requests.emplace_back([&, r] {
      for (int i = 0; i < 20; ++i) {
        const HttpResponse got = run(workers, [&] {
          const std::lock_guard<std::mutex> lock(mutex);
          ran_on.insert(std::this_thread::get_id());
          return answer(200 + r);
        });
        EXPECT_EQ(got.status, 200 + r) << "each request gets the answer of its own work";
      }
      const std::lock_guard<std::mutex> lock(mutex);
      asked_from.insert(std::this_thread::get_id());
    });
  }
  for (std::thread& t : requests) t.join();
  EXPECT_LE(ran_on.size(), 2u);
  EXPECT_GE(ran_on.size(), 1u);
  for (const std::thread::id& id : ran_on) EXPECT_EQ(asked_from.count(id), 0u) << "not on a request's thread";
}

TEST(ScanWorkers, AsManyRunAtOnceAsThereAreThreads) {
  constexpr int kThreads = 3;
  ScanWorkers workers(kThreads);
  std::mutex mutex;
  std::condition_variable changed;
  int running = 0;
  int most_at_once = 0;
  std::vector<std::thread> requests;
  requests.reserve(kThreads);
  for (int r = 0; r < kThreads; ++r) {
    requests.emplace_back([&] {
      run(workers, [&] {
        std::unique_lock<std::mutex> lock(mutex);
        most_at_once = std::max(most_at_once, ++running);
        changed.notify_all();
        // Each waits until all are running: only possible if they run at once.
        changed.wait(lock, [&] { return most_at_once == kThreads; });
        --running;
        return answer(204);
      });
    });
  }
  for (std::thread& t : requests) t.join();
  EXPECT_EQ(most_at_once, kThreads);
}

TEST(ScanWorkers, WhatTheWorkThrowsReachesTheRequest) {
  ScanWorkers workers(1);
  EXPECT_THROW(run(workers, []() -> HttpResponse { throw std::runtime_error("no such period"); }), std::runtime_error);
  EXPECT_EQ(run(workers, [] { return answer(200); }).status, 200) << "the thread goes on after a failure";
}

TEST(ScanWorkers, WorkAskedForOnceTheyHaveStoppedIsRefusedNotLeftWaiting) {
  ScanWorkers workers(2);
  EXPECT_EQ(run(workers, [] { return answer(200); }).status, 200);
  workers.stop();
  EXPECT_THROW(run(workers, [] { return answer(200); }), std::runtime_error);
}

// A report or export added to the table without Work::Scan would be built on
// the request's thread again.
TEST(ScanWorkers, EveryReportAndExportRouteRunsOnThem) {
  int reports = 0;
  for (const Route& route : route_table()) {
    const bool report = route.pattern.rfind("/api/v1/reports/", 0) == 0;
    const bool export_ =
        route.pattern.rfind("/api/v1/exports/", 0) == 0 && route.pattern != "/api/v1/exports/ncmd/schema";
    const bool pack = route.pattern == "/api/v1/evidence-pack" || route.pattern == "/api/v1/audit/verification";
    if (report || export_ || pack) {
      ++reports;
      EXPECT_EQ(route.work, Work::Scan) << route.method << " " << route.pattern;
    } else {
      EXPECT_EQ(route.work, Work::Request) << route.method << " " << route.pattern;
    }
  }
  EXPECT_EQ(reports, 11);
}

}  // namespace
}  // namespace casereview::web
