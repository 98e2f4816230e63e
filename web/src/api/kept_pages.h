#pragma once
// Pages kept whole as the text they are sent as (kept_reads.h), for each
// reader:
// - those that read across a partnership: the case list and its searches, and
//   the dashboard. Making one reads every case, clock or reference of the
//   partnership (tens of milliseconds on a national one);
// - a case's page: the case, its records, clocks, spine and owner, read in a
//   dozen statements and written as some kilobytes of JSON, ten times the
//   work of sending it.
// A desk that refreshes, a case opened again, or a page asked for again, is
// answered from here.
//
// Kept under what the request asks (its handler, the route's parameters, its
// query) and who asks (the user, role and agency: what a reader may see
// differs by role), with today and the calendar's revision. Unlike a case's
// answers (kept_answers.h) no key names everything such a page reads, so:
// - this server gives up every kept page when it changes anything (the
//   router: App::forget_kept_reads);
// - another process's change shows only once Settings::lists_recheck_ms has
//   passed: 1 s on SQLite (the command line is the only other writer), none
//   kept on PostgreSQL unless asked for (a second server is another writer,
//   and the next request may go to it). Once that has passed, the first
//   request makes the page again and the others asking meanwhile get the page
//   before it (never one from before a change of this server): the change
//   shows once that page is made, tens of milliseconds later;
// - a page with a clock due at an hour is kept only until that hour
//   (status_turns_after).
// A page that showed who children are keeps the cases it showed: each answer
// from it records those reads in the access log again, and when that cannot
// be done the page is made anew (and shows no identity).

#include <cstddef>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "casereview/engine/date.h"
#include "kept_reads.h"

namespace casereview::web {

struct KeptPage {
  std::string text;                      // the whole answer's body
  std::set<long long> identities_shown;  // cases whose child it names
  std::optional<Instant> turns_after;    // past this, a status in it has turned
};

using KeptPages = KeptReads<std::shared_ptr<const KeptPage>>;

inline constexpr std::size_t kMostPageBytesKept = std::size_t{8} << 20;

}  // namespace casereview::web
