#include "casereview/engine/reminder_sender.h"

#include <optional>

namespace casereview {
namespace {

// Step 1: the claim this process holds for `mail` after it, with its attempt
// number; nullopt when another process has it.
std::optional<ReminderSend> claim(StoreSession& session, const ReminderMail& mail, Date day, const std::string& sender,
                                  Instant now) {
  std::optional<ReminderSend> held;
  session.write_transaction([&] {
    held.reset();  // the transaction may run more than once (a store's retry)
    ReminderSend send;
    send.partnership_id = mail.partnership_id;
    send.kind = reminder_kind_name(mail.kind);
    send.item_key = mail.item_key;
    send.recipient = mail.to;
    send.day = day;
    send.subject = mail.subject;
    send.claimed_by = sender;
    send.claimed_at = now;
    if (const auto id = session.reminders().claim(send)) {
      send.id = *id;
      held = send;
      return;
    }
    const auto seen = session.reminders().find(mail.item_key, mail.to, day);
    if (!seen || seen->status == "sent") return;
    const bool stale = seen->status == "claimed" && seen->claimed_at.seconds() + kStaleClaimSeconds < now.seconds();
    if (seen->status != "failed" && !stale) return;
    if (!session.reminders().take_over(*seen, sender, now)) return;
    held = *seen;
    held->status = "claimed";
    held->attempts = seen->attempts + 1;
    held->claimed_by = sender;
    held->claimed_at = now;
  });
  return held;
}

}  // namespace

ReminderPassSummary send_reminders(StoreSession& session, Mailer& mailer, const std::vector<ReminderMail>& mails,
                                   Date day, const std::string& sender, const std::function<Instant()>& clock,
                                   const std::function<void(const ReminderOutcome&)>& report) {
  ReminderPassSummary summary;
  std::string relay_down;  // the error that showed the relay cannot be reached, in this pass
  for (const ReminderMail& mail : mails) {
    ++summary.due;
    ReminderOutcome outcome;
    outcome.mail = &mail;
    const auto held = claim(session, mail, day, sender, clock());
    if (!held) {
      ++summary.skipped;
      report(outcome);
      continue;
    }
    outcome.attempt = held->attempts;
    if (relay_down.empty()) {
      try {
        mailer.send(mail);
        outcome.what = ReminderOutcome::What::Sent;
      } catch (const MailError& e) {
        outcome.what = ReminderOutcome::What::Failed;
        outcome.error = e.what();
        if (e.relay_unreachable()) relay_down = e.what();
      }
    } else {
      outcome.what = ReminderOutcome::What::Failed;
      outcome.error = "not tried, the relay could not be reached earlier in this pass: " + relay_down;
    }
    session.write_transaction([&] {
      if (outcome.what == ReminderOutcome::What::Sent) {
        session.reminders().mark_sent(held->id, sender, clock());
      } else {
        session.reminders().mark_failed(held->id, sender, outcome.error);
      }
    });
    ++(outcome.what == ReminderOutcome::What::Sent ? summary.sent : summary.failed);
    report(outcome);
  }
  return summary;
}

}  // namespace casereview
