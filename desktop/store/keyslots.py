"""Key slots: the database key wrapped per user (Argon2id + AES-GCM) in a JSON file beside it.

The file also carries a key check (to tell a wrong recovery key from a damaged database) and
the audit chain's head (event count and last hash, MAC'd with the database key) so that
deleting the last audit events or restoring an older database is noticed by ``audit verify``.
Nothing in the file is personal data: user names are staff accounts, the rest is random or
derived from the random database key.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import hashlib
import hmac
import json
import os
import secrets
import sys
import unicodedata
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desktop.store.errors import Corrupt

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping
    from pathlib import Path

FORMAT = "honnin-keyslots"
VERSION = 1
KEY_BYTES = 32
FREE_ATTEMPTS = 3
"""Wrong passwords in a row that cost nothing more than the key derivation itself."""
MAX_BACKOFF_SECONDS = 300.0


@dataclass(frozen=True, slots=True)
class KdfParams:
    """Argon2id parameters of one slot; stored with it so they can be raised later.

    The default is RFC 9106's second recommended option (t=3, 64 MiB, p=4): about 0.1 s
    on the 2-core development machine.
    """

    algorithm: str = "argon2id"
    time_cost: int = 3
    memory_cost: int = 65536  # KiB
    parallelism: int = 4

    def weaker_than(self, other: KdfParams) -> bool:
        """Return whether any cost is below ``other``'s (the slot is then rewrapped)."""
        return (
            self.time_cost < other.time_cost
            or self.memory_cost < other.memory_cost
            or self.parallelism < other.parallelism
        )


DEFAULT_KDF = KdfParams()


@dataclass(frozen=True, slots=True)
class Slot:
    """The database key wrapped under one user's password."""

    name: str
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    ciphertext: bytes
    failures: int = 0  # wrong passwords in a row, persisted so that restarts do not reset it
    last_failure: float = 0.0  # POSIX seconds of the last wrong password


@dataclass(frozen=True, slots=True)
class ChainHead:
    """The audit chain's head as last seen: a lower bound the database must still reach."""

    events: int
    hash: str
    mac: str


@dataclass(frozen=True, slots=True)
class SlotFile:
    """The whole key-slot file."""

    store_id: str
    key_check: str
    slots: Mapping[str, Slot]
    head: ChainHead | None = None

    def with_slot(self, slot: Slot) -> SlotFile:
        """Return a copy with ``slot`` added or replaced."""
        slots = dict(self.slots)
        slots[slot.name] = slot
        return dataclasses.replace(self, slots=MappingProxyType(slots))

    def without_slot(self, name: str) -> SlotFile:
        """Return a copy without the slot of ``name``."""
        slots = {k: v for k, v in self.slots.items() if k != name}
        return dataclasses.replace(self, slots=MappingProxyType(slots))


def new_key() -> bytes:
    """Return a fresh random 256-bit database key."""
    return secrets.token_bytes(KEY_BYTES)


def key_check(key: bytes) -> str:
    """Return a verifier of ``key`` that reveals nothing of it (HMAC of a constant)."""
    return hmac.new(key, b"honnin key check v1", hashlib.sha256).hexdigest()[:32]


def head_mac(key: bytes, store_id: str, events: int, last_hash: str) -> str:
    """Return the MAC that binds a chain head to the database key."""
    message = f"honnin chain head v1\0{store_id}\0{events}\0{last_hash}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _password_bytes(password: str) -> bytes:
    # NFC so that the same password typed through different input methods matches.
    return unicodedata.normalize("NFC", password).encode("utf-8")


def _aad(store_id: str, name: str) -> bytes:
    # Binds a slot to its store and user: a slot copied to another name or store fails.
    return f"honnin-keyslot-v1\0{store_id}\0{name}".encode()


def _derive(password: str, salt: bytes, kdf: KdfParams) -> bytes:
    if kdf.algorithm != "argon2id":
        raise ValueError(f"unknown key derivation {kdf.algorithm!r}")
    return hash_secret_raw(
        _password_bytes(password),
        salt,
        time_cost=kdf.time_cost,
        memory_cost=kdf.memory_cost,
        parallelism=kdf.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def wrap(key: bytes, name: str, password: str, store_id: str, kdf: KdfParams) -> Slot:
    """Wrap the database key under ``password`` for user ``name``."""
    salt = secrets.token_bytes(16)
    nonce = secrets.token_bytes(12)
    ciphertext = AESGCM(_derive(password, salt, kdf)).encrypt(nonce, key, _aad(store_id, name))
    return Slot(name=name, kdf=kdf, salt=salt, nonce=nonce, ciphertext=ciphertext)


def unwrap(slot: Slot, password: str, store_id: str) -> bytes | None:
    """Return the database key, or None when ``password`` is wrong."""
    derived = _derive(password, slot.salt, slot.kdf)
    try:
        return AESGCM(derived).decrypt(slot.nonce, slot.ciphertext, _aad(store_id, slot.name))
    except InvalidTag:
        return None


def backoff_remaining(slot: Slot, now: float) -> float:
    """Return the seconds to wait before ``slot`` accepts another attempt (0 when free).

    After FREE_ATTEMPTS wrong passwords in a row each further failure doubles the wait,
    up to MAX_BACKOFF_SECONDS; a right password resets the count.
    """
    if slot.failures < FREE_ATTEMPTS:
        return 0.0
    wait = min(2.0 ** (slot.failures - FREE_ATTEMPTS), MAX_BACKOFF_SECONDS)
    return max(0.0, slot.last_failure + wait - now)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise TypeError("expected base64 text")
    return base64.b64decode(text, validate=True)


def dumps(slot_file: SlotFile) -> bytes:
    """Serialise ``slot_file`` as JSON bytes."""
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "store_id": slot_file.store_id,
        "key_check": slot_file.key_check,
        "slots": {
            name: {
                "kdf": dataclasses.asdict(slot.kdf),
                "salt": _b64(slot.salt),
                "nonce": _b64(slot.nonce),
                "ciphertext": _b64(slot.ciphertext),
                "failures": slot.failures,
                "last_failure": slot.last_failure,
            }
            for name, slot in sorted(slot_file.slots.items())
        },
        "head": None if slot_file.head is None else dataclasses.asdict(slot_file.head),
    }
    return json.dumps(document, indent=1, ensure_ascii=False).encode("utf-8")


def loads(data: bytes, source: str) -> SlotFile:
    """Parse a key-slot file.

    Raises:
        Corrupt: not a key-slot file, or damaged.
    """
    try:
        document = json.loads(data.decode("utf-8"))
        if document.get("format") != FORMAT or document.get("version") != VERSION:
            raise Corrupt(source, "not a Honnin Desk key-slot file (or a newer version)")
        slots = {
            str(name): Slot(
                name=str(name),
                kdf=KdfParams(**raw["kdf"]),
                salt=_unb64(raw["salt"]),
                nonce=_unb64(raw["nonce"]),
                ciphertext=_unb64(raw["ciphertext"]),
                failures=int(raw.get("failures", 0)),
                last_failure=float(raw.get("last_failure", 0.0)),
            )
            for name, raw in document["slots"].items()
        }
        raw_head = document.get("head")
        head = (
            None
            if raw_head is None
            else ChainHead(int(raw_head["events"]), str(raw_head["hash"]), str(raw_head["mac"]))
        )
        return SlotFile(
            store_id=str(document["store_id"]),
            key_check=str(document["key_check"]),
            slots=MappingProxyType(slots),
            head=head,
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise Corrupt(source, f"damaged key-slot file ({type(exc).__name__})") from None


def load(path: Path) -> SlotFile:
    """Read the key-slot file at ``path``."""
    return loads(path.read_bytes(), str(path))


def save(path: Path, slot_file: SlotFile) -> None:
    """Write the key-slot file atomically: a sibling file, fsync, rename, fsync the folder.

    A crash at any moment leaves either the old or the new file, never a mix. Callers hold
    ``file_lock`` so that two processes do not overwrite each other's changes.
    """
    data = dumps(slot_file)
    sibling = path.with_name(path.name + ".new")
    fd = os.open(sibling, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(sibling, path)
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    # The rename is durable only once the folder is synced (POSIX); Windows has no such call.
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def file_lock(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``lock_path`` (created empty; never replaced).

    The key-slot file is read, changed and rewritten by several processes (the GUI, the
    command line); this lock serialises that. The kernel drops it when a process dies.
    """
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
            try:
                yield
            finally:
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
