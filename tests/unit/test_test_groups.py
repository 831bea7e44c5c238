"""The test suite's own set-up: under ``make test`` (pytest-xdist, --dist loadgroup) the tests of
a group run in one worker, so that what they share (the corpus's builds, a module's edition) is
made once. pytest 9.2 with pytest-xdist 3.8 silently ignores the groups (pytest-xdist issue #1386)."""

from __future__ import annotations

import os

import pytest


@pytest.mark.xdist_group("self-check")
def test_a_grouped_test_is_scheduled_with_its_group(request):
    if not os.environ.get("PYTEST_XDIST_WORKER") or not getattr(request.config.option, "loadgroup", False):
        pytest.skip("not run by pytest-xdist with --dist loadgroup")
    assert request.node.nodeid.endswith("@self-check"), "pytest-xdist ignores xdist_group: see pyproject.toml's test extra"


def test_a_test_sharing_a_module_fixture_joins_its_modules_group(request, module_value):
    if not os.environ.get("PYTEST_XDIST_WORKER") or not getattr(request.config.option, "loadgroup", False):
        pytest.skip("not run by pytest-xdist with --dist loadgroup")
    assert request.node.nodeid.endswith(f"@{__name__}")


@pytest.fixture(scope="module")
def module_value():
    return 1
