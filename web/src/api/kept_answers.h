#pragma once
// Parts of answers kept as the text they are sent as (kept_reads.h), for
// what is costly to make and is fixed by what the key names. Each handler
// that keeps one reads afresh what the key is made of and whether the reader
// may see it, in the same read transaction, and makes the rest of the answer
// anew; only the kept part is taken from here.
//
// Kept, each under the cases' ids, versions and last events' hashes:
// - a case's timeline events (a case's events never change; one more makes a
//   new version), and a spine's merged timeline (every case of it);
// - a case's clocks as read today against the calendar's revision (both in
//   the key), unless one is due at an hour, whose status turns with the time.
// What the key does not name (the codes and reviewers a sentence names, the day
// an agency request is due, moved by a calendar loaded since) is given up at
// once when this server changes it, and within Settings::answers_recheck_ms
// when another process does.

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "kept_reads.h"

namespace casereview::web {

using KeptAnswers = KeptReads<std::shared_ptr<const std::string>>;

inline constexpr std::size_t kMostAnswerBytesKept = std::size_t{8} << 20;

}  // namespace casereview::web
