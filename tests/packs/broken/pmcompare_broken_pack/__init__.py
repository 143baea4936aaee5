"""A broken pmcompare data pack: the default registry must skip it with a warning."""
