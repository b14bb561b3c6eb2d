"""The settings window: one window, a page per concern (Providers, Profiles, General)."""
