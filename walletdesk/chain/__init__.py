"""Wallet knowledge in plain Python: networks, address and hash formats, secret detection."""
