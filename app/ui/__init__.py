"""The tray app (PySide6): thin views over the layers below. `serve` never imports it."""
