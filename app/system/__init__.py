"""OS integration without Qt: resource paths, autostart, logs, heap."""
