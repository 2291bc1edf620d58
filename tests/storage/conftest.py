"""Fixtures for the storage tests."""

from __future__ import annotations

import os
import time

import pytest


@pytest.fixture
def berlin():
    """Local time is Berlin's (summer time from the last Sunday of March, 02:00, to the last
    Sunday of October, 03:00)."""
    if not hasattr(time, "tzset"):
        pytest.skip("cannot change the local time zone here")
    old = os.environ.get("TZ")
    os.environ["TZ"] = "CET-1CEST,M3.5.0,M10.5.0/3"
    time.tzset()
    try:
        yield
    finally:
        if old is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = old
        time.tzset()
