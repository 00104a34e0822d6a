"""Hypothesis without a deadline: the property tests check results, never speed (speed belongs in
``make bench``), and a busy machine or Pyodide must not turn a slow example into a failure."""

from hypothesis import settings

settings.register_profile("toolkit", deadline=None)
settings.load_profile("toolkit")
