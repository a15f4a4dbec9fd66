"""The platform operator's side: the cities on this installation, created and switched off without SQL."""
