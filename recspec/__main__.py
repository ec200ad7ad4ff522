"""`python -m recspec`."""

from recspec.cli import entry

entry()
