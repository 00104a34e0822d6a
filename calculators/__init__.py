"""Southend Social Value Toolkit: the calculators' core.

Standard library only, so that the same code runs in CPython 3.11+ and in Pyodide in the browser.
Every face (command line, site build, browser worker) goes through ``calculators.api.run``.
"""

__version__ = "0.1.0"
