"""Pure domain logic: no Qt, no I/O, no clock."""
