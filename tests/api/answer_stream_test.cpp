// A long answer goes from the scan worker writing it to the request thread
// sending it a piece at a time, the writer waiting while its client is behind,
// but not for ever (web/src/http/answer_stream.h).
#include "http/answer_stream.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "api/answer_text.h"
#include "scan_workers.h"

namespace casereview::web {
namespace {

using namespace std::chrono_literals;

AnswerStream::Limits limits(std::size_t pieces_waiting, std::chrono::milliseconds client_wait) {
  AnswerStream::Limits l;
  l.piece_bytes = 1024;
  l.pieces_waiting = pieces_waiting;
  l.client_wait = client_wait;
  return l;
}

HttpResponse head(const std::string& first_piece) {
  HttpResponse r;
  r.status = 200;
  r.body = first_piece;
  return r;
}

// Takes every piece left, in order.
std::vector<std::string> take_all(AnswerStream& stream) {
  std::vector<std::string> taken;
  while (std::optional<std::string> piece = stream.next()) taken.push_back(*piece);
  return taken;
}

// Waits (without a deadline: ctest's ends a test that hangs) until `done`.
template <typename Done>
void wait_until(const Done& done) {
  while (!done()) std::this_thread::sleep_for(1ms);
}

TEST(AnswerStream, AnAnswerThatNeverBeganIsAnsweredWholeAndAFailureBeforeItIsRethrown) {
  auto whole = std::make_shared<AnswerStream>(limits(1, 10min));
  whole->finish(head("short"));
  const HttpResponse answered = whole->answer();
  EXPECT_EQ(answered.body, "short");
  EXPECT_EQ(answered.rest, nullptr);

  auto failed = std::make_shared<AnswerStream>(limits(1, 10min));
  failed->fail(std::make_exception_ptr(std::runtime_error("no such period")));
  EXPECT_THROW(failed->answer(), std::runtime_error);
}

TEST(AnswerStream, TheHeadComesFirstThenEveryPieceInOrderThenTheEnd) {
  auto stream = std::make_shared<AnswerStream>(limits(1, 10min));
  std::thread writer([&] {
    stream->begin(head("piece 0"));
    for (int i = 1; i <= 9; ++i) stream->piece("piece " + std::to_string(i));
    stream->finish(HttpResponse{});
  });
  const HttpResponse answered = stream->answer();
  EXPECT_EQ(answered.status, 200);
  EXPECT_EQ(answered.body, "piece 0");
  ASSERT_EQ(answered.rest, stream);
  const std::vector<std::string> rest = take_all(*stream);
  writer.join();
  ASSERT_EQ(rest.size(), 9u);
  for (int i = 1; i <= 9; ++i) EXPECT_EQ(rest[static_cast<std::size_t>(i - 1)], "piece " + std::to_string(i));
}

TEST(AnswerStream, TheWriterWaitsWhileItsClientIsBehindAndGoesOnAsPiecesAreTaken) {
  auto stream = std::make_shared<AnswerStream>(limits(1, 10min));
  std::atomic<int> handing{0};   // the piece being handed over
  std::atomic<int> returned{0};  // the last piece whose piece() returned
  std::thread writer([&] {
    stream->begin(head("head"));
    for (int i = 1; i <= 4; ++i) {
      handing = i;
      stream->piece(std::to_string(i));
      returned = i;
    }
    stream->finish(HttpResponse{});
  });
  (void)stream->answer();
  // Piece 1 may wait to be sent; piece 2 is one too many, so its writer waits.
  wait_until([&] { return handing == 2; });
  std::this_thread::sleep_for(50ms);  // room to run ahead, were it not waiting
  EXPECT_EQ(returned, 1);
  EXPECT_EQ(stream->next(), "1");
  wait_until([&] { return returned == 2; });
  EXPECT_EQ(take_all(*stream), (std::vector<std::string>{"2", "3", "4"}));
  writer.join();
  EXPECT_FALSE(stream->stopped_waiting());
}

TEST(AnswerStream, WhatTheWritingEndsWithIsTheEndOfABodyBegun) {
  auto stream = std::make_shared<AnswerStream>(limits(4, 10min));
  stream->begin(head("head"));
  stream->piece("1");
  HttpResponse end;
  end.body = "2";
  end.body_after = {"", "3"};
  stream->finish(std::move(end));
  EXPECT_EQ(stream->answer().body, "head");
  EXPECT_EQ(take_all(*stream), (std::vector<std::string>{"1", "2", "3"}));
}

TEST(AnswerStream, AClientTooSlowToWaitForHasEveryPieceHeldForIt) {
  auto stream = std::make_shared<AnswerStream>(limits(1, 0ms));
  std::thread writer([&] {
    stream->begin(head("head"));
    for (int i = 1; i <= 20; ++i) stream->piece(std::to_string(i));
    stream->finish(HttpResponse{});
  });
  // Nothing is taken until the writing has ended: with a wait of its own it
  // would never end.
  writer.join();
  EXPECT_TRUE(stream->stopped_waiting());
  EXPECT_EQ(stream->answer().body, "head");
  const std::vector<std::string> rest = take_all(*stream);
  ASSERT_EQ(rest.size(), 20u);
  EXPECT_EQ(rest.front(), "1");
  EXPECT_EQ(rest.back(), "20");
}

TEST(AnswerStream, AnAbandonedAnswerStopsItsWriterAtItsNextPieceAndAbandonWaitsForIt) {
  auto stream = std::make_shared<AnswerStream>(limits(1, 10min));
  std::atomic<bool> writer_stopped{false};
  std::thread writer([&] {
    try {
      stream->begin(head("head"));
      for (int i = 1;; ++i) stream->piece(std::to_string(i));
    } catch (const AnswerAbandoned&) {
      writer_stopped = true;
      stream->fail(std::current_exception());
    }
  });
  (void)stream->answer();
  EXPECT_EQ(stream->next(), "1");
  stream->abandon();
  EXPECT_TRUE(writer_stopped) << "abandon() returns once the writing has ended";
  writer.join();
  stream->abandon();  // nothing, once ended
}

TEST(AnswerStream, AFailureAfterTheHeadCutsTheAnswerShortWithWhatFailed) {
  auto stream = std::make_shared<AnswerStream>(limits(4, 10min));
  stream->begin(head("head"));
  stream->piece("1");
  stream->fail(std::make_exception_ptr(std::runtime_error("the database is locked")));
  EXPECT_EQ(stream->answer().body, "head");
  try {
    take_all(*stream);
    FAIL() << "a failed answer never ends as if whole";
  } catch (const AnswerCutShort& e) {
    EXPECT_STREQ(e.what(), "the database is locked");
  }
}

// On the scan workers, as the server runs it: AnswerText hands each piece
// over as it is cut, the request gets the head before the writing ends, and
// a request that stops taking pieces frees its worker for the next.
TEST(AnswerStream, OnTheScanWorkersALongAnswerIsSentWhileWrittenAndAnAbandonedOneFreesItsWorker) {
  ScanWorkers workers(1);
  const auto write_items = [](const std::shared_ptr<AnswerStream>& stream, int items) {
    return [stream, items] {
      AnswerText text(stream);
      text.out() += '[';
      for (int i = 0; i < items; ++i) text.element(Json(std::string(100, static_cast<char>('a' + i % 26))), i);
      text.out() += ']';
      return std::move(text).response();
    };
  };
  auto whole = std::make_shared<AnswerStream>(limits(1, 10min));
  HttpResponse answered = workers.run(write_items(whole, 200), whole);
  ASSERT_EQ(answered.rest, whole);
  std::string body = answered.body;
  std::size_t pieces = 1;
  while (std::optional<std::string> piece = whole->next()) {
    body += *piece;
    ++pieces;
  }
  EXPECT_GE(pieces, 20u) << "200 items of 103 bytes in pieces of about 1 KiB";
  const Json parsed = Json::parse(body);
  ASSERT_EQ(parsed.items().size(), 200u);
  EXPECT_EQ(parsed.items()[27].as_string(), std::string(100, 'b'));

  // Never read past its head: abandoned, its work ends at its next piece.
  auto endless = std::make_shared<AnswerStream>(limits(1, 10min));
  answered = workers.run(write_items(endless, 1000000), endless);
  ASSERT_EQ(answered.rest, endless);
  endless->abandon();
  // The one worker is free again: the next work runs and answers.
  auto next = std::make_shared<AnswerStream>(limits(1, 10min));
  EXPECT_EQ(workers.run(write_items(next, 2), next).body,
            R"([")" + std::string(100, 'a') + R"(",")" + std::string(100, 'b') + R"("])");
}

}  // namespace
}  // namespace casereview::web
