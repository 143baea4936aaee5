"""An example pmcompare data pack; its TOML files are the pack."""
