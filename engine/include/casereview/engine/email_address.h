#pragma once
// E-mail addresses of users, where reminders are sent. Checked enough to be a
// safe single address in a mail header and an SMTP envelope, not to prove that
// a mailbox exists. Pure functions: thread-safe.

#include <string>
#include <string_view>

namespace casereview {

// The longest address accepted (RFC 5321's limit on a forward path).
inline constexpr std::size_t kMaxEmailLength = 254;

// Why `address` cannot be an e-mail address, or "" when it can: it must have
// exactly one @ with something before and after it, at most 254 characters,
// and no spaces, control characters (CR and LF included), backslashes or any
// of < > , ; " ( ), which would change the meaning of a mail header.
std::string email_problem(std::string_view address);

}  // namespace casereview
