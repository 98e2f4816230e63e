#include "sql_errors.h"
#include "sql_repositories.h"

namespace casereview::db {
namespace {

constexpr const char* kColumns =
    "SELECT token_hash, user_id, partnership_id, created_at, revoked_at FROM calendar_feeds ";

// Reads the row `st` fetched into the given columns.
CalendarFeed feed_of(CalendarFeed feed, const std::string& created, const std::string& revoked,
                     soci::indicator revoked_i) {
  feed.created_at = stored_instant(created);
  if (revoked_i == soci::i_ok) feed.revoked_at = stored_instant(revoked);
  return feed;
}

}  // namespace

void SqlCalendarFeedRepository::replace(const CalendarFeed& feed) {
  revoke(feed.user_id, feed.partnership_id, feed.created_at);
  guarded("record a calendar feed", [&] {
    const std::string created = feed.created_at.iso();
    run_kept(statements_,
             "INSERT INTO calendar_feeds (token_hash, user_id, partnership_id, created_at) VALUES (:t, :u, :p, :c)",
             soci::use(feed.token_hash), soci::use(feed.user_id), soci::use(feed.partnership_id), soci::use(created));
  });
}

bool SqlCalendarFeedRepository::revoke(long long user_id, long long partnership_id, Instant at) {
  return guarded("end a calendar feed", [&] {
    const std::string when = at.iso();
    PreparedStatement prepared = statements_.take(
        "UPDATE calendar_feeds SET revoked_at = :a WHERE user_id = :u AND "
        "partnership_id = :p AND revoked_at IS NULL");
    bind_all(prepared, soci::use(when), soci::use(user_id), soci::use(partnership_id));
    soci::statement& st = *prepared;
    st.execute(true);
    return st.get_affected_rows() > 0;
  });
}

std::optional<CalendarFeed> SqlCalendarFeedRepository::find(const std::string& token_hash) {
  return guarded("read a calendar feed", [&]() -> std::optional<CalendarFeed> {
    CalendarFeed feed;
    std::string created, revoked;
    soci::indicator revoked_i{};
    PreparedStatement prepared = statements_.take(std::string(kColumns) + "WHERE token_hash = :t");
    bind_all(prepared, soci::into(feed.token_hash), soci::into(feed.user_id), soci::into(feed.partnership_id),
             soci::into(created), soci::into(revoked, revoked_i), soci::use(token_hash));
    soci::statement& st = *prepared;
    if (!st.execute(true)) return std::nullopt;
    return feed_of(feed, created, revoked, revoked_i);
  });
}

std::optional<CalendarFeed> SqlCalendarFeedRepository::live(long long user_id, long long partnership_id) {
  return guarded("read a calendar feed", [&]() -> std::optional<CalendarFeed> {
    CalendarFeed feed;
    std::string created, revoked;
    soci::indicator revoked_i{};
    PreparedStatement prepared =
        statements_.take(std::string(kColumns) + "WHERE user_id = :u AND partnership_id = :p AND revoked_at IS NULL");
    bind_all(prepared, soci::into(feed.token_hash), soci::into(feed.user_id), soci::into(feed.partnership_id),
             soci::into(created), soci::into(revoked, revoked_i), soci::use(user_id), soci::use(partnership_id));
    soci::statement& st = *prepared;
    if (!st.execute(true)) return std::nullopt;
    return feed_of(feed, created, revoked, revoked_i);
  });
}

}  // namespace casereview::db
