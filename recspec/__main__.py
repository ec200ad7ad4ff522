"""`python -m recspec`."""

from recspec.launch import entry

entry()
