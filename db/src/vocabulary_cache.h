#pragma once
// The vocabularies each partnership sees, as last read, with the number of
// vocabulary changes recorded when they were read. Shared by every connection
// of one store, so that a command does not read some eighty codes again to
// check its facts against them.
//
// Why a count of changes identifies what was read: every change to a
// vocabulary (a code added, retired or restored, nationally or for one
// partnership) records a row in vocabulary_changes in the same transaction,
// and no row of it is ever removed. A committed state with as many changes is
// therefore the same state: on one SQLite file, and across the servers of one
// PostgreSQL database, whose snapshots each hold a prefix of the commits.
// A migration that changes a vocabulary's rows must record a change too.
//
// What the count cannot tell apart is a transaction's own uncommitted change
// (or, on the group-commit writer, another of its batch's) from someone
// else's committed one; SqlVocabularyRepository neither uses nor fills this
// cache while its connection holds such a change.

#include <map>
#include <mutex>
#include <optional>

#include "casereview/engine/vocabulary.h"

namespace casereview::db {

class VocabularyCache {
 public:
  // The vocabularies partnership `partnership_id` saw at `changes` recorded
  // changes, if those are the ones kept.
  // Null otherwise.
  SharedVocabularies find(long long partnership_id, long long changes) const;
  // Keeps `vocabularies`, read with `changes` recorded, in place of what was
  // kept for the partnership.
  void keep(long long partnership_id, long long changes, SharedVocabularies vocabularies);

 private:
  struct Kept {
    long long changes = 0;
    SharedVocabularies vocabularies;
  };
  mutable std::mutex mutex_;
  std::map<long long, Kept> kept_;  // by partnership; a handful of partnerships per database
};

}  // namespace casereview::db
