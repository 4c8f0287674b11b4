"""Store sync: adapters for store platforms, the sync engine and the outbox."""
