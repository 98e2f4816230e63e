#pragma once
// Sends reminder e-mails through an SMTP relay (Poco's SMTPClientSession): one
// connection per e-mail, plain SMTP on host:port, optionally upgraded with
// STARTTLS (the relay's certificate verified against the system's CAs, or
// ca_file, and its name), optionally AUTH LOGIN. Connecting and every read
// and write time out after timeout_seconds, so a dead relay never hangs a pass.
// Not thread-safe (one per pass); holds no connection between e-mails.

#include <string>

#include "casereview/engine/reminder_sender.h"

namespace casereview::web {

struct SmtpSettings {
  std::string host;  // "" means no relay: nothing is sent
  int port = 25;
  std::string from;  // the sender's address (required with a host)
  std::string user;  // AUTH LOGIN when set, with the password
  std::string password;
  bool starttls = false;  // upgrade to TLS before anything else is said
  std::string ca_file;    // PEM CA certificates to verify the relay with; "" = the system's
  int timeout_seconds = 10;
};

class SmtpMailer final : public Mailer {
 public:
  explicit SmtpMailer(SmtpSettings settings) : settings_(std::move(settings)) {}
  // Throws MailError: relay_unreachable for a failure to connect, greet, start
  // TLS or authenticate, and for a network failure or time-out at any point;
  // not for the relay refusing this e-mail (its sender, recipient or content).
  void send(const ReminderMail& mail) override;

 private:
  SmtpSettings settings_;
};

}  // namespace casereview::web
