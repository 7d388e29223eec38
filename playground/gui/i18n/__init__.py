"""The UI's language: translators, the engine's texts in Japanese, switching at run time."""
