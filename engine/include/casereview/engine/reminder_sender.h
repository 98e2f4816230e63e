#pragma once
// Sending reminder e-mails exactly once per recipient, item and day, however
// many processes send at the same time and however often the relay fails.
//
// The protocol, for each e-mail due (reminders.h):
//  1. In a write transaction, record a claim for (item, recipient, day)
//     (ReminderRepository::claim). When the record exists already, someone else
//     has it: it is skipped, unless it failed, or it has stayed claimed for more
//     than kStaleClaimSeconds (its process stopped), in which case it is taken
//     over (take_over: only the one process whose update changed the record
//     goes on).
//  2. Outside any transaction, hand it to the Mailer.
//  3. Mark it sent, or failed with the relay's error; a later pass on the same
//     day takes a failed one over and tries again.
// An e-mail due on a day and not sent by its end stays failed: the next day's
// e-mails say what is still due.
//
// When the relay cannot be reached, the e-mails after it in the same pass are
// not tried (so a dead relay costs one timeout per pass, not one per e-mail):
// they are claimed and marked failed with that error, and retried by the next
// pass like any other failure.
//
// Throws StorageError (the store); a claim being handled when it is thrown
// stays claimed and is taken over by a later pass once stale.

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "casereview/engine/reminders.h"
#include "casereview/engine/repositories.h"

namespace casereview {

// A claim older than this is taken to belong to a process that stopped.
inline constexpr long long kStaleClaimSeconds = 10LL * 60;

// The relay refused an e-mail, or could not be reached (`relay_unreachable`:
// connecting, the greeting, TLS or authentication failed, or it timed out).
class MailError : public std::runtime_error {
 public:
  MailError(const std::string& message, bool relay_unreachable)
      : std::runtime_error(message), relay_unreachable_(relay_unreachable) {}
  bool relay_unreachable() const { return relay_unreachable_; }

 private:
  bool relay_unreachable_;
};

// Where e-mails go. Implementations need not be thread-safe: one pass uses one.
class Mailer {
 public:
  virtual ~Mailer() = default;
  // Sends `mail` to mail.to; returns once the relay has accepted it. Throws
  // MailError, and nothing else, when it was not accepted.
  virtual void send(const ReminderMail& mail) = 0;
};

// What happened to one e-mail in a pass.
struct ReminderOutcome {
  enum class What {
    Sent,
    Failed,   // the relay refused it or could not be reached; `error` says why
    Skipped,  // another process has sent it, or is sending it now
  };
  What what = What::Skipped;
  const ReminderMail* mail = nullptr;  // valid during the report call
  int attempt = 0;                     // 1 for the first claim; 0 when skipped
  std::string error;
};

struct ReminderPassSummary {
  int due = 0;
  int sent = 0;
  int failed = 0;
  int skipped = 0;
};

// Runs steps 1-3 for each of `mails` (all due on `day`) in order, calling
// `report` after each (from this thread; it must not throw). `sender` names this
// process in the claims ("host:pid"); `clock` gives the instants recorded and
// decides whether a claim is stale.
ReminderPassSummary send_reminders(StoreSession& session, Mailer& mailer, const std::vector<ReminderMail>& mails,
                                   Date day, const std::string& sender, const std::function<Instant()>& clock,
                                   const std::function<void(const ReminderOutcome&)>& report);

}  // namespace casereview
