"""Renderers: data in, text (machine formats) or a Rich renderable (terminal) out."""
