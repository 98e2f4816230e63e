#!/usr/bin/python3
"""A real SMTP server on loopback for casereview's tests (aiosmtpd, Debian's
python3-aiosmtpd): every message it accepts is written into a Maildir (DIR/new,
one file per message, with the envelope in X-MailFrom and X-RcptTo). With
--auth USER:PASSWORD it demands AUTH (LOGIN or PLAIN) with those; with
--tls-cert and --tls-key it offers STARTTLS and demands it before anything
else. Prints "ready" once it accepts connections; stops on SIGTERM or SIGINT."""

import argparse
import signal
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import AuthResult, LoginPassword


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--auth", default="")
    parser.add_argument("--tls-cert", default="")
    parser.add_argument("--tls-key", default="")
    options = parser.parse_args()

    kwargs = {}
    if options.auth:
        user, password = options.auth.split(":", 1)

        def authenticate(server, session, envelope, mechanism, auth_data):
            ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user
                  and auth_data.password.decode() == password)
            return AuthResult(success=ok, handled=False)

        kwargs.update(authenticator=authenticate, auth_required=True, auth_require_tls=bool(options.tls_cert))
    if options.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(options.tls_cert, options.tls_key)
        kwargs.update(tls_context=context, require_starttls=True)

    controller = Controller(Mailbox(options.maildir), hostname="127.0.0.1", port=options.port, **kwargs)
    controller.start()
    print("ready", flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()
    return 0


if __name__ == "__main__":
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    sys.exit(main())
