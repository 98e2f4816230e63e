#include "http/answer_stream.h"

#include <utility>

#include "log.h"

namespace casereview::web {

void AnswerStream::begin(HttpResponse head) {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    begun_ = true;
    answer_ = std::move(head);
  }
  changed_.notify_all();
}

void AnswerStream::piece(std::string text) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (abandoned_) throw AnswerAbandoned();
  pieces_.push_back(std::move(text));
  changed_.notify_all();
  const auto client_is_behind = [&] { return !abandoned_ && pieces_.size() > limits_.pieces_waiting; };
  while (!stopped_waiting_ && client_is_behind()) {
    const auto started = std::chrono::steady_clock::now();
    const auto left = limits_.client_wait - waited_;
    const bool caught_up = changed_.wait_for(lock, left, [&] { return !client_is_behind(); });
    waited_ += std::chrono::steady_clock::now() - started;
    if (!caught_up && waited_ >= limits_.client_wait) {
      stopped_waiting_ = true;
      log_line(LogLevel::Warning, "ANSWER_CLIENT_SLOW",
               "a long answer's client reads too slowly to wait for; the rest is written and held until sent");
    }
  }
  if (abandoned_) throw AnswerAbandoned();
}

void AnswerStream::finish(HttpResponse whole) {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (!begun_) {
      answer_ = std::move(whole);
    } else if (!abandoned_) {
      // The end of a body begun: sent after what was handed over before it.
      if (!whole.body.empty()) pieces_.push_back(std::move(whole.body));
      for (std::string& piece : whole.body_after) {
        if (!piece.empty()) pieces_.push_back(std::move(piece));
      }
    }
    ended_ = true;
  }
  changed_.notify_all();
}

void AnswerStream::fail(std::exception_ptr error) {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    error_ = std::move(error);
    ended_ = true;
  }
  changed_.notify_all();
}

HttpResponse AnswerStream::answer() {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [&] { return begun_ || ended_; });
  if (!begun_) {
    if (error_) std::rethrow_exception(error_);
    return std::move(*answer_);
  }
  HttpResponse head = std::move(*answer_);
  answer_.reset();
  head.rest = shared_from_this();
  return head;
}

std::optional<std::string> AnswerStream::next() {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [&] { return !pieces_.empty() || ended_; });
  if (error_) {
    try {
      std::rethrow_exception(error_);
    } catch (const std::exception& e) {
      throw AnswerCutShort(e.what());
    } catch (...) {
      throw AnswerCutShort("the answer could not be written to its end");
    }
  }
  if (pieces_.empty()) return std::nullopt;
  std::string text = std::move(pieces_.front());
  pieces_.pop_front();
  lock.unlock();
  changed_.notify_all();  // the writer may be waiting for room
  return text;
}

void AnswerStream::abandon() {
  std::unique_lock<std::mutex> lock(mutex_);
  if (ended_) return;
  abandoned_ = true;
  pieces_.clear();
  changed_.notify_all();
  changed_.wait(lock, [&] { return ended_; });
}

bool AnswerStream::stopped_waiting() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return stopped_waiting_;
}

}  // namespace casereview::web
