"""OS integration: resource paths, autostart, single instance."""
