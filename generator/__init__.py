"""Turn the YAML question bank into an MkDocs Material site and printable PDFs.

The pipeline, one module per stage: loader -> validate -> links -> render
(pages, convert, math, diagrams) -> write (hooks for the site, pdf for print).
"""
