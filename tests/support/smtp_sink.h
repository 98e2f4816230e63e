#pragma once
// A real SMTP server on loopback for the tests, in a temporary directory:
// support/smtp_sink.py (aiosmtpd, Debian's python3-aiosmtpd, run by Debian's
// /usr/bin/python3), which writes every message it accepts into a Maildir. The
// tests read what arrived from there. Started by the constructor, which returns
// once the server accepts connections (or throws after 30 s, or when it exits);
// stopped (SIGTERM) by stop() or the destructor. Not thread-safe.

#include <chrono>
#include <string>
#include <vector>

#include "temp_dir.h"

namespace casereview::testing_support {

// One message as it arrived.
struct ArrivedMail {
  std::string envelope_to;    // RCPT TO, as the server recorded it (X-RcptTo)
  std::string envelope_from;  // MAIL FROM (X-MailFrom)
  std::string to;             // the To header
  std::string from;           // the From header
  std::string subject;        // the Subject header, unfolded
  std::string body;           // decoded from quoted-printable when so encoded, line ends as "\n"
  std::string raw;            // the file as written
  std::string file;           // its name in the Maildir, unique per message
  std::string header(const std::string& name) const;  // any header, unfolded; "" when absent
};

struct SmtpSinkOptions {
  int port = 0;                 // 0: a free port
  std::string auth;             // "USER:PASSWORD": AUTH required with these
  std::string tls_certificate;  // with tls_key: STARTTLS offered and required
  std::string tls_key;
};

class SmtpSink {
 public:
  explicit SmtpSink(const SmtpSinkOptions& options = {});
  ~SmtpSink();
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  int port() const { return port_; }
  // Every message that has arrived, by file name (which does not order messages
  // that arrive within one second: tell them apart by `file`).
  std::vector<ArrivedMail> messages() const;
  // Waits until at least `count` messages have arrived, or `limit` passes;
  // returns what arrived by then (the caller asserts the count).
  std::vector<ArrivedMail> wait_for(std::size_t count, std::chrono::seconds limit = std::chrono::seconds(30)) const;
  void stop();

  // A loopback port nothing listens on when this returns.
  static int free_port();

 private:
  TempDir dir_;
  int port_ = 0;
  int pid_ = -1;
};

}  // namespace casereview::testing_support
