"""The `vendormatch seed` command: reference data always, demo data on request."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from api.core.runtime import Runtime
from api.core.seeds import seeds_dir
from api.seeding.demo import load_history, load_vendors, read_json
from api.seeding.showcase import load_showcase
from api.seeding.taxonomy import load_taxonomy, read_taxonomy
from api.tags.service import forget_tag_catalog, tag_catalog, touch_taxonomy


def print_progress(what: str, done: int, total: int) -> None:
    end = "\n" if done >= total else ""
    print(f"\r  {what}: {done}/{total}", end=end, file=sys.stderr, flush=True)


async def seed_reference(runtime: Runtime) -> int:
    """The skill taxonomy; country, language, currency and zone data come from packages."""
    records = read_taxonomy(seeds_dir() / "taxonomy")
    async with runtime.sessions() as session, session.begin():
        created = await load_taxonomy(session, records)
        await touch_taxonomy(session)  # other workers reload their catalogs too
    forget_tag_catalog(runtime)
    return created


async def seed(
    runtime: Runtime, *, demo: bool, vendor_file: Path | None, quiet: bool = False
) -> dict[str, int]:
    """Load the taxonomy, then optional demo vendors (and history) or a vendor file."""
    progress = (lambda *_: None) if quiet else print_progress
    started = time.perf_counter()
    counts = {"tags": await seed_reference(runtime)}
    catalog = await tag_catalog(runtime)
    if demo or vendor_file:
        path = vendor_file or seeds_dir() / "demo_vendors.json"
        counts["vendors"] = await load_vendors(
            runtime.sessions, catalog, read_json(path)["vendors"], progress
        )
    if demo:
        history = read_json(seeds_dir() / "demo_history.json")
        counts["projects"] = await load_history(runtime.sessions, catalog, history, progress)
        signin = await load_showcase(runtime.sessions, catalog)
        if signin is not None and not quiet:
            print(
                "Demo sign-ins (password reset on every `seed --demo`; set "
                "VENDORMATCH_DEMO_PASSWORD to choose it):\n"
                f"  business  {signin.business_email}\n"
                f"  vendor    {signin.vendor_email}\n"
                f"  password  {signin.password}",
                file=sys.stderr,
            )
    counts["seconds"] = round(time.perf_counter() - started)
    return counts
