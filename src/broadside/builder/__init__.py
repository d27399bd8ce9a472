"""One run: campaigns in, every output rendered within limits, then written all at once."""
