"""A real IMAP server for the tests: Debian's dovecot on 127.0.0.1, in the foreground.

Each test session gets a temporary directory with a minimal configuration, a passwd-file
user and a maildir, started as a non-daemon process on a free port. Dovecot's login and
mail processes refuse to run as root, so they run as the package's ``dovenull`` and
``dovecot`` users (created by the dovecot-core package).
"""

import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

USER = "support"
PASSWORD = "test-imap-password"


@dataclass(frozen=True)
class Dovecot:
    host: str
    port: int
    user: str
    password: str

    def client(self) -> imaplib.IMAP4:
        client = imaplib.IMAP4(self.host, self.port, timeout=10)
        client.login(self.user, self.password)
        return client

    def deliver(self, raw: bytes, folder: str = "INBOX") -> None:
        """Put one mail into the mailbox, unseen, by IMAP APPEND."""
        client = self.client()
        try:
            client.append(folder, None, None, raw)
        finally:
            client.logout()


def dovecot_binary() -> str | None:
    return shutil.which("dovecot") or (
        "/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _config(root: Path, port: int, mail_user: str, login_user: str) -> str:
    return f"""
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
instance_name = walletdesk-test-{port}
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {mail_user}
default_internal_group = {mail_user}
default_login_user = {login_user}
first_valid_uid = 1
mail_location = maildir:{root}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={mail_user} gid={mail_user} home={root}/mail/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""


@contextmanager
def dovecot_running(root: Path) -> Iterator[Dovecot]:
    """Start dovecot in ``root``; stop it (and only it) when the block ends."""
    binary = dovecot_binary()
    if binary is None:
        raise RuntimeError("dovecot is not installed (apt-get install dovecot-imapd)")
    mail_user = pwd.getpwnam("dovecot")
    pwd.getpwnam("dovenull")
    port = _free_port()
    (root / "mail").mkdir(parents=True)
    (root / "run").mkdir()
    (root / "state").mkdir()
    if os.geteuid() == 0:
        os.chown(root / "mail", mail_user.pw_uid, mail_user.pw_gid)
    root.chmod(0o755)
    (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
    config = root / "dovecot.conf"
    config.write_text(_config(root, port, "dovecot", "dovenull"))
    process = subprocess.Popen(  # noqa: S603 -- fixed arguments, our own config file
        [binary, "-F", "-c", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    server = Dovecot(host="127.0.0.1", port=port, user=USER, password=PASSWORD)
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                server.client().logout()
                break
            except (OSError, imaplib.IMAP4.error):
                if process.poll() is not None or time.monotonic() > deadline:
                    log = (
                        (root / "dovecot.log").read_text()
                        if (root / "dovecot.log").exists()
                        else ""
                    )
                    raise RuntimeError(f"dovecot did not start: {log[-2000:]}") from None
                time.sleep(0.1)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
