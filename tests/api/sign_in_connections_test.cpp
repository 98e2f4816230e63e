// A sign-in reads everything it needs through its request's own database
// connection (web/src/api/account_handlers.cpp). The pool has as many
// connections as the server has request threads: a sign-in that asked the
// pool for a second connection while holding its first (to look for older
// password hashes, http/sign_in_decoys.h) waited for good once every request
// thread was signing in at once, as the crash harness's four writers did on a
// server of four. Here the pool has one connection, so such a sign-in would
// wait for itself on every run.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <future>
#include <iostream>
#include <thread>

#include "api/handlers.h"
#include "app.h"
#include "demonstration_settings.h"

namespace casereview::web {
namespace {

TEST(SignInConnections, ASignInOnAServerOfOneConnectionIsAnsweredAndSaysWhetherOlderHashesRemain) {
  testing_support::TempDir dir;
  Settings settings = testing_support::demonstration_settings(dir, "one.db");
  settings.threads = 1;  // one request connection in the pool
  App app(settings, db::SchemaMode::CreateIfEmpty);
  HttpRequest request;
  request.method = "POST";
  request.path = "/api/v1/session";
  request.content_type = "application/json";
  request.remote_address = "127.0.0.1";
  request.body = R"({"username":"demo.manager","password":"demonstration only 2026"})";

  std::promise<int> answered;
  std::future<int> status = answered.get_future();
  std::thread signing_in([&] { answered.set_value(sign_in(request, app).status); });
  if (status.wait_for(std::chrono::seconds(60)) != std::future_status::ready) {
    // The sign-in waits for a connection it holds itself: it never returns,
    // and neither would this test's clean-up.
    std::cerr << "the sign-in did not return within 60 s: it waits for a second database connection\n";
    std::_Exit(EXIT_FAILURE);
  }
  signing_in.join();
  EXPECT_EQ(status.get(), 200);
  // The demonstration's accounts are hashed at the current parameters.
  EXPECT_FALSE(app.sign_in_decoys().older_remain([] { return true; }));
}

}  // namespace
}  // namespace casereview::web
