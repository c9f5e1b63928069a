"""factory_boy factories for the tests, one module per app."""
