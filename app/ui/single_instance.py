"""One tray app per user and config: a later launch hands its request to the first and exits.

The first launch listens on a local socket (a Unix socket or a Windows named pipe, through
QLocalServer); a later one connects, sends one line (e.g. "open-settings") and is done. The
socket's name is derived from the user and the config path, so two configs can each run.
"""

from __future__ import annotations

import getpass
import hashlib
import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_MS = 1500
_ACK = b"ok\n"


def instance_key(identity: str) -> str:
    """A socket name for this user and `identity` (the config path), short and path-free."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers): the hash still separates configs
        user = ""
    digest = hashlib.sha256(f"{user}\0{identity}".encode()).hexdigest()[:20]
    return f"switchboard-{digest}"


class SingleInstance(QObject):
    message_received = Signal(str)

    def __init__(self, key: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self._server: QLocalServer | None = None

    def notify_running(self, message: str, timeout_ms: int = CONNECT_TIMEOUT_MS) -> bool:
        """Send `message` to a running instance; False when none is running."""
        socket = QLocalSocket()
        socket.connectToServer(self.key)
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(message.encode() + b"\n")
        socket.waitForBytesWritten(timeout_ms)
        if not socket.waitForReadyRead(timeout_ms):
            log.warning("the running Switchboard did not answer %r", message)
        socket.disconnectFromServer()
        return True

    def listen(self) -> bool:
        """Become the running instance. False when another one is (it raced us).

        Checked first: Qt's listen() may take over a name that another process still serves
        (it replaces the Unix socket file), and a file left behind by a crash must not stop us.
        """
        if self._is_alive():
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.key):
            QLocalServer.removeServer(self.key)  # a socket left behind by a crash
            if not server.listen(self.key):
                log.warning(
                    "single instance: cannot listen on %s: %s", self.key, server.errorString()
                )
                return True  # run anyway: a second launch will start a second app, no worse
        server.newConnection.connect(self._on_new_connection)
        self._server = server
        return True

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    def _is_alive(self) -> bool:
        probe = QLocalSocket()
        probe.connectToServer(self.key)
        alive = probe.waitForConnected(CONNECT_TIMEOUT_MS)
        probe.abort()
        return alive

    def _on_new_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._on_ready_read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _on_ready_read(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            line = bytes(socket.readLine().data()).decode(errors="replace").strip()
            socket.write(_ACK)
            socket.flush()
            if line:
                self.message_received.emit(line)
