"""``python -m xesg`` runs the command line (by way of the launcher, like ``xesg``)."""

from xesg.launcher import main

main()
