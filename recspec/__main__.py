"""`python -m recspec`."""

from recspec.cli import main

main()
