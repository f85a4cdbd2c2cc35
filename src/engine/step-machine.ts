/**
 * Runs one step of a dialog machine without keeping an actor alive: restore the persisted snapshot,
 * apply the event with the machine's pure transition, run the promise actors the step invoked, feed
 * their results back, and stop when the machine waits for the customer again.
 *
 * Why not `createActor(...).start()` per turn: an actor restored from a snapshot costs about three
 * times a pure transition (measured in bench/engine.ts), and a turn only needs the transition.
 * Async work still goes through xstate's own machinery: `fromPromise` actors invoked by states, whose
 * completion arrives as the usual `xstate.done.actor.*` / `xstate.error.actor.*` events.
 */
import { createActor, type AnyActorRef, type AnyEventObject, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import { DialogDefinitionError, ParleyError } from '../core/errors.js';

export interface StepResult {
  snapshot: AnyMachineSnapshot;
  /** Events the machine emitted (`parley.say`, `parley.directive`…), in order. */
  emitted: AnyEventObject[];
}

export interface StepOptions {
  /** How long one invoked promise may run before it fails with a timeout. */
  taskTimeoutMs: number;
  dialog: string;
}

/**
 * The inert actor that serves as `self` and `system` for pure transitions is built once per machine;
 * the scope around it is built per step, so concurrent turns never share an emitted-event buffer.
 */
const inertActors = new WeakMap<AnyStateMachine, AnyActorRef>();

/** The actor scope of one step: xstate calls these as methods, so nothing is allocated per call. */
class StepScope {
  readonly emitted: AnyEventObject[] = [];
  readonly id = '';
  readonly sessionId = '';
  readonly system: unknown;
  constructor(readonly self: AnyActorRef) {
    this.system = (self as any).system;
  }
  logger(): void {}
  stopChild(): void {}
  defer(fn: () => void): void {
    fn();
  }
  emit(event: AnyEventObject): void {
    this.emitted.push(event);
  }
  actionExecutor(action: { exec?: (info: unknown, params: unknown) => void; info: unknown; params: unknown }): void {
    action.exec?.(action.info, action.params);
  }
}

function scopeFor(machine: AnyStateMachine): StepScope {
  let self = inertActors.get(machine);
  if (!self) {
    self = createActor(machine, { input: undefined as never });
    inertActors.set(machine, self);
  }
  return new StepScope(self);
}

/** Starts a machine: its initial state, with input, settled. */
export function startMachine(machine: AnyStateMachine, input: unknown, options: StepOptions): Promise<StepResult> {
  const scope = scopeFor(machine);
  const snapshot = machine.getInitialSnapshot(scope as any, input) as AnyMachineSnapshot;
  return settle(machine, scope, snapshot, options);
}

/** Applies one event to a persisted snapshot, settled. */
export function stepMachine(machine: AnyStateMachine, persisted: unknown, event: AnyEventObject, options: StepOptions): Promise<StepResult> {
  const scope = scopeFor(machine);
  const restored = restore(machine, persisted, scope);
  const snapshot = machine.transition(restored, event, scope as any) as AnyMachineSnapshot;
  return settle(machine, scope, snapshot, options);
}

/**
 * A settled snapshot has no children, so the cheaper `resolveState` rebuilds it (restoreSnapshot
 * also revives child actors and history, which costs ~4x more here).
 */
function restore(machine: AnyStateMachine, persisted: unknown, scope: unknown): AnyMachineSnapshot {
  const stored = persisted as { status?: string; value?: unknown; context?: unknown; children?: object; historyValue?: object };
  const plain = stored?.status === 'active' && Object.keys(stored.children ?? {}).length === 0 && Object.keys(stored.historyValue ?? {}).length === 0;
  if (plain) return machine.resolveState({ value: stored.value as never, context: stored.context as never }) as AnyMachineSnapshot;
  return machine.restoreSnapshot(persisted as never, scope as never) as AnyMachineSnapshot;
}

const plainDataMachines = new WeakSet<AnyStateMachine>();

/**
 * Declares that a machine's context is plain JSON data and it has no history states, so a settled
 * snapshot persists as its status, value and context (what getPersistedSnapshot would copy, minus the
 * walk). Compiled dialogs are such machines.
 */
export function markPlainDataMachine(machine: AnyStateMachine): AnyStateMachine {
  plainDataMachines.add(machine);
  return machine;
}

/** The snapshot as JSON-safe data, for the conversation store. */
export function persistSnapshot(machine: AnyStateMachine, snapshot: AnyMachineSnapshot): unknown {
  if (!plainDataMachines.has(machine)) return machine.getPersistedSnapshot(snapshot);
  const persisted: Record<string, unknown> = { status: snapshot.status, value: snapshot.value, context: snapshot.context };
  if (snapshot.output !== undefined) persisted.output = snapshot.output;
  return persisted;
}

async function settle(machine: AnyStateMachine, scope: StepScope, first: AnyMachineSnapshot, options: StepOptions): Promise<StepResult> {
  let snapshot = first;
  const { emitted } = scope;
  // Bounded: a machine that keeps invoking on every completion is a bug, not a conversation.
  for (let round = 0; snapshot.status === 'active' && round < 50; round++) {
    const child = firstChild(snapshot);
    if (!child) return { snapshot, emitted };
    const event = await runPromiseChild(child, scope, options);
    snapshot = machine.transition(snapshot, event, scope as any) as AnyMachineSnapshot;
  }
  if (snapshot.status === 'active' && firstChild(snapshot)) {
    throw new DialogDefinitionError(options.dialog, 'invoked more than 50 tasks in one turn; is a state invoking itself in a loop?');
  }
  return { snapshot, emitted };
}

function firstChild(snapshot: AnyMachineSnapshot): AnyActorRef | undefined {
  for (const id in snapshot.children) {
    const child = snapshot.children[id];
    if (child) return child;
  }
  return undefined;
}

async function runPromiseChild(child: AnyActorRef, scope: StepScope, options: StepOptions): Promise<AnyEventObject> {
  const logic = (child as any).logic;
  const create = logic?.config;
  if (typeof create !== 'function' || typeof logic.start !== 'function' || !('input' in (child.getSnapshot() ?? {}))) {
    throw new DialogDefinitionError(
      options.dialog,
      `invokes "${child.id}", which is not a promise actor; dialogs keep no live actors between turns, so invoke fromPromise(...) for async work`,
    );
  }
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ParleyError('dialog', `task "${child.id}" of dialog ${options.dialog} took longer than ${options.taskTimeoutMs} ms`));
    }, options.taskTimeoutMs);
  });
  try {
    const output = await Promise.race([
      create({
        input: child.getSnapshot().input,
        system: scope.system,
        self: child,
        signal: controller.signal,
        emit: (event: AnyEventObject) => scope.emitted.push(event),
      }),
      timeout,
    ]);
    return { type: `xstate.done.actor.${child.id}`, output, actorId: child.id };
  } catch (error) {
    return { type: `xstate.error.actor.${child.id}`, error, actorId: child.id };
  } finally {
    clearTimeout(timer);
  }
}
