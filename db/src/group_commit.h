#pragma once
// Group commit: every write transaction of one SqliteStore runs on a single
// writer thread with its own connection. The writer takes every transaction
// queued since its last commit, and those queued while it runs them (taken
// in while less than a millisecond has passed since its BEGIN), runs each inside its own SAVEPOINT of one BEGIN
// IMMEDIATE transaction, and commits them all with one COMMIT (one fsync at
// synchronous=FULL). Each caller is answered only after the COMMIT
// that holds its work has returned, so nothing is acknowledged before it is
// durable. A transaction whose work throws is rolled back to its savepoint and
// its caller gets the exception; the others of its batch still commit.
//
// Each request thread waits on its own condition variable, never in
// SQLite's busy handler: only the writer's connection meets another process's
// lock (a second server, a command run beside the server), and waits there.
//
// When SQLite itself abandons the transaction (a full disk, an I/O error: it
// rolls back everything since BEGIN), the work already run in that batch is
// lost with it, so those callers get the error too; the transactions not yet
// run go into the next batch.

#include <soci/soci.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "casereview/db/sqlite_store.h"
#include "sql_repository_set.h"
#include "sqlite_connection.h"

namespace casereview::db {

class GroupCommitWriter {
 public:
  using Work = std::function<void(SqlRepositorySet&)>;
  // The writer copies the pages it reads into its own cache (not through the
  // shared map): it is the only connection that writes, so no other commit
  // empties that cache, and what a write transaction reads (a daily
  // checkpoint reads every case changed since the last) stays out of the
  // process's resident set. Commands were measured as fast either way.
  static constexpr PageReads kPageReads = PageReads::Copied;

  // Opens the writer's connection (StorageError when it cannot) and starts its
  // thread. Once a batch has run its work, it takes in what was queued
  // meanwhile and runs that too, as long as less than `takes_in_for` has
  // passed since its BEGIN: a transaction queued then would otherwise wait
  // for that batch's COMMIT (its fsync) and then for a whole batch of its
  // own; taken in, it waits for that COMMIT alone, and each of the batch
  // waits the little its work takes. Past the bound nothing more is taken
  // in (what was taken in last still runs, up to the most a batch holds), so
  // a stream of work cannot put a COMMIT off for longer than that.
  // `vocabulary_cache` is the store's, and must outlive the writer.
  GroupCommitWriter(std::string path, int busy_timeout_ms, std::chrono::microseconds takes_in_for,
                    VocabularyCache& vocabulary_cache);
  // Runs what is queued, then stops the thread.
  ~GroupCommitWriter();
  GroupCommitWriter(const GroupCommitWriter&) = delete;
  GroupCommitWriter& operator=(const GroupCommitWriter&) = delete;

  // Runs `work` on the writer's repositories inside a write transaction and
  // returns once it is committed; rethrows what `work` threw (nothing of it
  // was kept) or the StorageError of a failed BEGIN or COMMIT. `work` runs on
  // the writer thread while the caller waits; it must not wait for another
  // write transaction.
  void run(const Work& work);

  // Runs `change` on the writer's connection between batches (closing and
  // opening it again: SqliteStore::reopen_when_writable). Gives up and returns
  // false when a batch still runs after `wait`.
  bool between_batches(std::chrono::milliseconds wait, const std::function<void(soci::session&)>& change);

  // Batches and transactions committed since start, and those queued now.
  using Counts = SqliteStore::WriteCounts;
  Counts counts() const;

 private:
  struct Job {
    const Work* work = nullptr;
    std::exception_ptr error;
    bool done = false;
    // Its own, so that a batch's end wakes the threads of that batch alone,
    // not every thread waiting for a later one as well.
    std::condition_variable settled;
  };

  void loop();
  // Runs one batch and returns how many of its jobs are settled (committed or
  // failed): all of them, unless SQLite abandoned the transaction part-way,
  // when the jobs after the one that failed are left for the next batch.
  // Work queued while the batch runs joins it, up to a bound (group_commit.cpp).
  std::size_t run_batch(std::vector<Job*>& batch);
  // Moves what is queued into `batch`, up to the most a batch holds; whether
  // anything was.
  bool take_in_queued(std::vector<Job*>& batch);
  void finish(const std::vector<Job*>& jobs);

  const std::string path_;
  const int busy_timeout_ms_;
  const std::chrono::microseconds takes_in_for_;

  mutable std::mutex queue_mutex_;
  std::condition_variable work_queued_;
  std::deque<Job*> queue_;  // guarded by queue_mutex_
  bool stopping_ = false;   // guarded by queue_mutex_
  Counts counts_;           // guarded by queue_mutex_

  // Held while a batch runs, and by between_batches.
  std::timed_mutex connection_mutex_;
  soci::session sql_;
  SqlRepositorySet repositories_;
  std::thread thread_;  // last: starts once everything above is made
};

}  // namespace casereview::db
