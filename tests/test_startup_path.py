"""What a start on an up-to-date station does not do: load Alembic, or the label renderers
(Pillow, reportlab). Each costs a noticeable part of the desktop's cold start."""

from __future__ import annotations

import subprocess
import sys

from fulfillment_app.context import AppContext
from fulfillment_app.db import migrate

_START = """
import sys
from fulfillment_app.config import DatabaseSettings, Settings, StationSettings
from fulfillment_app.context import AppContext
settings = Settings(database=DatabaseSettings(url=sys.argv[1]),
                    station=StationSettings(name="packing-1"))
with AppContext.running(settings) as context:
    assert context.auth.has_users() is False
print(sorted({m.split(".")[0] for m in sys.modules} & {"alembic", "PIL", "reportlab"}))
"""


def test_the_quick_head_check_agrees_with_alembic() -> None:
    assert migrate._script_head() == migrate.head_revision()


def test_a_start_on_an_up_to_date_schema_loads_no_alembic_nor_renderers(
    context: AppContext, database_url: str
) -> None:
    # ``context`` has migrated the database: this start finds it up to date.
    result = subprocess.run(
        [sys.executable, "-c", _START, database_url],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_start_on_an_empty_database_still_migrates(database_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import make_settings

    with AppContext.running(make_settings(database_url, tmp_path)) as context:
        assert migrate.current_revision(context.db) == migrate.head_revision()
        assert migrate.schema_drift(context.db) == []
