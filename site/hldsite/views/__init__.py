"""Blueprints: the reading pages in each language, and the language-neutral root."""
