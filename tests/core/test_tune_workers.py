"""Four `playground tune` workers share one study; one is SIGKILLed in the middle of a trial.
Its heartbeats stop, another worker fails the trial and queues its values again, the retry
completes, and the study ends with exactly the requested number of complete trials — on
SQLite (the default storage) and on a real PostgreSQL server (a throwaway cluster made with
initdb in a temporary folder, listening on 127.0.0.1 only, removed afterwards).

Without PostgreSQL's programs (initdb, pg_ctl: on PATH or in Debian's /usr/lib/postgresql/
VERSION/bin) or the psycopg2 driver the PostgreSQL case is skipped — except where
PLAYGROUND_REQUIRE_POSTGRES=1 (CI's .ci/run sets it) or CI is set, where it fails instead.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import optuna
import pytest
import sqlalchemy

from playground.cli.main import main
from playground.core.config.presets import load_preset
from playground.core.experiments.search_space import TuneError, default_space
from playground.core.experiments.shared_study import (
    GRACE_HEARTBEATS,
    MAX_RETRIES,
    PRESUMED_DEAD,
    SLOT,
    TAKEN_OVER,
    NotNeeded,
    _QueueEmpty,
    _queued_only,
    next_step,
    take_place,
)
from playground.core.experiments.tune import StudyCallback, open_storage, run_study, sqlite_url

from .conftest import mlp_config

TOTAL = 6  # complete trials the study must end with
HEARTBEAT = 1  # seconds; a dead worker's trial is failed after GRACE_HEARTBEATS of them
# CI must run the PostgreSQL case (.ci/run installs it), like test_real_window's Xvfb.
REQUIRE_POSTGRES = os.environ.get("PLAYGROUND_REQUIRE_POSTGRES") == "1" or bool(os.environ.get("CI"))

# The victim: `playground tune` whose training never returns, so it is surely mid-trial (its
# trial RUNNING, its values chosen, its heartbeats going) when the test kills it.
STALLING_WORKER = (
    "import sys, time\n"
    "import playground.core.experiments.tune as tune\n"
    "def stall(*args, **kwargs):\n"
    "    time.sleep(3600)\n"
    "tune.fit = stall\n"
    "from playground.cli.main import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def _missing(what: str):
    if REQUIRE_POSTGRES:
        pytest.fail(f"PLAYGROUND_REQUIRE_POSTGRES=1 but {what} — install postgresql (apt) and psycopg2-binary (pip).")
    pytest.skip(f"{what}: the PostgreSQL case needs a PostgreSQL server (Debian: apt install postgresql)")


def _postgres_bin() -> Path | None:
    """The folder with initdb and pg_ctl: on PATH, else Debian's newest /usr/lib/postgresql/N/bin."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def postgres_url():
    """A PostgreSQL server of its own in a temporary folder, on 127.0.0.1 and a free port
    (its unix socket in that folder too), with an empty database `study`; stopped and deleted
    afterwards, also when the test fails. initdb refuses to run as root: as root, the server
    runs as the `postgres` user (Debian's package makes it), else `nobody`."""
    bindir = _postgres_bin()
    if bindir is None:
        _missing("initdb and pg_ctl were not found")
    try:
        import psycopg2
    except ImportError:
        _missing("the psycopg2 driver is not installed")
    root = Path(tempfile.mkdtemp(prefix="playground-pg-"))
    run_as: dict = {}
    if os.geteuid() == 0:
        user = next((u for u in ("postgres", "nobody") if _has_user(u)), None)
        if user is None:
            _missing("there is no unprivileged user (postgres or nobody) to run the server as")
        entry = pwd.getpwnam(user)
        os.chown(root, entry.pw_uid, entry.pw_gid)
        run_as = {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}
    data, port = root / "data", _free_port()

    def pg(*args: str, timeout: int = 60) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(bindir / args[0]), *args[1:]], cwd=root, stdin=subprocess.DEVNULL, capture_output=True,
            text=True, timeout=timeout, **run_as,
        )

    started = False
    try:
        made = pg("initdb", "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "-N")
        assert made.returncode == 0, made.stdout + made.stderr
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off"
        up = pg("pg_ctl", "-D", str(data), "-l", str(root / "server.log"), "-o", options, "-w", "-t", "60", "start")
        started = up.returncode == 0
        assert started, up.stdout + up.stderr + _read(root / "server.log")
        connection = psycopg2.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres")
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("CREATE DATABASE study")
        connection.close()
        yield f"postgresql+psycopg2://postgres@127.0.0.1:{port}/study"
    finally:
        if started:
            pg("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "-t", "60", "stop")
        shutil.rmtree(root, ignore_errors=True)


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _read(path: Path) -> str:
    try:
        return path.read_text(errors="replace")
    except OSError:
        return ""


@pytest.fixture(params=["sqlite", "postgresql"])
def storage_url(request, tmp_path):
    if request.param == "sqlite":
        return sqlite_url(tmp_path / "study.db")
    return request.getfixturevalue("postgres_url")


def _trials(url: str) -> list[optuna.trial.FrozenTrial]:
    storage = open_storage(url, heartbeat=None)
    try:
        return optuna.load_study(study_name="shared", storage=storage).get_trials(deepcopy=False)
    except KeyError:  # the first worker has not created the study yet
        return []
    finally:
        storage.engine.dispose()


def _wait_for(condition, what: str, procs, timeout: float = 90.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        for p in procs:
            if p.poll() is not None:
                pytest.fail(f"a worker ended (exit {p.returncode}) while waiting for {what}: {p.communicate()[1][-3000:]}")
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}")


def test_a_killed_workers_trial_is_retried_and_the_study_ends_with_exactly_the_total(storage_url):
    started = time.monotonic()
    command = ["tune", "xor-mlp", "--total", str(TOTAL), "--sampler", "random", "--pruner", "none", "--epochs", "1",
               "--storage", storage_url, "--study", "shared", "--heartbeat", str(HEARTBEAT)]
    env = {**os.environ, "OMP_NUM_THREADS": "1"}

    def start(argv):
        return subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    victim = start([sys.executable, "-c", STALLING_WORKER, *command])
    workers: list[subprocess.Popen] = []
    try:
        keys = len(default_space(load_preset("xor-mlp")).keys)

        def victims_trial():  # all its values chosen: it trains (stalls)
            return next((t for t in _trials(storage_url)
                         if t.state.name == "RUNNING" and t.user_attrs.get("worker", "").endswith(f":{victim.pid}")
                         and len(t.params) == keys), None)

        mine = _wait_for(victims_trial, "the victim's trial to run", [victim])
        workers = [start([sys.executable, "-m", "playground", *command]) for _ in range(3)]
        # The others are at work (one trial of theirs complete) when the victim dies.
        _wait_for(lambda: any(t.state.name == "COMPLETE" for t in _trials(storage_url)), "a complete trial", workers)
        victim.send_signal(signal.SIGKILL)
        assert victim.wait(timeout=30) == -signal.SIGKILL
        outputs = [p.communicate(timeout=120) for p in workers]
    finally:
        for p in [victim, *workers]:
            if p.poll() is None:
                p.kill()
                p.wait()
    seconds = time.monotonic() - started

    for p, (out, err) in zip(workers, outputs):
        assert p.returncode == 0, out + err
        assert "Traceback" not in err, err
        assert f"until {TOTAL} trials are complete" in out
    trials = sorted(_trials(storage_url), key=lambda t: t.number)
    by_state: dict[str, list] = {}
    for t in trials:
        by_state.setdefault(t.state.name, []).append(t)
    complete, failed = by_state.get("COMPLETE", []), by_state.get("FAIL", [])
    assert set(by_state) <= {"COMPLETE", "FAIL"}, {s: len(ts) for s, ts in by_state.items()}

    # The victim's trial failed by heartbeat, and exactly one retry ran its values to completion.
    dead = next(t for t in trials if t.number == mine.number)
    assert dead.state.name == "FAIL" and dead.params == mine.params
    retries = [t for t in trials if t.system_attrs.get("failed_trial") == mine.number]
    assert len(retries) == 1, [(t.number, t.state.name) for t in retries]
    retry = retries[0]
    assert retry.state.name == "COMPLETE" and retry.params == mine.params, (retry.state.name, retry.user_attrs)
    assert not retry.user_attrs["worker"].endswith(f":{victim.pid}") and retry.user_attrs["epochs"] == 1
    # Exactly the total, each parameter set once.
    assert len(complete) == TOTAL
    assert len({tuple(sorted(t.params.items())) for t in complete}) == TOTAL
    # Any other failed trial waited for a place that another trial took, and ran nothing.
    not_needed = [t for t in failed if t.number != mine.number]
    for t in not_needed:
        assert t.user_attrs.get(SLOT) == "waiting" and not t.params, (t.number, t.user_attrs)
        assert t.user_attrs["message"].startswith("Not needed")
    workers_used = {t.user_attrs["worker"] for t in complete}
    assert len(workers_used) >= 2
    print(f"\n[{storage_url.split(':')[0]}] requested {TOTAL}, complete {len(complete)}, failed {len(failed)} "
          f"(killed worker's {1}, not needed {len(not_needed)}), retried {len(retries)} (trial #{mine.number} as "
          f"#{retry.number}), trials in the study {len(trials)}, complete by {len(workers_used)} workers; "
          f"heartbeat {HEARTBEAT} s, grace {GRACE_HEARTBEATS * HEARTBEAT} s; retry took {retry.duration.total_seconds():.2f} s; {seconds:.1f} s")


# --------------------------------------------------------------------------- places, in one process


def _study() -> optuna.Study:
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    return optuna.create_study(storage=optuna.storages.InMemoryStorage())


def _take(trial, total, stop=True):
    """take_place that gives up at once where it would wait."""
    take_place(trial, total, lambda: stop, poll=0)
    return trial.study._storage.get_trial(trial._trial_id).user_attrs[SLOT]


def test_a_trial_waits_while_the_running_trials_fill_the_study_and_is_not_needed_once_they_complete():
    study = _study()
    first, second = study.ask(), study.ask()  # `first` holds a place (a running trial not yet marked counts)
    with pytest.raises(NotNeeded, match="Stopped while waiting"):
        _take(second, total=1)
    study.tell(first, 1.0)
    with pytest.raises(NotNeeded, match="reached its 1 complete trials"):
        _take(study.ask(), total=1)


def test_a_place_freed_by_a_failed_trial_is_taken():
    study = _study()
    first, second = study.ask(), study.ask()
    study.tell(first, state=optuna.trial.TrialState.FAIL)
    assert _take(second, total=1) == "taken"


def test_of_two_trials_started_together_the_earlier_number_takes_the_last_place():
    study = _study()
    early, late = study.ask(), study.ask()
    for t in (early, late):
        t.set_user_attr(SLOT, "waiting")  # both saw a free place and made a trial at once
    with pytest.raises(NotNeeded):
        _take(late, total=1)
    assert _take(early, total=1) == "taken"


def test_a_queued_retry_goes_before_a_new_trial():
    study = _study()
    new = study.ask()
    study.enqueue_trial({"x": 1.0})  # as the retry of a dead worker's trial is queued
    with pytest.raises(NotNeeded, match="a retried trial took its place"):
        _take(new, total=1, stop=False)
    retry = study.ask()  # pops the queued trial
    assert retry.number != new.number
    assert _take(retry, total=1) == "taken"


def test_next_step_counts_complete_running_and_queued_trials():
    study = _study()
    assert next_step(study, 2)[0] == "run"
    a, b = study.ask(), study.ask()
    assert next_step(study, 2) == ("wait", 0, 2)
    study.tell(a, 1.0)
    study.enqueue_trial({"x": 1.0})
    assert next_step(study, 2) == ("queued", 1, 1)  # a place for the queued trial only
    study.tell(b, state=optuna.trial.TrialState.FAIL)
    assert next_step(study, 3) == ("run", 1, 0)  # with one more place: a new trial too
    assert next_step(study, 2) == ("queued", 1, 0)
    study.tell(study.ask(), 1.0)  # the queued trial
    assert next_step(study, 2) == ("done", 2, 0)


@pytest.mark.filterwarnings("ignore:Heartbeat of storage is supposed to be used with Study.optimize")
def test_between_failing_a_dead_trial_and_queuing_its_retry_no_new_trial_takes_its_place(tmp_path):
    """Failing a dead worker's trial and queuing its retry are two writes. CI once saw another
    worker start a new trial in between: it took the place, the study reached its total, and
    the retry ended as not needed — the dead trial's values were never run (a grid point lost)."""
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    seen_in_between = []

    def retry_callback(study, frozen):
        seen_in_between.append(next_step(study, 1))  # what another worker sees at that moment
        new = study.ask()
        with pytest.raises(NotNeeded, match="Stopped while waiting"):
            _take(new, total=1)  # a new trial started then waits for a place
        study.tell(new, state=optuna.trial.TrialState.FAIL)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
            optuna.storages.RetryHeartbeatStaleTrialCallback(max_retry=MAX_RETRIES)(study, frozen)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
        storage = optuna.storages.RDBStorage(sqlite_url(tmp_path / "s.db"), heartbeat_interval=1, grace_period=1,
                                             heartbeat_stale_trial_callback=retry_callback)
    study = optuna.create_study(storage=storage)
    dead = study.ask({"x": optuna.distributions.FloatDistribution(0, 1)})
    dead.set_user_attr(SLOT, "taken")
    storage.record_heartbeat(dead._trial_id)

    with storage.engine.begin() as connection:  # its worker died long ago
        connection.execute(sqlalchemy.text("UPDATE trial_heartbeats SET heartbeat = '2000-01-01 00:00:00'"))

    assert next_step(study, 1) == ("queued", 0, 0)
    assert seen_in_between == [("wait", 0, 0)]
    failed = study._storage.get_trial(dead._trial_id)
    assert failed.state.name == "FAIL" and failed.user_attrs[PRESUMED_DEAD] == dead.number
    storage.engine.dispose()


def test_a_failed_trial_holds_its_place_for_its_retry_for_a_grace_period_at_most(monkeypatch):
    from playground.core.experiments import shared_study

    study = _study()
    x = {"x": optuna.distributions.FloatDistribution(0, 1)}

    def dead(number, **system_attrs):
        study.add_trial(optuna.create_trial(state=optuna.trial.TrialState.FAIL, params={"x": 0.5}, distributions=x,
                                            user_attrs={PRESUMED_DEAD: number, SLOT: "taken"},
                                            system_attrs=system_attrs))

    dead(0)
    assert next_step(study, 1) == ("wait", 0, 0)
    now = time.monotonic()
    monkeypatch.setattr(shared_study.time, "monotonic", lambda: now + GRACE_HEARTBEATS * 10 + 1)
    # The worker that failed it died before queuing the retry: the place is free again.
    assert next_step(study, 1) == ("run", 0, 0)
    monkeypatch.undo()
    # Retries used up: there will be none to wait for.
    dead(1, failed_trial=0, retry_history=list(range(MAX_RETRIES)))
    assert next_step(study, 1) == ("run", 0, 0)


@pytest.mark.parametrize("claim", ["fail", "pop"])
def test_on_sqlite_one_worker_only_claims_a_trial(tmp_path, claim):
    """Failing a dead worker's trial and popping a queued one are claims: read the state, write
    the new one. SQLite has no SELECT ... FOR UPDATE and Python's sqlite3 began no transaction
    before the write, so two workers both won (15 of 60 rounds of this test before the fix):
    two retries of one dead trial, or one queued trial run twice."""
    import threading

    optuna.logging.set_verbosity(optuna.logging.ERROR)
    url = sqlite_url(tmp_path / "s.db")
    study = optuna.create_study(storage=open_storage(url, heartbeat=None), study_name="s")
    storages = [open_storage(url, heartbeat=None) for _ in range(4)]
    to = optuna.trial.TrialState.FAIL if claim == "fail" else optuna.trial.TrialState.RUNNING
    try:
        for _ in range(30):
            if claim == "fail":
                trial_id = study.ask()._trial_id
            else:
                study.enqueue_trial({})
                trial_id = study.get_trials(deepcopy=False)[-1]._trial_id
            start, wins = threading.Barrier(len(storages)), []

            def claim_it(storage):
                start.wait()
                try:
                    if storage.set_trial_state_values(trial_id, to):
                        wins.append(storage)
                except optuna.exceptions.UpdateFinishedTrialError:
                    pass  # failed by another already

            threads = [threading.Thread(target=claim_it, args=(s,)) for s in storages]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert len(wins) == 1
    finally:
        for storage in [study._storage, *storages]:
            getattr(storage, "_backend", storage).engine.dispose()


def test_a_worker_that_only_wants_the_queued_trial_creates_none_when_another_took_it():
    study = _study()
    pop = _queued_only(study)
    with pytest.raises(_QueueEmpty):
        pop()
    study.enqueue_trial({"x": 1.0})
    assert isinstance(pop(), int)
    assert len(study.get_trials()) == 1


def test_a_total_counts_the_trials_already_in_the_study(tmp_path, blobs):
    url = sqlite_url(tmp_path / "s.db")
    space = default_space()

    def run(**how):
        return run_study(mlp_config(epochs=1), space, sampler="random", pruner="none", storage=url,
                         study_name="s", dataset=blobs, **how)

    assert run(total=3).trials_run == 3
    assert run(total=3).trials_run == 0  # complete already
    result = run(total=5)
    assert result.trials_run == 2 and sum(r.state == "complete" for r in result.rows) == 5
    for both_or_neither in ({"trials": 1, "total": 1}, {}):
        with pytest.raises(TuneError, match="one of the two"):
            run(**both_or_neither)


def test_tune_refuses_trials_with_total_and_a_heartbeat_below_one(capsys):
    assert main(["tune", "xor-mlp", "--trials", "2", "--total", "3"]) == 2
    assert "--trials (how many to run now) or --total" in capsys.readouterr().err
    assert main(["tune", "xor-mlp", "--total", "3", "--heartbeat", "0"]) == 2
    assert "--heartbeat must be at least 1, got 0" in capsys.readouterr().err


def test_a_worker_whose_live_trial_another_failed_drops_it_says_so_and_goes_on(blobs):
    """As when this machine slept past the grace period: another worker failed the trial and
    queued its values again. Optuna then refuses to record its result ("Cannot tell a FAIL
    trial"), which ended the whole search with a traceback."""

    class FailedElsewhere(StudyCallback):
        rows = []

        def on_study_opened(self, study):
            self.study = study

        def on_trial_start(self, number, params):
            if number == 0:  # what another worker's heartbeat check does
                trial = next(t for t in self.study.get_trials() if t.number == 0)
                self.study._storage.set_trial_state_values(trial._trial_id, optuna.trial.TrialState.FAIL)

        def on_trial_end(self, row, study):
            self.rows.append(row)

    cb = FailedElsewhere()
    result = run_study(mlp_config(epochs=1), default_space(), trials=2, sampler="random", pruner="none",
                       dataset=blobs, callbacks=[cb])
    assert [(r.number, r.state) for r in cb.rows] == [(0, "fail"), (1, "complete")]
    assert cb.rows[0].message == TAKEN_OVER
    assert result.trials_run == 1
