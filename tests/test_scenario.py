"""Run the scenario doctests (scenario_*.rst) under pytest.

Tryton loads them through unittest's load_tests hook, which pytest ignores,
so each scenario becomes one parametrised test here.
"""
import doctest
import pathlib
import unittest

import pytest

from trytond import backend
from trytond.tests.test_tryton import (
    STRIP_DECIMAL, doctest_checker, doctest_setup, doctest_teardown)

SCENARIOS = sorted(pathlib.Path(__file__).parent.glob('scenario_*.rst'))
OPTIONFLAGS = (
    doctest.REPORT_ONLY_FIRST_FAILURE
    | doctest.ELLIPSIS
    | doctest.IGNORE_EXCEPTION_DETAIL)
if backend.name == 'sqlite':
    OPTIONFLAGS |= STRIP_DECIMAL


@pytest.mark.parametrize('path', SCENARIOS, ids=lambda p: p.stem)
def test_scenario(path):
    suite = doctest.DocFileSuite(
        str(path), module_relative=False,
        setUp=doctest_setup, tearDown=doctest_teardown,
        encoding='utf-8', checker=doctest_checker, optionflags=OPTIONFLAGS)
    result = unittest.TestResult()
    suite.run(result)
    assert result.testsRun == 1
    problems = result.failures + result.errors
    assert not problems, '\n'.join(text for _, text in problems)


def test_scenarios_found():
    "A missing scenario would otherwise pass silently"
    assert len(SCENARIOS) >= 1
