"""Reading a campaign folder: front matter, Markdown, validated models."""
