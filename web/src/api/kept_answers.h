#pragma once
// Parts of answers kept as the text they are sent as (kept_reads.h), for
// what is costly to make and is fixed by what the key names. Each handler
// that keeps one reads afresh what the key is made of and whether the reader
// may see it, in the same read transaction, and makes the rest of the answer
// anew; only the kept part is taken from here.
//
// Kept: a case's timeline events (a case's events never change; one more
// makes a new version) and a spine's merged timeline (every case of it at its
// version). Their sentences also name codes, reviewers and the day an agency
// request is due: a change to those by this server gives up everything kept at
// once; by another process, within kKeptAnswersTrustedFor.

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "kept_reads.h"

namespace casereview::web {

using KeptAnswers = KeptReads<std::shared_ptr<const std::string>>;

inline constexpr std::chrono::milliseconds kKeptAnswersTrustedFor{1000};
inline constexpr std::size_t kMostAnswerBytesKept = std::size_t{32} << 20;

}  // namespace casereview::web
