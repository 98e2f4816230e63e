#include "reminders/smtp_mailer.h"

#include <Poco/Base64Encoder.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/DNS.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MailRecipient.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SMTPClientSession.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Timespan.h>

#include <memory>
#include <sstream>

namespace casereview::web {
namespace {

using Poco::Net::SMTPClientSession;

// An SMTP session on a socket connected with a time-out, which can switch that
// socket to TLS itself (SecureSMTPClientSession connects without a time-out
// when it is given the relay's name, and cannot check the name when given a
// socket).
class RelaySession final : public SMTPClientSession {
 public:
  explicit RelaySession(const Poco::Net::StreamSocket& socket) : SMTPClientSession(socket) {}

  // STARTTLS, then the TLS handshake; the relay's certificate must verify for
  // `host`. False when the relay does not accept STARTTLS.
  bool start_tls(const Poco::Net::Context::Ptr& context, const std::string& host, const Poco::Timespan& timeout) {
    std::string response;
    if (!isPositiveCompletion(sendCommand("STARTTLS", response))) return false;
    Poco::Net::SecureStreamSocket secure = Poco::Net::SecureStreamSocket::attach(socket(), host, context);
    secure.setReceiveTimeout(timeout);
    secure.setSendTimeout(timeout);
    socket() = secure;
    return true;
  }

  // AUTH LOGIN (RFC 4954 with the LOGIN mechanism): the name, then the
  // password, each base64 when the relay answers 334, whatever its challenge
  // says (SMTPClientSession::login reads the challenge's words, and with a
  // relay that words them otherwise it returns without having signed in).
  void auth_login(const std::string& user, const std::string& password) {
    std::string response;
    int status = sendCommand("AUTH LOGIN", response);
    if (status != 334) throw Poco::Net::SMTPException("AUTH LOGIN was refused", response, status);
    status = sendCommand(base64(user), response);
    if (status != 334) throw Poco::Net::SMTPException("the user name was refused", response, status);
    status = sendCommand(base64(password), response);
    if (!isPositiveCompletion(status)) throw Poco::Net::SMTPException("authentication failed", response, status);
  }

 private:
  static std::string base64(const std::string& text) {
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.rdbuf()->setLineLength(0);
    encoder << text;
    encoder.close();
    return out.str();
  }
};

Poco::Net::Context::Ptr client_context(const SmtpSettings& s) {
  Poco::Net::initializeSSL();
  Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", s.ca_file,
                                                           Poco::Net::Context::VERIFY_RELAXED, 9, s.ca_file.empty());
  context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
  return context;
}

// The relay's words for a failure, on one line.
std::string reason(const Poco::Exception& e) {
  std::string text = e.displayText();
  for (char& c : text) {
    if (c == '\r' || c == '\n') c = ' ';
  }
  return text;
}

void fill(Poco::Net::MailMessage& message, const ReminderMail& mail, const std::string& from) {
  message.setSender("casereview <" + from + ">");
  message.addRecipient(Poco::Net::MailRecipient(Poco::Net::MailRecipient::PRIMARY_RECIPIENT, mail.to));
  message.setSubject(Poco::Net::MailMessage::encodeWord(mail.subject, "UTF-8"));
  message.set("Auto-Submitted", "auto-generated");  // RFC 3834: no auto-replies
  message.setContentType("text/plain; charset=UTF-8");
  message.setContent(mail.body, Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);
}

}  // namespace

void SmtpMailer::send(const ReminderMail& mail) {
  const Poco::Timespan timeout(settings_.timeout_seconds, 0);
  const std::string relay = settings_.host + ":" + std::to_string(settings_.port);
  std::unique_ptr<RelaySession> session;
  try {
    Poco::Net::StreamSocket socket;
    socket.connect(Poco::Net::SocketAddress(settings_.host, static_cast<Poco::UInt16>(settings_.port)), timeout);
    socket.setReceiveTimeout(timeout);
    socket.setSendTimeout(timeout);
    session = std::make_unique<RelaySession>(socket);
    session->setTimeout(timeout);
    const std::string me = Poco::Net::DNS::hostName();
    session->login(me);
    if (settings_.starttls) {
      if (!session->start_tls(client_context(settings_), settings_.host, timeout)) {
        throw MailError("the relay " + relay + " does not accept STARTTLS", true);
      }
      session->login(me);  // EHLO again, over TLS
    }
    if (!settings_.user.empty()) session->auth_login(settings_.user, settings_.password);
  } catch (const MailError&) {
    throw;
  } catch (const Poco::Exception& e) {
    throw MailError("the relay " + relay + " could not be used: " + reason(e), true);
  } catch (const std::exception& e) {
    throw MailError("the relay " + relay + " could not be used: " + e.what(), true);
  }
  try {
    Poco::Net::MailMessage message;
    fill(message, mail, settings_.from);
    session->sendMessage(message);
  } catch (const Poco::Net::SMTPException& e) {
    throw MailError("the relay " + relay + " refused the e-mail: " + reason(e), false);
  } catch (const Poco::Exception& e) {
    throw MailError("the relay " + relay + " failed while sending: " + reason(e), true);
  } catch (const std::exception& e) {
    throw MailError("the relay " + relay + " failed while sending: " + e.what(), true);
  }
  try {
    session->close();
  } catch (const Poco::Exception&) {
    // The relay has accepted the e-mail; a failed QUIT changes nothing.
  }
}

}  // namespace casereview::web
