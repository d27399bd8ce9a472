"""Campaign → HTML: templates, the words Broadside adds, stylesheets, QR codes."""
