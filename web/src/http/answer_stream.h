#pragma once
// A long answer handed a piece at a time from the scan worker that writes it
// (api/answer_text.h) to the request thread that sends it (server.cpp), so
// that a few of its pieces are held at once rather than all of them. Written
// whole before it was sent, ten years' evidence report (99 MB) took the
// server from 98 MB to 278 MB resident.
//
// Once its first piece is written the answer's head goes out (200, chunked:
// its length is not known yet). A failure after that can no longer become a
// problem answer: the connection is closed before the last chunk, which a
// client sees as an answer cut short, never as a shorter whole one.
//
// The writer waits while its client is behind, since it writes inside a read
// transaction on one of the few scan connections (scan_workers.h); but only
// for `client_wait` in all: past that it writes the rest without waiting and
// the pieces are held until sent, as if written whole. A client reading a
// hundred megabytes at a few kilobytes a second does not hold a report thread
// for hours.
//
//   writer (ScanWorkers):  begin(head) piece(text)... finish(whole) | fail(error)
//   sender (request):      answer(), then next() until nullopt; abandon() to stop

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>

#include "http/http_types.h"

namespace casereview::web {

// Thrown into the writer when the sender has stopped (its client went away,
// or did not read within the socket's send timeout): the work ends there.
struct AnswerAbandoned : std::runtime_error {
  AnswerAbandoned() : std::runtime_error("the client of this answer has stopped reading it") {}
};

// Thrown to the sender when the writer failed after the answer's head went
// out: what it says is the writer's failure.
struct AnswerCutShort : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class AnswerStream : public std::enable_shared_from_this<AnswerStream> {
 public:
  struct Limits {
    std::size_t piece_bytes = std::size_t{1} << 20;  // AnswerText cuts its pieces at about this size
    std::size_t pieces_waiting = 1;                  // written and not yet sent, while the next is written
    std::chrono::milliseconds client_wait{10000};    // the most the writer waits for its client, in all
  };

  explicit AnswerStream(Limits limits) : limits_(limits) {}
  AnswerStream(const AnswerStream&) = delete;
  AnswerStream& operator=(const AnswerStream&) = delete;

  const Limits& limits() const { return limits_; }

  // ---- the writer's side

  // The answer starts: `head`'s status, content type and headers, and its
  // body, the first piece. Once only, before any piece().
  void begin(HttpResponse head);
  // The next piece, after those handed over before it. Waits while more than
  // `pieces_waiting` are not yet sent (for `client_wait` in all). Throws
  // AnswerAbandoned once the sender has stopped.
  void piece(std::string text);
  // The writing has ended: `whole` is the answer when it never began (a
  // short answer, sent as any other); once begun, its body and body_after
  // are the end of the answer's body (its status and headers, already sent,
  // are not read).
  void finish(HttpResponse whole);
  // The writing failed: rethrown by answer() when it never began, reported by
  // next() as AnswerCutShort when it had.
  void fail(std::exception_ptr error);

  // ---- the sender's side

  // Waits until the writing has ended or begun. Ended: its answer (or what
  // it threw, rethrown). Begun: the head and first piece, with `rest` this
  // stream, for next().
  HttpResponse answer();
  // The next piece to send, in order; nullopt once the last has been taken.
  // Throws AnswerCutShort when the writing failed.
  std::optional<std::string> next();
  // The sender stops taking pieces: those not taken are dropped, the
  // writer's next piece() throws, and this returns once the writing has
  // ended (it refers to the request, which must outlive it). Nothing once it
  // has ended.
  void abandon();

  // Whether the writer stopped waiting for a slow client (its wait ran out).
  bool stopped_waiting() const;

 private:
  const Limits limits_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool begun_ = false;                            // guarded by mutex_
  bool ended_ = false;                            // finish() or fail(); guarded by mutex_
  bool abandoned_ = false;                        // guarded by mutex_
  bool stopped_waiting_ = false;                  // guarded by mutex_
  std::chrono::steady_clock::duration waited_{};  // for the client, in all; guarded by mutex_
  std::optional<HttpResponse> answer_;            // the head once begun, else the whole; guarded by mutex_
  std::exception_ptr error_;                      // guarded by mutex_
  std::deque<std::string> pieces_;                // handed over, not yet taken; guarded by mutex_
};

}  // namespace casereview::web
