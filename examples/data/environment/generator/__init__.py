"""The bundled environment's reports, one module per image."""
