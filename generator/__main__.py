"""`python -m generator` runs the same command line as `bulletin`."""
import sys

from generator.cli import main

sys.exit(main())
