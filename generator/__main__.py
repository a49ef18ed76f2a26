"""`python -m generator` runs the same command line as `bulletin`."""
from generator.cli import run

run()
