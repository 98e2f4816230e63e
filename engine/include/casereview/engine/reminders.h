#pragma once
// What reminder e-mails are due in a partnership on a day, and what each says.
//
// On a working day in England (none on weekends and bank holidays):
//  - a digest for each active user with an e-mail address, listing what they act
//    on that is overdue, due today or due soon: for a manager the partnership's
//    open clocks (as GET /api/v1/deadlines shows them) and its open actions; for
//    an agency contributor the unanswered requests to their agency; for an
//    independent reviewer the open clocks of the local reviews of their
//    contracts in force. No digest when there is nothing to list; other roles
//    get none.
//  - an escalation to each manager for every overdue clock of a statutory rule
//    (SourceTag::Statutory, kind deadline), one e-mail per clock;
//  - a request reminder for every unanswered agency request that is overdue or
//    due today, to each active agency contributor of that agency with an e-mail
//    address (an agency request records no contact of its own).
// An e-mail carries case references, rule titles, agency names, action
// references and dates, with links to casereview's pages; never a child's
// identity (no subject is read) nor a case's summary or notes.
//
// Reads through the session in one read transaction of its own (so not inside
// another: StorageError); writes nothing. Throws StorageError.

#include <memory>
#include <string>
#include <vector>

#include "casereview/engine/calendar.h"
#include "casereview/engine/repositories.h"
#include "casereview/engine/workflow.h"

namespace casereview {

enum class ReminderKind { Digest, Escalation, AgencyRequest };
const char* reminder_kind_name(ReminderKind kind);  // "digest", "escalation", "agency_request": stable, stored

// One e-mail to one recipient.
struct ReminderMail {
  ReminderKind kind = ReminderKind::Digest;
  long long partnership_id = 0;
  // What it is about, the same for every recipient and every day: "digest:<user id>",
  // "clock:<case id>:<rule id>", "request:<case id>:<agency>:<requested on>".
  std::string item_key;
  std::string to;        // the recipient's e-mail address
  std::string username;  // the recipient's account
  std::string subject;   // one line
  std::string body;      // plain text, lines ending "\n"
};

struct ReminderDay {
  Date today;
  Instant now;  // hour-based clocks are read against it
  std::shared_ptr<const WorkingDayCalendar> calendar;
  std::string public_url;  // the address people open casereview at, e.g. "https://casereview.example.org"
};

// Every e-mail due in `partnership` on day.today, digests first (by username),
// then escalations, then request reminders (each by subject, which begins with
// the case reference, then recipient).
// Empty on a day that is not a working day.
std::vector<ReminderMail> reminders_due(StoreSession& session, const WorkflowRegistry& workflows,
                                        const Partnership& partnership, const ReminderDay& day);

}  // namespace casereview
