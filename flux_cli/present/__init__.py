"""How flux shows numbers, weights, prescriptions and sets, for the CLI and the dashboard alike.

Pure functions over engine types: nothing here imports storage, services, the CLI or the
dashboard, and Rich or Textual are never imported at import time.
"""
