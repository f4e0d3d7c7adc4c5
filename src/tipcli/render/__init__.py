"""A view becomes text: records for JSON, plain lines, CSV and TSV, Markdown, DOT and
Mermaid; `terminal` is the only package that imports Rich."""
