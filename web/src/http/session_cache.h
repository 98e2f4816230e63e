#pragma once
// What authenticate (auth.h) last read of each session and its user, so that
// the burst of requests a page makes does not read them again for each: that
// read is a read transaction of its own, two statements, and was a sixth of a
// case timeline's time and a third of a small read's.
//
// Kept as kept_reads.h says: given up after any signed-in request of this server that
// may change state (a sign-out, a password changed, a user disabled, reset or
// given another membership take effect here at once), after this server writes
// a session's last use, and once older than Settings::session_recheck_ms, the
// longest that a sign-out or a disabled user on another server of the same
// PostgreSQL database or on the command line (`casereview user …`) goes unseen
// here. Whether the session has expired or been idle too long is worked out
// afresh on every request from what is kept.

#include <chrono>
#include <optional>

#include "casereview/engine/repositories.h"
#include "kept_reads.h"

namespace casereview::web {

// A session as stored, and its user (nullopt when it has none or the session
// is revoked: the user is not read then).
struct SessionRead {
  SessionRecord record;
  std::optional<User> user;
};

using SessionCache = KeptReads<SessionRead>;

// Sessions kept at most; past them, kept_reads.h drops what is too old, then all.
inline constexpr std::size_t kMostSessionsKept = 4000;

}  // namespace casereview::web
