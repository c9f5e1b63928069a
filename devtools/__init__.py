"""Development tools (not an app, not installed): the import contracts' custom type."""
