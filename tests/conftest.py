"""Test-session settings shared by every test folder.

Property tests run derandomized by default, so a test run on one machine is the same
run everywhere (a clean clone, a release build). Set ``HYPOTHESIS_PROFILE=explore`` to
search with fresh random examples and many more of them.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("default-derandomized", derandomize=True, print_blob=True)
settings.register_profile("explore", max_examples=1000, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default-derandomized"))
