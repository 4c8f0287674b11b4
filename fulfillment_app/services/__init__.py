"""Use cases that the desktop and the command line call: one place for transactions,
permission checks and the audit log. Services take plain values and return plain data objects,
never ORM instances, so their results can cross threads."""
