// Reminder e-mails as claimed, sent or failed. Every change is one statement
// whose WHERE clause decides who wins: the unique (item_key, recipient, day) for
// a claim, the status and attempts read for a take-over, the claimer for a mark.
#include "sql_errors.h"
#include "sql_repositories.h"

namespace casereview::db {

std::optional<long long> SqlReminderRepository::claim(const ReminderSend& s) {
  return guarded("claim a reminder", [&]() -> std::optional<long long> {
    const std::string day = s.day.iso(), at = s.claimed_at.iso();
    long long id = 0;
    PreparedStatement prepared = statements_.take(
        "INSERT INTO reminder_sends (partnership_id, kind, item_key, recipient, day, subject, status, "
        "attempts, claimed_by, claimed_at, last_error) VALUES (:p, :k, :i, :r, :d, :s, 'claimed', 1, "
        ":b, :a, '') ON CONFLICT (item_key, recipient, day) DO NOTHING RETURNING id");
    bind_all(prepared, soci::use(s.partnership_id), soci::use(s.kind), soci::use(s.item_key), soci::use(s.recipient),
             soci::use(day), soci::use(s.subject), soci::use(s.claimed_by), soci::use(at), soci::into(id));
    soci::statement& st = *prepared;
    if (!st.execute(true)) return std::nullopt;
    return id;
  });
}

std::vector<ReminderSend> SqlReminderRepository::fetch(const std::string& where,
                                                       const std::function<void(soci::statement&)>& bind) {
  ReminderSend s;
  std::string day, claimed_at, sent_at;
  soci::indicator sent_i{};
  PreparedStatement prepared = statements_.take(
      "SELECT id, partnership_id, kind, item_key, recipient, day, subject, status, attempts, claimed_by, claimed_at, "
      "sent_at, last_error FROM reminder_sends " +
      where + " ORDER BY id");
  soci::statement& st = *prepared;
  st.exchange(soci::into(s.id));
  st.exchange(soci::into(s.partnership_id));
  st.exchange(soci::into(s.kind));
  st.exchange(soci::into(s.item_key));
  st.exchange(soci::into(s.recipient));
  st.exchange(soci::into(day));
  st.exchange(soci::into(s.subject));
  st.exchange(soci::into(s.status));
  st.exchange(soci::into(s.attempts));
  st.exchange(soci::into(s.claimed_by));
  st.exchange(soci::into(claimed_at));
  st.exchange(soci::into(sent_at, sent_i));
  st.exchange(soci::into(s.last_error));
  bind(st);
  st.define_and_bind();
  std::vector<ReminderSend> out;
  st.execute();
  while (st.fetch()) {
    ReminderSend row = s;
    row.day = stored_date(day);
    row.claimed_at = stored_instant(claimed_at);
    row.sent_at = sent_i == soci::i_ok ? std::optional<Instant>(stored_instant(sent_at)) : std::nullopt;
    out.push_back(row);
  }
  return out;
}

std::optional<ReminderSend> SqlReminderRepository::find(const std::string& item_key, const std::string& recipient,
                                                        Date day) {
  return guarded("read a reminder", [&]() -> std::optional<ReminderSend> {
    const std::string day_text = day.iso();
    auto rows = fetch("WHERE item_key = :i AND recipient = :r AND day = :d", [&](soci::statement& st) {
      st.exchange(soci::use(item_key));
      st.exchange(soci::use(recipient));
      st.exchange(soci::use(day_text));
    });
    if (rows.empty()) return std::nullopt;
    return rows.front();
  });
}

bool SqlReminderRepository::take_over(const ReminderSend& seen, const std::string& claimed_by, Instant now) {
  if (seen.status != "failed" && seen.status != "claimed") return false;
  return guarded("take over a reminder", [&] {
    const std::string at = now.iso();
    PreparedStatement prepared = statements_.take(
        "UPDATE reminder_sends SET status = 'claimed', attempts = attempts + 1, claimed_by = :b, "
        "claimed_at = :a WHERE id = :i AND status = :s AND attempts = :n");
    bind_all(prepared, soci::use(claimed_by), soci::use(at), soci::use(seen.id), soci::use(seen.status),
             soci::use(seen.attempts));
    soci::statement& st = *prepared;
    st.execute(true);
    return st.get_affected_rows() == 1;
  });
}

bool SqlReminderRepository::mark_sent(long long id, const std::string& claimed_by, Instant now) {
  return guarded("mark a reminder sent", [&] {
    const std::string at = now.iso();
    PreparedStatement prepared = statements_.take(
        "UPDATE reminder_sends SET status = 'sent', sent_at = :a WHERE id = :i AND "
        "status = 'claimed' AND claimed_by = :b");
    bind_all(prepared, soci::use(at), soci::use(id), soci::use(claimed_by));
    soci::statement& st = *prepared;
    st.execute(true);
    return st.get_affected_rows() == 1;
  });
}

bool SqlReminderRepository::mark_failed(long long id, const std::string& claimed_by, const std::string& error) {
  return guarded("mark a reminder failed", [&] {
    PreparedStatement prepared = statements_.take(
        "UPDATE reminder_sends SET status = 'failed', last_error = :e WHERE id = :i "
        "AND status = 'claimed' AND claimed_by = :b");
    bind_all(prepared, soci::use(error), soci::use(id), soci::use(claimed_by));
    soci::statement& st = *prepared;
    st.execute(true);
    return st.get_affected_rows() == 1;
  });
}

std::vector<ReminderSend> SqlReminderRepository::for_day(long long partnership_id, Date day) {
  return guarded("list reminders", [&] {
    const std::string day_text = day.iso();
    return fetch("WHERE partnership_id = :p AND day = :d", [&](soci::statement& st) {
      st.exchange(soci::use(partnership_id));
      st.exchange(soci::use(day_text));
    });
  });
}

}  // namespace casereview::db
