"""`python -m calc.cli`, the same as the console script `calc`."""
import sys

from . import main

sys.exit(main())
