"""Settings schema, load/atomic save, secrets and the provider catalogue."""
