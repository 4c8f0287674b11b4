"""``python -m fulfillment_app``: the same as the ``fulfillment`` command."""

import sys

from .cli import main

sys.exit(main())
