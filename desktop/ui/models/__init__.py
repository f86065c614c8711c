"""Table models of the desktop app (one per list)."""
