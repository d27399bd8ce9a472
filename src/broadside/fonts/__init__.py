"""The typefaces Broadside ships: their files, their @font-face rules, what they cover."""

from pathlib import Path

# A fontconfig setup with no fonts at all: the renderer sees only the @font-face ones.
CONFIG = Path(__file__).with_name("fonts.conf")
