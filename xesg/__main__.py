"""``python -m xesg`` runs the command line, like ``xesg``."""

from xesg.cli import main

main()
