"""A schedules layer with the 治安管理处罚法 test fixture, for HTTP and page tests, while the real
catalogue (schedules/penalties/zhian-*.toml) is not merged; once it is, the bundled set alone."""
import shutil
from pathlib import Path

from calc import schedules as sched

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests/data/zhian-fixture.toml"
REAL = sorted((ROOT / "schedules/penalties").glob("zhian-*.toml"))


def load_with_fixture(tmp: Path):
    if REAL:
        return sched.load()
    (tmp / "penalties").mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURE, tmp / "penalties" / "zhian-fixture.toml")
    return sched.load([str(tmp)])
