#!/usr/bin/env python3
"""A real SMTP server on loopback for the notification tests (aiosmtpd).

Prints "PORT <n>" once listening, then writes each message it accepts to MAILDIR/<n>.eml
(written whole, then renamed: a file present is a message accepted).

  --auth USER:PASSWORD   require AUTH (PLAIN or LOGIN) before MAIL FROM
  --refuse-first N       answer 451 (try again later) to the first N messages
  --hold-at K            at the K-th RCPT TO, create MAILDIR/holding and never answer (once):
                         the test kills the client there, mid-send
  --starttls             offer STARTTLS and require it before MAIL FROM, with a certificate for
                         "localhost" made here (MAILDIR/ca.pem: the certificate the client must trust)
"""
import argparse
import asyncio
import itertools
import os
import signal
import socket

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Handler:
    def __init__(self, maildir, refuse_first, hold_at):
        self.maildir = maildir
        self.refused = 0
        self.refuse_first = refuse_first
        self.hold_at = hold_at
        self.rcpts = 0
        self.held = False
        self.counter = itertools.count(1)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.rcpts += 1
        if self.hold_at and self.rcpts == self.hold_at and not self.held:
            self.held = True
            open(os.path.join(self.maildir, "holding"), "w").close()
            await asyncio.sleep(3600)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.refused < self.refuse_first:
            self.refused += 1
            return "451 4.3.0 Essayez plus tard"
        number = next(self.counter)
        path = os.path.join(self.maildir, f"{number:04d}.eml")
        with open(path + ".tmp", "wb") as out:
            out.write(b"X-Envelope-From: " + envelope.mail_from.encode() + b"\r\n")
            out.write(b"X-Envelope-To: " + ",".join(envelope.rcpt_tos).encode() + b"\r\n")
            out.write(envelope.original_content)
        os.rename(path + ".tmp", path)
        return "250 Message accepted"


def self_signed_context(folder):
    """A TLS context with a new self-signed certificate for localhost; the certificate is written
    to FOLDER/ca.pem for the client to trust."""
    import datetime
    import ssl
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                   .serial_number(x509.random_serial_number())
                   .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
                   .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
                   .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                   .sign(key, hashes.SHA256()))
    cert_path = os.path.join(folder, "ca.pem")
    key_path = os.path.join(folder, "key.pem")
    with open(cert_path, "wb") as out:
        out.write(certificate.public_bytes(serialization.Encoding.PEM))
    with open(key_path, "wb") as out:
        out.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_path, key_path)
    return context


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--auth")
    parser.add_argument("--refuse-first", type=int, default=0)
    parser.add_argument("--hold-at", type=int, default=0)
    parser.add_argument("--starttls", action="store_true")
    args = parser.parse_args()
    os.makedirs(args.maildir, exist_ok=True)

    kwargs = {}
    if args.auth:
        user, password = args.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user \
                and auth_data.password.decode() == password
            return AuthResult(success=ok)

        kwargs = dict(authenticator=authenticator, auth_required=True, auth_require_tls=False)

    if args.starttls:
        kwargs.update(tls_context=self_signed_context(args.maildir), require_starttls=True)
    handler = Handler(args.maildir, args.refuse_first, args.hold_at)
    # aiosmtpd checks its port by connecting to it: it needs a real one, found here.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    print(f"PORT {port}", flush=True)
    # Runs until killed (SIGTERM or SIGKILL end it at once: there is nothing to keep).
    signal.pause()


if __name__ == "__main__":
    main()
