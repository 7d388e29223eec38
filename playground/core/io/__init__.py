"""Files: atomic writes, model bundles, projects, exporters."""
