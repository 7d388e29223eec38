"""A study that survives its workers: several processes (or machines) add trials to one study,
any of them may die, and the study still ends with exactly the number of complete trials asked for.

Heartbeats. Every running trial records a heartbeat in the storage every `heartbeat` seconds
(Optuna's RDBStorage does this on a thread). Before each trial, and while it waits, a worker
looks for running trials whose heartbeat is older than GRACE_HEARTBEATS beats: their worker
was killed, lost its machine or its network. Such a trial is marked failed and the same
parameters are queued as a new trial (Optuna's RetryHeartbeatStaleTrialCallback), at most
MAX_RETRIES times, so values that kill every worker that tries them (memory) are given up.

An exact total. `run_study(total=N)` in every worker runs trials until the study has N
complete ones, counting every worker's. Optuna's MaxTrialsCallback stops a worker only after
a trial ends, so the trials the other workers have under way then all complete and the study
overshoots by up to one per worker. Here a trial takes a *place* before it trains: the places
are N minus the complete trials, and a trial may train only when the trials ahead of it leave
one free. Ahead of a trial are the running trials that hold a place (a dead worker's trial
keeps its place until it is failed, so its retry gets it back), the queued (retried or
enqueued) trials when it is a new one, and the trials still waiting for a place that came
first. Two workers that start a trial at the same moment can both see a free place — trial
numbers decide: the later one waits. Failing a dead worker's trial and queuing its retry are
two writes, not one: in between, the failed trial (marked PRESUMED_DEAD just before) still
holds its place, so that no new trial takes the retry's place in that moment. A waiting trial that is not needed after all (the study
reached N, or a retried trial is queued and must go first) ends as failed before it has any
parameters, with a message saying why; it trained nothing.
"""

from __future__ import annotations

import copy
import time
import warnings
from typing import TYPE_CHECKING, Any, Callable, Sequence

from playground.core.errors import PlaygroundError

if TYPE_CHECKING:  # Optuna loads when a study opens: the command line's parser names HEARTBEAT_S
    import optuna
    from optuna.trial import FrozenTrial

__all__ = [
    "GRACE_HEARTBEATS",
    "HEARTBEAT_S",
    "MAX_RETRIES",
    "PRESUMED_DEAD",
    "SLOT",
    "TAKEN_OVER",
    "NotNeeded",
    "heartbeat_options",
    "next_step",
    "retried_from",
    "run_trials",
    "take_place",
]

HEARTBEAT_S = 10  # a running trial's heartbeat, seconds
# A trial is presumed dead after this many missed beats (60 s by default): long enough that a
# busy machine, or a database that is slow for a moment, never loses a live trial.
GRACE_HEARTBEATS = 6
MAX_RETRIES = 2  # a dead worker's parameters are tried again at most this many times

TAKEN_OVER = (
    "Another worker failed this trial: no heartbeat from this one arrived for too long (was the machine "
    "asleep or the network down?); its values are queued again."
)
SLOT = "slot"  # user attribute of a trial in a study with a total: "waiting" for a place, or "taken"
# User attribute a worker sets, to the trial's own number, on a trial whose heartbeats stopped,
# just before failing it. (A retry inherits its user attributes, hence the number.)
PRESUMED_DEAD = "presumed_dead"


class NotNeeded(PlaygroundError):
    """A trial that waited for a place and was not needed: recorded as failed, trained nothing."""


def heartbeat_options(heartbeat: int | None) -> dict[str, Any]:
    """RDBStorage's keyword arguments for a heartbeat every `heartbeat` seconds (None: off)."""
    if heartbeat is None:
        return {}
    if isinstance(heartbeat, bool) or not isinstance(heartbeat, int) or heartbeat < 1:
        raise ValueError(f"The heartbeat must be a whole number of seconds >= 1, got {heartbeat!r}.")
    import optuna

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
        retry = optuna.storages.RetryHeartbeatStaleTrialCallback(max_retry=MAX_RETRIES)
    return {
        "heartbeat_interval": heartbeat,
        "grace_period": GRACE_HEARTBEATS * heartbeat,
        "heartbeat_stale_trial_callback": retry,
    }


def fail_dead_trials(study: optuna.Study) -> None:
    """Fail the running trials whose worker stopped beating, and queue their retries.

    Optuna's fail_stale_trials, with one write more: each trial is marked PRESUMED_DEAD before
    it is failed, so that until its retry is queued the other workers see a failed trial
    still holding its place (_awaiting_retry), not a free place. Failing is the claim: where
    two workers fail the same trial, the storage lets one of them, and only that one queues
    the retry."""
    import optuna
    from optuna.storages._heartbeat import BaseHeartbeat, is_heartbeat_enabled
    from optuna.trial import TrialState

    storage = study._storage
    if not isinstance(storage, BaseHeartbeat) or not is_heartbeat_enabled(storage):
        return
    failed = []
    for trial_id in storage._get_stale_trial_ids(study._study_id):
        try:
            storage.set_trial_user_attr(trial_id, PRESUMED_DEAD, storage.get_trial_number_from_id(trial_id))
            if storage.set_trial_state_values(trial_id, state=TrialState.FAIL):
                failed.append(trial_id)
        except optuna.exceptions.UpdateFinishedTrialError:
            pass  # another worker failed it first
    retry = storage.get_heartbeat_stale_trial_callback()
    if retry is not None:
        for trial_id in failed:
            retry(study, copy.deepcopy(storage.get_trial(trial_id)))


# (study id, trial id) -> when this process first saw the failed trial waiting for its retry
_first_seen_awaiting: dict[tuple[int, int], float] = {}


def _awaiting_retry(study: optuna.Study, trial: FrozenTrial, trials: Sequence[FrozenTrial]) -> bool:
    """A trial failed for its missing heartbeats whose retry is not queued yet (the worker
    that failed it queues it next). It keeps its place — unless its retries are used up, or
    this process has seen it waiting for a whole grace period: then the worker that failed it
    died before queuing the retry, and the place is free again. (Timed by this process's own
    clock: the workers' clocks may differ.)"""
    if not _is(trial, "FAIL") or trial.user_attrs.get(PRESUMED_DEAD) != trial.number:
        return False
    if len(trial.system_attrs.get("retry_history", ())) >= MAX_RETRIES:
        return False
    key = (study._study_id, trial._trial_id)
    if any(trial.number in t.system_attrs.get("retry_history", ()) for t in trials):
        _first_seen_awaiting.pop(key, None)
        return False
    heartbeat = getattr(study._storage, "get_heartbeat_interval", lambda: None)() or HEARTBEAT_S
    first = _first_seen_awaiting.setdefault(key, time.monotonic())
    return time.monotonic() - first < GRACE_HEARTBEATS * heartbeat


def retried_from(trial: FrozenTrial) -> int | None:
    """The number of the failed trial whose parameters `trial` runs again, if it is a retry."""
    return trial.system_attrs.get("failed_trial")


def _queued(trial: FrozenTrial | optuna.Trial) -> bool:
    """A trial that came from the queue: a retry or an enqueued parameter set."""
    attrs = getattr(trial, "system_attrs", None)
    if attrs is None:  # a live optuna.Trial keeps them in the storage only
        attrs = trial.study._storage.get_trial_system_attrs(trial._trial_id)
    return "failed_trial" in attrs or "fixed_params" in attrs


def _live(study: optuna.Study) -> tuple[list[FrozenTrial], int]:
    """The complete, running and queued trials, and how many failed trials await their retry."""
    trials = study.get_trials(deepcopy=False)
    awaiting = sum(_awaiting_retry(study, t, trials) for t in trials if _is(t, "FAIL"))
    return [t for t in trials if t.state.name in ("COMPLETE", "RUNNING", "WAITING")], awaiting


def _is(trial: FrozenTrial, state: str) -> bool:
    return trial.state.name == state


def next_step(study: optuna.Study, total: int) -> tuple[str, int, int]:
    """What a worker does next in a study that should end with `total` complete trials:
    ("done" | "run" | "queued" | "wait", complete, running). "run" when the complete, running
    and queued trials leave a place for a new trial; "queued" when they do not but a trial is
    queued (a retry): the worker runs it and must not start a new one if another worker takes
    it first; "wait" while the running ones (other workers', or a dead worker's not yet
    failed) may still fill the study."""
    fail_dead_trials(study)
    trials, awaiting = _live(study)
    complete = sum(_is(t, "COMPLETE") for t in trials)
    running = sum(_is(t, "RUNNING") for t in trials)
    queued = sum(_is(t, "WAITING") for t in trials)
    if complete >= total:
        return "done", complete, running
    if complete + running + queued + awaiting < total:
        return "run", complete, running
    return ("queued" if queued else "wait"), complete, running


class _QueueEmpty(Exception):
    """Another worker took the queued trial first."""


def _queued_only(study: optuna.Study) -> Callable[[], int]:
    """`study._pop_waiting_trial_id` that raises _QueueEmpty where Optuna's `ask` would go on
    to create a new trial (nothing is created yet when it raises)."""
    pop = type(study)._pop_waiting_trial_id.__get__(study)

    def pop_or_raise() -> int:
        trial_id = pop()
        if trial_id is None:
            raise _QueueEmpty
        return trial_id

    return pop_or_raise


def _ahead(trials: Sequence[FrozenTrial], me: int, queued: bool, awaiting: int = 0) -> int:
    """The trials that go before trial number `me`: complete, holding a place, queued or
    `awaiting` their retry (for a new trial), or waiting for a place and earlier in line
    (queued before new, then by number)."""
    count = 0 if queued else awaiting
    for t in trials:
        if t.number == me:
            continue
        if _is(t, "COMPLETE"):
            count += 1
        elif _is(t, "WAITING"):
            count += not queued
        elif t.user_attrs.get(SLOT) != "waiting":  # a place taken; or not marked yet: counted, to be safe
            count += 1
        elif _queued(t) != queued:
            count += _queued(t)
        else:
            count += t.number < me
    return count


def take_place(
    trial: optuna.Trial,
    total: int,
    stop_requested: Callable[[], bool],
    poll: float,
    on_wait: Callable[[int, int], None] = lambda complete, running: None,
) -> None:
    """Block until `trial` may train without the study passing `total` complete trials; raise
    NotNeeded when it will not be needed (see the module's docstring)."""
    queued = _queued(trial)
    trial.set_user_attr(SLOT, "waiting")
    waited = False
    while True:
        fail_dead_trials(trial.study)
        trials, awaiting = _live(trial.study)
        complete = sum(_is(t, "COMPLETE") for t in trials)
        if complete >= total:
            raise NotNeeded(f"Not needed: the study reached its {total} complete trials while this one waited for a place.")
        if _ahead(trials, trial.number, queued, awaiting) < total:  # complete trials are counted in it
            trial.set_user_attr(SLOT, "taken")
            return
        if not queued and any(_is(t, "WAITING") for t in trials):
            # A retried trial goes first, and only a worker that is not waiting can pick it up.
            raise NotNeeded("Not needed: a retried trial took its place.")
        if stop_requested():
            raise NotNeeded("Stopped while waiting for a place.")
        if not waited:
            on_wait(complete, sum(_is(t, "RUNNING") for t in trials) - 1)
            waited = True
        sleep(poll, stop_requested)


def sleep(seconds: float, stop_requested: Callable[[], bool]) -> None:
    """Sleep, waking early on a stop request."""
    end = time.monotonic() + seconds
    while not stop_requested() and (left := end - time.monotonic()) > 0:
        time.sleep(min(left, 0.1))


def run_trials(
    study: optuna.Study,
    objective: Callable[[optuna.Trial], float],
    *,
    trials: int | None,
    total: int | None,
    stop_requested: Callable[[], bool],
    after_trial: Callable[[optuna.Study, FrozenTrial], None],
    catch: tuple[type[Exception], ...],
    exhausted: Callable[[], bool],
    started: list[int],
    poll: float,
    on_wait: Callable[[int, int], None],
    on_taken_over: Callable[[FrozenTrial], None],
) -> None:
    """Run `trials` trials, or (`total`) until the study has `total` complete ones, one
    `study.optimize` call per trial. `objective` appends its trial's id to `started`.

    A worker whose live trial was failed by another (its heartbeats did not arrive for the
    grace period: a machine asleep, a network cut) gets Optuna's "Cannot tell a FAIL trial"
    when the trial ends; the result is dropped (the retry runs the values again), the worker
    says so through `on_taken_over` and goes on."""
    ran = 0
    last_wait = None
    while not stop_requested() and not exhausted():
        if total is None:
            if ran >= trials:
                break
        else:
            step, complete, running = next_step(study, total)
            if step == "done":
                break
            if step == "wait":
                if last_wait != (complete, running):
                    on_wait(complete, running)
                    last_wait = (complete, running)
                sleep(poll, stop_requested)
                continue
            if step == "queued":  # for this one trial, a queued trial or none (see _queued_only)
                study._pop_waiting_trial_id = _queued_only(study)
        last_wait = None
        before = len(started)
        try:
            study.optimize(objective, n_trials=1, catch=catch, callbacks=[after_trial])
        except _QueueEmpty:
            continue
        except ValueError as e:
            if len(started) == before or not str(e).startswith("Cannot tell a"):
                raise
            frozen = study._storage.get_trial(started[-1])
            if not frozen.state.is_finished():
                raise
            on_taken_over(frozen)
        finally:
            study.__dict__.pop("_pop_waiting_trial_id", None)
        ran += 1
