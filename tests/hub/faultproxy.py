"""A fault-injecting HTTP proxy on loopback: drops, delays, resets mid-response and repeats requests.

Each client connection carries one request (urllib sends ``Connection: close``). The proxy reads it whole,
picks a fault with its own seeded random generator, and either forwards it faithfully or misbehaves.
"""

from __future__ import annotations

import random
import socket
import struct
import threading
import time
from collections import Counter

FAULTS = ("pass", "drop", "delay", "reset_mid_response", "repeat", "reset_before_response")


def _read_request(conn: socket.socket) -> bytes | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        body += chunk
    return head + b"\r\n\r\n" + body


def _reset(conn: socket.socket) -> None:
    """Close with RST (SO_LINGER 0), as a broken network does."""
    try:
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    finally:
        conn.close()


class FaultProxy:
    def __init__(
        self,
        upstream_port: int,
        *,
        seed: int = 1,
        fault_rate: float = 0.5,
        faults: tuple[str, ...] = FAULTS[1:],
    ) -> None:
        self.faults = faults
        self.upstream = ("127.0.0.1", upstream_port)
        self.rng = random.Random(seed)
        self.fault_rate = fault_rate
        self.counts: Counter[str] = Counter()
        self._lock = threading.Lock()
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self._stop = False
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> FaultProxy:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop = True
        self.sock.close()

    def _pick(self) -> str:
        with self._lock:
            fault = "pass" if self.rng.random() >= self.fault_rate else self.rng.choice(self.faults)
            self.counts[fault] += 1
            delay = self.rng.uniform(0.05, 0.8)
        return f"{fault}:{delay}"

    def _serve(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _forward(self, request: bytes) -> bytes:
        with socket.create_connection(self.upstream, timeout=60) as up:
            up.sendall(request)
            chunks = []
            while True:
                chunk = up.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        return b"".join(chunks)

    def _handle(self, conn: socket.socket) -> None:
        try:
            conn.settimeout(60)
            request = _read_request(conn)
            if request is None:
                conn.close()
                return
            fault, _, delay_text = self._pick().partition(":")
            delay = float(delay_text)
            if fault == "drop":
                _reset(conn)
                return
            if fault == "delay":
                time.sleep(delay)
            if fault == "repeat":  # the request reaches the hub twice (a retrying middlebox)
                self._forward(request)
            response = self._forward(request)
            if fault == "reset_before_response":  # applied at the hub, answer lost
                _reset(conn)
                return
            if fault == "reset_mid_response":
                conn.sendall(response[: max(1, len(response) // 2)])
                _reset(conn)
                return
            conn.sendall(response)
            conn.close()
        except OSError:
            conn.close()
