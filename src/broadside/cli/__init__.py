"""The `broadside` command: parses the command line, wires the steps, reports what happened."""
