"""``python -m xesg`` runs the command line."""

from xesg.cli import main

main()
