"""Great Expectations' own Data Docs views, with their Jinja templates compiled once per
process. GE builds a new Jinja environment for every page it draws, and each new
environment parses and compiles the templates again: about half of every suite's time
at Kota Serang's size (~0.15 of 0.3 s), for the same few dozen template files each time.

Named as the views of the Data Docs site in expectations/gx/great_expectations.yml
(GE's extension point for custom views); the pages are the same as before.
"""

from __future__ import annotations

from great_expectations.render.view import DefaultJinjaIndexPageView, DefaultJinjaPageView
from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class CompiledTemplates(BytecodeCache):
    """Jinja's bytecode-cache interface, kept in memory: a template's code is reused only
    for the same name and the same source (jinja checks the source's checksum). Only for
    the views below, whose environments GE configures alike (DefaultJinjaView.__init__):
    code compiled under other options (autoescape, extensions) must not share it."""

    def __init__(self) -> None:
        self._code: dict[tuple[str, str], object] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        bucket.code = self._code.get((bucket.key, bucket.checksum))

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[(bucket.key, bucket.checksum)] = bucket.code


COMPILED = CompiledTemplates()


class _CompiledOnce:
    """GE's view, its Jinja environment given the shared cache."""

    def __init__(self, custom_styles_directory=None, custom_views_directory=None) -> None:
        super().__init__(custom_styles_directory, custom_views_directory)
        self.env.bytecode_cache = COMPILED


class PageView(_CompiledOnce, DefaultJinjaPageView):
    pass


class IndexPageView(_CompiledOnce, DefaultJinjaIndexPageView):
    pass
