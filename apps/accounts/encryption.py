"""Encryption at rest for free text (safety plans, journals, session notes).

A column holds ``fernet:<token>``: Fernet (AES-128-CBC + HMAC-SHA256) under the
newest key of TRELLIS_ENCRYPTION_KEYS. Older keys still decrypt, so keys can be
rotated without downtime: add a new key in front, deploy, run
``manage.py rotate_encryption_keys``, then drop the old key. Keys come from the
environment only; a database dump alone reads as noise.

A value without the prefix is plaintext written before the column was
encrypted: it is read as is, and the rotation command encrypts it.
"""

import functools

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.core.validators import MaxLengthValidator
from django.db import models

PREFIX = "fernet:"


@functools.lru_cache(maxsize=8)
def _fernets(keys: tuple[str, ...]) -> tuple[Fernet, MultiFernet]:
    if not keys:
        raise ImproperlyConfigured(
            "TRELLIS_ENCRYPTION_KEYS is empty: set it to one or more Fernet keys, newest first"
        )
    fernets = [Fernet(key.encode()) for key in keys]
    return fernets[0], MultiFernet(fernets)


def keyring() -> tuple[Fernet, MultiFernet]:
    """(the newest key alone, every key) from the settings, read on each call so
    a test or a rotation can change them."""
    return _fernets(tuple(settings.TRELLIS_ENCRYPTION_KEYS))


def encrypt(text: str) -> str:
    _newest, every = keyring()
    return PREFIX + every.encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        return stored  # written before the column was encrypted
    _newest, every = keyring()
    try:
        return every.decrypt(stored[len(PREFIX) :].encode("ascii")).decode("utf-8")
    except InvalidToken as error:
        # Never show the ciphertext or fall back to it: a missing key is an
        # operations problem to fix, not data to display.
        raise ImproperlyConfigured(
            "An encrypted value could not be decrypted with any key in "
            "TRELLIS_ENCRYPTION_KEYS (was a key removed before rotating?)"
        ) from error


def is_current(stored: str) -> bool:
    """True when the stored value is already encrypted under the newest key."""
    if not stored.startswith(PREFIX):
        return False
    newest, _every = keyring()
    try:
        newest.decrypt(stored[len(PREFIX) :].encode("ascii"))
    except InvalidToken:
        return False
    return True


class EncryptedTextField(models.TextField):
    """A TextField stored encrypted. It cannot be searched or ordered by in
    the database (each encryption is randomised), which is the point."""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return None
        return encrypt(str(value))

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return decrypt(value)


class EncryptedCharField(EncryptedTextField):
    """One line of encrypted text: a text input, with its length checked on
    the plaintext (the ciphertext is longer, so the column is TEXT)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.validators.append(MaxLengthValidator(self.max_length))

    def formfield(self, **kwargs):
        from django import forms

        return super().formfield(**{"widget": forms.TextInput, **kwargs})


def encrypted_fields():
    """(model, [field, ...]) for every concrete model with encrypted columns."""
    from django.apps import apps

    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        fields = [
            field for field in model._meta.concrete_fields if isinstance(field, EncryptedTextField)
        ]
        if fields:
            yield model, fields


@checks.register(checks.Tags.security)
def check_encryption_keys(app_configs=None, **kwargs):
    keys = getattr(settings, "TRELLIS_ENCRYPTION_KEYS", [])
    if not keys:
        return [
            checks.Error(
                "TRELLIS_ENCRYPTION_KEYS is not set.",
                hint="Set it to one or more Fernet keys, comma-separated, newest first "
                "(docs/OPERATIONS.md). Production has no default.",
                id="accounts.E001",
            )
        ]
    problems = []
    for position, key in enumerate(keys, 1):
        try:
            Fernet(key.encode())
        except (ValueError, TypeError):
            problems.append(
                checks.Error(
                    f"Key {position} of TRELLIS_ENCRYPTION_KEYS is not a Fernet key.",
                    hint="A Fernet key is 32 bytes, url-safe base64 encoded "
                    "(Fernet.generate_key()).",
                    id="accounts.E002",
                )
            )
    return problems
