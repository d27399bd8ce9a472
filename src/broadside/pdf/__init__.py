"""HTML → PDF: the only package that knows WeasyPrint, and what is done to its PDFs after."""
