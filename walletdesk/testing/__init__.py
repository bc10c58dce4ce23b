"""Test support shared by every app's tests (loaded as pytest plugins from the root conftest)."""
