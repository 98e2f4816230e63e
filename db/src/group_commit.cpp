#include "group_commit.h"

#include "sqlite_connection.h"
#include "sqlite_native_query.h"

namespace casereview::db {

namespace {

// Enough to fill one fsync's worth of waiting under any load the request
// threads can make, small enough that one batch never holds the write lock long.
constexpr std::size_t kMostPerBatch = 256;

}  // namespace

GroupCommitWriter::GroupCommitWriter(std::string path, int busy_timeout_ms, std::chrono::microseconds takes_in_for,
                                     VocabularyCache& vocabulary_cache)
    : path_(std::move(path)),
      busy_timeout_ms_(busy_timeout_ms),
      takes_in_for_(takes_in_for),
      repositories_(sql_, vocabulary_cache) {
  open_sqlite_connection(sql_, path_, busy_timeout_ms_, kPageReads);
  thread_ = std::thread([this] { loop(); });
}

GroupCommitWriter::~GroupCommitWriter() {
  {
    std::lock_guard<std::mutex> lock(queue_mutex_);
    stopping_ = true;
  }
  work_queued_.notify_one();
  thread_.join();
}

void GroupCommitWriter::run(const Work& work) {
  // Work that waited for another write transaction would wait for itself.
  if (std::this_thread::get_id() == thread_.get_id()) {
    throw StorageError("a write transaction cannot start inside another write transaction");
  }
  Job job;
  job.work = &work;
  std::unique_lock<std::mutex> lock(queue_mutex_);
  if (stopping_) throw StorageError("the store is closing: no write transaction can start");
  queue_.push_back(&job);
  work_queued_.notify_one();
  job.settled.wait(lock, [&] { return job.done; });
  if (job.error) std::rethrow_exception(job.error);
}

bool GroupCommitWriter::between_batches(std::chrono::milliseconds wait,
                                        const std::function<void(soci::session&)>& change) {
  std::unique_lock<std::timed_mutex> idle(connection_mutex_, wait);
  if (!idle.owns_lock()) return false;
  repositories_.statements.clear();  // they belong to the connection `change` closes
  change(sql_);
  return true;
}

GroupCommitWriter::Counts GroupCommitWriter::counts() const {
  std::lock_guard<std::mutex> lock(queue_mutex_);
  Counts now = counts_;
  now.waiting = static_cast<long long>(queue_.size());
  return now;
}

void GroupCommitWriter::loop() {
  std::vector<Job*> carried;  // left unrun by an abandoned batch: they go first
  for (;;) {
    std::vector<Job*> batch;
    {
      std::unique_lock<std::mutex> lock(queue_mutex_);
      work_queued_.wait(lock, [&] { return stopping_ || !queue_.empty() || !carried.empty(); });
      if (queue_.empty() && carried.empty()) return;  // stopping, and nothing is left
      batch.swap(carried);
      while (!queue_.empty() && batch.size() < kMostPerBatch) {
        batch.push_back(queue_.front());
        queue_.pop_front();
      }
    }
    const auto unrun = batch.begin() + static_cast<std::ptrdiff_t>(run_batch(batch));
    carried.assign(unrun, batch.end());
    finish(std::vector<Job*>(batch.begin(), unrun));
  }
}

void GroupCommitWriter::finish(const std::vector<Job*>& jobs) {
  std::lock_guard<std::mutex> lock(queue_mutex_);
  long long committed = 0;
  for (Job* job : jobs) {
    if (!job->error) ++committed;
    job->done = true;
    // Under the lock: once it is let go, the woken caller may return, and its
    // Job (with the condition variable) goes with it.
    job->settled.notify_one();
  }
  if (committed > 0) {
    ++counts_.batches;
    counts_.transactions += committed;
  }
}

bool GroupCommitWriter::take_in_queued(std::vector<Job*>& batch) {
  std::lock_guard<std::mutex> lock(queue_mutex_);
  const std::size_t before = batch.size();
  while (!queue_.empty() && batch.size() < kMostPerBatch) {
    batch.push_back(queue_.front());
    queue_.pop_front();
  }
  return batch.size() > before;
}

std::size_t GroupCommitWriter::run_batch(std::vector<Job*>& batch) {
  std::lock_guard<std::timed_mutex> busy(connection_mutex_);
  // Every job of the batch fails with `error` but those already failed, and
  // the transaction is rolled back; nothing of the batch was kept.
  const auto fail_all = [&](const std::exception_ptr& error, std::size_t run_so_far) {
    roll_back_quietly(sql_);
    for (std::size_t i = 0; i < run_so_far; ++i) {
      if (!batch[i]->error) batch[i]->error = error;
    }
  };
  try {
    // A reopening that failed (between_batches) left the connection closed.
    if (sql_.get_backend() == nullptr) open_sqlite_connection(sql_, path_, busy_timeout_ms_, kPageReads);
    run_native(repositories_.statements, "BEGIN IMMEDIATE", "begin a transaction");
    repositories_.transaction_began();
  } catch (...) {
    fail_all(std::current_exception(), batch.size());
    return batch.size();
  }
  // Counted once BEGIN has the lock: a wait for another process's lock (up
  // to the busy timeout) leaves the work queued meanwhile its time to join.
  const auto began = std::chrono::steady_clock::now();
  // Once the batch's work has run, what was queued meanwhile joins it while
  // the time since BEGIN is within the bound (each taking in runs whole).
  for (std::size_t i = 0;
       i < batch.size() || (std::chrono::steady_clock::now() - began < takes_in_for_ && take_in_queued(batch)); ++i) {
    Job& job = *batch[i];
    try {
      run_native(repositories_.statements, "SAVEPOINT one_transaction", "mark the start of a transaction");
      // Also a SOCI failure that a repository let through gets its fault here.
      guarded("run a transaction", [&] { (*job.work)(repositories_); });
      run_native(repositories_.statements, "RELEASE one_transaction", "keep a transaction");
    } catch (...) {
      job.error = std::current_exception();
      if (in_transaction(sql_)) {
        try {
          sql_ << "ROLLBACK TO one_transaction";
          sql_ << "RELEASE one_transaction";
          continue;
        } catch (...) {
        }
      }
      // SQLite abandoned the whole transaction: what ran before went with it;
      // what has not run yet is tried in the next batch.
      fail_all(job.error, i);
      return i + 1;
    }
  }
  try {
    run_native(repositories_.statements, "COMMIT", "commit");
  } catch (...) {
    fail_all(std::current_exception(), batch.size());
  }
  return batch.size();
}

}  // namespace casereview::db
