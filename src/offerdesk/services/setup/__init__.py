"""Opening an installation: schema, settings, demo data, the service container and what `info` reports."""
