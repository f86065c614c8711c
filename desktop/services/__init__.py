"""Use cases shared by the command line and the desktop app; roles and audit enforced here."""
